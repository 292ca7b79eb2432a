import type { AgentStatus, QueueCallerView, QueueView } from '../../shared/floor'
import type { FloorState, QueueRecord } from './model/state'
import type { CallsProjection } from './projector'
import { compareExtensions } from './rows'

type Category = 'available' | 'busy' | 'paused' | 'offline'

interface Tally {
  members: Set<string>
  /** The members in order, kept while none joins or leaves (null: sort again). */
  sorted: string[] | null
  available: number
  busy: number
  paused: number
  offline: number
}

/** An agent's part in the counts: each of its queues, and where it counts there. */
type Part = ReadonlyArray<readonly [queue: string, category: Category]>

/**
 * A member on a call is busy whatever its pause; paused counts the pause in this queue only (an
 * agent paused in `support` still takes `sales` calls). The status is the one the fold settled
 * for the row (status.ts); endpoints the roster leaves out have none: not agents of this floor.
 */
function partOf(state: FloorState, extension: string): Part | null {
  const status: AgentStatus | undefined = state.statuses.get(extension)?.status
  const memberships = state.queues.get(extension)
  if (status === undefined || memberships === undefined || memberships.size === 0) return null
  const part: Array<readonly [string, Category]> = []
  for (const [queue, membership] of memberships) {
    part.push([queue, status === 'ringing' || status === 'talking' ? 'busy' : membership.paused ? 'paused' : status === 'offline' ? 'offline' : 'available'])
  }
  return part
}

/**
 * Every queue as a supervisor watches it, by name: its callers waiting (longest first), its
 * members free / on a call / paused in it / offline, answered and abandoned, service level. A
 * projection of the calls model: a queue is any the PBX named (QueueParams, a member, a caller).
 * Members are the agents of the floor (on the roster).
 *
 * Kept by the rows that changed (a CallsProjection, told the same endpoints as the rows): each
 * agent's part in the counts is taken back and added again when its row is touched, instead of
 * recounting thousands of members for every delta. A queue's member list keeps its array while
 * nobody joins or leaves, and its callers theirs while the last view showed the same (deltas then
 * leave them out: see LiveFloor).
 */
export class QueueTallies implements CallsProjection {
  private readonly parts = new Map<string, Part>()
  private readonly tallies = new Map<string, Tally>()
  /** Each queue's callers as the last view showed them, and the version of its record they were read from. */
  private readonly callersShown = new Map<string, { version: number; callers: QueueCallerView[]; longestWaitSince: number | null }>()

  update(state: FloorState, touched: ReadonlySet<string>): void {
    for (const extension of touched) this.settle(state, extension)
  }

  /** Counts `extension` again as the model has it now. */
  settle(state: FloorState, extension: string): void {
    const before = this.parts.get(extension)
    const after = partOf(state, extension)
    for (const [queue, category] of before ?? []) {
      const t = this.tallies.get(queue)
      if (t === undefined) continue
      t[category]--
      if (after?.some(([q]) => q === queue) === true) continue
      t.members.delete(extension)
      t.sorted = null
      if (t.members.size === 0) this.tallies.delete(queue)
    }
    for (const [queue, category] of after ?? []) {
      let t = this.tallies.get(queue)
      if (t === undefined) this.tallies.set(queue, (t = { members: new Set(), sorted: null, available: 0, busy: 0, paused: 0, offline: 0 }))
      t[category]++
      if (!t.members.has(extension)) {
        t.members.add(extension)
        t.sorted = null
      }
    }
    if (after === null) this.parts.delete(extension)
    else this.parts.set(extension, after)
  }

  views(state: FloorState): QueueView[] {
    const names = new Set([...state.queueRecords.keys(), ...this.tallies.keys()])
    for (const name of this.callersShown.keys()) if (!names.has(name)) this.callersShown.delete(name)
    return [...names].sort().map((name) => {
      const t = this.tallies.get(name)
      if (t !== undefined) t.sorted ??= [...t.members].sort(compareExtensions)
      const record = state.queueRecords.get(name)
      return view(name, record, t, this.callers(name, record))
    })
  }

