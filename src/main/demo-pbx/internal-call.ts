/**
 * An ordinary internal call (extensions.conf `_2XXX`/`_1XXX`: Dial(PJSIP/${EXTEN},30)), e.g.
 * agent 1003 dialling supervisor 2001: the caller's leg runs Dial, the callee's phone rings until
 * someone answers (a softphone over WebSocket really rings and is never answered for it), busy,
 * declines, 30 s pass, or the caller hangs up. Event order follows the DID calls of spy-*.jsonl
 * (the called leg) and outbound-answered.jsonl (the calling PJSIP leg).
 */
import { Steps } from './clock'
import * as d from './dialect'
import type { PbxModel } from './model'
import { failureOutcome, type PhoneCall, type PhoneCallEvents, type PhoneFailure } from './phones'
import type { ChannelOwner, SimBridge, SimChannel, SimEndpoint } from './types'

/** The dialplan's Dial timeout. */
export const DIAL_TIMEOUT_MS = 30_000

export type InternalPhase = 'ringing' | 'talking' | 'ended'

/** POST /demo/ring's answer: the call's id (the caller's Uniqueid) and its two channels. */
export type RingResult = { ok: true; id: string; callerChannel: string; calleeChannel: string } | { ok: false; status: number; error: string }

export class InternalCall implements ChannelOwner, PhoneCallEvents {
  readonly caller: SimChannel
  readonly callee: SimChannel
  phase: InternalPhase = 'ringing'
  phone: PhoneCall | null = null
  onEnded?: (call: InternalCall) => void
  private bridge: SimBridge | null = null
  private rang = false
  private readonly steps: Steps

  private constructor(
    private readonly model: PbxModel,
    readonly from: SimEndpoint,
    readonly to: SimEndpoint
  ) {
    this.steps = new Steps(model.clock, () => this.phase !== 'ended')
    this.caller = model.newChannel({ name: model.pjsipName(from), state: 4, endpoint: from, callerNum: from.ext, callerName: from.name, context: 'internal', exten: to.ext, priority: 2 })
    this.caller.app = 'Dial'
    this.caller.appData = `PJSIP/${to.ext},30`
    this.caller.owner = this
    this.callee = model.newChannel({ name: model.pjsipName(to), state: 0, endpoint: to, linkedid: this.caller.uniqueid, callerNum: to.ext, callerName: to.name, context: 'internal', exten: 's' })
    this.callee.app = 'AppDial'
    this.callee.appData = '(Outgoing Line)'
    this.callee.owner = this
  }

  get id(): string {
    return this.caller.uniqueid
  }

  /** `from`'s phone dials `to` now. */
  static dial(model: PbxModel, from: SimEndpoint, to: SimEndpoint, timeoutMs = DIAL_TIMEOUT_MS): InternalCall {
    const call = new InternalCall(model, from, to)
    call.start(timeoutMs)
    return call
  }

  private start(timeoutMs: number): void {
    const { model, caller, callee, from, to } = this
    model.update(callee, { exten: to.ext, connected: { num: from.ext, name: from.name } })
    model.emit(d.dialEvent('DialBegin', caller, callee, { DialString: to.ext }))
    model.update(caller, { connected: { num: to.ext, name: to.name } })
    model.emitExtensionStatus(from)
    model.emitDeviceState(from)
    model.emitMemberStatus(from)
    this.phone = model.softphones?.dial({ endpoint: to, channel: callee, from: { num: from.ext, name: from.name } }, this) ?? null
    if (this.phone === null) {
      // The demo's own phone: an auto-answering one picks up at once, the others ring.
      if (to.autoAnswer) this.steps.later(2, () => this.answered())
      else this.steps.later(1, () => this.ringing())
    }
    this.steps.later(timeoutMs, () => this.noAnswer())
  }

  // ------------------------------------------------------------------ the called phone

  ringing(): void {
    if (this.phase !== 'ringing' || this.rang) return
    const { model, caller, callee, to } = this
    this.rang = true
    model.emit(d.dialEvent('DialState', caller, callee, { DialStatus: 'RINGING' }))
    model.update(callee, { state: 5 })
    model.emitPhoneState(to)
  }

  answered(): void {
    if (this.phase !== 'ringing') return
    const { model, caller, callee, to, from } = this
    this.phase = 'talking'
    this.steps.cancel()
    model.update(callee, { state: 6 })
    model.emitPhoneState(to)
    callee.exten = ''
    model.emit(d.dialEvent('DialEnd', caller, callee, { DialStatus: 'ANSWER' }))
    model.update(caller, { state: 6 })
    model.emitDeviceState(from)
    const bridge = model.newBridge()
    this.bridge = bridge
    model.joinBridge(bridge, callee)
    model.joinBridge(bridge, caller)
    // The softphone hears the agent who called.
    this.phone?.setProgram({ customer: false, agent: true })
  }

