import type { AgentStatus, Direction, SpyMode } from '../../../shared/floor'
import type { TimelineEvent } from '../../../shared/records'
import type { FeatureCodes } from './spy-mode'

/** How to read this PBX: set per machine by the admin. */
export interface FloorOptions {
  /** Listen/whisper/barge dialplan prefixes, to tell spy legs and their mode from the number dialled. */
  featureCodes: FeatureCodes | null
  /** Digits agents dial before an outside number (`9`), removed to show the customer's number. */
  outboundPrefix: string
  /**
   * Which endpoints are agents on the floor (given the queues each is a member of); the others
   * (supervisors' phones, say) get no row. Absent: every PJSIP endpoint.
   */
  roster?: (extension: string, queues: readonly string[]) => boolean
  /** Where the model says a cap was hit (once per cap). Absent: console.warn. */
  warn?: (message: string) => void
}

/**
 * What a PBX can make the model hold, so a broken one (Hangups lost) or a hostile one cannot grow
 * memory without bound. Far above a real floor: a thousand agents' floor has a few thousand channels.
 */
export const FLOOR_LIMITS = {
  /** Channels no row shows (helpers, trunks, endpoints off the roster): capped first, so they cannot crowd out agents' calls. */
  channelsOffRoster: 20_000,
  channels: 50_000,
  /** Events on one leg's timeline (the newest are kept). */
  timeline: 500
} as const

export const defaultFloorOptions: FloorOptions = { featureCodes: null, outboundPrefix: '' }

/** One Asterisk channel, by Uniqueid. Times are on the caller's clock (ms). */
export interface ChannelRecord {
  uniqueid: string
  name: string
  /** Endpoint the channel belongs to (`1001`), null for Local and helper channels. */
  endpoint: string | null
  linkedid: string
  /** Asterisk channel state number: 0 Down, 4 Ring, 5 Ringing, 6 Up, ... */
  state: number
  callerNum: string
  callerName: string
  connectedNum: string
  connectedName: string
  /** Digits the channel dialled when it placed the call (outbound legs only). */
  dialled: string | null
  direction: Direction | null
  createdAt: number
  answeredAt: number | null
  answeredAtApprox: boolean
  /**
   * How far after `answeredAt` the true answer time may lie (ms): an answer first seen in a
   * snapshot is only known to lie between the last sign of ringing and the snapshot (to the second
   * before it, when that is the channel's creation: `Duration` counts whole seconds). 0 when exact.
   */
  answerWindow: number
  /**
   * Unanswered when the connection was lost: when the last event before that was heard (the PBX
   * had not said Up by then). The lower bound of an answer the next snapshot shows. Null otherwise.
   */
  ringingUntil: number | null
  /** False for a channel first seen already answered (a snapshot): how it began is not known. */
  beginningSeen: boolean
  onHold: boolean
  bridge: string | null
  /** Uniqueid of the channel that dialled this one (DialBegin), to find the caller of an inbound leg. */
  dialledBy: string | null
  /** Non-null when this is a supervisor's ChanSpy leg: never an agent call. */
  spy: SpyLeg | null
  /** How the Dial of this leg ended (NOANSWER, BUSY, ...), the first DialEnd that was not CANCEL or ANSWER. */
  dialStatus: string | null
  /** A DialEnd said CANCEL: the caller's side stopped ringing this leg. */
  cancelled: boolean
  /** Supervisors on this channel (its ChanSpy sessions as the timeline last told them), by spy leg Uniqueid. */
  supervisors: ReadonlyMap<string, Supervision>
  /** A supervisor ever joined this channel. */
  monitored: boolean
  /**
   * What happened on the leg, appended where the reducer changes state: hold/unhold, supervision
   * joined/switched/left, transfers. Ringing/dialling and answered are read from the record's own
   * times (see `legTimeline`), hangup/lost from how it ended.
   */
  timeline: TimelineEvent[]
  /** When the channel was last known to be up, while it is not known to be (connection lost, restored after a restart). */
  lostAt: number | null
  /** No row shows it (a helper, a trunk, an endpoint off the roster when it came): counted in `FloorState.offRoster`. */
  offRoster: boolean
}

/** No supervisors: shared by every channel nobody spies on (most of them), so creating a channel allocates no map. */
export const NO_SUPERVISORS: ReadonlyMap<string, Supervision> = new Map()

export interface Supervision {
  supervisor: string
  mode: SpyMode
}

/** A channel that left the model (hung up, or gone from the PBX when a resync looked), with how it ended. */
export interface EndedLeg {
  channel: ChannelRecord
  endedAt: number
  closedBy: 'hangup' | 'resync'
  cause: number | null
  causeText: string | null
  /** An agent's call (a row's call), not a spy leg nor a phone the roster leaves out. */
  agent: boolean
  /** The row's view of the leg as it ended (for a phone's leg that is no spy leg). */
  agentName: string
  customerNumber: string | null
  customerName: string | null
}

