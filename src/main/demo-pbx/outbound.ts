/**
 * An agent dialling out: `9<number>` runs Dial(Local/<number>@customers), whose ;2 half rings for
 * a while (the lab's Wait(3)), answers and sets CONNECTEDLINE, so the agent's leg learns the
 * customer's number. Event order from outbound-answered.jsonl.
 */
import { Steps } from './clock'
import * as d from './dialect'
import { setHold, stopHoldMusic } from './hold'
import type { PbxModel } from './model'
import type { ChannelOwner, SimBridge, SimChannel, SimEndpoint } from './types'

export const OUTBOUND_PREFIX = '9'

export type OutboundPhase = 'dialling' | 'ringing' | 'talking' | 'ended'

export interface OutboundSpec {
  agent: string
  /** The customer's number as the agent dials it, without the outbound prefix. */
  number: string
  /** How long the far end rings before it answers (the lab: Wait(3)); null = it never answers. */
  answerAfterMs: number | null
}

export class OutboundCall implements ChannelOwner {
  readonly agent: SimChannel
  readonly ep: SimEndpoint
  readonly number: string
  one: SimChannel | null = null
  two: SimChannel | null = null
  phase: OutboundPhase = 'dialling'
  answeredAt: number | null = null
  onAnswered?: (call: OutboundCall) => void
  onEnded?: (call: OutboundCall) => void
  private bridge: SimBridge | null = null
  private readonly steps: Steps

  private constructor(
    private readonly model: PbxModel,
    private readonly spec: OutboundSpec
  ) {
    this.ep = model.endpoint(spec.agent)
    this.steps = new Steps(model.clock, () => this.phase !== 'ended')
    this.number = spec.number
    const dialled = `${OUTBOUND_PREFIX}${spec.number}`
    // The phone's INVITE: its leg starts in state Ring with the digits it dialled as Exten.
    this.agent = model.newChannel({ name: model.pjsipName(this.ep), state: 4, endpoint: this.ep, callerNum: this.ep.ext, callerName: this.ep.name, context: 'internal', exten: dialled })
    this.agent.app = 'Dial'
    this.agent.appData = `Local/${spec.number}@customers,60`
    this.agent.owner = this
  }

  static dial(model: PbxModel, spec: OutboundSpec): OutboundCall {
    const call = new OutboundCall(model, spec)
    call.steps.later(2, () => call.dialLocal())
    return call
  }

  private dialLocal(): void {
    const { model, agent, ep, number } = this
    const dialled = agent.exten
    const base = model.localName(number, 'customers')
    const one = model.newChannel({ name: `${base};1`, state: 0, endpoint: null, linkedid: agent.uniqueid, context: 'customers', exten: number })
    const two = model.newChannel({ name: `${base};2`, state: 4, endpoint: null, linkedid: agent.uniqueid, context: 'customers', exten: number })
    one.owner = this
    two.owner = this
    one.app = 'AppDial'
    one.appData = '(Outgoing Line)'
    two.app = 'Wait'
    two.appData = '3'
    this.one = one
    this.two = two
    const agentId = { num: ep.ext, name: ep.name }
    const dialledId = { num: dialled, name: '<unknown>' }
    const customer = { num: number, name: 'Customer' }
    model.update(one, { caller: dialledId, connected: agentId, exten: dialled })
    model.update(two, { caller: agentId, connected: dialledId })
    model.emit(d.localBridge(one, two, 'customers', number))
    model.emitExtensionStatus(ep)
    // [customers]: Set(CALLERID(all)), Set(CONNECTEDLINE(all)), Ringing().
    model.update(two, { caller: customer, priority: 2 })
    model.update(two, { connected: customer, priority: 3 })
    model.update(one, { state: 5, caller: customer })
    agent.priority = 2
    model.emit(d.dialEvent('DialBegin', agent, one, { DialString: `${number}@customers` }))
    model.update(agent, { connected: customer })
    model.emit(d.dialEvent('DialState', agent, one, { DialStatus: 'RINGING' }))
    model.emitDeviceState(ep)
    model.emitMemberStatus(ep)
    model.emitLocalDevice(one, 'INUSE')
    this.phase = 'ringing'
    if (this.spec.answerAfterMs !== null) this.steps.later(Math.max(1, this.spec.answerAfterMs - 2), () => this.farEndAnswers())
  }

