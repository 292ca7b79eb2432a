/**
 * The simulated PBX's state: endpoints and their registrations, queues and members, channels and
 * bridges, plus the counters Asterisk names things with. Call flows (inbound.ts, outbound.ts,
 * internal-call.ts, originate.ts, presence.ts) change it; snapshot.ts answers list actions from it.
 * As in Asterisk (main/manager_channels.c, manager_bridges.c), changing a channel or a bridge here
 * writes its event: Newchannel, Newstate, NewCallerid, NewConnectedLine, Hangup, BridgeCreate,
 * BridgeEnter, BridgeLeave, BridgeDestroy. The flows write only the events of applications
 * (Dial, Queue, ChanSpy) and hangup requests, in the order the captures show.
 */
import type { Headers } from './ami-server'
import type { Scheduler } from './clock'
import { bridgeChannelEvent, bridgeEvent, channelEvent, deviceStateChange, extensionStatus, hangup, newCallerid, queueMemberEvent } from './dialect'
import type { Softphones } from './phones'
import type { Random } from './random'
import type { SupervisionLegReport } from './supervision'
import type { ChannelStateNum, SimBridge, SimChannel, SimContact, SimEndpoint, SimMember, SimQueue } from './types'

export interface EndpointSpec {
  ext: string
  name: string
  /** Registered at start (2001 in the lab is not). */
  registered?: boolean
  autoAnswer?: boolean
  transport?: string
  /** The phone's SIP port (`sip:1001@127.0.0.1:5071;ob`). */
  port?: number
  userAgent?: string
}

export interface QueueSpec {
  name: string
  strategy: string
  members: string[]
}

export interface PbxConfig {
  endpoints: EndpointSpec[]
  queues: QueueSpec[]
}

/** Reacts to channels being bridged or gone (ChanSpy legs waiting for, or watching, an agent). */
export interface ChannelWatcher {
  onBridged(ch: SimChannel): void
  onGone(ch: SimChannel): void
}

export interface PbxModelOptions {
  clock: Scheduler
  random: Random
  /** Wall-clock epoch ms at PBX time 0: Uniqueids and LastCall/LoginTime are epoch seconds. */
  epochMs: number
}

export type DeviceState = 'NOT_INUSE' | 'INUSE' | 'RINGING' | 'ONHOLD' | 'UNAVAILABLE'

/** Queue member Status numbers (AST_DEVICE_*). */
const MEMBER_STATUS: Record<DeviceState, number> = { NOT_INUSE: 1, INUSE: 2, UNAVAILABLE: 5, RINGING: 6, ONHOLD: 8 }
/** Hint states (AST_EXTENSION_*). */
const EXTENSION_STATE: Record<DeviceState, number> = { NOT_INUSE: 0, INUSE: 1, UNAVAILABLE: 4, RINGING: 8, ONHOLD: 16 }
/** PJSIPShowEndpoints' DeviceState words. */
const ENDPOINT_STATE: Record<DeviceState, string> = { NOT_INUSE: 'Not in use', INUSE: 'In use', UNAVAILABLE: 'Unavailable', RINGING: 'Ringing', ONHOLD: 'On Hold' }

export interface NewChannelSpec {
  name: string
  state: ChannelStateNum
  endpoint: SimEndpoint | null
  linkedid?: string
  callerNum?: string
  callerName?: string
  context: string
  exten: string
  /** Default 1. */
  priority?: number
}

/** A caller ID or connected line: number and name. */
export interface Id {
  num: string
  name: string
}

/**
 * A change to a channel's snapshot. Each of state, caller, connected that is given writes its event
 * (Newstate, NewCallerid, NewConnectedLine, in that order) from the snapshot with every change applied.
 */
export interface ChannelChange {
  state?: ChannelStateNum
  caller?: Id
  connected?: Id
  exten?: string
  priority?: number
}

