/**
 * The call-log engine: a deterministic fold over AMI events (no I/O, no clock: `at` is when the
 * message arrived) that hands out every completed call of an agent when it ends.
 *
 * It runs the floor engine inside (`reduceFloor` over its own FloorState) and reads the floor's
 * rows and channel records, so the customer number, direction, answer time, hold and supervisors
 * of a call are exactly what the live floor showed. What the floor does not keep (hangup causes,
 * how a Dial ended, transfers, queue abandons) it reads from the events itself.
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
 * - a leg whose caller another agent answered is `missed` at once.
 * Legs waiting on that grace are handed out when it is decided: on a later event, or when the
 * owner calls `settleCallLog` (a timer live; the end of a capture in replay).
 *
 * Each call is handed out once: an id that was closed is never opened again (and the store's
 * `record` ignores a second write of the same id).
 */
import { type AmiMessage, headerValue } from '../ami'
import { agentRow, type ChannelRecord, drainChanged, emptyFloor, reduceFloor, removeChannel, type FloorOptions, type FloorState } from '../calls'
import type { AgentCall, Direction, SpyMode } from '../../shared/floor'
import type { CallLogEntry, CallOutcome, ClosedBy, TimelineEvent } from '../../shared/records'
import type { SavedCall, SavedOpenCall } from './saved'

/** A completed call as the engine knows it; the recorder adds the E.164 form and the matched customer. */
export type CompletedCall = Omit<CallLogEntry, 'customerE164' | 'customerId'>

export interface CallLogOptions {
  /** How long after an unanswered leg ends its caller may still be found to have abandoned (ms). */
  graceMs: number
}

export const DEFAULT_GRACE_MS = 1000

interface SpyOnCall {
  supervisor: string
  mode: SpyMode
}

interface OpenCall {
  id: string
  /** The floor's own record of the agent channel (it keeps it up to date while the channel lives). */
  channel: ChannelRecord
  extension: string
  agentName: string
  customerNumber: string | null
  customerName: string | null
  direction: Direction
  startedAt: number
  answeredAt: number | null
  answeredAtApprox: boolean
  onHold: boolean
  /** By the spy leg's Uniqueid. */
  spies: Map<string, SpyOnCall>
  monitored: boolean
  /** How the Dial of this leg ended (NOANSWER, BUSY, ...), the first that was not CANCEL or ANSWER. */
  dialStatus: string | null
  cancelled: boolean
  /** When the call was last known to be up, while it is not known to be (connection lost, restored after a restart). */
  lostAt: number | null
  timeline: TimelineEvent[]
}

interface PendingCall {
  call: CompletedCall
  /** The caller's channel whose fate decides: abandoned or missed. */
  caller: string
  viaQueue: boolean
  deadline: number
}

export interface CallLogState {
  floor: FloorState
  options: CallLogOptions
  open: Map<string, OpenCall>
  /** Endpoint → ids of its open calls (kept in step with `open`). */
  openByEndpoint: Map<string, Set<string>>
  /** Unanswered inbound legs waiting to know whether their caller abandoned, by call id. */
  pending: Map<string, PendingCall>
  /** Calls decided and not yet drained. */
  completed: CompletedCall[]
  /** Ids of calls already handed out (the most recent ones), so none is opened or written twice. */
  closed: Set<string>
  /** Agent legs a queue rang (AgentCalled), by Uniqueid. */
  queueLegs: Set<string>
  /** Callers that abandoned a queue (QueueCallerAbandon), Uniqueid → when. */
  abandoned: Map<string, number>
  /** What was open when the AMI connection was lost (`connectionLost`) or restored (`restoreCallLog`), until the resync. */
  stale: { at: number; calls: Set<string>; channels: Set<string> } | null
  /**
   * What the owner must save (see `takeChanges`): ids of open or pending calls whose saved form
   * changed since the last take.
   */
  dirty: Set<string>
  /** Ids of calls dropped without a call-log row (a spy leg after all, an agent the roster left out). */
  dropped: Set<string>
  /** A change that should be saved now rather than at the next tick: a call opened, was answered, hung up undecided, or was restored. */
  urgent: boolean
  /** Restored calls not yet matched to a channel of this connection (they wait for the resync). */
  detached: Map<string, OpenCall>
}