  private farEndAnswers(): void {
    const { model, agent } = this
    const one = this.one as SimChannel
    const two = this.two as SimChannel
    if (this.phase !== 'ringing') return
    two.app = 'Playback'
    two.appData = 'lab/customer-outbound'
    model.update(two, { state: 6, priority: 6 })
    model.update(one, { state: 6 })
    one.exten = ''
    model.emit(d.dialEvent('DialEnd', agent, one, { DialStatus: 'ANSWER' }))
    model.update(agent, { state: 6 })
    this.phase = 'talking'
    this.answeredAt = model.now()
    model.emitLocalDevice(one, 'INUSE', 2)
    this.steps.later(2, () => {
      const bridge = model.newBridge()
      this.bridge = bridge
      model.joinBridge(bridge, one)
      model.joinBridge(bridge, agent)
      this.onAnswered?.(this)
    })
  }

  hold(): void {
    this.setHold(true)
  }

  unhold(): void {
    this.setHold(false)
  }

  private setHold(on: boolean): void {
    const one = this.one
    if (this.phase !== 'talking' || one === null) return
    setHold(this.model, this.agent, one, this.ep, on)
  }

  /** The agent hangs up (outbound-answered.jsonl); before an answer this cancels the call. */
  agentHangup(by: 'phone' | 'ami' = 'phone'): void {
    if (this.phase === 'ended') return
    const { model, agent, ep } = this
    const one = this.one
    const two = this.two
    const bridge = this.bridge
    const answered = this.phase === 'talking'
    this.end()
    stopHoldMusic(model, agent, one)
    model.emit(by === 'phone' ? d.hangupRequest(agent, 16) : d.softHangupRequest(agent, 16))
    if (bridge !== null && one !== null) {
      model.leaveBridge(agent)
      model.leaveBridge(one)
    } else if (one !== null && !answered) {
      model.emit(d.dialEvent('DialEnd', agent, one, { DialStatus: 'CANCEL' }))
    }
    model.emitExtensionStatus(ep, agent)
    if (one !== null && two !== null) {
      two.priority = 7
      model.emit(d.hangupRequest(two, 16))
      model.hangup(one, 16)
      if (bridge !== null) {
        model.destroyBridge(bridge)
      }
      model.emitLocalDevice(one, 'NOT_INUSE')
      model.emit(d.softHangupRequest(two, 16))
      model.hangup(two, 16)
    }
    if (by === 'phone') model.emit(d.softHangupRequest(agent, 16))
    if (one !== null) model.emitLocalDevice(one, 'NOT_INUSE')
    model.hangup(agent, 16)
    model.emitDeviceState(ep)
    model.emitMemberStatus(ep)
    this.onEnded?.(this)
  }

  /** The far end goes away before answering (not in the captures): the agent's Dial() ends, then the leg. */
  private farEndGone(named: SimChannel): void {
    const { model, agent, ep } = this
    const one = this.one as SimChannel
    const two = this.two as SimChannel
    this.end()
    model.emit(d.softHangupRequest(named, 16))
    model.emit(d.dialEvent('DialEnd', agent, one, { DialStatus: 'NOANSWER' }))
    model.hangup(one, 16)
    model.hangup(two, 16)
    model.emitLocalDevice(one, 'NOT_INUSE')
    model.emitExtensionStatus(ep, agent)
    model.hangup(agent, 16)
    model.emitDeviceState(ep)
    model.emitMemberStatus(ep)
    this.onEnded?.(this)
  }

  /** The customer hangs up first (not in the captures: mirrors the inbound customer hangup). */
  customerHangup(): void {
    if (this.phase !== 'talking') {
      if (this.phase === 'ringing' && this.two !== null) this.farEndGone(this.two)
      else this.agentHangup('ami')
      return
    }
    const { model, agent, ep } = this
    const one = this.one as SimChannel
    const two = this.two as SimChannel
    const bridge = this.bridge
    this.end()
    stopHoldMusic(model, agent, one)
    model.emit(d.softHangupRequest(two, 16))
    model.emit(d.hangupRequest(one, 0))
    model.hangup(two, 0)
    if (bridge !== null) {
      model.leaveBridge(one)
      model.leaveBridge(agent)
    }
    model.emit(d.softHangupRequest(one, 16))
    model.hangup(one, 16)
    model.emitExtensionStatus(ep, agent)
    model.emitLocalDevice(one, 'NOT_INUSE', 2)
    model.hangup(agent, 16)
    if (bridge !== null) {
      model.destroyBridge(bridge)
    }
    model.emitDeviceState(ep)
    model.emitMemberStatus(ep)
    this.onEnded?.(this)
  }

  hangupByAmi(channel: SimChannel): void {
    if (channel === this.agent) this.agentHangup('ami')
    else if (this.phase === 'ringing') this.farEndGone(channel)
    else this.customerHangup()
  }

  private end(): void {
    this.phase = 'ended'
    this.steps.cancel()
  }
}
