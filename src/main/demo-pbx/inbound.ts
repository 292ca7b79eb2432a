/**
 * A customer calling in, as the lab does it (extensions.conf [sim-customer]/[inbound]): a Local
 * channel pair is originated, its ;1 half enters the PBX and either waits in a queue (Queue()) or
 * dials one agent directly (Dial(PJSIP/<ext>)). Every event and its order is taken from
 * inbound-queue-answered, ringing-abandoned, busy-floor (queue) and spy-*.jsonl (direct).
 */
import { Steps } from './clock'
import * as d from './dialect'
import { setHold, stopHoldMusic } from './hold'
import type { Id, PbxModel } from './model'
import type { ChannelOwner, SimBridge, SimChannel, SimEndpoint, SimMember, SimQueue } from './types'

export interface Customer {
  number: string
  name: string
}

export interface InboundSpec {
  customer: Customer
  /** Queue name (`support`), or `did` for a call straight to one agent. */
  queue?: string
  did?: string
  /** ActionID of the lab driver's Originate behind the customer (its OriginateResponse reaches every session). */
  originateId: string
}

/** The queue's `timeout` (queues.conf): an agent's phone rings at most this long. */
export const QUEUE_RING_TIMEOUT_MS = 15_000

export type InboundPhase = 'waiting' | 'ringing' | 'talking' | 'ended'

export interface InboundHooks {
  /** Back in the queue after an agent did not answer: the queue tries again (`retry`). */
  onRingNoAnswer?(call: InboundCall, member: SimMember): void
  onAnswered?(call: InboundCall): void
  onEnded?(call: InboundCall): void
}

export class InboundCall implements ChannelOwner {
  /** `;1`: the call as it enters the PBX (the queue's caller). */
  readonly one: SimChannel
  /** `;2`: the customer's own "phone". */
  readonly two: SimChannel
  readonly queue: SimQueue | null
  phase: InboundPhase = 'waiting'
  agent: SimChannel | null = null
  agentEp: SimEndpoint | null = null
  member: SimMember | null = null
  joinedAt: number
  answeredAt: number | null = null
  hooks: InboundHooks = {}
  private offeredAt = 0
  private bridge: SimBridge | null = null
  private wasRinging = false
  private readonly steps: Steps

  private constructor(
    private readonly model: PbxModel,
    readonly customer: Customer,
    queue: SimQueue | null,
    private readonly did: SimEndpoint | null
  ) {
    this.queue = queue
    this.steps = new Steps(model.clock, () => this.phase !== 'ended')
    const base = model.localName(customer.number, 'sim-customer')
    this.one = model.newChannel({ name: `${base};1`, state: 0, endpoint: null, context: 'sim-customer', exten: customer.number })
    this.two = model.newChannel({ name: `${base};2`, state: 4, endpoint: null, linkedid: this.one.uniqueid, context: 'sim-customer', exten: customer.number })
    this.one.owner = this
    this.two.owner = this
    this.joinedAt = model.now()
  }

  /** The Originate burst: the Local pair comes up and the ;1 half joins the queue (or dials the agent). */
  static arrive(model: PbxModel, spec: InboundSpec): InboundCall {
    const queue = spec.queue === undefined ? null : model.queue(spec.queue)
    const did = spec.did === undefined ? null : model.endpoint(spec.did)
    if ((queue === null) === (did === null)) throw new Error('an inbound call goes to a queue or to one agent')
    const call = new InboundCall(model, spec.customer, queue, did)
    call.originate(spec.originateId)
    return call
  }

