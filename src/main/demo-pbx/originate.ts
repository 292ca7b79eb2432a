/**
 * A console's Originate: Asterisk rings the phone (PJSIP/<ext>), and once it answers runs the
 * dialplan (a 555/556/557 feature code → ChanSpy) or the application given (`ChanSpy`, `<exact
 * channel>,<options>`). A phone registered over SIP/WebSocket gets a real INVITE (phones.ts) and
 * answers, refuses or lets it ring; any other phone is simulated and answers after
 * `answerAfterMs`. Event order from spy-*.jsonl.
 */
import { Steps, type Timer } from './clock'
import * as d from './dialect'
import { SILENCE } from './media/sounds'
import type { ChannelWatcher, PbxModel } from './model'
import { failureOutcome, type PhoneCall, type PhoneCallEvents, type PhoneFailure } from './phones'
import { heardBy, modeFromDtmf, modeFromOptions, type SpyMode, type SupervisionLegReport } from './supervision'
import type { ChannelOwner, SimChannel, SimEndpoint } from './types'

export interface OriginateRequest {
  actionId: string | undefined
  endpoint: SimEndpoint
  callerId: { num: string; name: string } | null
  context: string
  exten: string
  /** ChanSpy's target (a channel-name prefix or an exact channel) and options; null = not a spy leg. */
  spy: { target: string; options: string } | null
  /** Set for `Application:` originates: what CoreShowChannel shows the leg running. */
  application: { app: string; data: string } | null
  answerAfterMs: number
  /** Originate `Timeout` (ms): how long a real phone may ring before the Originate fails (Asterisk: 30 s). */
  timeoutMs: number
  /** The channel the console asked for (`PJSIP/2001`): a failed Originate's response names it. */
  requested: string
  /** Told once the leg is answered or has failed (a synchronous Originate's reply waits for it). */
  onResult?: (success: boolean) => void
}

/** Asterisk's default Originate timeout. */
export const ORIGINATE_TIMEOUT_MS = 30_000

/** ChanSpy looks for its target about this long after answering (4021 → 4122 ms in spy-listen). */
const CHANSPY_START_MS = 100
/** A leg the demo does not model (any extension but a spy code) plays for this long, then ends. */
const OTHER_APP_MS = 1000

type LegPhase = 'dialling' | 'waiting' | 'spying' | 'running' | 'ended'

export class OriginatedLeg implements ChannelOwner, ChannelWatcher, PhoneCallEvents {
  readonly leg: SimChannel
  phase: LegPhase = 'dialling'
  spyee: SimChannel | null = null
  /** ChanSpy's mode (options w/B, then DTMF 4/5/6 with option d); null for other legs. */
  mode: SpyMode | null
  /** The real phone behind the leg (a softphone over WebSocket), null when simulated. */
  phone: PhoneCall | null = null
  /** The phone sent its BYE; the leg is going (a few ms later). */
  private leaving = false
  private rang = false
  private ringTimer: Timer | null = null
  private readonly steps: Steps

  private constructor(
    private readonly model: PbxModel,
    private readonly req: OriginateRequest
  ) {
    const ep = req.endpoint
    this.steps = new Steps(model.clock, () => this.phase !== 'ended')
    this.leg = model.newChannel({ name: model.pjsipName(ep), state: 0, endpoint: ep, callerNum: ep.ext, callerName: ep.name, context: 'internal', exten: 's' })
    this.leg.owner = this
    this.mode = req.spy === null ? null : modeFromOptions(req.spy.options)
  }

  static start(model: PbxModel, req: OriginateRequest): OriginatedLeg {
    const leg = new OriginatedLeg(model, req)
    if (req.spy !== null) model.spyLegs.add(leg)
    leg.steps.later(1, () => leg.dial())
    return leg
  }

  private dial(): void {
    const { model, leg, req } = this
    if (req.callerId !== null) {
      model.update(leg, { caller: req.callerId })
      model.update(leg, { connected: req.callerId })
    }
    model.emit(d.dialEvent('DialBegin', null, leg, { DialString: req.endpoint.ext }))
    // chan_pjsip's INVITE shows the phone the leg's connected line (what Originate's CallerID set).
    const known = (v: string): boolean => v !== '<unknown>' && v !== ''
    const from = known(leg.connectedNum) ? { num: leg.connectedNum, name: known(leg.connectedName) ? leg.connectedName : '' } : { num: leg.callerNum, name: known(leg.callerName) ? leg.callerName : '' }
    this.phone = model.softphones?.dial({ endpoint: req.endpoint, channel: leg, from }, this) ?? null
    if (this.phone === null) this.steps.later(Math.max(1, req.answerAfterMs - 1), () => this.answered())
    else this.ringTimer = model.clock.after(req.timeoutMs, () => this.noAnswer())
  }