export interface SpyLeg {
  mode: SpyMode
  /** ChanSpy options when known; without `d`, DTMF does not switch modes. */
  options: string | null
  /** ChanSpy's target when known from its application data (exact channel or a name prefix). */
  target: string | null
  /** Mode digits (4/5/6) Asterisk said the leg received (DTMFEnd), in order: how a console knows each digit it sent arrived. */
  digits?: number
}

export interface ContactRecord {
  status: string
}

export interface EndpointRecord {
  name: string
  /** Display name learned from the PBX (queue member name, caller ID name). */
  displayName: string | null
  /** Contacts by URI with their last ContactStatus / ContactList status. */
  contacts: Map<string, ContactRecord>
}

export interface QueueMembership {
  paused: boolean
  reason: string
  /**
   * The PBX's own figures for this member (QueueMember and the live QueueMember* events), in
   * epoch seconds on the PBX's clock, 0 when never: when its last pause began (`LastPause`, set on
   * pausing only), when its last queue call ended (`LastCall`), when it joined the queue
   * (`LoginTime`). What the snapshot says of a state that began before Earshot looked.
   */
  lastPause: number
  lastCall: number
  loginTime: number
}

/** A row's status and when it began (on the caller's clock), null when nothing tells. */
export interface StatusSince {
  status: AgentStatus
  since: number | null
}

/** A caller waiting in a queue (QueueCallerJoin, or a QueueEntry of a QueueStatus answer). */
export interface QueueCaller {
  uniqueid: string
  callerNum: string
  callerName: string
  position: number
  /** When it joined the queue, on the caller's clock. */
  joinedAt: number
  /** True when `joinedAt` was read from a QueueEntry's whole-second `Wait` (an estimate, up to 1 s early). */
  joinedAtApprox: boolean
}

/** What the PBX said of a queue (QueueParams), and what Earshot saw happen in it since. */
export interface QueueRecord {
  name: string
  /** Moves on with every change to the record (its callers above all), so a view of it is rebuilt only when it changed. */
  version: number
  /** Null until a QueueParams said. */
  params: {
    strategy: string
    /** The queue's service-level threshold (s); 0 when none is set. */
    serviceLevel: number
    /** The PBX's counters since they were last reset, as of `at`. */
    completed: number
    abandoned: number
    /** The PBX's service level (% of completed calls answered within the threshold), as of `at`. */
    serviceLevelPerf: number
    at: number
  } | null
  /** Callers waiting now, by Uniqueid. */
  callers: Map<string, QueueCaller>
  /** Agent connections (AgentConnect) and abandons (QueueCallerAbandon) seen since Earshot began following. */
  answeredSeen: number
  abandonedSeen: number
  /**
   * Since the last QueueParams, added to its PBX counters: calls completed (AgentComplete: Asterisk
   * counts a call in Completed when it ends, not when it is answered) and abandons.
   */
  completedSinceParams: number
  abandonedSinceParams: number
  /** Callers an agent took (AgentConnect) whose call has not completed yet: answered, not yet in Completed. */
  talking: Set<string>
}

/**
 * The PBX's clock as read from what it says (epoch seconds in Uniqueids and pause figures), as the
 * range the offset `at - pbx epoch ms` is known to lie in. Null until the PBX said anything.
 */
export interface PbxClock {
  lo: number
  hi: number
}

/** A running ChanSpy: spyer leg → spied channel. */
export interface SpySession {
  spyer: string
  spyee: string
}

/** An Originate this console (or the capture's console) sent, until its OriginateResponse. */
export interface PendingOriginate {
  endpoint: string | null
  spy: SpyLeg | null
  /** Uniqueid of the leg claimed for it before the response arrived. */
  matched: string | null
}

