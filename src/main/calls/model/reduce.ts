import { type AmiMessage, headerValue } from '../../ami'
import { addToTimeline, type FloorState, remember } from './state'
import { onAttendedTransfer, onBlindTransfer } from './transfers'
import { claimOriginatedLeg, onApplication, onChanSpyStart, onChanSpyStop, onDtmfEnd, onOriginateAction, onOriginateResponse, resolveSnapshotSpies } from './spies'
import { markDialled, markDialling, removeChannel, touch, upsertChannel } from './channels'
import { onContactList, onContactStatus, onEndpointList, onQueueMember, onQueueMemberRemoved } from './directory'
import { DEST, type Fields, OWN, durationMs, field } from './fields'
import { own } from './own'
import { callerHungUp, onAgentComplete, onAgentConnect, onQueueAbandon, onQueueCaller, onQueueCallerLeave, onQueueParams } from './queue-callers'
import { pbxClockFromUniqueid } from './pbx-clock'

type Handler = (state: FloorState, f: Fields, at: number) => void

const PHONE_PLACING_CALL = new Set([2, 3, 4]) // OffHook, Dialing, Ring: the phone started this channel
const UP = 6

/**
 * Events that say nothing the model needs; skipped before any work (RTCP arrives every few seconds
 * per call). The hangup requests precede their Hangup; the Agent* and music-on-hold events repeat
 * channel state that Newchannel/Newstate/NewConnectedLine already carried (but for AgentCalled and
 * AgentConnect, which say how a queue leg went; the queue-caller events have handlers of their own).
 */
const IGNORED = new Set([
  'RTCPSent', 'RTCPReceived', 'VarSet', 'DeviceStateChange', 'ExtensionStatus', 'PeerStatus', 'FullyBooted',
  'DTMFBegin', 'LocalBridge', 'SuccessfulAuth', 'ChallengeSent', 'SoftHangupRequest', 'HangupRequest',
  'MusicOnHoldStart', 'MusicOnHoldStop', 'AgentRingNoAnswer', 'NewAccountCode', 'Cdr', 'Cel'
])

const HANDLERS = new Map<string, Handler>([
  ['Newchannel', onNewchannel],
  ['Hangup', (state, f, at) => {
    const uniqueid = field(f, 'Uniqueid')
    if (uniqueid === undefined) return
    const causeText = field(f, 'Cause')
    const cause = causeText === undefined || causeText === '' ? NaN : Number(causeText)
    removeChannel(state, uniqueid, { at, closedBy: 'hangup', cause: Number.isInteger(cause) ? cause : null, causeText: nonEmpty(field(f, 'Cause-txt')) })
    callerHungUp(state, uniqueid)
  }],
  ['Hold', (state, f, at) => setHold(state, f, at, true)],
  ['Unhold', (state, f, at) => setHold(state, f, at, false)],
  ['BridgeEnter', (state, f, at) => {
    const ch = upsertChannel(state, f, OWN, at)
    if (ch !== null) ch.bridge = sameOrOwn(ch.bridge, field(f, 'BridgeUniqueid'))
  }],
  ['BridgeLeave', (state, f, at) => {
    const ch = upsertChannel(state, f, OWN, at)
    if (ch !== null && ch.bridge === field(f, 'BridgeUniqueid')) ch.bridge = null
  }],
  ['DialBegin', onDialBegin],
  ['DialState', onDialUpdate],
  ['DialEnd', onDialEnd],
  ['AgentCalled', (state, f) => {
    const dest = field(f, 'DestUniqueid')
    if (dest !== undefined && dest !== '') remember(state.queueLegs, own(dest))
  }],
  ['QueueCallerAbandon', (state, f, at) => {
    const caller = field(f, 'Uniqueid')
    if (caller !== undefined && caller !== '') remember(state.abandoned, own(caller), at)
    onQueueAbandon(state, f)
  }],
  ['QueueCallerJoin', onQueueCaller],
  ['QueueEntry', onQueueCaller],
  ['QueueCallerLeave', onQueueCallerLeave],
  ['AgentConnect', onAgentConnect],
  ['AgentComplete', onAgentComplete],
  ['QueueParams', onQueueParams],
  ['BlindTransfer', onBlindTransfer],
  ['AttendedTransfer', onAttendedTransfer],
  ['ChanSpyStart', onChanSpyStart],
  ['ChanSpyStop', onChanSpyStop],
  ['DTMFEnd', onDtmfEnd],
  ['Newexten', (state, f, at) => onApplication(state, f, at, field(f, 'Application'), field(f, 'AppData'))],
  ['OriginateResponse', onOriginateResponse],
  ['CoreShowChannel', onCoreShowChannel],
  ['CoreShowChannelsComplete', resolveSnapshotSpies],
  ['EndpointList', onEndpointList],
  ['ContactList', onContactList],
  ['ContactStatus', onContactStatus],
  ['QueueMember', onQueueMember],
  ['QueueMemberStatus', onQueueMember],
  ['QueueMemberPause', onQueueMember],
  ['QueueMemberPaused', onQueueMember], // Asterisk ≤ 12 spelling
  ['QueueMemberAdded', onQueueMember],
  ['QueueMemberRemoved', onQueueMemberRemoved]
])

