import type { Direction, SpyMode } from '../../../shared/floor'
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
}

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
  onHold: boolean
  bridge: string | null
  /** Uniqueid of the channel that dialled this one (DialBegin), to find the caller of an inbound leg. */
  dialledBy: string | null
  /** Non-null when this is a supervisor's ChanSpy leg: never an agent call. */
  spy: SpyLeg | null
}

export interface SpyLeg {
  mode: SpyMode
  /** ChanSpy options when known; without `d`, DTMF does not switch modes. */
  options: string | null
  /** ChanSpy's target when known from its application data (exact channel or a name prefix). */
  target: string | null
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
  /** Recently hung-up Uniqueids, so a late event cannot bring a dead channel back. */
  tombstones: Set<string>
  /** Endpoints whose row may have changed since the last `drainChanged`. */
  changed: Set<string>
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
    tombstones: new Set(),
    changed: new Set()
  }
}

/** Endpoints touched since the last call; the live floor turns them into row deltas. */
export function drainChanged(state: FloorState): string[] {
  const out = [...state.changed]
  state.changed.clear()
  return out
}
