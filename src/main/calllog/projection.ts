/**
 * The call log as a projection of the calls model: it reads the legs the model ended (and, to save
 * them, the legs still up) and decides each agent leg's outcome. It folds no AMI event itself:
 * everything it reads (how a Dial ended, queue legs and abandons, hangup causes, transfers,
 * supervisors) the model keeps, so the log says exactly what the floor showed.
 *
 * What one call is: **one agent channel** (its Asterisk Uniqueid), from the moment it appears
 * (ringing, or dialling out) to its Hangup. A queue call that rings agent A (not answered) and is
 * then answered by agent B gives two rows: A's leg (missed, or abandoned if the caller hung up
 * while A's phone rang) and B's leg (answered). A transfer gives a row per agent leg, each with the
 * transfer in its timeline. The legs of one customer call share the `linkedid`. A caller who hangs
 * up while queued with no agent's phone ringing leaves no row: there was no agent call. Supervisor
 * spy legs are never calls, and endpoints the floor's roster leaves out have no rows.
 *
 * Outcome of an unanswered inbound leg (an outbound one is `unanswered`):
 * - a queue leg is `abandoned` when Asterisk reports the caller abandoned the queue
 *   (QueueCallerAbandon) before the leg ended or within `graceMs` after (the caller's hangup and
 *   the member's ring timeout can cross on the wire), else `missed`;
 * - a Dial leg that ended NOANSWER, BUSY, CHANUNAVAIL or CONGESTION is `missed` (the caller's hangup
 *   that follows is the dialplan's doing); one cancelled (CANCEL, or no DialEnd) is `abandoned` when
 *   the caller had hung up or hangs up within `graceMs`, else `missed`;
 * - a leg whose caller another agent answered is `missed`.
 * Legs waiting on that grace are handed out when it is decided: at a later update, or when the
 * owner calls `settleCallLog` (a timer live; the end of a capture in replay).
 *
 * Each call is handed out once: an id that was closed is never opened again (and the store's
 * `record` ignores a second write of the same id).
 */
import { callerOf, customerOf, type EndedLeg, type FloorState, legTimeline, onRoster, remember, restoreLegs } from '../calls'
import type { CallLogEntry, CallOutcome } from '../../shared/records'
import type { SavedCall, SavedOpenCall } from './saved'

/** A completed call as the projection knows it; the recorder adds the E.164 form and the matched customer. */
export type CompletedCall = Omit<CallLogEntry, 'customerE164' | 'customerId'>

export interface CallLogOptions {
  /** How long after an unanswered leg ends its caller may still be found to have abandoned (ms). */
  graceMs: number
}

export const DEFAULT_GRACE_MS = 1000

interface PendingCall {
  call: CompletedCall
  /** The caller's channel whose fate decides: abandoned or missed. */
  caller: string
  viaQueue: boolean
  deadline: number
}

export interface CallLogState {
  options: CallLogOptions
  /** Agent legs up now that the log has seen, by Uniqueid: whether it saw them answered. */
  open: Map<string, boolean>
  /** Unanswered inbound legs waiting to know whether their caller abandoned, by call id. */
  pending: Map<string, PendingCall>
  /** Calls decided and not yet drained. */
  completed: CompletedCall[]
  /** Ids of calls already handed out (the most recent ones), so none is written twice. */
  closed: Set<string>
  /** Ids of open or pending calls whose saved form may have changed since the last `takeChanges`. */
  dirty: Set<string>
  /** The saved form (JSON) last handed out per call, so an event that changed nothing saved saves nothing. */
  lastSaved: Map<string, string>
  /** Ids of calls dropped without a call-log row (a spy leg after all, an agent the roster left out). */
  dropped: Set<string>
  /** A change that should be saved now rather than at the next tick: a call opened, was answered, hung up undecided, or was restored. */
  urgent: boolean
}

export function emptyCallLog(options: Partial<CallLogOptions> = {}): CallLogState {
  return {
    options: { graceMs: options.graceMs ?? DEFAULT_GRACE_MS },
    open: new Map(),
    pending: new Map(),
    completed: [],
    closed: new Set(),
    dirty: new Set(),
    lastSaved: new Map(),
    dropped: new Set(),
    urgent: false
  }
}