/**
 * The call-state engine: folds one AMI message into the floor. Deterministic, no I/O, no clock:
 * `at` is the time the message was received (a capture's `t`, or Date.now() live).
 *
 * For speed (hundreds of thousands of events a second) the state is updated in place and
 * returned: the caller hands over the state it passes in, as in `state = reduceFloor(state, m, t)`.
 *
 * Handles both live events and the snapshot actions' list items (CoreShowChannel, EndpointList,
 * ContactList, QueueMember), so a snapshot is just a fold over a fresh state. Actions the console
 * sent (`Action: Originate`) are input too: they tell which legs are supervision legs.
 */
export function reduceFloor(state: FloorState, message: AmiMessage, at: number): FloorState {
  // Route on the first header (where Asterisk puts `Event:`), so the many events the floor ignores
  // cost almost nothing; the rest are read by name from their headers (see `Fields`).
  const event = headerValue(message, 'Event')
  if (event === undefined) {
    if (headerValue(message, 'Action') === 'Originate') onOriginateAction(state, message)
    return state
  }
  if (IGNORED.has(event)) return state
  const f = message
  const handler = HANDLERS.get(event)
  if (handler !== undefined) handler(state, f, at)
  // Any other event carrying a channel block (Newstate, NewCallerid, NewConnectedLine, Queue*,
  // Agent*, MusicOnHold*, ...) updates that channel's state and caller/connected line.
  else if (field(f, 'ChannelState') !== undefined) upsertChannel(state, f, OWN, at)
  return state
}

function onNewchannel(state: FloorState, f: Fields, at: number): void {
  const uniqueid = field(f, 'Uniqueid')
  const existed = uniqueid !== undefined && state.channels.has(uniqueid)
  // A new channel's Uniqueid names the PBX's second now: how its time figures are read (pbx-clock.ts).
  if (!existed) pbxClockFromUniqueid(state, uniqueid, at)
  const ch = upsertChannel(state, f, OWN, at)
  if (ch === null || existed || ch.endpoint === null) return
  if (PHONE_PLACING_CALL.has(ch.state)) markDialling(ch, field(f, 'Exten'))
  else claimOriginatedLeg(state, ch.uniqueid)
}

function onDialBegin(state: FloorState, f: Fields, at: number): void {
  const source = upsertChannel(state, f, OWN, at)
  const dest = upsertChannel(state, f, DEST, at)
  if (dest !== null) markDialled(dest, source)
  if (source !== null && dest !== null && dest.spy === null) markDialling(source, field(f, 'Exten'))
}

function onDialUpdate(state: FloorState, f: Fields, at: number): void {
  upsertChannel(state, f, OWN, at)
  upsertChannel(state, f, DEST, at)
}

/** How the Dial of the dialled leg ended: the call log tells missed from abandoned by it. */
function onDialEnd(state: FloorState, f: Fields, at: number): void {
  upsertChannel(state, f, OWN, at)
  const dest = upsertChannel(state, f, DEST, at)
  if (dest === null) return
  const status = field(f, 'DialStatus') ?? ''
  if (status === 'CANCEL') dest.cancelled = true
  else if (status !== 'ANSWER' && status !== '' && dest.dialStatus === null) dest.dialStatus = own(status)
}

function setHold(state: FloorState, f: Fields, at: number, onHold: boolean): void {
  const ch = upsertChannel(state, f, OWN, at)
  if (ch === null) return
  if (ch.onHold !== onHold) addToTimeline(state, ch, { at, kind: onHold ? 'hold' : 'unhold' })
  ch.onHold = onHold
  touch(state, ch)
}

function nonEmpty(value: string | undefined): string | null {
  return value === undefined || value === '' ? null : value
}

/** The value to store: what is stored already when the event repeats it, else a copy (see own.ts). */
function sameOrOwn(current: string | null, value: string | undefined): string | null {
  return value === undefined || value === '' ? null : value === current ? current : own(value)
}

/**
 * Snapshot item for a channel that was up before we connected. `Duration` counts from channel
 * creation, not from answer, so an answer seen here first is an estimate (flagged as such): the
 * earliest time it can have been (the last sign of ringing, else the channel's creation), with
 * the window up to now in which it happened. The owner may ask the PBX (`answeredAtFromPbx`).
 */
function onCoreShowChannel(state: FloorState, f: Fields, at: number): void {
  const uniqueid = field(f, 'Uniqueid')
  const before = uniqueid === undefined ? undefined : state.channels.get(uniqueid)
  const answeredBefore = before !== undefined && before.answeredAt !== null
  const ch = upsertChannel(state, f, OWN, at)
  if (ch === null) return
  if (before === undefined) {
    pbxClockFromUniqueid(state, uniqueid, at, durationMs(field(f, 'Duration')) / 1000)
    ch.createdAt = at - durationMs(field(f, 'Duration'))
    ch.beginningSeen = ch.state !== UP
  }
  if (ch.state === UP && !answeredBefore) {
    // Answered while nobody was looking (before we connected, or while the connection was down).
    ch.answeredAt = Math.max(ch.createdAt, ch.ringingUntil ?? ch.createdAt)
    ch.answeredAtApprox = true
    ch.answerWindow = Math.max(0, at - ch.answeredAt)
  }
  ch.bridge = sameOrOwn(ch.bridge, field(f, 'BridgeId'))
  const app = field(f, 'Application')
  if (ch.endpoint !== null && ch.direction === null) {
    // AppDial/AppQueue: the leg was dialled by Dial()/Queue() (inbound to the agent); a phone running Dial() placed the call.
    if (app === 'AppDial' || app === 'AppQueue') ch.direction = 'inbound'
    else if (app === 'Dial') markDialling(ch, field(f, 'Exten'))
  }
  onApplication(state, f, at, app, field(f, 'ApplicationData'))
}
