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
import { type AmiMessage, headerValue } from '../ami/message'
import { agentRow, drainChanged, emptyFloor, reduceFloor, type FloorOptions, type FloorState } from '../floor'
import { removeChannel } from '../floor/channels'
import type { ChannelRecord } from '../floor/state'
import type { AgentCall, Direction, SpyMode } from '../../shared/floor'
import type { CallLogEntry, CallOutcome, ClosedBy, TimelineEvent } from '../../shared/records'

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
  /** What was open when the AMI connection was lost (`connectionLost`), until the resync. */
  stale: { at: number; calls: Set<string>; channels: Set<string> } | null
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
    stale: null
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
  state.stale ??= { at, calls: new Set(state.open.keys()), channels: new Set(state.floor.channels.keys()) }
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
    if (call !== undefined && !liveChannels.has(id)) closeCall(state, call, Math.min(stale.at, at), null, 'resync')
  }
  for (const uniqueid of stale.channels) if (!liveChannels.has(uniqueid)) removeChannel(state.floor, uniqueid)
  if (state.floor.changed.size > 0) for (const endpoint of drainChanged(state.floor)) syncEndpoint(state, endpoint, at, null)
  return state
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
      if (ch.spy !== null) forget(state, open) // it turned out to be a supervisor's spy leg
      else if (ch.endpoint !== null && ch.endpoint !== endpoint) move(state, open, ch.endpoint) // renamed (masquerade)
      else if (row === null) forget(state, open) // the roster no longer has this agent
      continue
    }
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
}

function forget(state: CallLogState, call: OpenCall): void {
  unindex(state, call)
  state.open.delete(call.id)
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
    timeline: []
  }
  // A call first seen already talking in a snapshot: when it rang is not known.
  if (!call.answeredAtApprox) {
    open.timeline.push(call.direction === 'outbound' ? { at: call.startedAt, kind: 'dialling', number: call.customer } : { at: call.startedAt, kind: 'ringing' })
  }
  state.open.set(open.id, open)
  index(state, open)
  updateCall(state, open, call, endpoint, agentName, at)
}

function updateCall(state: CallLogState, open: OpenCall, call: AgentCall, endpoint: string, agentName: string, at: number): void {
  if (open.extension !== endpoint) move(state, open, endpoint)
  open.agentName = agentName
  open.direction = call.direction
  if (call.customer !== null) open.customerNumber = call.customer
  if (call.customerName !== null) open.customerName = call.customerName
  if (open.answeredAt === null && call.state === 'talking') {
    open.answeredAt = call.answeredAt ?? at
    open.answeredAtApprox = call.answeredAtApprox
    open.timeline.push({ at: open.answeredAt, kind: 'answered', approx: open.answeredAtApprox })
    // Another agent answered this caller: legs of theirs still waiting were missed, not abandoned.
    const caller = callerOf(open)
    if (caller !== null) for (const [id, p] of state.pending) if (p.caller === caller) decide(state, id, 'missed')
  }
  if (call.onHold !== open.onHold) {
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
  for (const [leg, spy] of now) {
    const before = open.spies.get(leg)
    if (before === undefined) {
      open.timeline.push({ at, kind: 'supervision-joined', supervisor: spy.supervisor, mode: spy.mode })
      open.monitored = true
    } else if (before.mode !== spy.mode) open.timeline.push({ at, kind: 'supervision-mode', supervisor: spy.supervisor, mode: spy.mode })
  }
  for (const [leg, spy] of open.spies) if (!now.has(leg)) open.timeline.push({ at, kind: 'supervision-left', supervisor: spy.supervisor, mode: spy.mode })
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
  p.call.outcome = outcome
  state.completed.push(p.call)
}

function onDialEnd(state: CallLogState, f: AmiMessage['fields']): void {
  const open = f.DestUniqueid === undefined ? undefined : state.open.get(f.DestUniqueid)
  if (open === undefined) return
  const status = f.DialStatus ?? ''
  if (status === 'CANCEL') open.cancelled = true
  else if (status !== 'ANSWER' && status !== '' && open.dialStatus === null) open.dialStatus = status
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
  if (open !== undefined) open.timeline.push({ at, kind: 'transfer', ...event })
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