/** Calls completed since the last drain, in the order they were decided. */
export function drainCompleted(state: CallLogState): CompletedCall[] {
  if (state.completed.length === 0) return []
  const out = state.completed
  state.completed = []
  return out
}

/**
 * Brings the log up to date with the model after it folded some events: `touched` are the
 * endpoints whose rows may have changed, `ended` the legs that left, in order (both drained from
 * the model by its owner, once, for every projection).
 */
export function updateCallLog(state: CallLogState, model: FloorState, touched: ReadonlySet<string>, ended: readonly EndedLeg[], at: number): CallLogState {
  for (const endpoint of touched) {
    const ids = model.channelsByEndpoint.get(endpoint)
    if (ids === undefined) continue
    // The roster is asked once per endpoint, not once per leg of it (this runs for every event).
    const agent = onRoster(model, endpoint)
    for (const id of ids) {
      const ch = model.channels.get(id)
      if (ch === undefined || state.closed.has(id)) continue
      const seen = state.open.get(id)
      if (ch.spy !== null || (!agent && seen === undefined)) {
        // It turned out to be a supervisor's spy leg, or it is no agent's. A call the log follows
        // stays followed when the roster drops its agent mid-call (a dynamic member logging out
        // of the queue to finish it, an extension hidden): it happened, and is logged.
        if (seen !== undefined) drop(state, id)
        continue
      }
      const answered = ch.answeredAt !== null
      if (seen === undefined || (answered && !seen)) {
        // Saved at once: a call lost after this is still logged, and an answered one never as missed.
        state.open.set(id, answered)
        state.urgent = true
      }
      state.dirty.add(id)
    }
  }
  for (const leg of ended) {
    const id = leg.channel.uniqueid
    if (state.closed.has(id)) continue
    // A leg the log followed is logged however the roster sees it now; a spy leg never is.
    if (leg.channel.spy === null && (leg.agent || state.open.has(id))) close(state, model, leg)
    else if (state.open.has(id)) drop(state, id)
  }
  if (state.pending.size > 0) decidePending(state, model, at)
  return state
}

/**
 * Decides the pending legs the model now tells about, then those whose grace has run out by `at`
 * (as missed). Live, call it from a timer as well, so a quiet PBX does not keep them waiting.
 */
export function settleCallLog(state: CallLogState, model: FloorState, at: number): CallLogState {
  if (state.pending.size > 0) decidePending(state, model, at)
  return state
}

/** The connection dropped (the model marked its legs lost): their saved forms change. */
export function callLogConnectionLost(state: CallLogState): void {
  for (const id of state.open.keys()) state.dirty.add(id)
}

// ---------------------------------------------------------------------------------------------
// Saving open calls, and restoring them in the next Earshot

/** The saved form of an open or pending call, null when it is neither (written, or dropped). */
export function savedCall(state: CallLogState, model: FloorState, id: string): SavedCall | null {
  const ch = state.open.has(id) ? model.channels.get(id) : undefined
  if (ch !== undefined && ch.endpoint !== null) {
    const customer = customerOf(model, ch)
    return {
      v: 1,
      state: 'open',
      id,
      linkedid: ch.linkedid,
      agentChannel: ch.name,
      dialledBy: ch.dialledBy,
      extension: ch.endpoint,
      agentName: model.endpoints.get(ch.endpoint)?.displayName ?? ch.endpoint,
      customerNumber: customer.number,
      customerName: customer.name,
      direction: ch.direction ?? 'inbound',
      startedAt: ch.createdAt,
      answeredAt: ch.answeredAt,
      answeredAtApprox: ch.answeredAtApprox,
      answerWindow: ch.answerWindow,
      onHold: ch.onHold,
      spies: [...ch.supervisors].map(([leg, s]) => ({ leg, supervisor: s.supervisor, mode: s.mode })),
      monitored: ch.monitored,
      dialStatus: ch.dialStatus,
      cancelled: ch.cancelled,
      viaQueue: model.queueLegs.has(id),
      lostAt: ch.lostAt,
      timeline: legTimeline(ch, customer.number)
    }
  }
  const pending = state.pending.get(id)
  if (pending !== undefined) return { v: 1, state: 'pending', id, call: { ...pending.call, timeline: [...pending.call.timeline] }, caller: pending.caller, viaQueue: pending.viaQueue, deadline: pending.deadline }
  return null
}

