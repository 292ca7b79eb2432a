import { EventEmitter } from 'node:events'
import type { AmiMessage } from '../ami'
import { isReachable } from './model/directory'
import { agentRow, agentRows } from './rows'
import { reduceFloor } from './model/reduce'
import { type FloorOptions, type FloorState, drainChanged, emptyFloor } from './model/state'
import type { AgentRow } from '../../shared/floor'

/** The part of an AMI session the live floor uses: list actions resolve with their events. */
export interface FloorSession {
  send(action: { Action: string }): Promise<{ events: readonly AmiMessage[]; complete?: AmiMessage }>
}

/**
 * Snapshot actions run on every (re)connect. The order is the fold order: endpoints and their
 * contacts first, then queue membership, then the calls (channels, then bridges).
 */
export const SNAPSHOT_ACTIONS = ['PJSIPShowEndpoints', 'PJSIPShowContacts', 'QueueStatus', 'CoreShowChannels', 'BridgeList'] as const

/** Replies that mean "nothing of that kind here" rather than a failure (e.g. no PJSIP endpoints). */
const EMPTY_LIST = /^No (endpoints|contacts|channels|bridges|queues)/i

export interface LiveFloorEvents {
  /** A new snapshot replaced the floor: every row may differ. */
  snapshot: [rows: AgentRow[]]
  /** Rows changed by live events, coalesced per call of `flush`. `removed`: extensions gone. */
  delta: [rows: AgentRow[], removed: string[]]
  /** A snapshot action failed (e.g. permission denied); the previous floor stays. */
  error: [error: Error]
  /** The snapshot's own events (list items), for other consumers of the connection (the call log). */
  resynced: [events: AmiMessage[]]
}

/**
 * Keeps the floor in step with one AMI connection. On every (re)connect it takes a snapshot while
 * buffering live events, folds the snapshot into a fresh state, applies the buffered events, and
 * only then swaps it in, so no ghost call survives a reconnect. Talk times of calls that are still
 * up carry over from the previous state (a snapshot only knows time since channel creation).
 */
export class LiveFloor extends EventEmitter<LiveFloorEvents> {
  private state: FloorState
  private buffer: Array<{ message: AmiMessage; at: number }> | null = null
  private generation = 0

  constructor(
    private readonly options: FloorOptions,
    private readonly now: () => number = Date.now
  ) {
    super()
    this.state = emptyFloor(options)
  }

  rows(): AgentRow[] {
    return agentRows(this.state)
  }

  /** Is this endpoint registered (a contact that is not Unreachable/Removed)? null: not a known endpoint. */
  endpointReachable(extension: string): boolean | null {
    const ep = this.state.endpoints.get(extension)
    return ep === undefined ? null : isReachable(ep)
  }

  /** A live event from the connection (or an action the console sent, e.g. Originate). */
  apply(message: AmiMessage): void {
    const at = this.now()
    if (this.buffer !== null) this.buffer.push({ message, at })
    else this.state = reduceFloor(this.state, message, at)
  }

  /** Emits the rows touched since the last flush as one delta (the IPC layer calls this per frame). */
  flush(): void {
    const changed = drainChanged(this.state)
    if (changed.length === 0) return
    const rows: AgentRow[] = []
    const removed: string[] = []
    for (const ext of changed) {
      const row = agentRow(this.state, ext)
      if (row === null) removed.push(ext)
      else rows.push(row)
    }
    this.emit('delta', rows, removed)
  }

  /** Runs the snapshot on a freshly logged-in session. Resolves when the new floor is in place. */
  async resync(session: FloorSession): Promise<void> {
    const generation = ++this.generation
    this.buffer = []
    try {
      const lists = await Promise.all(SNAPSHOT_ACTIONS.map((Action) => session.send({ Action }).catch(emptyIfNone)))
      if (generation !== this.generation) return // a newer connection started its own snapshot
      const at = this.now()
      let fresh = emptyFloor(this.options)
      for (const list of lists) {
        for (const message of list.events) fresh = reduceFloor(fresh, message, at)
        // `CoreShowChannelsComplete` is when spy legs are matched to the channels they spy on.
        if (list.complete !== undefined) fresh = reduceFloor(fresh, list.complete, at)
      }
      carryAnswerTimes(this.state, fresh)
      for (const { message, at: eventAt } of this.buffer) fresh = reduceFloor(fresh, message, eventAt)
      drainChanged(fresh)
      this.state = fresh
      this.buffer = null
      this.emit('resynced', lists.flatMap((list) => [...list.events, ...(list.complete === undefined ? [] : [list.complete])]))
      this.emit('snapshot', agentRows(fresh))
    } catch (error) {
      if (generation !== this.generation) return
      // Keep showing the last floor (the UI marks it stale) and apply what was buffered.
      const buffered = this.buffer ?? []
      this.buffer = null
      for (const { message, at } of buffered) this.state = reduceFloor(this.state, message, at)
      this.emit('error', error instanceof Error ? error : new Error(String(error)))
    }
  }
}

function emptyIfNone(error: unknown): { events: readonly AmiMessage[]; complete?: AmiMessage } {
  if (error instanceof Error && EMPTY_LIST.test(error.message)) return { events: [] }
  throw error
}

/** A call that survived the reconnect keeps its exact answer time instead of the snapshot's estimate. */
function carryAnswerTimes(previous: FloorState, fresh: FloorState): void {
  for (const ch of fresh.channels.values()) {
    const before = previous.channels.get(ch.uniqueid)
    if (before === undefined) continue
    ch.createdAt = before.createdAt
    ch.answeredAt = before.answeredAt ?? ch.answeredAt
    ch.answeredAtApprox = before.answeredAt === null ? ch.answeredAtApprox : before.answeredAtApprox
    ch.direction = before.direction ?? ch.direction
    ch.dialled = before.dialled ?? ch.dialled
    // A spy leg keeps the mode it was last switched to (DTMF) over what its start options said.
    if (before.spy !== null) ch.spy = ch.spy === null || before.spy.mode !== 'unknown' ? { ...(ch.spy ?? before.spy), mode: before.spy.mode } : ch.spy
  }
}