  // ------------------------------------------------------------------ the phone's answers

  /** 180/183: the phone rings (its device and hint say so). */
  ringing(): void {
    if (this.phase !== 'dialling' || this.rang) return
    const { model, leg } = this
    this.rang = true
    model.update(leg, { state: 5 })
    model.emitExtensionStatus(this.req.endpoint)
    model.emitDeviceState(this.req.endpoint)
  }

  /** The phone refused (486, 603, 480, ...) or went away before answering: the Originate fails. */
  failed(failure: PhoneFailure): void {
    if (this.phase !== 'dialling') return
    const outcome = failureOutcome(failure.status)
    // chan_pjsip queues the hangup with the response's cause; ast_dial reports the dial's end.
    this.model.emit(d.hangupRequest(this.leg, outcome.cause))
    this.fail(outcome)
  }

  /** Nobody answered within the Originate's Timeout: CANCEL, and the Originate fails (Reason 3). */
  private noAnswer(): void {
    if (this.phase !== 'dialling') return
    this.fail(failureOutcome(null))
  }

  private fail(outcome: { cause: number; dialStatus: string; reason: number }): void {
    const { model, leg, req } = this
    model.emit(d.dialEvent('DialEnd', null, leg, { DialStatus: outcome.dialStatus }))
    this.gone(outcome.cause)
    model.emit(
      d.originateResponse({
        actionId: req.actionId,
        success: false,
        channel: req.requested,
        context: req.application === null ? req.context : '',
        exten: req.application === null ? req.exten : '',
        reason: outcome.reason,
        uniqueid: '<null>',
        callerNum: req.callerId?.num ?? '<unknown>',
        callerName: req.callerId?.name ?? '<unknown>'
      })
    )
    req.onResult?.(false)
  }

  hungUp(): void {
    this.phoneHangup()
  }

  dtmfBegin(digit: string): void {
    if (!this.isUp()) return
    this.model.emit(d.dtmfEvent('DTMFBegin', this.leg, digit))
  }

  /** ChanSpy's `d` option: 4 listen, 5 whisper, 6 barge (app_chanspy); without it digits change nothing. */
  dtmfEnd(digit: string, durationMs: number): void {
    if (!this.isUp()) return
    this.model.emit(d.dtmfEvent('DTMFEnd', this.leg, digit, durationMs))
    const options = this.req.spy?.options ?? ''
    if (this.mode === null || !options.includes('d') || (this.phase !== 'waiting' && this.phase !== 'spying')) return
    this.mode = modeFromDtmf(digit) ?? this.mode
  }

  private isUp(): boolean {
    return (this.phase === 'waiting' || this.phase === 'spying' || this.phase === 'running') && !this.leaving
  }

  /** What the demo reports about this supervision leg (null for other legs). */
  report(): SupervisionLegReport | null {
    const spy = this.req.spy
    if (spy === null || this.mode === null) return null
    const target = this.spyee?.endpoint?.ext ?? /^PJSIP\/([^-]+)/.exec(spy.target)?.[1] ?? spy.target
    const media = this.phone?.stats() ?? { packets: 0, audible: false, level: 0, mediaConnected: false, firstAudioSentAt: null }
    return {
      spyerChannel: this.leg.name,
      spyeeChannel: this.spyee?.name ?? null,
      agentExtension: target,
      supervisorExtension: this.req.endpoint.ext,
      mode: this.mode,
      options: spy.options,
      // Until ChanSpy has the agent's channel (and once it lost it), nobody hears the supervisor.
      heardBy: this.phase === 'spying' ? heardBy(this.mode) : [],
      phase: this.phase === 'dialling' ? 'ringing' : this.phase === 'spying' ? 'spying' : 'waiting',
      phone: this.phone === null ? 'simulated' : 'webrtc',
      supervisorAudio: { packets: media.packets, audible: media.audible, level: media.level },
      mediaConnected: media.mediaConnected,
      firstAudioSentAt: media.firstAudioSentAt
    }
  }

  answered(): void {
    if (this.phase !== 'dialling') return
    const { model, leg, req } = this
    const ep = req.endpoint
    this.ringTimer?.cancel()
    this.ringTimer = null
    model.emitExtensionStatus(ep)
    model.update(leg, { state: 6 })
    model.emit(d.dialEvent('DialEnd', null, leg, { DialStatus: 'ANSWER' }))
    model.emit(this.response(true, 4))
    model.emitDeviceState(ep)
    if (req.application !== null) {
      leg.app = req.application.app
      leg.appData = req.application.data
    } else {
      // The dialplan: NoOp, Answer, then ChanSpy (priority 3).
      leg.exten = req.exten
      leg.priority = 3
      if (req.spy !== null) {
        leg.app = 'ChanSpy'
        leg.appData = `${req.spy.target},${req.spy.options}`
      }
    }
    req.onResult?.(true)
    if (req.spy === null) {
      this.phase = 'running'
      this.steps.later(OTHER_APP_MS, () => this.dialplanHangup())
      return
    }
    this.phase = 'waiting'
    model.watchers.add(this)
    this.steps.later(CHANSPY_START_MS, () => this.lookForSpyee())
  }