  private originate(actionId: string): void {
    const { model, one, two, customer } = this
    const id = this.customerId
    model.update(one, { caller: id })
    model.update(one, { connected: id })
    model.update(two, { caller: id, connected: id })
    model.emit(d.localBridge(one, two, 'sim-customer', customer.number))
    model.emit(d.dialEvent('DialBegin', null, one, { DialString: `${customer.number}@sim-customer` }))
    two.app = 'Playback'
    two.appData = 'lab/customer-inbound'
    model.update(two, { state: 6, priority: 2 })
    model.emitLocalDevice(two, 'INUSE')
    model.update(one, { state: 6 })
    model.emit(d.dialEvent('DialEnd', null, one, { DialStatus: 'ANSWER' }))
    // The answered ;1 half runs [inbound]: priority 2 is Queue() or Dial().
    one.context = 'inbound'
    one.priority = 2
    const target = this.queue?.name ?? this.did?.ext ?? ''
    one.exten = target
    const response = d.originateResponse({
      actionId,
      success: true,
      channel: one.name,
      context: 'inbound',
      exten: target,
      reason: 4,
      uniqueid: one.uniqueid,
      callerNum: customer.number,
      callerName: customer.name
    })
    if (this.queue !== null) {
      one.app = 'Queue'
      one.appData = `${this.queue.name},,,,300`
      this.queue.callers.push({ channel: one, joinedAt: model.now(), originalPosition: this.queue.callers.length + 1 })
      model.emitQueueCallers(this.queue)
      model.emit(d.queueCallerEvent('QueueCallerJoin', one, this.queue.name, this.queue.callers.length, this.queue.callers.length))
      model.emit(d.musicOnHoldStart(one))
      model.emit(response)
      model.emitLocalDevice(one, 'INUSE')
    } else {
      one.app = 'Dial'
      one.appData = `PJSIP/${target},30`
      model.emit(response)
      model.emitLocalDevice(one, 'INUSE')
      this.steps.later(1, () => this.dialAgent())
    }
  }

  private get customerId(): Id {
    return { num: this.customer.number, name: this.customer.name }
  }

  get waitedMs(): number {
    return this.model.now() - this.joinedAt
  }

  // ------------------------------------------------------------------ queue: offering the call to a member

  /**
   * The queue rings one member. `answerAfterMs` 0 = the phone auto-answers (~2 ms, the lab's pjsua
   * agents); null = it rings until the queue gives up (QUEUE_RING_TIMEOUT_MS) or the caller does.
   */
  offer(member: SimMember, answerAfterMs: number | null): void {
    if (this.phase !== 'waiting' || this.queue === null) throw new Error('offer needs a waiting queue call')
    const { model, one, customer } = this
    const ep = member.endpoint
    const agent = this.newAgentLeg(ep, 'AppQueue')
    this.member = member
    this.phase = 'ringing'
    this.offeredAt = model.now()
    // Asterisk prints AgentCalled from a later snapshot of the agent leg than DialBegin's.
    model.emit(d.agentEvent('AgentCalled', one, agent, member, {}, { connectedNum: customer.number, connectedName: customer.name, exten: this.queue.name }))
    model.emit(d.dialEvent('DialBegin', one, agent, { DialString: `PJSIP/${ep.ext}` }))
    model.update(one, { connected: { num: ep.ext, name: ep.name } })
    if (answerAfterMs === 0) {
      this.steps.later(1, () => model.emitExtensionStatus(ep))
      this.steps.later(2, () => this.answer())
      return
    }
    this.steps.later(1, () => this.ring(this.queue?.name ?? ''))
    const ringFor = answerAfterMs === null ? QUEUE_RING_TIMEOUT_MS : Math.min(answerAfterMs, QUEUE_RING_TIMEOUT_MS)
    this.steps.later(ringFor, () => (answerAfterMs !== null && answerAfterMs <= QUEUE_RING_TIMEOUT_MS ? this.answer() : this.ringNoAnswer()))
  }

  private newAgentLeg(ep: SimEndpoint, app: string): SimChannel {
    const agent = this.model.newChannel({
      name: this.model.pjsipName(ep),
      state: 0,
      endpoint: ep,
      linkedid: this.one.uniqueid,
      callerNum: ep.ext,
      callerName: ep.name,
      context: 'internal',
      exten: 's'
    })
    agent.app = app
    agent.appData = '(Outgoing Line)'
    agent.owner = this
    this.agent = agent
    this.agentEp = ep
    return agent
  }