export interface CallLogChanges {
  /** Calls whose saved form changed (save these), with the agent extension they are under now. */
  save: Array<{ id: string; extension: string; call: SavedCall }>
  /** Calls whose saved form goes without a call-log row. */
  drop: string[]
  /** Some of it should not wait for the next tick (see `CallLogState.urgent`). */
  urgent: boolean
}

/**
 * What changed in the open calls since the last take, and forgets it (the owner saves it, with the
 * calls `drainCompleted` hands out, whose saved forms go in the same transaction).
 */
export function takeChanges(state: CallLogState, model: FloorState): CallLogChanges {
  const save: CallLogChanges['save'] = []
  for (const id of state.dirty) {
    const call = savedCall(state, model, id)
    if (call === null) continue
    const json = JSON.stringify(call)
    if (state.lastSaved.get(id) === json) continue
    state.lastSaved.set(id, json)
    save.push({ id, extension: call.state === 'open' ? call.extension : call.call.agentExtension, call })
  }
  const changes = { save, drop: [...state.dropped], urgent: state.urgent }
  state.dirty.clear()
  state.dropped.clear()
  state.urgent = false
  return changes
}

/**
 * Calls a previous Earshot saved and never wrote (it quit, crashed or was killed mid-call), back
 * in the log and the model before the first event of this connection.
 *
 * A pending call (hung up unanswered, its caller's fate undecided) is decided as usual: by the
 * next update or settle, missed when nothing says it was abandoned.
 *
 * An open call is taken as lost when it was last known up (`lostAt`, else `at`): with `resolvable`,
 * it waits for the next resync like the calls of a lost connection do — if its channel is still up
 * it carries on with its exact start and answer times and its timeline, else it is closed with
 * what is known (`closedBy: 'resync'`, a `lost` event, ended when last known up). Without
 * `resolvable` (it was saved on another connection, so no snapshot of this one can tell) it is
 * closed like that at the next update.
 */
export function restoreCalls(state: CallLogState, model: FloorState, calls: readonly SavedCall[], at: number, resolvable: boolean): void {
  restorePending(state, calls)
  restoreOpen(state, calls)
  restoreLegs(model, calls.filter((call): call is SavedOpenCall => call.state === 'open'), at, resolvable)
}

/**
 * The pending calls a previous Earshot saved (hung up unanswered, the caller's fate undecided):
 * decided as usual, by the next update or settle, missed when nothing says abandoned. Its open
 * calls go back into the model (`restoreLegs`); `restoreOpen` makes the log follow them.
 */
function restorePending(state: CallLogState, calls: readonly SavedCall[]): void {
  for (const saved of calls) {
    if (saved.state !== 'pending' || state.pending.has(saved.id) || state.closed.has(saved.id)) continue
    remember(state.closed, saved.id)
    state.pending.set(saved.id, { call: saved.call, caller: saved.caller, viaQueue: saved.viaQueue, deadline: saved.deadline })
  }
}

/** Open calls restored into the model (`restoreLegs`): the log follows them, and saves them at once (with their lostAt). */
function restoreOpen(state: CallLogState, calls: readonly SavedCall[]): void {
  for (const call of calls) {
    if (call.state !== 'open' || state.closed.has(call.id) || state.open.has(call.id)) continue
    state.open.set(call.id, call.answeredAt !== null)
    state.dirty.add(call.id)
    state.urgent = true
  }
}

// ---------------------------------------------------------------------------------------------