const KEPT = 4096

export function emptyCallLog(floorOptions?: FloorOptions, options: Partial<CallLogOptions> = {}): CallLogState {
  return {
    floor: emptyFloor(floorOptions),
    options: { graceMs: options.graceMs ?? DEFAULT_GRACE_MS },
    open: new Map(),
    openByEndpoint: new Map(),
    pending: new Map(),
    completed: [],
    closed: new Set(),
    queueLegs: new Set(),
    abandoned: new Map(),
    stale: null,
    dirty: new Set(),
    dropped: new Set(),
    urgent: false,
    detached: new Map()
  }
}

/** Calls completed since the last drain, in the order they were decided. */
export function drainCompleted(state: CallLogState): CompletedCall[] {
  if (state.completed.length === 0) return []
  const out = state.completed
  state.completed = []
  return out
}

/** Calls in progress (for tests and diagnostics): id → agent extension. */
export function openCalls(state: CallLogState): Map<string, string> {
  return new Map([...state.open.values()].map((c) => [c.id, c.extension]))
}

/**
 * Folds one AMI message (or an action the console sent) into the call log. Updates the state in
 * place and returns it, like `reduceFloor`; completed calls collect in `state.completed`.
 */
export function reduceCallLog(state: CallLogState, message: AmiMessage, at: number): CallLogState {
  const event = headerValue(message, 'Event')
  let hangup: { uniqueid: string; cause: number | null; causeText: string | null } | null = null
  if (event === 'Hangup') {
    const f = message.fields
    const cause = f.Cause === undefined || f.Cause === '' ? NaN : Number(f.Cause)
    hangup = { uniqueid: f.Uniqueid ?? '', cause: Number.isInteger(cause) ? cause : null, causeText: nonEmpty(f['Cause-txt']) }
  }
  state.floor = reduceFloor(state.floor, message, at)
  if (state.detached.size > 0) {
    if (hangup !== null) {
      // A restored call's channel hung up before the snapshot brought it back: that is its end.
      const call = state.detached.get(hangup.uniqueid)
      if (call !== undefined) closeCall(state, call, at, hangup, 'hangup')
    }
    attachRestored(state, event)
  }
  if (state.floor.changed.size > 0) for (const endpoint of drainChanged(state.floor)) syncEndpoint(state, endpoint, at, hangup)

  switch (event ?? '') {
    case 'DialEnd':
      onDialEnd(state, message.fields)
      break
    case 'AgentCalled':
      remember(state.queueLegs, message.fields.DestUniqueid)
      break
    case 'QueueCallerAbandon':
      onQueueAbandon(state, message.fields.Uniqueid, at)
      break
    case 'BlindTransfer':
      onBlindTransfer(state, message.fields, at)
      break
    case 'AttendedTransfer':
      onAttendedTransfer(state, message.fields, at)
      break
    default:
      break
  }
  if (hangup !== null && state.pending.size > 0) {
    // A Dial leg's caller hanging up soon after the leg was cancelled: the caller gave up.
    for (const [id, p] of state.pending) if (!p.viaQueue && p.caller === hangup.uniqueid && at <= p.deadline) decide(state, id, 'abandoned')
  }
  if (state.pending.size > 0) settleCallLog(state, at)
  return state
}

/** Decides the pending legs whose grace has run out by `at` (as missed). Live, call it from a timer. */
export function settleCallLog(state: CallLogState, at: number): CallLogState {
  for (const [id, p] of state.pending) if (p.deadline <= at) decide(state, id, 'missed')
  return state
}

/**
 * The AMI connection dropped: remember what was open, so the resync after the reconnect can tell
 * calls that vanished meanwhile from calls that started after it. Their end is taken as `at`.
 */
export function connectionLost(state: CallLogState, at: number): CallLogState {
  if (state.stale === null) state.stale = { at, calls: new Set(state.open.keys()), channels: new Set(state.floor.channels.keys()) }
  else {
    // Lost again before a resync: calls that opened on the connection in between (events came
    // before its snapshot) are as unknown now as the others.
    for (const id of state.open.keys()) state.stale.calls.add(id)
    for (const id of state.floor.channels.keys()) state.stale.channels.add(id)
  }
  for (const call of state.open.values()) {
    if (call.lostAt !== null) continue
    call.lostAt = at
    state.dirty.add(call.id)
  }
  return state
}

