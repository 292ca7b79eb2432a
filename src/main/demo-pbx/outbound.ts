/**
 * An agent dialling out: `9<number>` runs Dial(Local/<number>@customers), whose ;2 half rings for
 * a while (the lab's Wait(3)), answers and sets CONNECTEDLINE, so the agent's leg learns the
 * customer's number. Event order from outbound-answered.jsonl.
 */
import type { Timer } from './clock'
import * as d from './dialect'
import { setHold, stopHoldMusic } from './hold'
import { setCaller, setConnected } from './inbound'
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
  private timers: Timer[] = []

  private constructor(
    private readonly model: PbxModel,
    private readonly spec: OutboundSpec
  ) {
    this.ep = model.endpoint(spec.agent)
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
    model.emit(d.channelEvent('Newchannel', call.agent))
    call.later(2, () => call.dialLocal())
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
    model.emit(d.channelEvent('Newchannel', one))
    model.emit(d.channelEvent('Newchannel', two))
    setCaller(one, dialled, '<unknown>')
    setConnected(one, ep.ext, ep.name)
    one.exten = dialled
    model.emit(d.newCallerid(one))
    model.emit(d.channelEvent('NewConnectedLine', one))
    setCaller(two, ep.ext, ep.name)
    setConnected(two, dialled, '<unknown>')
    model.emit(d.newCallerid(two))
    model.emit(d.channelEvent('NewConnectedLine', two))
    model.emit(d.localBridge(one, two, 'customers', number))
    model.emitExtensionStatus(ep)
    // [customers]: Set(CALLERID(all)), Set(CONNECTEDLINE(all)), Ringing().
    setCaller(two, number, 'Customer')
    two.priority = 2
    model.emit(d.newCallerid(two))
    setConnected(two, number, 'Customer')
    two.priority = 3
    model.emit(d.channelEvent('NewConnectedLine', two))
    one.state = 5
    setCaller(one, number, 'Customer')
    model.emit(d.channelEvent('Newstate', one))
    model.emit(d.newCallerid(one))
    agent.priority = 2
    model.emit(d.dialEvent('DialBegin', agent, one, { DialString: `${number}@customers` }))
    setConnected(agent, number, 'Customer')
    model.emit(d.channelEvent('NewConnectedLine', agent))
    model.emit(d.dialEvent('DialState', agent, one, { DialStatus: 'RINGING' }))
    model.emitDeviceState(ep)
    model.emitMemberStatus(ep)
    model.emitLocalDevice(one, 'INUSE')
    this.phase = 'ringing'
    if (this.spec.answerAfterMs !== null) this.later(Math.max(1, this.spec.answerAfterMs - 2), () => this.farEndAnswers())
  }

  private farEndAnswers(): void {
    const { model, agent } = this
    const one = this.one as SimChannel
    const two = this.two as SimChannel
    if (this.phase !== 'ringing') return
    two.state = 6
    two.priority = 6
    two.app = 'Playback'
    two.appData = 'lab/customer-outbound'
    model.emit(d.channelEvent('Newstate', two))
    one.state = 6
    model.emit(d.channelEvent('Newstate', one))
    one.exten = ''
    model.emit(d.dialEvent('DialEnd', agent, one, { DialStatus: 'ANSWER' }))
    agent.state = 6
    model.emit(d.channelEvent('Newstate', agent))
    this.phase = 'talking'
    this.answeredAt = model.now()
    model.emitLocalDevice(one, 'INUSE')
    model.emitLocalDevice(one, 'INUSE')
    this.later(2, () => {
      const bridge = model.newBridge()
      this.bridge = bridge
      model.emit(d.bridgeEvent('BridgeCreate', bridge))
      model.joinBridge(bridge, one)
      model.emit(d.bridgeChannelEvent('BridgeEnter', bridge, one))
      model.joinBridge(bridge, agent)
      model.emit(d.bridgeChannelEvent('BridgeEnter', bridge, agent))
      model.bridged(agent)
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
      model.emit(d.bridgeChannelEvent('BridgeLeave', bridge, agent))
      model.leaveBridge(one)
      model.emit(d.bridgeChannelEvent('BridgeLeave', bridge, one))
    } else if (one !== null && !answered) {
      model.emit(d.dialEvent('DialEnd', agent, one, { DialStatus: 'CANCEL' }))
    }
    model.emit(d.extensionStatus(ep.ext, model.extensionState(ep, agent)))
    if (one !== null && two !== null) {
      two.priority = 7
      model.emit(d.hangupRequest(two, 16))
      model.emit(d.hangup(one, 16))
      model.removeChannel(one)
      if (bridge !== null) {
        model.destroyBridge(bridge)
        model.emit(d.bridgeEvent('BridgeDestroy', bridge))
      }
      model.emitLocalDevice(one, 'NOT_INUSE')
      model.emit(d.softHangupRequest(two, 16))
      model.emit(d.hangup(two, 16))
      model.removeChannel(two)
    }
    if (by === 'phone') model.emit(d.softHangupRequest(agent, 16))
    if (one !== null) model.emitLocalDevice(one, 'NOT_INUSE')
    model.emit(d.hangup(agent, 16))
    model.removeChannel(agent)
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
    model.emit(d.hangup(one, 16))
    model.removeChannel(one)
    model.emit(d.hangup(two, 16))
    model.removeChannel(two)
    model.emitLocalDevice(one, 'NOT_INUSE')
    model.emit(d.extensionStatus(ep.ext, model.extensionState(ep, agent)))
    model.emit(d.hangup(agent, 16))
    model.removeChannel(agent)
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
    model.emit(d.hangup(two, 0))
    model.removeChannel(two)
    if (bridge !== null) {
      model.leaveBridge(one)
      model.emit(d.bridgeChannelEvent('BridgeLeave', bridge, one))
      model.leaveBridge(agent)
      model.emit(d.bridgeChannelEvent('BridgeLeave', bridge, agent))
    }
    model.emit(d.softHangupRequest(one, 16))
    model.emit(d.hangup(one, 16))
    model.removeChannel(one)
    model.emit(d.extensionStatus(ep.ext, model.extensionState(ep, agent)))
    model.emitLocalDevice(one, 'NOT_INUSE')
    model.emitLocalDevice(one, 'NOT_INUSE')
    model.emit(d.hangup(agent, 16))
    model.removeChannel(agent)
    if (bridge !== null) {
      model.destroyBridge(bridge)
      model.emit(d.bridgeEvent('BridgeDestroy', bridge))
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
    for (const t of this.timers) t.cancel()
    this.timers = []
  }

  private later(ms: number, step: () => void): void {
    this.timers.push(
      this.model.clock.after(ms, () => {
        if (this.phase !== 'ended') step()
      })
    )
  }
}