  failed(failure: PhoneFailure): void {
    if (this.phase !== 'ringing') return
    const outcome = failureOutcome(failure.status)
    this.model.emit(d.hangupRequest(this.callee, outcome.cause))
    this.dialFailed(outcome.dialStatus, outcome.cause)
  }

  hungUp(): void {
    if (this.phase === 'talking') this.calleeHangup('phone')
  }

  dtmfBegin(digit: string): void {
    if (this.phase === 'talking') this.model.emit(d.dtmfEvent('DTMFBegin', this.callee, digit))
  }

  dtmfEnd(digit: string, durationMs: number): void {
    if (this.phase === 'talking') this.model.emit(d.dtmfEvent('DTMFEnd', this.callee, digit, durationMs))
  }

  private noAnswer(): void {
    if (this.phase !== 'ringing') return
    this.phone?.end()
    this.dialFailed('NOANSWER', 0)
  }

  /** Dial() gives up on the callee; the dialplan's Hangup() ends the caller's leg. */
  private dialFailed(dialStatus: string, cause: number): void {
    const { model, caller, callee, from, to } = this
    this.end()
    model.emit(d.dialEvent('DialEnd', caller, callee, { DialStatus: dialStatus }))
    model.hangup(callee, cause)
    model.emitPhoneState(to)
    caller.priority = 3
    model.emitExtensionStatus(from, caller)
    model.hangup(caller, cause === 0 ? 16 : cause)
    model.emitDeviceState(from)
    model.emitMemberStatus(from)
    this.onEnded?.(this)
  }

  // ------------------------------------------------------------------ hangups

  /** The caller hangs up (POST /demo/hangup, or the console's Hangup of the caller's channel). */
  callerHangup(by: 'phone' | 'ami' = 'phone'): void {
    if (this.phase === 'ended') return
    const { model, caller, callee, from, to } = this
    const bridge = this.bridge
    const answered = this.phase === 'talking'
    this.end()
    this.phone?.end()
    model.emit(by === 'phone' ? d.hangupRequest(caller, 16) : d.softHangupRequest(caller, 16))
    if (!answered) {
      model.emit(d.dialEvent('DialEnd', caller, callee, { DialStatus: 'CANCEL' }))
      model.hangup(callee, 0)
      model.emitPhoneState(to)
      model.hangup(caller, 16)
      model.emitExtensionStatus(from)
      model.emitDeviceState(from)
      model.emitMemberStatus(from)
      this.onEnded?.(this)
      return
    }
    if (bridge !== null) {
      model.leaveBridge(caller)
      model.leaveBridge(callee)
    }
    model.emitExtensionStatus(from, caller)
    model.hangup(caller, 16)
    model.emit(d.softHangupRequest(callee, 16))
    model.hangup(callee, 16)
    if (bridge !== null) {
      model.destroyBridge(bridge)
    }
    model.emitDeviceState(from)
    model.emitMemberStatus(from)
    model.emitExtensionStatus(to)
    model.emitDeviceState(to)
    model.emitMemberStatus(to)
    this.onEnded?.(this)
  }

  /** The called phone hangs up (its BYE), or the console hangs its leg up. */
  private calleeHangup(by: 'phone' | 'ami'): void {
    const { model, caller, callee, from, to } = this
    const bridge = this.bridge
    this.end()
    if (by === 'ami') this.phone?.end()
    model.emit(by === 'phone' ? d.hangupRequest(callee, 16) : d.softHangupRequest(callee, 16))
    if (bridge !== null) {
      model.leaveBridge(callee)
      model.leaveBridge(caller)
    }
    model.emitExtensionStatus(to, callee)
    model.hangup(callee, 16)
    model.emit(d.softHangupRequest(caller, 16))
    model.hangup(caller, 16)
    if (bridge !== null) {
      model.destroyBridge(bridge)
    }
    model.emitDeviceState(to)
    model.emitMemberStatus(to)
    model.emitExtensionStatus(from)
    model.emitDeviceState(from)
    model.emitMemberStatus(from)
    this.onEnded?.(this)
  }

  hangupByAmi(channel: SimChannel): void {
    if (this.phase === 'ended') return
    if (channel === this.caller || this.phase === 'ringing') this.callerHangup('ami')
    else this.calleeHangup('ami')
  }

  private end(): void {
    this.phase = 'ended'
    this.steps.cancel()
  }
}
