/**
 * The one reconnect policy of the model. The connection drops (`connectionLost`): the channels
 * known then are unknown until the next snapshot. The snapshot is in (`resync`): channels that
 * were unknown and the PBX no longer has leave as `resync` (ended when the connection was lost);
 * the others carry on with what the model knew (exact start and answer times, direction, hold,
 * timeline); endpoints, contacts and queue membership are replaced by the snapshot's. Events that
 * arrived while the snapshot was taken are applied after it, by the owner, in arrival order.
 *
 * Legs a previous Earshot saved (it quit or crashed mid-call) come back with `restoreLegs` as
 * unknown channels of this kind, before the first resync: still up, they carry on; gone, they end.
 */
import type { AmiMessage } from '../../ami'
import type { Direction, SpyMode } from '../../../shared/floor'
import type { TimelineEvent } from '../../../shared/records'
import { type ChannelRecord, type FloorState, remember } from './state'
import { countAnswered, removeChannel, touch } from './channels'
import { ensureEndpoint } from './directory'
import { reduceFloor } from './reduce'
import { refreshSupervisors } from './supervisors'
import { forgetRings } from './rings'
import { queueChanged } from './queue-callers'
import { field } from './fields'

/** A leg as a previous Earshot saved it (the call log's saved open call is one). */
export interface RestoredLeg {
  id: string
  linkedid: string
  agentChannel: string
  dialledBy: string | null
  extension: string
  agentName: string
  customerNumber: string | null
  customerName: string | null
  direction: Direction
  startedAt: number
  answeredAt: number | null
  answeredAtApprox: boolean
  /** The window an estimated answer lies in (ms after `answeredAt`), when it was saved. */
  answerWindow?: number
  onHold: boolean
  spies: ReadonlyArray<{ leg: string; supervisor: string; mode: SpyMode }>
  monitored: boolean
  dialStatus: string | null
  cancelled: boolean
  viaQueue: boolean
  lostAt: number | null
  timeline: readonly TimelineEvent[]
}

/**
 * The connection dropped at `at`; `heardAt` is when its last message arrived. Events come in
 * order, so a channel not answered in any of them was still ringing then.
 */
export function connectionLost(state: FloorState, at: number, heardAt = at): void {
  if (state.stale === null) state.stale = { at, channels: new Set() }
  for (const ch of state.channels.values()) {
    state.stale.channels.add(ch.uniqueid)
    ch.lostAt ??= at
    if (ch.answeredAt === null) ch.ringingUntil ??= Math.min(heardAt, at)
  }
}

/**
 * The PBX told when an answer the model only estimated happened: Asterisk's CDR of the channel
 * said it was answered `billsec` seconds before it answered a question sent at `sentAt` and
 * answered at `at`. Taken where it agrees with what the model saw — within the estimate's window,
 * give or take `AGREES_MS` — the answer time becomes exact, to the question's round trip.
 * Returns whether it was taken.
 */
export function answeredAtFromPbx(state: FloorState, uniqueid: string, billsec: number, sentAt: number, at: number): boolean {
  const ch = state.channels.get(uniqueid)
  if (ch === undefined || ch.answeredAt === null || !ch.answeredAtApprox || !(billsec > 0)) return false
  const answeredAt = Math.round((sentAt + at) / 2 - billsec * 1000)
  if (answeredAt < ch.answeredAt - AGREES_MS || answeredAt > ch.answeredAt + ch.answerWindow + AGREES_MS) return false
  ch.answeredAt = answeredAt
  // A creation read from the snapshot's whole-second `Duration` may come out after it.
  if (ch.createdAt > answeredAt) ch.createdAt = answeredAt
  ch.answeredAtApprox = false
  ch.answerWindow = 0
  touch(state, ch)
  return true
}

/**
 * How far outside an estimate's window the PBX's answer time may be and still be believed: the
 * estimate from a channel's creation is up to a second late (`Duration` counts whole seconds),
 * and the snapshot's time is when its reply arrived, a little after Asterisk wrote it.
 */
const AGREES_MS = 2000

/** Uniqueids of the channels in a `CoreShowChannels` reply (its `CoreShowChannel` events). */
export function snapshotChannelIds(events: Iterable<AmiMessage>): Set<string> {
  const ids = new Set<string>()
  for (const m of events) {
    if (m.fields.Event !== 'CoreShowChannel') continue
    const id = m.fields.Uniqueid
    if (id !== undefined && id !== '') ids.add(id)
  }
  return ids
}

/** `queue\nUniqueid` of every caller a QueueStatus answer lists (its `QueueEntry` events). */
function snapshotCallerIds(events: readonly AmiMessage[]): Set<string> {
  const ids = new Set<string>()
  for (const m of events) if (m.fields.Event === 'QueueEntry') ids.add(`${m.fields.Queue ?? ''}\n${m.fields.Uniqueid ?? ''}`)
  return ids
}

