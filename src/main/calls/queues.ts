import type { QueueView } from '../../shared/floor'
import type { FloorState, QueueRecord } from './model/state'
import { statusOf } from './model/status'
import { compareExtensions } from './rows'

interface Tally {
  members: string[]
  available: number
  busy: number
  paused: number
  offline: number
}

/**
 * Every queue as a supervisor watches it, by name: its callers waiting (longest first), its
 * members free / on a call / paused in it / offline, answered and abandoned, service level. A
 * projection of the calls model: a queue is any the PBX named (QueueParams, a member, a caller).
 * Members are the agents of the floor (on the roster). A member on a call is busy whatever its pause; paused counts the pause in this queue only (an
 * agent paused in `support` still takes `sales` calls).
 */
export function queueViews(state: FloorState): QueueView[] {
  const tallies = new Map<string, Tally>()
  const tally = (queue: string): Tally => {
    let t = tallies.get(queue)
    if (t === undefined) tallies.set(queue, (t = { members: [], available: 0, busy: 0, paused: 0, offline: 0 }))
    return t
  }
  for (const [extension, memberships] of state.queues) {
    const status = statusOf(state, extension)
    // Endpoints the roster leaves out have no row: not agents of this floor.
    if (status === null) continue
    for (const [queue, membership] of memberships) {
      const t = tally(queue)
      t.members.push(extension)
      if (status === 'ringing' || status === 'talking') t.busy++
      else if (membership.paused) t.paused++
      else if (status === 'offline') t.offline++
      else t.available++
    }
  }
  const names = new Set([...state.queueRecords.keys(), ...tallies.keys()])
  return [...names].sort().map((name) => view(name, state.queueRecords.get(name), tallies.get(name)))
}

function view(name: string, q: QueueRecord | undefined, t: Tally | undefined): QueueView {
  const callers = [...(q?.callers.values() ?? [])].sort((a, b) => a.position - b.position || a.joinedAt - b.joinedAt)
  let longest: number | null = null
  for (const c of callers) if (longest === null || c.joinedAt < longest) longest = c.joinedAt
  const params = q?.params ?? null
  const threshold = params === null || params.serviceLevel <= 0 ? null : params.serviceLevel
  return {
    name,
    strategy: params?.strategy || null,
    waiting: callers.length,
    longestWaitSince: longest,
    callers: callers.map((c) => ({
      id: c.uniqueid,
      number: c.callerNum === '' ? null : c.callerNum,
      name: c.callerName === '' ? null : c.callerName,
      position: c.position,
      joinedAt: c.joinedAt,
      joinedAtApprox: c.joinedAtApprox
    })),
    members: (t?.members ?? []).sort(compareExtensions),
    available: t?.available ?? 0,
    busy: t?.busy ?? 0,
    paused: t?.paused ?? 0,
    offline: t?.offline ?? 0,
    answered: params === null ? null : params.completed + (q?.answeredSinceParams ?? 0),
    abandoned: params === null ? null : params.abandoned + (q?.abandonedSinceParams ?? 0),
    answeredSeen: q?.answeredSeen ?? 0,
    abandonedSeen: q?.abandonedSeen ?? 0,
    serviceLevelSeconds: threshold,
    serviceLevelPercent: threshold === null || params === null ? null : params.serviceLevelPerf
  }
}