  /**
   * The queue's callers as a view shows them. Read again only when its record changed (a delta
   * is made up to 60 times a second, and most change only members' rows); the array the last
   * view showed is kept while they are the same, so an unchanged list stays the same array
   * (LiveFloor compares by identity first).
   */
  private callers(name: string, record: QueueRecord | undefined): { callers: QueueCallerView[]; longestWaitSince: number | null } {
    const shown = this.callersShown.get(name)
    const version = record?.version ?? -1
    if (shown !== undefined && shown.version === version) return shown
    const read = callerViews(record)
    const kept = shown !== undefined && sameList(shown.callers, read.callers) ? { ...read, callers: shown.callers } : read
    this.callersShown.set(name, { version, ...kept })
    return kept
  }
}

/**
 * Do two lists hold the same items? Items are strings or flat views (a caller's: every field a
 * string, number, boolean or null), compared field by field, so a field added later is compared too.
 */
export function sameList(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i] || sameFlat(x, b[i]))
}

function sameFlat(x: unknown, y: unknown): boolean {
  if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) return false
  const keys = Object.keys(x)
  return keys.length === Object.keys(y).length && keys.every((k) => (x as Record<string, unknown>)[k] === (y as Record<string, unknown>)[k])
}

/** Every queue of the model, counted afresh (a replay's view; the live floor keeps a QueueTallies). */
export function queueViews(state: FloorState): QueueView[] {
  const tallies = new QueueTallies()
  for (const extension of state.queues.keys()) tallies.settle(state, extension)
  return tallies.views(state)
}

/** One array for every queue without members, so that it compares as unchanged from one view to the next (never changed). */
const NO_MEMBERS: string[] = []

/** The callers waiting in a queue, in their order, and since when the longest has waited. */
function callerViews(q: QueueRecord | undefined): { callers: QueueCallerView[]; longestWaitSince: number | null } {
  const callers = [...(q?.callers.values() ?? [])].sort((a, b) => a.position - b.position || a.joinedAt - b.joinedAt)
  let longest: number | null = null
  for (const c of callers) if (longest === null || c.joinedAt < longest) longest = c.joinedAt
  return {
    callers: callers.map((c) => ({
      id: c.uniqueid,
      number: c.callerNum === '' ? null : c.callerNum,
      name: c.callerName === '' ? null : c.callerName,
      position: c.position,
      joinedAt: c.joinedAt,
      joinedAtApprox: c.joinedAtApprox
    })),
    longestWaitSince: longest
  }
}

function view(name: string, q: QueueRecord | undefined, t: Tally | undefined, { callers, longestWaitSince }: { callers: QueueCallerView[]; longestWaitSince: number | null }): QueueView {
  const params = q?.params ?? null
  const threshold = params === null || params.serviceLevel <= 0 ? null : params.serviceLevel
  return {
    name,
    strategy: params?.strategy || null,
    waiting: callers.length,
    longestWaitSince,
    callers,
    members: t?.sorted ?? NO_MEMBERS,
    available: t?.available ?? 0,
    busy: t?.busy ?? 0,
    paused: t?.paused ?? 0,
    offline: t?.offline ?? 0,
    // Asterisk's Completed counts a call when it ends: those answered and still talking are added.
    answered: params === null ? null : params.completed + (q?.completedSinceParams ?? 0) + (q?.talking.size ?? 0),
    abandoned: params === null ? null : params.abandoned + (q?.abandonedSinceParams ?? 0),
    answeredSeen: q?.answeredSeen ?? 0,
    abandonedSeen: q?.abandonedSeen ?? 0,
    serviceLevelSeconds: threshold,
    serviceLevelPercent: threshold === null || params === null ? null : params.serviceLevelPerf
  }
}