/**
 * After a reconnect, given the Uniqueids of every channel in the fresh `CoreShowChannels` snapshot:
 * each call that was open when the connection was lost and is not in the snapshot is closed with
 * what is known (`closedBy: 'resync'`, ended when the connection was lost, or `at` when
 * `connectionLost` was not called), and vanished channels leave the floor. Then fold the snapshot's
 * events in as usual: calls still up carry on, calls that began meanwhile open (answer time estimated).
 */
export function resyncCallLog(state: CallLogState, liveChannels: ReadonlySet<string>, at: number): CallLogState {
  const stale = state.stale ?? { at, calls: new Set(state.open.keys()), channels: new Set(state.floor.channels.keys()) }
  state.stale = null
  for (const id of stale.calls) {
    const call = state.open.get(id)
    if (call === undefined) continue
    if (!liveChannels.has(id)) closeCall(state, call, Math.min(call.lostAt ?? stale.at, at), null, 'resync')
    else if (call.lostAt !== null) {
      // Still up: known again (a restored call is matched to its channel as the snapshot folds in).
      call.lostAt = null
      state.dirty.add(id)
    }
  }
  for (const uniqueid of stale.channels) if (!liveChannels.has(uniqueid)) removeChannel(state.floor, uniqueid)
  if (state.floor.changed.size > 0) for (const endpoint of drainChanged(state.floor)) syncEndpoint(state, endpoint, at, null)
  return state
}

// ---------------------------------------------------------------------------------------------
// Saving open calls, and restoring them in the next Earshot