  /** A phone that really rings (1004 in the captures): Ringing, with the caller on its display. */
  private ring(exten: string): void {
    const { model, one, customer } = this
    const agent = this.agent
    const ep = this.agentEp
    if (this.phase !== 'ringing' || agent === null || ep === null) return
    this.wasRinging = true
    model.emit(d.dialEvent('DialState', one, agent, { DialStatus: 'RINGING' }, { connectedNum: customer.number, connectedName: customer.name, exten }))
    model.update(agent, { state: 5, exten, connected: this.customerId })
    model.emitPhoneState(ep)
  }

  private answer(): void {
    const { model, one, queue } = this
    const agent = this.agent
    const ep = this.agentEp
    const member = this.member
    if (this.phase !== 'ringing' || agent === null || ep === null || member === null || queue === null) return
    this.phase = 'talking'
    this.answeredAt = model.now()
    // A phone that rang already shows the caller (ring()): no NewConnectedLine again.
    model.update(agent, { state: 6, exten: queue.name, ...(this.wasRinging ? {} : { connected: this.customerId }) })
    model.emit(d.dialEvent('DialEnd', one, agent, { DialStatus: 'ANSWER' }))
    model.emit(d.channelEvent('MusicOnHoldStop', one))
    model.emitDeviceState(ep)
    if (this.wasRinging) model.emitExtensionStatus(ep)
    const position = this.leaveQueue()
    model.emitQueueCallers(queue)
    model.emit(d.queueCallerEvent('QueueCallerLeave', one, queue.name, position, queue.callers.length))
    member.inCall = true
    const holdTime = Math.round((this.offeredAt - this.joinedAt) / 1000)
    model.emit(d.agentEvent('AgentConnect', one, agent, member, { HoldTime: holdTime, RingTime: Math.round((model.now() - this.offeredAt) / 1000) }))
    queue.holdtimeTotal += holdTime
    this.bridgeUp()
    this.hooks.onAnswered?.(this)
  }

  private bridgeUp(): void {
    const { model, one, two } = this
    const agent = this.agent as SimChannel
    const ep = this.agentEp as SimEndpoint
    const bridge = model.newBridge()
    this.bridge = bridge
    model.joinBridge(bridge, agent)
    if (this.queue !== null) model.emitMemberStatus(ep)
    model.joinBridge(bridge, one)
    // The customer's ;2 half goes on to Playback() and learns who it talks to.
    this.steps.later(18, () => {
      if (this.phase !== 'talking') return
      model.update(two, { caller: { num: ep.ext, name: ep.name }, priority: 3 })
    })
  }

  /** The queue gives up on this member (`timeout`): the caller waits on, for the next one. */
  private ringNoAnswer(): void {
    const { model, one } = this
    const agent = this.agent
    const ep = this.agentEp
    const member = this.member
    if (this.phase !== 'ringing' || agent === null || ep === null || member === null) return
    model.emit(d.agentEvent('AgentRingNoAnswer', one, agent, member, { RingTime: Math.round((model.now() - this.offeredAt) / 1000) }))
    model.emit(d.dialEvent('DialEnd', one, agent, { DialStatus: 'NOANSWER' }))
    model.hangup(agent, 0)
    model.emitPhoneState(ep)
    this.agent = null
    this.agentEp = null
    this.member = null
    this.wasRinging = false
    this.phase = 'waiting'
    this.hooks.onRingNoAnswer?.(this, member)
  }

  private leaveQueue(): number {
    const callers = this.queue?.callers ?? []
    const i = callers.findIndex((c) => c.channel === this.one)
    if (i >= 0) callers.splice(i, 1)
    return i + 1
  }

  // ------------------------------------------------------------------ direct (DID) calls

