import type { AgentRow, Direction, QueueView, SpyMode } from '../../shared/floor'
import { agentRows, type FloorState, queueViews } from '../calls'

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
  /** When the status began (capture-clock ms), null when nothing tells; and whole seconds in it at `at`. */
  statusSince: number | null
  statusSeconds: number | null
  supervisors: Array<{ extension: string; mode: SpyMode }>
  /** Offered calls in a row that stopped ringing unanswered (see AgentRow). */
  unansweredRings: number
}

/** One queue as the replay CLI prints it. `answered`/`abandoned`: AgentConnect / QueueCallerAbandon seen in the capture. */
export interface ReplayQueue {
  name: string
  waiting: number
  longestWaitSeconds: number | null
  available: number
  busy: number
  paused: number
  offline: number
  answered: number
  abandoned: number
}

export interface ReplayResult {
  at: number
  agents: ReplayAgent[]
  queues: ReplayQueue[]
}

export function viewAt(state: FloorState, at: number): ReplayResult {
  return viewOfRows(agentRows(state), at, queueViews(state))
}

/** Whole seconds from `since` to `at` (never negative), null when `since` is. */
function secondsSince(since: number | null, at: number): number | null {
  return since === null ? null : Math.max(0, Math.floor((at - since) / 1000))
}

/** What the replay CLI prints for these rows and queues at time `at` (times in whole seconds). */
export function viewOfRows(rows: readonly AgentRow[], at: number, queues: readonly QueueView[] = []): ReplayResult {
  return {
    at,
    queues: queues.map((q) => ({
      name: q.name,
      waiting: q.waiting,
      longestWaitSeconds: secondsSince(q.longestWaitSince, at),
      available: q.available,
      busy: q.busy,
      paused: q.paused,
      offline: q.offline,
      answered: q.answeredSeen,
      abandoned: q.abandonedSeen
    })),
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
        statusSince: row.statusSince,
        statusSeconds: secondsSince(row.statusSince, at),
        supervisors: call?.supervisors ?? [],
        unansweredRings: row.unansweredRings
      }
    })
  }
}