/**
 * The queues a QueueStatus answer names (in its `QueueParams`, `QueueMember` or `QueueEntry`
 * items), or null when the snapshot holds no such answer (its `QueueStatusComplete`).
 */
function snapshotQueueNames(events: readonly AmiMessage[]): Set<string> | null {
  const names = new Set<string>()
  let answered = false
  for (const m of events) {
    const event = m.fields.Event
    if (event === 'QueueStatusComplete') answered = true
    else if (event === 'QueueParams' || event === 'QueueMember' || event === 'QueueEntry') names.add(m.fields.Queue ?? '')
  }
  return answered ? names : null
}

/** Per queue, how many of these events say a call completed (AgentComplete) or was abandoned (QueueCallerAbandon). */
function queueCounts(events: readonly AmiMessage[]): { completed: Map<string, number>; abandoned: Map<string, number> } {
  const counts = { completed: new Map<string, number>(), abandoned: new Map<string, number>() }
  for (const m of events) {
    const event = field(m, 'Event')
    const kind = event === 'AgentComplete' ? counts.completed : event === 'QueueCallerAbandon' ? counts.abandoned : null
    if (kind === null) continue
    const queue = field(m, 'Queue') ?? ''
    kind.set(queue, (kind.get(queue) ?? 0) + 1)
  }
  return counts
}

/** The live events held back while a snapshot loaded (folded right after it), and how many came before its QueueStatus answer. */
export interface HeldBack {
  messages: readonly AmiMessage[]
  beforeQueues: number
}

const NONE_HELD: HeldBack = { messages: [], beforeQueues: 0 }

/** Uniqueids of the channels these events hang up. */
function hungUpIn(events: readonly AmiMessage[]): Set<string> {
  const ids = new Set<string>()
  for (const m of events) if (m.fields.Event === 'Hangup' && m.fields.Uniqueid !== undefined) ids.add(m.fields.Uniqueid)
  return ids
}

/**
 * Folds a fresh snapshot (the events of the snapshot actions, list items and completions, in the
 * fold order of `SNAPSHOT_ACTIONS`) into the model at `at`. Without `connectionLost` first, every
 * channel the model has is checked against it (ended at `at` when gone). `held`: the live events
 * held back while it loaded, folded next (its QueueStatus answer's counters already hold what
 * those before it say; a call answered before the drop whose `Hangup` is among them ends as heard).
 */
export function resync(state: FloorState, snapshot: readonly AmiMessage[], at: number, held: HeldBack = NONE_HELD): FloorState {
  const stale = state.stale ?? { at, channels: new Set(state.channels.keys()) }
  state.stale = null
  // Unanswered rings while nobody listened are unknown: every run starts again from none.
  forgetRings(state)
  const live = snapshotChannelIds(snapshot)
  const hungUpSince = hungUpIn(held.messages)
  for (const id of stale.channels) {
    const ch = state.channels.get(id)
    if (ch === undefined) continue
    if (live.has(id)) ch.lostAt = null
    // Gone from the snapshot, but its Hangup was heard on this connection: it ends then, with its
    // cause. Only for a call answered before the drop: one ringing then may have been answered
    // meanwhile, unheard, and is closed as lost.
    else if (ch.answeredAt !== null && hungUpSince.has(id)) ch.lostAt = null
    else removeChannel(state, id, { at: Math.min(ch.lostAt ?? stale.at, at), closedBy: 'resync' })
  }
  // The directory is the snapshot's: endpoints, contacts and queue membership that went meanwhile go.
  for (const name of state.endpoints.keys()) state.changed.add(name)
  const before = state.endpoints
  state.endpoints = new Map()
  state.queues = new Map()
  for (const message of snapshot) state = reduceFloor(state, message, at)
  // No list names a phone in no queue (PJSIPShowEndpoints carries no caller ID): the name its own
  // calls gave it stays while the PBX still has it, else its row would read the bare extension
  // after every drop, and so would the call log for a call it was on across the drop.
  for (const ep of state.endpoints.values()) ep.displayName ??= before.get(ep.name)?.displayName ?? null
  // The callers waiting are the snapshot's (those seen joining keep their exact join).
  const waiting = snapshotCallerIds(snapshot)
  const heldCounts = queueCounts(held.messages.slice(0, held.beforeQueues))
  const queuesNamed = snapshotQueueNames(snapshot)
  for (const q of state.queueRecords.values()) {
    for (const id of q.callers.keys()) if (!waiting.has(`${q.name}\n${id}`)) q.callers.delete(id)
    // An answered call that ended while Earshot was away: the snapshot's Completed has it now.
    for (const id of q.talking) if (!state.channels.has(id)) q.talking.delete(id)
    // A queue the PBX no longer has (removed from queues.conf before a restart or reload) goes, with its counters.
    if (queuesNamed !== null && !queuesNamed.has(q.name) && q.callers.size === 0 && q.talking.size === 0) {
      state.queueRecords.delete(q.name)
      continue
    }
    // So has each call whose AgentComplete (or caller's abandon), held back while the snapshot
    // loaded, came before the QueueStatus answer: folded next, it must bring the count back to the answer's.
    if (q.params?.at === at) {
      q.completedSinceParams = -(heldCounts.completed.get(q.name) ?? 0)
      q.abandonedSinceParams = -(heldCounts.abandoned.get(q.name) ?? 0)
    }
    queueChanged(state, q)
  }
  state.queueVersion++
  // Every status is as the snapshot tells it: one that changed meanwhile began when its figures say
  // (status.ts), though not before the connection was lost.
  for (const name of state.changed) state.learned.add(name)
  state.knownUntil = stale.at
  // A channel not in this snapshot yet (restored, or one that began after it was asked for) keeps its agent's row.
  for (const ch of state.channels.values()) {
    // In step again: an answer from now on is seen as it happens.
    ch.ringingUntil = null
    if (ch.endpoint !== null) ensureEndpoint(state, ch.endpoint)
    // A supervisor who left while nobody was looking leaves now.
    if (ch.supervisors.size > 0) refreshSupervisors(state, ch, at)
  }
  return state
}