  private dialAgent(): void {
    const { model, one } = this
    const ep = this.did as SimEndpoint
    const agent = this.newAgentLeg(ep, 'AppDial')
    this.phase = 'ringing'
    this.offeredAt = model.now()
    model.update(agent, { exten: ep.ext, connected: this.customerId })
    this.steps.later(2, () => {
      if (this.phase !== 'ringing') return
      model.emit(d.dialEvent('DialBegin', one, agent, { DialString: `PJSIP/${ep.ext}` }))
      model.update(one, { connected: { num: ep.ext, name: ep.name } })
      if (ep.autoAnswer) this.steps.later(1, () => this.answerDirect())
      else this.steps.later(1, () => this.ring(ep.ext))
    })
  }

  /** Answers a ringing direct call (the scenario's or simulator's "agent picks up"). */
  answerDirect(): void {
    const { model, one } = this
    const agent = this.agent
    const ep = this.agentEp
    if (this.phase !== 'ringing' || agent === null || ep === null || this.queue !== null) return
    this.phase = 'talking'
    this.answeredAt = model.now()
    model.update(agent, { state: 6 })
    model.emitPhoneState(ep)
    agent.exten = ''
    model.emit(d.dialEvent('DialEnd', one, agent, { DialStatus: 'ANSWER' }))
    this.bridgeUp()
    this.hooks.onAnswered?.(this)
  }

  // ------------------------------------------------------------------ hold

  hold(): void {
    this.setHold(true)
  }

  unhold(): void {
    this.setHold(false)
  }

  private setHold(on: boolean): void {
    const agent = this.agent
    const ep = this.agentEp
    if (this.phase !== 'talking' || agent === null || ep === null) return
    setHold(this.model, agent, this.one, ep, on)
  }

  // ------------------------------------------------------------------ the end of the call

  /** The customer hangs up (the lab driver's AMI Hangup of the ;2 half): talking, waiting or ringing. */
  customerHangup(): void {
    if (this.phase === 'talking') this.customerHangupTalking()
    else if (this.phase === 'waiting' || this.phase === 'ringing') this.abandon()
  }

  private customerHangupTalking(): void {
    const { model, one, two } = this
    const agent = this.agent as SimChannel
    const ep = this.agentEp as SimEndpoint
    const bridge = this.bridge as SimBridge
    this.end()
    stopHoldMusic(model, agent, one)
    model.emit(d.softHangupRequest(two, 16))
    model.emit(d.hangupRequest(one, 0))
    model.hangup(two, 0)
    const talkSeconds = this.agentComplete('caller')
    model.leaveBridge(one)
    model.leaveBridge(agent)
    if (this.queue === null) {
      // Direct call (spy-*.jsonl): the bridge goes first, the agent leg a moment later.
      model.emitLocalDevice(one, 'NOT_INUSE')
      model.destroyBridge(bridge)
      model.emit(d.softHangupRequest(one, 16))
      model.hangup(one, 16)
      model.hangup(agent, 16)
      model.emitExtensionStatus(ep)
      model.emitLocalDevice(one, 'NOT_INUSE')
      model.emitMemberStatus(ep)
      model.emitDeviceState(ep)
    } else {
      model.emit(d.softHangupRequest(one, 16))
      model.hangup(one, 16)
      model.emitExtensionStatus(ep, agent)
      model.emitLocalDevice(one, 'NOT_INUSE', 2)
      model.hangup(agent, 16)
      model.destroyBridge(bridge)
      model.emitDeviceState(ep)
      this.completeMember(talkSeconds)
      model.emitMemberStatus(ep)
    }
    this.hooks.onEnded?.(this)
  }