  private response(success: boolean, reason: number): ReturnType<typeof d.originateResponse> {
    const { leg, req } = this
    return d.originateResponse({
      actionId: req.actionId,
      success,
      channel: leg.name,
      context: req.application === null ? req.context : '',
      exten: req.application === null ? req.exten : '',
      reason,
      uniqueid: leg.uniqueid,
      callerNum: req.callerId?.num ?? '<unknown>',
      callerName: req.callerId?.name ?? '<unknown>'
    })
  }

  // ------------------------------------------------------------------ ChanSpy

  private matches(ch: SimChannel): boolean {
    const target = this.req.spy?.target ?? ''
    return ch !== this.leg && ch.endpoint !== null && (ch.name === target || ch.name.startsWith(`${target}-`)) && ch.state === 6 && ch.bridge !== null
  }

  private lookForSpyee(): void {
    if (this.phase !== 'waiting') return
    for (const ch of this.model.channels.values()) {
      if (this.matches(ch)) {
        this.startSpying(ch)
        return
      }
    }
  }

  private startSpying(spyee: SimChannel): void {
    this.phase = 'spying'
    this.spyee = spyee
    this.model.emit(d.chanSpyEvent('ChanSpyStart', this.leg, spyee))
    // ChanSpy hears both directions of the agent's channel: the customer and the agent.
    this.phone?.setProgram({ customer: true, agent: true })
  }

  onBridged(ch: SimChannel): void {
    if (this.phase === 'waiting' && this.matches(ch)) this.steps.later(CHANSPY_START_MS, () => this.lookForSpyee())
  }

  onGone(ch: SimChannel): void {
    if (ch !== this.spyee || this.phase !== 'spying') return
    this.model.emit(d.chanSpyEvent('ChanSpyStop', this.leg, ch))
    this.spyee = null
    this.phone?.setProgram(SILENCE)
    if (this.leaving) return
    // Option E: ChanSpy ends when the spied-on channel hangs up; then the dialplan's Hangup().
    if (this.req.spy?.options.includes('E') === true) {
      this.phase = 'running'
      this.steps.later(1, () => this.dialplanHangup())
    } else {
      this.phase = 'waiting'
      this.steps.later(CHANSPY_START_MS, () => this.lookForSpyee())
    }
  }

  // ------------------------------------------------------------------ hangups

  /** The supervisor's phone hangs up (spy-*.jsonl: a BYE without a cause, ChanSpy stops ~5 ms later). */
  phoneHangup(): void {
    if (this.phase === 'ended' || this.leaving) return
    const { model, leg } = this
    if (this.phase === 'dialling') {
      this.cancel()
      return
    }
    this.leaving = true
    model.emit(d.hangupRequest(leg))
    this.steps.cancel()
    model.clock.after(5, () => {
      this.stopSpying()
      model.emit(d.softHangupRequest(leg, 16))
      this.gone(0)
    })
  }

  hangupByAmi(_channel: SimChannel): void {
    if (this.phase === 'ended' || this.leaving) return
    if (this.phase === 'dialling') {
      this.cancel()
      return
    }
    this.model.emit(d.softHangupRequest(this.leg, 16))
    this.stopSpying()
    this.gone(16)
  }

  private dialplanHangup(): void {
    if (this.phase === 'ended' || this.leaving) return
    this.leg.priority++
    this.gone(16)
  }

  /** Hung up before it was answered: the Originate failed (Reason 1, hung up). */
  private cancel(): void {
    this.model.emit(d.softHangupRequest(this.leg, 16))
    this.model.emit(d.dialEvent('DialEnd', null, this.leg, { DialStatus: 'CANCEL' }))
    this.gone(16)
    this.model.emit(this.response(false, 1))
    this.req.onResult?.(false)
  }

  private stopSpying(): void {
    if (this.phase === 'spying' && this.spyee !== null) this.model.emit(d.chanSpyEvent('ChanSpyStop', this.leg, this.spyee))
    this.spyee = null
  }

  private gone(cause: number): void {
    const { model, leg } = this
    const ep = this.req.endpoint
    this.phase = 'ended'
    this.steps.cancel()
    this.ringTimer?.cancel()
    // The PBX ends the call: BYE (or CANCEL) to a real phone; after its own BYE this does nothing.
    this.phone?.end()
    model.watchers.delete(this)
    model.spyLegs.delete(this)
    model.hangup(leg, cause)
    model.emitExtensionStatus(ep)
    model.emitDeviceState(ep)
  }
}