export class PbxModel {
  readonly clock: Scheduler
  readonly random: Random
  readonly endpoints = new Map<string, SimEndpoint>()
  readonly queues = new Map<string, SimQueue>()
  /** By Uniqueid, in creation order (CoreShowChannels lists them so). */
  readonly channels = new Map<string, SimChannel>()
  readonly bridges = new Map<string, SimBridge>()
  readonly watchers = new Set<ChannelWatcher>()
  /** Phones registered over SIP/WebSocket (startDemoPbx's SIP server); null: every phone is simulated. */
  softphones: Softphones | null = null
  /** Supervision legs (ChanSpy Originates) from ringing to hangup, for the demo's report. */
  readonly spyLegs = new Set<{ report(): SupervisionLegReport | null }>()
  /** AMI events written so far (the load benchmark's meter). */
  emitted = 0
  private readonly byName = new Map<string, SimChannel>()
  private readonly byEndpoint = new Map<SimEndpoint, Set<SimChannel>>()
  private readonly listeners = new Set<(event: Headers) => void>()
  /** Last state written for app_queue's `Queue:<name>` and `Queue:<name>_avail` devices. */
  private readonly queueDevices = new Map<string, string>()
  private readonly epochMs: number
  // Asterisk numbers Uniqueids from one counter, but each channel driver names its own channels.
  private uniqueSeq = 1
  private pjsipSeq = 1
  private localSeq = 1

  constructor(config: PbxConfig, options: PbxModelOptions) {
    this.clock = options.clock
    this.random = options.random
    this.epochMs = options.epochMs
    const login = this.epochSeconds() - 19
    for (const spec of config.endpoints) this.addEndpoint(spec)
    for (const q of config.queues) {
      const queue: SimQueue = { name: q.name, strategy: q.strategy, members: [], callers: [], completed: 0, abandoned: 0, holdtimeTotal: 0, talktimeTotal: 0 }
      for (const ext of q.members) {
        const endpoint = this.endpoint(ext)
        const member: SimMember = { queue, endpoint, paused: false, reason: '', lastPause: 0, lastCall: 0, callsTaken: 0, loginTime: login, inCall: false }
        queue.members.push(member)
        endpoint.memberships.push(member)
      }
      this.queues.set(q.name, queue)
    }
  }

  // ------------------------------------------------------------------ events

  emit(event: Headers): void {
    this.emitted++
    for (const listener of this.listeners) listener(event)
  }

