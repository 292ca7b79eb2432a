/** The live floor's channels: its snapshot, its deltas, and the connection it comes from. */
import { z } from 'zod'
import { AgentRow, QueueDeltaView, QueueView } from '../floor'
import { Empty, type InvokeSpec, Ok } from './common'
import { CallLogWriteStatus } from './calllog'

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
  /** Every queue of the PBX (empty for an operator who does not see everyone). */
  queues: z.array(QueueView),
  connection: ConnectionStatus,
  /** Whether calls that end reach the call log (the floor shows a banner when not). */
  callLog: CallLogWriteStatus,
  /** Main's clock when the snapshot was made, so the renderer can correct its own clock. */
  serverTime: z.number()
})
export type FloorSnapshot = z.infer<typeof FloorSnapshot>

/** Rows changed since `seq - 1` (at most one per animation frame, coalescing many AMI events). */
export const FloorDelta = z.object({
  seq: z.number().int().positive(),
  rows: z.array(AgentRow),
  removed: z.array(z.string()),
  /** Every queue, when any changed since the last delta (absent when none did): each with only the fields that changed (QueueDeltaView). */
  queues: z.array(QueueDeltaView).optional()
})
export type FloorDelta = z.infer<typeof FloorDelta>

export const floorInvoke = {
  'floor:snapshot': { access: 'operator', request: Empty, response: FloorSnapshot },
  /**
   * "Try the demo floor": the built-in demo PBX. Public, and checked in main: before any operator
   * exists it opens the demo on a throwaway workspace (an in-memory store and demo operator, see
   * src/main/app/demo-workspace.ts); otherwise only an operator with configure-everything may put
   * this computer's floor on the demo.
   */
  'demo:start': { access: 'public', request: Empty, response: Ok },
  /** "Leave the demo": back to this computer's own PBX settings (the welcome page or first run when there are none). */
  'demo:leave': { access: 'operator', request: Empty, response: Ok }
} as const satisfies Record<string, InvokeSpec>

export const floorStreams = {
  'floor:delta': FloorDelta,
  'connection:status': ConnectionStatus
} as const
