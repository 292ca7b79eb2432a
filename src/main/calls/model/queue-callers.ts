/**
 * Queues as the PBX runs them: the callers waiting in each (QueueCallerJoin / QueueCallerLeave,
 * and the `QueueEntry` items of a QueueStatus answer with their `Wait`), its parameters
 * (`QueueParams`: strategy, service-level threshold, the PBX's Completed/Abandoned counters and
 * service level), and what Earshot saw happen since (AgentConnect, QueueCallerAbandon).
 * Read-only: Earshot never routes or moves a caller.
 */
import type { FloorState, QueueRecord } from './state'
import { type Fields, field, known } from './fields'
import { own } from './own'

/** Queues a PBX can make the model hold (far above any floor: a hostile PBX cannot grow memory without bound). */
export const MAX_QUEUES = 2000
/** Callers one queue can hold. */
export const MAX_CALLERS = 20_000

function queueRecord(state: FloorState, name: string | undefined): QueueRecord | null {
  if (name === undefined || name === '') return null
  let q = state.queueRecords.get(name)
  if (q === undefined) {
    if (state.queueRecords.size >= MAX_QUEUES) return null
    q = { name: own(name), version: 0, params: null, callers: new Map(), answeredSeen: 0, abandonedSeen: 0, completedSinceParams: 0, abandonedSinceParams: 0, talking: new Set() }
    state.queueRecords.set(q.name, q)
  }
  return q
}

/** `q` changed: its version and the model's queue version move on (see `QueueRecord.version`). */
export function queueChanged(state: FloorState, q: QueueRecord): void {
  q.version++
  state.queueVersion++
}

/** A caller joined a queue now (`QueueCallerJoin`), or a QueueStatus answer lists it as waiting `Wait` s (`QueueEntry`). */
export function onQueueCaller(state: FloorState, f: Fields, at: number): void {
  const q = queueRecord(state, field(f, 'Queue'))
  const uniqueid = field(f, 'Uniqueid')
  if (q === null || uniqueid === undefined || uniqueid === '') return
  const position = Number(field(f, 'Position'))
  const prior = q.callers.get(uniqueid)
  const wait = field(f, 'Wait')
  // A QueueEntry's whole-second Wait is up to a second short: the join it gives is an estimate,
  // kept only where the model did not see the join itself.
  const joinedAt = wait === undefined ? at : at - Math.max(0, Number(wait) || 0) * 1000
  const approx = wait !== undefined
  if (prior === undefined && q.callers.size >= MAX_CALLERS) return
  const callerNum = field(f, 'CallerIDNum')
  const callerName = field(f, 'CallerIDName')
  q.callers.set(prior?.uniqueid ?? own(uniqueid), {
    uniqueid: prior?.uniqueid ?? own(uniqueid),
    callerNum: known(callerNum) ? own(callerNum) : (prior?.callerNum ?? ''),
    callerName: known(callerName) ? own(callerName) : (prior?.callerName ?? ''),
    position: Number.isInteger(position) && position > 0 ? position : (prior?.position ?? 0),
    joinedAt: prior !== undefined && !prior.joinedAtApprox ? prior.joinedAt : joinedAt,
    joinedAtApprox: prior !== undefined && !prior.joinedAtApprox ? false : approx
  })
  queueChanged(state, q)
}

/** The caller left the queue (answered, gave up, timed out): the callers behind it move up. */
export function onQueueCallerLeave(state: FloorState, f: Fields): void {
  const q = state.queueRecords.get(field(f, 'Queue') ?? '')
  const uniqueid = field(f, 'Uniqueid')
  if (q === undefined || uniqueid === undefined) return
  const left = q.callers.get(uniqueid)
  if (left === undefined) return
  q.callers.delete(uniqueid)
  for (const c of q.callers.values()) if (c.position > left.position) c.position--
  queueChanged(state, q)
}

/**
 * A caller that hangs up leaves every queue it waited in (in case its QueueCallerLeave was lost),
 * and its answered call is over (its AgentComplete, before or after, counts it as completed).
 */
export function callerHungUp(state: FloorState, uniqueid: string): void {
  for (const q of state.queueRecords.values()) {
    const waited = q.callers.delete(uniqueid)
    if (q.talking.delete(uniqueid) || waited) queueChanged(state, q)
  }
}

export function onQueueAbandon(state: FloorState, f: Fields): void {
  const q = queueRecord(state, field(f, 'Queue'))
  if (q === null) return
  q.abandonedSeen++
  q.abandonedSinceParams++
  queueChanged(state, q)
}

/** An agent took a caller of the queue (AgentConnect): answered, and talking until AgentComplete. */
export function onAgentConnect(state: FloorState, f: Fields): void {
  const q = queueRecord(state, field(f, 'Queue'))
  if (q === null) return
  q.answeredSeen++
  const caller = field(f, 'Uniqueid')
  if (caller !== undefined && caller !== '' && q.talking.size < MAX_CALLERS) q.talking.add(own(caller))
  queueChanged(state, q)
}

/**
 * An answered queue call ended (AgentComplete): the PBX's Completed counts it now. (One held back
 * while a snapshot loaded that came before its QueueStatus answer was counted there: `resync`
 * starts the count below zero for it.)
 */
export function onAgentComplete(state: FloorState, f: Fields): void {
  const q = queueRecord(state, field(f, 'Queue'))
  if (q === null) return
  q.talking.delete(field(f, 'Uniqueid') ?? '')
  q.completedSinceParams++
  queueChanged(state, q)
}

/** `QueueParams` item of a QueueStatus answer: the PBX's parameters and counters now. */
export function onQueueParams(state: FloorState, f: Fields, at: number): void {
  const q = queueRecord(state, field(f, 'Queue'))
  if (q === null) return
  const number = (key: string): number => {
    const n = Number(field(f, key))
    return Number.isFinite(n) && n >= 0 ? n : 0
  }
  q.params = {
    strategy: own(field(f, 'Strategy') ?? ''),
    serviceLevel: number('ServiceLevel'),
    completed: number('Completed'),
    abandoned: number('Abandoned'),
    serviceLevelPerf: number('ServicelevelPerf'),
    at
  }
  // Calls answered and still talking are not in Completed yet: they stay counted by `talking`.
  q.completedSinceParams = 0
  q.abandonedSinceParams = 0
  queueChanged(state, q)
}