/**
 * Brings back the legs a previous Earshot saved as unknown channels (as if the connection had
 * been lost when each was last known up). With `resolvable` false (saved on another connection:
 * no snapshot of this one can tell) they end at once as `resync`. Legs the model has, or that hung
 * up already, are left alone.
 */
export function restoreLegs(state: FloorState, saved: readonly RestoredLeg[], at: number, resolvable: boolean): void {
  for (const call of saved) {
    if (state.channels.has(call.id) || state.tombstones.has(call.id)) continue
    const ch = restoredChannel(call, at)
    state.channels.set(ch.uniqueid, ch)
    let set = state.channelsByEndpoint.get(call.extension)
    if (set === undefined) state.channelsByEndpoint.set(call.extension, (set = new Set()))
    set.add(ch.uniqueid)
    const ep = ensureEndpoint(state, call.extension)
    ep.displayName ??= call.agentName === call.extension ? null : call.agentName
    if (call.viaQueue) remember(state.queueLegs, call.id)
    countAnswered(state, ch, 1)
    touch(state, ch)
    if (!resolvable) {
      removeChannel(state, ch.uniqueid, { at: ch.lostAt ?? at, closedBy: 'resync' })
      continue
    }
    state.stale ??= { at, channels: new Set() }
    // The model last knew the floor when these legs were last known up, not at the restart.
    state.stale.at = Math.min(state.stale.at, ch.lostAt ?? at)
    state.stale.channels.add(ch.uniqueid)
  }
}

/** A saved leg as a channel record: what the snapshot cannot know comes from what was saved. */
function restoredChannel(call: RestoredLeg, at: number): ChannelRecord {
  return {
    uniqueid: call.id,
    name: call.agentChannel,
    endpoint: call.extension,
    linkedid: call.linkedid,
    state: call.answeredAt === null ? 5 : 6,
    callerNum: '',
    callerName: '',
    // The customer, as the row showed it: the connected line is what the row reads first.
    connectedNum: call.customerNumber ?? '',
    connectedName: call.customerName ?? '',
    dialled: null,
    direction: call.direction,
    createdAt: call.startedAt,
    answeredAt: call.answeredAt,
    answeredAtApprox: call.answeredAtApprox,
    // An estimate keeps the window it lies in, so the next snapshot's Getvar can make it exact.
    answerWindow: call.answeredAtApprox ? (call.answerWindow ?? 0) : 0,
    // Saved ringing while the connection was down: it was ringing then. Saved while connected: it
    // rang at least until the save, but when that was is not known; only its start is.
    ringingUntil: call.answeredAt === null ? (call.lostAt ?? call.startedAt) : null,
    beginningSeen: call.timeline.some((e) => e.kind === 'ringing' || e.kind === 'dialling'),
    onHold: call.onHold,
    bridge: null,
    dialledBy: call.dialledBy,
    spy: null,
    dialStatus: call.dialStatus,
    cancelled: call.cancelled,
    supervisors: new Map(call.spies.map((s) => [s.leg, { supervisor: s.supervisor, mode: s.mode }])),
    monitored: call.monitored,
    // Ringing/dialling and answered are the record's own times (see `legTimeline`).
    timeline: call.timeline.filter((e) => e.kind !== 'ringing' && e.kind !== 'dialling' && e.kind !== 'answered'),
    lostAt: call.lostAt ?? at,
    // An agent's call a previous Earshot followed.
    offRoster: false
  }
}