export interface FloorState {
  options: FloorOptions
  channels: Map<string, ChannelRecord>
  /** Endpoint name → Uniqueids of its channels (kept in step with `channels`). */
  channelsByEndpoint: Map<string, Set<string>>
  endpoints: Map<string, EndpointRecord>
  /** Endpoint name → queue → membership. */
  queues: Map<string, Map<string, QueueMembership>>
  /** By spyer Uniqueid. */
  spies: Map<string, SpySession>
  /** By ActionID. */
  originates: Map<string, PendingOriginate>
  /** Recently hung-up Uniqueids → when, so a late event cannot bring a dead channel back. */
  tombstones: Map<string, number>
  /** Agent legs a queue rang (AgentCalled), by Uniqueid (the most recent ones). */
  queueLegs: Set<string>
  /** Callers that abandoned a queue (QueueCallerAbandon): Uniqueid → when. */
  abandoned: Map<string, number>
  /** Callers with an answered agent leg up now: Uniqueid → how many such legs. */
  answeredCallers: Map<string, number>
  /** Supervision Originates that failed (OriginateResponse Failure): the leg's caller ID (its token) → Reason. */
  failedOriginates: Map<string, string>
  /** Channels that left since the last `drainEnded`, in order. */
  ended: EndedLeg[]
  /**
   * The connection was lost at `at`: the channels known then are unknown until the next resync,
   * which ends those the PBX no longer has. Null while connected and in step.
   */
  stale: { at: number; channels: Set<string> } | null
  /**
   * Per endpoint, the offered calls in a row that stopped ringing without the agent answering (see
   * rings.ts); absent when none. Reset to none by an answer, and by every resync.
   */
  unansweredRings: Map<string, number>
  /** Each endpoint's row status and when it began (see status.ts), kept across reconnects. */
  statuses: Map<string, StatusSince>
  /**
   * Endpoints whose last change was learned from a list (a snapshot's or a QueueStatus answer),
   * not seen as it happened: a status that changed there began before, when its figures say.
   */
  learned: Set<string>
  /**
   * Set by a resync until the statuses are settled: when the model last knew the statuses it had
   * (the connection was lost then). A status changed meanwhile began after it, whatever older
   * figure the PBX gives.
   */
  knownUntil: number | null
  /** Queues by name: callers waiting, the PBX's parameters, what was seen. */
  queueRecords: Map<string, QueueRecord>
  /** Bumped whenever a queue's callers, parameters or counters change (the queue views are sent again). */
  queueVersion: number
  pbxClock: PbxClock | null
  /** Endpoints whose row may have changed since the last `drainChanged`. */
  changed: Set<string>
  /** How many `channels` are `offRoster`. */
  offRoster: number
  /** The `FLOOR_LIMITS` hit so far (each is logged once). */
  capped: Set<keyof typeof FLOOR_LIMITS>
}

export function emptyFloor(options: FloorOptions = defaultFloorOptions): FloorState {
  return {
    options,
    channels: new Map(),
    channelsByEndpoint: new Map(),
    endpoints: new Map(),
    queues: new Map(),
    spies: new Map(),
    originates: new Map(),
    tombstones: new Map(),
    queueLegs: new Set(),
    abandoned: new Map(),
    answeredCallers: new Map(),
    failedOriginates: new Map(),
    ended: [],
    stale: null,
    unansweredRings: new Map(),
    statuses: new Map(),
    learned: new Set(),
    knownUntil: null,
    queueRecords: new Map(),
    queueVersion: 0,
    pbxClock: null,
    changed: new Set(),
    offRoster: 0,
    capped: new Set()
  }
}

/** A cap of `FLOOR_LIMITS` was hit: said once per model, as the PBX keeps sending what does not fit. */
export function capReached(state: FloorState, cap: keyof typeof FLOOR_LIMITS, what: string): void {
  if (state.capped.has(cap)) return
  state.capped.add(cap)
  const warn = state.options.warn ?? ((message: string) => console.warn(message))
  warn(`[floor] ${what} (limit ${FLOOR_LIMITS[cap]}): the PBX is sending more than any floor has, or never says they ended.`)
}

/** Appends to a leg's timeline, keeping the newest `FLOOR_LIMITS.timeline` events. */
export function addToTimeline(state: FloorState, ch: ChannelRecord, event: TimelineEvent): void {
  ch.timeline.push(event)
  if (ch.timeline.length > FLOOR_LIMITS.timeline) {
    ch.timeline.shift()
    capReached(state, 'timeline', `A call's timeline is full; its oldest events are dropped`)
  }
}

/** Channels that left since the last call, in order (the call log and supervision read them). */
export function drainEnded(state: FloorState): EndedLeg[] {
  if (state.ended.length === 0) return state.ended
  const out = state.ended
  state.ended = []
  return out
}

const KEPT = 4096

/** Adds to a bounded memory of recent ids (a Set or a Map by insertion order): the oldest go first. */
export function remember<K>(memory: Set<K>, key: K): void
export function remember<K, V>(memory: Map<K, V>, key: K, value: V): void
export function remember<K, V>(memory: Set<K> | Map<K, V>, key: K, value?: V): void {
  if (memory instanceof Map) memory.set(key, value as V)
  else memory.add(key)
  if (memory.size > KEPT) {
    const oldest = memory.keys().next().value
    if (oldest !== undefined) memory.delete(oldest)
  }
}

/** Endpoints touched since the last call; the live floor turns them into row deltas. */
export function drainChanged(state: FloorState): string[] {
  const out = [...state.changed]
  state.changed.clear()
  return out
}