  /** The agent hangs up first (not in the captures: the mirror of outbound-answered's agent hangup). */
  agentHangup(by: 'phone' | 'ami' = 'phone'): void {
    if (this.phase !== 'talking') return
    const { model, one, two } = this
    const agent = this.agent as SimChannel
    const ep = this.agentEp as SimEndpoint
    const bridge = this.bridge as SimBridge
    this.end()
    stopHoldMusic(model, agent, one)
    model.emit(by === 'phone' ? d.hangupRequest(agent, 16) : d.softHangupRequest(agent, 16))
    const talkSeconds = this.agentComplete('agent')
    model.leaveBridge(agent)
    model.leaveBridge(one)
    model.emitExtensionStatus(ep, agent)
    model.hangup(agent, 16)
    model.destroyBridge(bridge)
    model.emitDeviceState(ep)
    if (this.queue !== null) this.completeMember(talkSeconds)
    model.emitMemberStatus(ep)
    model.emit(d.hangupRequest(two, 16))
    model.hangup(one, 16)
    model.emit(d.softHangupRequest(two, 16))
    model.hangup(two, 16)
    model.emitLocalDevice(one, 'NOT_INUSE', 2)
    this.hooks.onEnded?.(this)
  }

  /** The caller gives up while waiting or while an agent's phone rings (ringing-abandoned.jsonl). */
  private abandon(): void {
    const { model, one, two, queue } = this
    const agent = this.agent
    const ep = this.agentEp
    this.end()
    model.emit(d.softHangupRequest(two, 16))
    model.emit(d.hangupRequest(one, 0))
    model.hangup(two, 0)
    if (queue !== null) model.emit(d.channelEvent('MusicOnHoldStop', one))
    if (agent !== null) {
      // Asterisk reports the cancelled dial twice here (both captures do).
      model.emit(d.dialEvent('DialEnd', one, agent, { DialStatus: 'CANCEL' }))
      model.emit(d.dialEvent('DialEnd', one, agent, { DialStatus: 'CANCEL' }))
    }
    if (queue !== null) {
      const caller = queue.callers.find((c) => c.channel === one)
      const position = this.leaveQueue()
      model.emit(d.queueCallerAbandon(one, queue.name, position, caller?.originalPosition ?? position, Math.round(this.waitedMs / 1000)))
      model.emitQueueCallers(queue)
      model.emit(d.queueCallerEvent('QueueCallerLeave', one, queue.name, position, queue.callers.length))
      queue.abandoned++
    }
    model.emit(d.softHangupRequest(one, 16))
    model.hangup(one, 0)
    if (agent !== null && ep !== null) {
      model.hangup(agent, 0)
      model.emitDeviceState(ep)
      // Reported even though the call has ended (it has: these are its last events).
      model.clock.after(2, () => {
        model.emitExtensionStatus(ep)
        model.emitMemberStatus(ep)
        model.emitLocalDevice(one, 'NOT_INUSE', 2)
      })
    } else {
      model.emitLocalDevice(one, 'NOT_INUSE', 2)
    }
    this.hooks.onEnded?.(this)
  }

  hangupByAmi(channel: SimChannel): void {
    if (channel === this.agent) {
      if (this.phase === 'talking') this.agentHangup('ami')
      else if (this.phase === 'ringing' && this.queue !== null) this.ringNoAnswer()
      else this.customerHangup()
    } else this.customerHangup()
  }

  /** AgentComplete (queue calls), as the call ends; its talk time in seconds. */
  private agentComplete(reason: 'caller' | 'agent'): number {
    const { model, one, agent, member } = this
    const talkSeconds = Math.round((model.now() - (this.answeredAt ?? model.now())) / 1000)
    if (this.queue !== null && member !== null && agent !== null) {
      model.emit(d.agentEvent('AgentComplete', one, agent, member, { HoldTime: Math.round((this.offeredAt - this.joinedAt) / 1000), TalkTime: talkSeconds, Reason: reason }))
    }
    return talkSeconds
  }

  private completeMember(talkSeconds: number): void {
    const member = this.member
    if (member === null || this.queue === null) return
    member.inCall = false
    member.callsTaken++
    member.lastCall = this.model.epochSeconds()
    this.queue.completed++
    this.queue.talktimeTotal += talkSeconds
  }

  private end(): void {
    this.phase = 'ended'
    this.steps.cancel()
  }
}
