/** The simulated Asterisk's objects: what its AMI events and snapshot replies are written from. */

/** Asterisk channel states the demo uses: 0 Down, 4 Ring (dialling out), 5 Ringing, 6 Up. */
export type ChannelStateNum = 0 | 4 | 5 | 6

/** Who must react when the console's `Hangup` action names one of its channels. */
export interface ChannelOwner {
  hangupByAmi(channel: SimChannel): void
}

export interface SimChannel {
  name: string
  uniqueid: string
  linkedid: string
  state: ChannelStateNum
  callerNum: string
  callerName: string
  connectedNum: string
  connectedName: string
  context: string
  exten: string
  priority: number
  /** PBX ms (CoreShowChannel `Duration` counts from here). */
  createdAt: number
  /** PBX ms when it went Up (its CDR's answer time), null until then. */
  answeredAt: number | null
  /** The phone behind a PJSIP channel; null for Local halves. */
  endpoint: SimEndpoint | null
  bridge: SimBridge | null
  /** What CoreShowChannel says the channel runs. */
  app: string
  appData: string
  onHold: boolean
  owner: ChannelOwner | null
}

export interface SimBridge {
  id: string
  channels: SimChannel[]
}

/** res_pjsip's labels: a contact of an AOR without qualify_frequency stays `Unknown`. */
export type ContactStatus = 'Reachable' | 'Unreachable' | 'NonQualified' | 'Unknown'

export interface SimContact {
  uri: string
  /** `1001;@7df11a3f...`: the AOR plus a hash, as res_pjsip names contacts. */
  objectName: string
  callId: string
  viaPort: number
  userAgent: string
  expiration: number
  status: ContactStatus
  rttUsec: number
  /** The AOR's qualify_frequency (s): 5 for the lab's UDP phones, 0 for the WebRTC supervisor. */
  qualifyFrequency: number
  /** `ViaAddr` of PJSIPShowContacts: the REGISTER's Via host. */
  viaAddr: string
}

export interface SimEndpoint {
  ext: string
  /** Caller ID name (`"Agent 1001" <1001>`), also the queue member name. */
  name: string
  transport: string
  /** The phone's SIP port, kept across registrations (`sip:1003@127.0.0.1:5073;ob`). */
  sipPort: number
  userAgent: string
  /** Registered contact, null when the phone is not registered. */
  contact: SimContact | null
  /** Answers within ~2 ms (the lab's pjsua agents), else rings first. */
  autoAnswer: boolean
  memberships: SimMember[]
}

export interface SimMember {
  queue: SimQueue
  endpoint: SimEndpoint
  paused: boolean
  reason: string
  /** Epoch seconds, 0 = never (as Asterisk prints them). */
  lastPause: number
  lastCall: number
  callsTaken: number
  loginTime: number
  inCall: boolean
}

export interface QueueCaller {
  channel: SimChannel
  joinedAt: number
  /** Position when it joined (QueueCallerAbandon's OriginalPosition). */
  originalPosition: number
}

export interface SimQueue {
  name: string
  strategy: string
  members: SimMember[]
  callers: QueueCaller[]
  completed: number
  abandoned: number
  holdtimeTotal: number
  talktimeTotal: number
}
