/**
 * The IPC contract: every channel between main and renderer, in one place. Main validates every
 * payload against these schemas (src/main/ipc/router.ts); the preload and the browser host only
 * forward; the renderer gets the inferred types. Nothing here ever carries a secret.
 */
import { z } from 'zod'
import { AgentRow } from './floor'

/** Where the floor comes from and how that connection is doing. */
export const ConnectionStatus = z.object({
  source: z.enum(['none', 'pbx', 'demo']),
  state: z.enum(['idle', 'connecting', 'live', 'reconnecting', 'stopped']),
  /** What went wrong last, in words (never a secret). */
  message: z.string().nullable(),
  /** Epoch ms of the next attempt while reconnecting. */
  retryAt: z.number().nullable(),
  /** True when the rows on screen may be out of date (not live). */
  stale: z.boolean()
})
export type ConnectionStatus = z.infer<typeof ConnectionStatus>

/** The whole floor: sent on load and whenever the renderer sees a gap in delta sequence numbers. */
export const FloorSnapshot = z.object({
  seq: z.number().int().nonnegative(),
  rows: z.array(AgentRow),
  connection: ConnectionStatus,
  /** Main's clock when the snapshot was made, so the renderer can correct its own clock. */
  serverTime: z.number()
})
export type FloorSnapshot = z.infer<typeof FloorSnapshot>

/** Rows changed since `seq - 1` (at most one per animation frame, coalescing many AMI events). */
export const FloorDelta = z.object({
  seq: z.number().int().positive(),
  rows: z.array(AgentRow),
  removed: z.array(z.string())
})
export type FloorDelta = z.infer<typeof FloorDelta>

const Empty = z.object({}).strict()
const Ok = z.object({ ok: z.literal(true) })

/** Request/response channels: renderer asks, main answers. */
export const invokeContract = {
  'floor:snapshot': { request: Empty, response: FloorSnapshot },
  /** Start the built-in demo PBX and show its floor ("Try the demo floor"). */
  'demo:start': { request: Empty, response: Ok }
} as const

/** Streams: main pushes, the renderer listens. */
export const streamContract = {
  'floor:delta': FloorDelta,
  'connection:status': ConnectionStatus
} as const

export type InvokeChannel = keyof typeof invokeContract
export type StreamChannel = keyof typeof streamContract
export type InvokeRequest<C extends InvokeChannel> = z.input<(typeof invokeContract)[C]['request']>
export type InvokeResponse<C extends InvokeChannel> = z.infer<(typeof invokeContract)[C]['response']>
export type StreamPayload<S extends StreamChannel> = z.infer<(typeof streamContract)[S]>

export const INVOKE_CHANNELS = Object.keys(invokeContract) as InvokeChannel[]
export const STREAM_CHANNELS = Object.keys(streamContract) as StreamChannel[]

/** What the renderer sees as `window.earshot` (Electron preload) or builds over the browser host's WebSocket. */
export interface EarshotApi {
  invoke<C extends InvokeChannel>(channel: C, request: InvokeRequest<C>): Promise<InvokeResponse<C>>
  /** Subscribes to a stream; returns the unsubscribe function. */
  on<S extends StreamChannel>(channel: S, listener: (payload: StreamPayload<S>) => void): () => void
}

/** How an IPC failure reaches the renderer: a code it can act on and words it can show. */
export const IpcError = z.object({
  code: z.enum(['invalid-request', 'forbidden', 'unknown-channel', 'failed']),
  message: z.string()
})
export type IpcError = z.infer<typeof IpcError>