/** The saved form of an open or pending call, null when it is neither (written, or dropped). */
export function savedCall(state: CallLogState, id: string): SavedCall | null {
  const open = state.open.get(id)
  if (open !== undefined) {
    return {
      v: 1,
      state: 'open',
      id: open.id,
      linkedid: open.channel.linkedid,
      agentChannel: open.channel.name,
      dialledBy: open.channel.dialledBy,
      extension: open.extension,
      agentName: open.agentName,
      customerNumber: open.customerNumber,
      customerName: open.customerName,
      direction: open.direction,
      startedAt: open.startedAt,
      answeredAt: open.answeredAt,
      answeredAtApprox: open.answeredAtApprox,
      onHold: open.onHold,
      spies: [...open.spies].map(([leg, spy]) => ({ leg, supervisor: spy.supervisor, mode: spy.mode })),
      monitored: open.monitored,
      dialStatus: open.dialStatus,
      cancelled: open.cancelled,
      viaQueue: state.queueLegs.has(open.id),
      lostAt: open.lostAt,
      timeline: [...open.timeline]
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
export function takeChanges(state: CallLogState): CallLogChanges {
  const save: CallLogChanges['save'] = []
  for (const id of state.dirty) {
    const call = savedCall(state, id)
    if (call !== null) save.push({ id, extension: call.state === 'open' ? call.extension : call.call.agentExtension, call })
  }
  const changes = { save, drop: [...state.dropped], urgent: state.urgent }
  state.dirty.clear()
  state.dropped.clear()
  state.urgent = false
  return changes
}

/**
 * Calls a previous Earshot saved and never wrote (it quit, crashed or was killed mid-call).
 *
 * A pending call (hung up unanswered, its caller's fate undecided) is decided as usual: by the
 * next event or settle, missed when nothing says it was abandoned.
 *
 * An open call is taken as lost when it was last known up (`lostAt`, else `at`): with `resolvable`,
 * it waits for the next resync like the calls of a lost connection do — if its channel is still up
 * it carries on with its exact start and answer times and its timeline, else it is closed with
 * what is known (`closedBy: 'resync'`, a `lost` event, ended when last known up). Without
 * `resolvable` (it was saved on another connection, so no snapshot of this one can tell) it is
 * closed like that at once.
 */
export function restoreCallLog(state: CallLogState, calls: readonly SavedCall[], at: number, resolvable = true): CallLogState {
  for (const saved of calls) {
    if (state.open.has(saved.id) || state.pending.has(saved.id) || state.closed.has(saved.id)) continue
    if (saved.state === 'pending') {
      remember(state.closed, saved.id)
      if (saved.viaQueue) remember(state.queueLegs, saved.id)
      state.pending.set(saved.id, { call: saved.call, caller: saved.caller, viaQueue: saved.viaQueue, deadline: saved.deadline })
      continue
    }
    const open = restoredCall(saved, at)
    if (saved.viaQueue) remember(state.queueLegs, saved.id)
    state.open.set(open.id, open)
    index(state, open)
    if (!resolvable) {
      closeCall(state, open, open.lostAt ?? at, null, 'resync')
      continue
    }
    state.detached.set(open.id, open)
    state.stale ??= { at, calls: new Set(), channels: new Set() }
    state.stale.calls.add(open.id)
    // Saved at once with its lostAt, so later heartbeats of this connection do not count for it.
    state.dirty.add(open.id)
    state.urgent = true
  }
  return state
}

function restoredCall(saved: SavedOpenCall, at: number): OpenCall {
  // A stand-in for the floor's channel record until this connection's floor has the channel.
  const channel: ChannelRecord = {
    uniqueid: saved.id,
    name: saved.agentChannel,
    endpoint: saved.extension,
    linkedid: saved.linkedid,
    state: saved.answeredAt === null ? 5 : 6,
    callerNum: '',
    callerName: '',
    connectedNum: '',
    connectedName: '',
    dialled: null,
    direction: saved.direction,
    createdAt: saved.startedAt,
    answeredAt: saved.answeredAt,
    answeredAtApprox: saved.answeredAtApprox,
    onHold: saved.onHold,
    bridge: null,
    dialledBy: saved.dialledBy,
    spy: null
  }
  return {
    id: saved.id,
    channel,
    extension: saved.extension,
    agentName: saved.agentName,
    customerNumber: saved.customerNumber,
    customerName: saved.customerName,
    direction: saved.direction,
    startedAt: saved.startedAt,
    answeredAt: saved.answeredAt,
    answeredAtApprox: saved.answeredAtApprox,
    onHold: saved.onHold,
    spies: new Map(saved.spies.map((s) => [s.leg, { supervisor: s.supervisor, mode: s.mode }])),
    monitored: saved.monitored,
    dialStatus: saved.dialStatus,
    cancelled: saved.cancelled,
    lostAt: saved.lostAt ?? at,
    timeline: [...saved.timeline]
  }
}

/**
 * Restored calls whose channel this connection's floor now has (the snapshot, or a live event on
 * it): they follow that channel from here. What a snapshot cannot know is carried over from what
 * was saved: hold (unless this very event says), direction, and who dialled the leg.
 */
function attachRestored(state: CallLogState, event: string | undefined): void {
  for (const [id, open] of state.detached) {
    const ch = state.floor.channels.get(id)
    if (ch === undefined) continue
    if (event !== 'Hold' && event !== 'Unhold') ch.onHold = open.onHold
    ch.direction ??= open.direction
    ch.dialledBy ??= open.channel.dialledBy
    open.channel = ch
    state.detached.delete(id)
  }
}

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

// ---------------------------------------------------------------------------------------------

function nonEmpty(value: string | undefined): string | null {
  return value === undefined || value === '' ? null : value
}

function remember(set: Set<string>, value: string | undefined): void {
  if (value === undefined || value === '') return
  set.add(value)
  if (set.size > KEPT) {
    const oldest = set.values().next().value
    if (oldest !== undefined) set.delete(oldest)
  }
}

/** Brings the open calls of one endpoint in step with its floor row: opens, updates and closes calls. */
function syncEndpoint(state: CallLogState, endpoint: string, at: number, hangup: { uniqueid: string; cause: number | null; causeText: string | null } | null): void {
  const row = agentRow(state.floor, endpoint)
  const present = new Set<string>()
  if (row !== null) {
    for (const call of row.calls) {
      present.add(call.id)
      const open = state.open.get(call.id)
      if (open === undefined) openCall(state, call, endpoint, row.name, at)
      else updateCall(state, open, call, endpoint, row.name, at)
    }
  }
  const ids = state.openByEndpoint.get(endpoint)
  if (ids === undefined) return
  for (const id of [...ids]) {
    if (present.has(id)) continue
    const open = state.open.get(id)
    if (open === undefined) continue
    const ch = state.floor.channels.get(id)
    if (ch !== undefined) {
      if (ch.spy !== null) drop(state, open) // it turned out to be a supervisor's spy leg
      else if (ch.endpoint !== null && ch.endpoint !== endpoint) move(state, open, ch.endpoint) // renamed (masquerade)
      else if (row === null) drop(state, open) // the roster no longer has this agent
      continue
    }
    if (state.detached.has(id)) continue // restored, its channel not seen yet: the resync decides
    closeCall(state, open, at, hangup !== null && hangup.uniqueid === id ? hangup : null, 'hangup')
  }
}

function index(state: CallLogState, call: OpenCall): void {
  let set = state.openByEndpoint.get(call.extension)
  if (set === undefined) state.openByEndpoint.set(call.extension, (set = new Set()))
  set.add(call.id)
}

function unindex(state: CallLogState, call: OpenCall): void {
  const set = state.openByEndpoint.get(call.extension)
  set?.delete(call.id)
  if (set?.size === 0) state.openByEndpoint.delete(call.extension)
}

function move(state: CallLogState, call: OpenCall, endpoint: string): void {
  unindex(state, call)
  call.extension = endpoint
  index(state, call)
  state.dirty.add(call.id)
}

function forget(state: CallLogState, call: OpenCall): void {
  unindex(state, call)
  state.open.delete(call.id)
  state.detached.delete(call.id)
  state.dirty.delete(call.id)
}

/** Forgets a call that is no call of an agent after all: no row, and its saved form goes. */
function drop(state: CallLogState, call: OpenCall): void {
  forget(state, call)
  state.dropped.add(call.id)
}

function openCall(state: CallLogState, call: AgentCall, endpoint: string, agentName: string, at: number): void {
  if (state.closed.has(call.id)) return
  const channel = state.floor.channels.get(call.id)
  if (channel === undefined) return
  const open: OpenCall = {
    id: call.id,
    channel,
    extension: endpoint,
    agentName,
    customerNumber: call.customer,
    customerName: call.customerName,
    direction: call.direction,
    startedAt: call.startedAt,
    answeredAt: null,
    answeredAtApprox: false,
    onHold: false,
    spies: new Map(),
    monitored: false,
    dialStatus: null,
    cancelled: false,
    lostAt: null,
    timeline: []
  }
  // A call first seen already talking in a snapshot: when it rang is not known.
  if (!call.answeredAtApprox) {
    open.timeline.push(call.direction === 'outbound' ? { at: call.startedAt, kind: 'dialling', number: call.customer } : { at: call.startedAt, kind: 'ringing' })
  }
  state.open.set(open.id, open)
  index(state, open)
  state.dirty.add(open.id)
  state.urgent = true
  updateCall(state, open, call, endpoint, agentName, at)
}

function updateCall(state: CallLogState, open: OpenCall, call: AgentCall, endpoint: string, agentName: string, at: number): void {
  if (open.extension !== endpoint) move(state, open, endpoint)
  if (
    open.agentName !== agentName ||
    open.direction !== call.direction ||
    (call.customer !== null && call.customer !== open.customerNumber) ||
    (call.customerName !== null && call.customerName !== open.customerName)
  ) {
    state.dirty.add(open.id)
  }
  open.agentName = agentName
  open.direction = call.direction
  if (call.customer !== null) open.customerNumber = call.customer
  if (call.customerName !== null) open.customerName = call.customerName
  if (open.answeredAt === null && call.state === 'talking') {
    // Saved at once: a call lost after this is an answered call, not a missed one.
    state.dirty.add(open.id)
    state.urgent = true
    open.answeredAt = call.answeredAt ?? at
    open.answeredAtApprox = call.answeredAtApprox
    open.timeline.push({ at: open.answeredAt, kind: 'answered', approx: open.answeredAtApprox })
    // Another agent answered this caller: legs of theirs still waiting were missed, not abandoned.
    const caller = callerOf(open)
    if (caller !== null) for (const [id, p] of state.pending) if (p.caller === caller) decide(state, id, 'missed')
  }
  if (call.onHold !== open.onHold) {
    state.dirty.add(open.id)
    open.onHold = call.onHold
    open.timeline.push({ at, kind: call.onHold ? 'hold' : 'unhold' })
  }
  syncSpies(state, open, at)
}

/** Supervisors on the call, from the floor's ChanSpy sessions: joined, switched mode, left. */
function syncSpies(state: CallLogState, open: OpenCall, at: number): void {
  const now = new Map<string, SpyOnCall>()
  if (state.floor.spies.size > 0) {
    for (const session of state.floor.spies.values()) {
      if (session.spyee !== open.id) continue
      const spyer = state.floor.channels.get(session.spyer)
      if (spyer === undefined) continue
      now.set(session.spyer, { supervisor: spyer.endpoint ?? spyer.name, mode: spyer.spy?.mode ?? 'unknown' })
    }
  }
  if (now.size === 0 && open.spies.size === 0) return
  const events = open.timeline.length
  for (const [leg, spy] of now) {
    const before = open.spies.get(leg)
    if (before === undefined) {
      open.timeline.push({ at, kind: 'supervision-joined', supervisor: spy.supervisor, mode: spy.mode })
      open.monitored = true
    } else if (before.mode !== spy.mode) open.timeline.push({ at, kind: 'supervision-mode', supervisor: spy.supervisor, mode: spy.mode })
  }
  for (const [leg, spy] of open.spies) if (!now.has(leg)) open.timeline.push({ at, kind: 'supervision-left', supervisor: spy.supervisor, mode: spy.mode })
  if (open.timeline.length !== events) state.dirty.add(open.id)
  open.spies = now
}

/** The caller whose fate decides an unanswered inbound leg: who dialled it, else the call's first channel. */
function callerOf(open: OpenCall): string | null {
  if (open.channel.dialledBy !== null) return open.channel.dialledBy
  return open.channel.linkedid !== open.id ? open.channel.linkedid : null
}

function closeCall(
  state: CallLogState,
  open: OpenCall,
  endedAt: number,
  hangup: { cause: number | null; causeText: string | null } | null,
  closedBy: ClosedBy
): void {
  forget(state, open)
  remember(state.closed, open.id)
  for (const spy of open.spies.values()) open.timeline.push({ at: endedAt, kind: 'supervision-left', supervisor: spy.supervisor, mode: spy.mode })
  open.spies.clear()
  if (closedBy === 'resync') open.timeline.push({ at: endedAt, kind: 'lost' })
  else open.timeline.push({ at: endedAt, kind: 'hangup', cause: hangup?.cause ?? null, causeText: hangup?.causeText ?? null, dialStatus: open.dialStatus ?? (open.cancelled ? 'CANCEL' : null) })

  const call: CompletedCall = {
    id: open.id,
    linkedid: open.channel.linkedid,
    agentExtension: open.extension,
    agentName: open.agentName,
    agentChannel: open.channel.name,
    customerNumber: open.customerNumber,
    customerName: open.customerName,
    direction: open.direction,
    startedAt: open.startedAt,
    answeredAt: open.answeredAt,
    answeredAtApprox: open.answeredAtApprox,
    endedAt,
    talkSeconds: open.answeredAt === null ? 0 : Math.max(0, Math.round((endedAt - open.answeredAt) / 1000)),
    outcome: 'missed',
    monitored: open.monitored,
    closedBy,
    timeline: open.timeline
  }
  const outcome = immediateOutcome(state, open, closedBy)
  if (outcome !== null) {
    call.outcome = outcome
    state.completed.push(call)
    return
  }
  const caller = callerOf(open) ?? ''
  state.pending.set(call.id, { call, caller, viaQueue: state.queueLegs.has(open.id), deadline: endedAt + state.options.graceMs })
  // Saved at once: a restart within the grace still knows it hung up, and when.
  state.dirty.add(call.id)
  state.urgent = true
}

/** The outcome when it is already known at hangup; null when it depends on what the caller does next. */
function immediateOutcome(state: CallLogState, open: OpenCall, closedBy: ClosedBy): CallOutcome | null {
  if (open.answeredAt !== null) return 'answered'
  if (open.direction === 'outbound') return 'unanswered'
  if (closedBy === 'resync') return 'missed'
  const caller = callerOf(open)
  if (caller === null) return 'missed'
  // Another leg of this caller was answered (ringall, Dial(A&B)).
  for (const other of state.open.values()) if (other.answeredAt !== null && callerOf(other) === caller) return 'missed'
  if (state.queueLegs.has(open.id)) return state.abandoned.has(caller) ? 'abandoned' : null
  // NOANSWER, BUSY, CHANUNAVAIL, CONGESTION: the phone did not take the call; what the caller does next is the dialplan's.
  if (open.dialStatus !== null) return 'missed'
  if (state.floor.tombstones.has(caller)) return 'abandoned'
  return null
}

function decide(state: CallLogState, id: string, outcome: CallOutcome): void {
  const p = state.pending.get(id)
  if (p === undefined) return
  state.pending.delete(id)
  state.dirty.delete(id)
  p.call.outcome = outcome
  state.completed.push(p.call)
}

function onDialEnd(state: CallLogState, f: AmiMessage['fields']): void {
  const open = f.DestUniqueid === undefined ? undefined : state.open.get(f.DestUniqueid)
  if (open === undefined) return
  const status = f.DialStatus ?? ''
  if (status === 'CANCEL' && !open.cancelled) open.cancelled = true
  else if (status !== 'ANSWER' && status !== 'CANCEL' && status !== '' && open.dialStatus === null) open.dialStatus = status
  else return
  state.dirty.add(open.id)
}

function onQueueAbandon(state: CallLogState, caller: string | undefined, at: number): void {
  if (caller === undefined || caller === '') return
  state.abandoned.set(caller, at)
  if (state.abandoned.size > KEPT) {
    const oldest = state.abandoned.keys().next().value
    if (oldest !== undefined) state.abandoned.delete(oldest)
  }
  for (const [id, p] of state.pending) if (p.viaQueue && p.caller === caller && at <= p.deadline) decide(state, id, 'abandoned')
}

function addTransfer(state: CallLogState, uniqueid: string | undefined, at: number, event: Omit<Extract<TimelineEvent, { kind: 'transfer' }>, 'at' | 'kind'>): void {
  const open = uniqueid === undefined ? undefined : state.open.get(uniqueid)
  if (open === undefined) return
  open.timeline.push({ at, kind: 'transfer', ...event })
  state.dirty.add(open.id)
}

function known(value: string | undefined): string | null {
  return value === undefined || value === '' || value === '<unknown>' ? null : value
}

/** A party of a transfer event by its channel block prefix: its number, else its channel name. */
function partyOf(f: AmiMessage['fields'], prefix: string): string | null {
  return known(f[`${prefix}CallerIDNum`]) ?? nonEmpty(f[`${prefix}Channel`])
}

/** BlindTransfer: the transferer sent the call to `Extension`. */
function onBlindTransfer(state: CallLogState, f: AmiMessage['fields'], at: number): void {
  const result = nonEmpty(f.Result)
  const extension = nonEmpty(f.Extension)
  addTransfer(state, f.TransfererUniqueid, at, { type: 'blind', role: 'transferer', party: extension, result })
  addTransfer(state, f.TransfereeUniqueid, at, { type: 'blind', role: 'transferee', party: extension, result })
}

/**
 * AttendedTransfer: the transferer's two legs (with the transferee, and the consultation with the
 * target) are joined; the target gets the transferee.
 */
function onAttendedTransfer(state: CallLogState, f: AmiMessage['fields'], at: number): void {
  const result = nonEmpty(f.Result)
  // The target's own number, else what the transferer's consultation leg was connected to.
  const target = partyOf(f, 'TransferTarget') ?? known(f.SecondTransfererConnectedLineNum)
  const transferee = partyOf(f, 'Transferee')
  addTransfer(state, f.OrigTransfererUniqueid, at, { type: 'attended', role: 'transferer', party: target, result })
  if (f.SecondTransfererUniqueid !== f.OrigTransfererUniqueid) addTransfer(state, f.SecondTransfererUniqueid, at, { type: 'attended', role: 'transferer', party: target, result })
  addTransfer(state, f.TransfereeUniqueid, at, { type: 'attended', role: 'transferee', party: target, result })
  addTransfer(state, f.TransferTargetUniqueid, at, { type: 'attended', role: 'target', party: transferee, result })
}
