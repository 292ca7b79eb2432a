/**
 * The IPC contract: every channel between main and renderer. Each capability declares its own
 * channels in its own file here; this index merges them into the one contract. Main validates every
 * payload against these schemas (src/main/ipc/router.ts); the preload and the browser host only
 * forward; the renderer gets the inferred types. Nothing here ever carries a secret.
 */
import { z } from 'zod'
import { auditInvoke } from './audit'
import { calllogInvoke, calllogStreams } from './calllog'
import { customersInvoke } from './customers'
import { desktopInvoke, desktopStreams } from './desktop'
import { floorInvoke, floorStreams } from './floor'
import { operatorsInvoke, operatorsStreams } from './operators'
import { settingsInvoke } from './settings'
import { softphoneInvoke, softphoneStreams } from './softphone'
import { supervisionInvoke, supervisionStreams } from './supervision'

export { Access, type InvokeSpec } from './common'
export * from './audit'
export * from './calllog'
export * from './customers'
export * from './desktop'
export * from './floor'
export * from './operators'
export * from './settings'
export * from './softphone'
export * from './supervision'

/** Request/response channels: renderer asks, main answers. */
export const invokeContract = {
  ...floorInvoke,
  ...supervisionInvoke,
  ...softphoneInvoke,
  ...operatorsInvoke,
  ...settingsInvoke,
  ...customersInvoke,
  ...calllogInvoke,
  ...auditInvoke,
  ...desktopInvoke
} as const

/** Streams: main pushes, the renderer listens. */
export const streamContract = {
  ...floorStreams,
  ...supervisionStreams,
  ...softphoneStreams,
  ...operatorsStreams,
  ...calllogStreams,
  ...desktopStreams
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