/** Forgets a call that is no call of an agent after all: no row, and its saved form goes. */
function drop(state: CallLogState, id: string): void {
  state.open.delete(id)
  state.dirty.delete(id)
  state.lastSaved.delete(id)
  state.dropped.add(id)
}

function close(state: CallLogState, model: FloorState, leg: EndedLeg): void {
  const ch = leg.channel
  const id = ch.uniqueid
  state.open.delete(id)
  state.dirty.delete(id)
  remember(state.closed, id)
  const timeline = legTimeline(ch, leg.customerNumber)
  if (leg.closedBy === 'resync') timeline.push({ at: leg.endedAt, kind: 'lost' })
  else timeline.push({ at: leg.endedAt, kind: 'hangup', cause: leg.cause, causeText: leg.causeText, dialStatus: ch.dialStatus ?? (ch.cancelled ? 'CANCEL' : null) })

  const call: CompletedCall = {
    id,
    linkedid: ch.linkedid,
    agentExtension: ch.endpoint ?? '',
    agentName: leg.agentName,
    agentChannel: ch.name,
    customerNumber: leg.customerNumber,
    customerName: leg.customerName,
    direction: ch.direction ?? 'inbound',
    startedAt: ch.createdAt,
    answeredAt: ch.answeredAt,
    answeredAtApprox: ch.answeredAtApprox,
    endedAt: leg.endedAt,
    talkSeconds: ch.answeredAt === null ? 0 : Math.max(0, Math.round((leg.endedAt - ch.answeredAt) / 1000)),
    outcome: 'missed',
    monitored: ch.monitored,
    closedBy: leg.closedBy,
    timeline
  }
  const outcome = immediateOutcome(model, leg)
  if (outcome !== null) {
    call.outcome = outcome
    state.completed.push(call)
    state.lastSaved.delete(id)
    return
  }
  state.pending.set(id, { call, caller: callerOf(ch) ?? '', viaQueue: model.queueLegs.has(id), deadline: leg.endedAt + state.options.graceMs })
  // Saved at once: a restart within the grace still knows it hung up, and when.
  state.dirty.add(id)
  state.urgent = true
}

/** The outcome when it is already known at hangup; null when it depends on what the caller does next. */
function immediateOutcome(model: FloorState, leg: EndedLeg): CallOutcome | null {
  const ch = leg.channel
  if (ch.answeredAt !== null) return 'answered'
  if (ch.direction === 'outbound') return 'unanswered'
  if (leg.closedBy === 'resync') return 'missed'
  const caller = callerOf(ch)
  if (caller === null) return 'missed'
  // Another leg of this caller is answered (ringall, Dial(A&B)).
  if (model.answeredCallers.has(caller)) return 'missed'
  if (model.queueLegs.has(ch.uniqueid)) return model.abandoned.has(caller) ? 'abandoned' : null
  // NOANSWER, BUSY, CHANUNAVAIL, CONGESTION: the phone did not take the call; what the caller does next is the dialplan's.
  if (ch.dialStatus !== null) return 'missed'
  if (model.tombstones.has(caller)) return 'abandoned'
  return null
}

/**
 * What the model learned since decides pending legs: another agent answered the caller (missed);
 * the caller abandoned the queue, or hung up on a Dial leg, within the grace (abandoned).
 */
function decidePending(state: CallLogState, model: FloorState, at: number): void {
  for (const [id, p] of state.pending) {
    if (model.answeredCallers.has(p.caller)) {
      decide(state, id, 'missed')
      continue
    }
    const gaveUp = p.viaQueue ? model.abandoned.get(p.caller) : model.tombstones.get(p.caller)
    if (gaveUp !== undefined && gaveUp <= p.deadline) decide(state, id, 'abandoned')
    else if (p.deadline <= at) decide(state, id, 'missed')
  }
}

function decide(state: CallLogState, id: string, outcome: CallOutcome): void {
  const p = state.pending.get(id)
  if (p === undefined) return
  state.pending.delete(id)
  state.dirty.delete(id)
  state.lastSaved.delete(id)
  p.call.outcome = outcome
  state.completed.push(p.call)
}
