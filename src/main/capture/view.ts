import type { AgentRow, Direction, SpyMode } from '../../shared/floor'
import { agentRows, type FloorState } from '../calls'

/** One agent as the replay CLI prints it: the row's status plus its deciding call. */
export interface ReplayAgent {
  extension: string
  name: string
  status: AgentRow['status']
  onHold: boolean
  pauseReason: string | null
  customer: string | null
  direction: Direction | null
  talkSeconds: number | null
  supervisors: Array<{ extension: string; mode: SpyMode }>
}

export interface ReplayResult {
  at: number
  agents: ReplayAgent[]
}

export function viewAt(state: FloorState, at: number): ReplayResult {
  return viewOfRows(agentRows(state), at)
}

/** What the replay CLI prints for these rows at time `at` (talk time in whole seconds). */
export function viewOfRows(rows: readonly AgentRow[], at: number): ReplayResult {
  return {
    at,
    agents: rows.map((row) => {
      const call = row.calls[0]
      return {
        extension: row.extension,
        name: row.name,
        status: row.status,
        onHold: call?.onHold ?? false,
        pauseReason: row.pauseReason,
        customer: call?.customer ?? null,
        direction: call?.direction ?? null,
        talkSeconds: call === undefined ? null : call.answeredAt === null ? 0 : Math.max(0, Math.floor((at - call.answeredAt) / 1000)),
        supervisors: call?.supervisors ?? []
      }
    })
  }
}
