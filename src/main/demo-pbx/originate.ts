/**
 * A console's Originate: Asterisk rings the phone (PJSIP/<ext>), and once it answers runs the
 * dialplan (a 555/556/557 feature code → ChanSpy) or the application given (`ChanSpy`, `<exact
 * channel>,<options>`). There is no softphone behind the demo's supervisors yet, so the demo
 * answers the leg itself after `answerAfterMs`. Event order from spy-*.jsonl.
 */
import type { Timer } from './clock'
import * as d from './dialect'
import { setCaller, setConnected } from './inbound'
import type { ChannelWatcher, PbxModel } from './model'
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
}

/** ChanSpy looks for its target about this long after answering (4021 → 4122 ms in spy-listen). */
const CHANSPY_START_MS = 100
/** A leg the demo does not model (any extension but a spy code) plays for this long, then ends. */
const OTHER_APP_MS = 1000

type LegPhase = 'dialling' | 'waiting' | 'spying' | 'running' | 'ended'

export class OriginatedLeg implements ChannelOwner, ChannelWatcher {
  readonly leg: SimChannel
  phase: LegPhase = 'dialling'
  spyee: SimChannel | null = null
  /** The phone sent its BYE; the leg is going (a few ms later). */
  private leaving = false
  private timers: Timer[] = []

  private constructor(
    private readonly model: PbxModel,
    private readonly req: OriginateRequest
  ) {
    const ep = req.endpoint
    this.leg = model.newChannel({ name: model.pjsipName(ep), state: 0, endpoint: ep, callerNum: ep.ext, callerName: ep.name, context: 'internal', exten: 's' })
    this.leg.owner = this
  }

  static start(model: PbxModel, req: OriginateRequest): OriginatedLeg {
    const leg = new OriginatedLeg(model, req)
    model.emit(d.channelEvent('Newchannel', leg.leg))
    leg.later(1, () => leg.dial())
    return leg
  }

  private dial(): void {
    const { model, leg, req } = this
    if (req.callerId !== null) {
      setCaller(leg, req.callerId.num, req.callerId.name)
      model.emit(d.newCallerid(leg))
      setConnected(leg, req.callerId.num, req.callerId.name)
      model.emit(d.channelEvent('NewConnectedLine', leg))
    }
    model.emit(d.dialEvent('DialBegin', null, leg, { DialString: req.endpoint.ext }))
    this.later(Math.max(1, req.answerAfterMs - 1), () => this.answered())
  }

  private answered(): void {
    const { model, leg, req } = this
    const ep = req.endpoint
    model.emitExtensionStatus(ep)
    leg.state = 6
    model.emit(d.channelEvent('Newstate', leg))
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
    if (req.spy === null) {
      this.phase = 'running'
      this.later(OTHER_APP_MS, () => this.dialplanHangup())
      return
    }
    this.phase = 'waiting'
    model.watchers.add(this)
    this.later(CHANSPY_START_MS, () => this.lookForSpyee())
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
  }

  onBridged(ch: SimChannel): void {
    if (this.phase === 'waiting' && this.matches(ch)) this.later(CHANSPY_START_MS, () => this.lookForSpyee())
  }

  onGone(ch: SimChannel): void {
    if (ch !== this.spyee || this.phase !== 'spying') return
    this.model.emit(d.chanSpyEvent('ChanSpyStop', this.leg, ch))
    this.spyee = null
    if (this.leaving) return
    // Option E: ChanSpy ends when the spied-on channel hangs up; then the dialplan's Hangup().
    if (this.req.spy?.options.includes('E') === true) {
      this.phase = 'running'
      this.later(1, () => this.dialplanHangup())
    } else {
      this.phase = 'waiting'
      this.later(CHANSPY_START_MS, () => this.lookForSpyee())
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
    this.stopTimers()
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
  }

  private stopSpying(): void {
    if (this.phase === 'spying' && this.spyee !== null) this.model.emit(d.chanSpyEvent('ChanSpyStop', this.leg, this.spyee))
    this.spyee = null
  }

  private gone(cause: number): void {
    const { model, leg } = this
    const ep = this.req.endpoint
    this.phase = 'ended'
    this.stopTimers()
    model.watchers.delete(this)
    model.emit(d.hangup(leg, cause))
    model.removeChannel(leg)
    model.emitExtensionStatus(ep)
    model.emitDeviceState(ep)
  }

  private stopTimers(): void {
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