  onEvent(listener: (event: Headers) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  now(): number {
    return this.clock.now()
  }

  epochSeconds(): number {
    return Math.floor(this.epochMillis(this.clock.now()) / 1000)
  }

  /** Wall-clock epoch ms of a PBX time (what Asterisk's timevals say, e.g. a CDR's answer). */
  epochMillis(pbxMs: number): number {
    return this.epochMs + pbxMs
  }

  // ------------------------------------------------------------------ directory

  endpoint(ext: string): SimEndpoint {
    const ep = this.endpoints.get(ext)
    if (ep === undefined) throw new Error(`no endpoint ${ext}`)
    return ep
  }

  queue(name: string): SimQueue {
    const q = this.queues.get(name)
    if (q === undefined) throw new Error(`no queue ${name}`)
    return q
  }

  private addEndpoint(spec: EndpointSpec): void {
    const ep: SimEndpoint = {
      ext: spec.ext,
      name: spec.name,
      transport: spec.transport ?? 'transport-udp',
      sipPort: spec.port ?? 5060,
      userAgent: spec.userAgent ?? 'PJSUA/v2.17 Linux-6.18.44 x86_64 glibc-2.36',
      contact: null,
      autoAnswer: spec.autoAnswer ?? true,
      memberships: []
    }
    this.endpoints.set(spec.ext, ep)
    if (spec.registered !== false) this.register(ep)
  }

  /**
   * Gives the endpoint a fresh registration (a new contact object, as a phone's REGISTER does):
   * the simulated desk phone's, or what a softphone's REGISTER said (`from`).
   */
  register(ep: SimEndpoint, from?: Partial<Pick<SimContact, 'uri' | 'callId' | 'viaAddr' | 'viaPort' | 'userAgent' | 'status' | 'qualifyFrequency'>> & { expiresS?: number }): SimContact {
    const contact: SimContact = {
      uri: from?.uri ?? `sip:${ep.ext}@127.0.0.1:${ep.sipPort};ob`,
      objectName: `${ep.ext};@${this.random.hex(32)}`,
      callId: from?.callId ?? this.random.uuid(),
      viaAddr: from?.viaAddr ?? '127.0.0.1',
      viaPort: from?.viaPort ?? ep.sipPort,
      userAgent: from?.userAgent ?? ep.userAgent,
      expiration: this.epochSeconds() + (from?.expiresS ?? 300),
      status: from?.status ?? 'Reachable',
      rttUsec: from?.status === undefined || from.status === 'Reachable' ? this.random.int(250, 800) : 0,
      qualifyFrequency: from?.qualifyFrequency ?? 5
    }
    ep.contact = contact
    return contact
  }

  // ------------------------------------------------------------------ channels

  /** Channels made since the PBX started (CoreStatus' CoreProcessedCalls). */
  channelsCreated(): number {
    return this.uniqueSeq - 1
  }

  nextUniqueid(): string {
    return `${this.epochSeconds()}.${this.uniqueSeq++}`
  }

  pjsipName(ep: SimEndpoint): string {
    return `PJSIP/${ep.ext}-${(this.pjsipSeq++).toString(16).padStart(8, '0')}`
  }

  /** `Local/<exten>@<context>-0000000b`, without the `;1`/`;2` of its halves. */
  localName(exten: string, context: string): string {
    return `Local/${exten}@${context}-${(this.localSeq++).toString(16).padStart(8, '0')}`
  }

  newChannel(spec: NewChannelSpec): SimChannel {
    const uniqueid = this.nextUniqueid()
    const ch: SimChannel = {
      name: spec.name,
      uniqueid,
      linkedid: spec.linkedid ?? uniqueid,
      state: spec.state,
      callerNum: spec.callerNum ?? '<unknown>',
      callerName: spec.callerName ?? '<unknown>',
      connectedNum: '<unknown>',
      connectedName: '<unknown>',
      context: spec.context,
      exten: spec.exten,
      priority: spec.priority ?? 1,
      createdAt: this.clock.now(),
      answeredAt: spec.state === 6 ? this.clock.now() : null,
      endpoint: spec.endpoint,
      bridge: null,
      app: '',
      appData: '',
      onHold: false,
      owner: null
    }
    this.channels.set(uniqueid, ch)
    this.byName.set(ch.name, ch)
    if (spec.endpoint !== null) {
      let set = this.byEndpoint.get(spec.endpoint)
      if (set === undefined) this.byEndpoint.set(spec.endpoint, (set = new Set()))
      set.add(ch)
    }
    this.emit(channelEvent('Newchannel', ch))
    return ch
  }

  /** Applies `change` to the channel, then writes the events of what it names (see ChannelChange). */
  update(ch: SimChannel, change: ChannelChange): void {
    if (change.state !== undefined) ch.state = change.state
    if (ch.state === 6) ch.answeredAt ??= this.clock.now()
    if (change.caller !== undefined) {
      ch.callerNum = change.caller.num
      ch.callerName = change.caller.name
    }
    if (change.connected !== undefined) {
      ch.connectedNum = change.connected.num
      ch.connectedName = change.connected.name
    }
    if (change.exten !== undefined) ch.exten = change.exten
    if (change.priority !== undefined) ch.priority = change.priority
    if (change.state !== undefined) this.emit(channelEvent('Newstate', ch))
    if (change.caller !== undefined) this.emit(newCallerid(ch))
    if (change.connected !== undefined) this.emit(channelEvent('NewConnectedLine', ch))
  }

  channelByName(name: string): SimChannel | undefined {
    return this.byName.get(name)
  }

  channelsOf(ep: SimEndpoint): ReadonlySet<SimChannel> {
    return this.byEndpoint.get(ep) ?? EMPTY
  }

  /** The channel is gone: its Hangup, then ChanSpy legs watching it react. */
  hangup(ch: SimChannel, cause: number): void {
    this.emit(hangup(ch, cause))
    if (!this.channels.delete(ch.uniqueid)) return
    this.byName.delete(ch.name)
    if (ch.endpoint !== null) this.byEndpoint.get(ch.endpoint)?.delete(ch)
    for (const w of [...this.watchers]) w.onGone(ch)
  }

  newBridge(): SimBridge {
    const bridge: SimBridge = { id: this.random.uuid(), channels: [] }
    this.bridges.set(bridge.id, bridge)
    this.emit(bridgeEvent('BridgeCreate', bridge))
    return bridge
  }

  /** BridgeEnter; then a ChanSpy waiting for that phone's leg can start. */
  joinBridge(bridge: SimBridge, ch: SimChannel): void {
    bridge.channels.push(ch)
    ch.bridge = bridge
    this.emit(bridgeChannelEvent('BridgeEnter', bridge, ch))
    for (const w of [...this.watchers]) w.onBridged(ch)
  }

  leaveBridge(ch: SimChannel): void {
    const bridge = ch.bridge
    if (bridge === null) return
    bridge.channels = bridge.channels.filter((c) => c !== ch)
    ch.bridge = null
    this.emit(bridgeChannelEvent('BridgeLeave', bridge, ch))
  }

  destroyBridge(bridge: SimBridge): void {
    this.bridges.delete(bridge.id)
    this.emit(bridgeEvent('BridgeDestroy', bridge))
  }

  // ------------------------------------------------------------------ device state

  isReachable(ep: SimEndpoint): boolean {
    return ep.contact !== null && ep.contact.status !== 'Unreachable'
  }

  /** The phone's device state; `excluding` a leg about to go (Asterisk reports the hint idle just before that Hangup). */
  deviceState(ep: SimEndpoint, excluding?: SimChannel): DeviceState {
    if (!this.isReachable(ep)) return 'UNAVAILABLE'
    let any = false
    let ringing = true
    for (const ch of this.channelsOf(ep)) {
      if (ch === excluding) continue
      any = true
      if (ch.onHold) return 'ONHOLD'
      if (ch.state !== 5) ringing = false
    }
    if (!any) return 'NOT_INUSE'
    return ringing ? 'RINGING' : 'INUSE'
  }

  memberStatus(ep: SimEndpoint): number {
    return MEMBER_STATUS[this.deviceState(ep)]
  }

  extensionState(ep: SimEndpoint, excluding?: SimChannel): number {
    return EXTENSION_STATE[this.deviceState(ep, excluding)]
  }

  endpointStateText(ep: SimEndpoint): string {
    return ENDPOINT_STATE[this.deviceState(ep)]
  }

  emitDeviceState(ep: SimEndpoint): void {
    this.emit(deviceStateChange(`PJSIP/${ep.ext}`, this.deviceState(ep)))
  }

  /** The hint's ExtensionStatus; `excluding` a leg about to go (see deviceState). */
  emitExtensionStatus(ep: SimEndpoint, excluding?: SimChannel): void {
    this.emit(extensionStatus(ep.ext, this.extensionState(ep, excluding)))
  }

  /**
   * One change of a phone's device state, as its three listeners report it: the hint, the queue
   * members, the device. (The captures show them in other orders too; those flows write them one by one.)
   */
  emitPhoneState(ep: SimEndpoint): void {
    this.emitExtensionStatus(ep)
    this.emitMemberStatus(ep)
    this.emitDeviceState(ep)
  }

  /** QueueMemberStatus for every queue the endpoint is a member of (one event per queue). */
  emitMemberStatus(ep: SimEndpoint): void {
    const status = this.memberStatus(ep)
    for (const m of ep.memberships) this.emit(queueMemberEvent('QueueMemberStatus', m, status))
    for (const m of ep.memberships) this.emitQueueAvailability(m.queue)
  }

  /** A member takes calls: unpaused, reachable, on no call at all (the lab's queues have ringinuse=no). */
  isAvailable(m: SimMember): boolean {
    return !m.paused && this.isFree(m.endpoint)
  }

  isFree(ep: SimEndpoint): boolean {
    return this.isReachable(ep) && this.channelsOf(ep).size === 0
  }

  queueAvailability(queue: SimQueue): 'NOT_INUSE' | 'INUSE' {
    return queue.members.some((m) => this.isAvailable(m)) ? 'NOT_INUSE' : 'INUSE'
  }

  /** `Queue:<name>_avail`: INUSE once no member can take a call; written when that changes. */
  emitQueueAvailability(queue: SimQueue): void {
    this.emitQueueDevice(`Queue:${queue.name}_avail`, this.queueAvailability(queue))
  }

  /** `Queue:<name>`: RINGING while callers wait in it. */
  emitQueueCallers(queue: SimQueue): void {
    this.emitQueueDevice(`Queue:${queue.name}`, queue.callers.length > 0 ? 'RINGING' : 'NOT_INUSE')
  }

  private emitQueueDevice(device: string, state: string): void {
    if ((this.queueDevices.get(device) ?? 'NOT_INUSE') === state) return
    this.queueDevices.set(device, state)
    this.emit(deviceStateChange(device, state))
  }

  /** The Local pair's device (`Local/<exten>@<context>`), as one half reports it, or both (`halves` 2). */
  emitLocalDevice(ch: SimChannel, state: 'INUSE' | 'NOT_INUSE', halves: 1 | 2 = 1): void {
    for (let i = 0; i < halves; i++) this.emit(deviceStateChange(ch.name.replace(/-[0-9a-f]{8};[12]$/, ''), state))
  }
}

const EMPTY: ReadonlySet<SimChannel> = new Set()
