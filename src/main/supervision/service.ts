/**
 * Supervision sessions of this machine: starts a leg (Originate), follows it through the PBX's
 * events, switches mode (DTMF on the leg, or a new leg), ends it (the supervisor's leg only), and
 * hands every finished session over as the audit record.
 */
import { EventEmitter } from 'node:events'
import { randomUUID } from 'node:crypto'
import type { SupervisionEndReason, SupervisionMode, SupervisionSession } from '../../shared/supervision'
import type { ConnectionStatus } from '../../shared/contract'
import { floorNotLiveReason } from '../../shared/floor-live'
import type { AgentCall, AgentRow } from '../../shared/floor'
import type { AmiAction, AmiResponse } from '../ami'
import type { CallsProjection } from '../calls'
import type { EndedLeg, FloorState } from '../calls'
import { endSession, followLeg, type LegEffect, type LegTracking, legDigits, startTracking } from './follow'
import { modeDigit, originateAction } from './originate'
import { type Availability, type SupervisionConfig, supervisionAvailability } from './plan'
import { newLegToken } from './token'
import { CONNECTION_LOST, neverJoined, originateRefused, switchUnconfirmed } from './words'

/** What the service needs of the floor: its rows, the PBX's view of registrations, and the AMI connection. */
export interface SupervisionFloor {
  rows(): AgentRow[]
  /** The connection the rows come from: a leg is started only on a live floor. */
  status(): ConnectionStatus
  endpointReachable(extension: string): boolean | null
  send(action: AmiAction): Promise<AmiResponse>
}

export interface SupervisionDeps {
  floor: SupervisionFloor
  /** The settings in force (null: no PBX). Read at each start, so saved settings apply at once. */
  config(): SupervisionConfig | null
  operator(): { id: string; name: string } | null
  now?: () => number
  newToken?: () => string
}

/** Refusals a supervisor can read; the IPC layer passes the message through. */
export class SupervisionError extends Error {
  override readonly name = 'SupervisionError'
}

/** Ended sessions stay listed this long (the renderer shows why they ended), at most KEEP_ENDED of them. */
const ENDED_KEPT_MS = 5 * 60_000
const KEEP_ENDED = 50
/** Grace after the ring timeout for Asterisk's OriginateResponse before giving up on a leg. */
const RESPONSE_GRACE_MS = 5_000
/** How long the PBX has to confirm a DTMF mode switch (DTMFEnd on the leg: ~200 ms here) before the leg is hung up. */
const SWITCH_CONFIRM_MS = 3_000

const ANOTHER_OPERATORS_LEG = 'The softphone is still on another operator’s supervision call, which is being ended: try again in a moment.'

export class SupervisionService extends EventEmitter<{ sessions: [SupervisionSession[]]; record: [SupervisionSession] }> implements CallsProjection {
  private readonly tracked = new Map<string, LegTracking>()
  /** The Hangups `hangUpAll` sent, until Asterisk answered them. */
  private hangingUp: Promise<void> = Promise.resolve()
  /** Per session, what it waits for next: the leg's answer (watchRinging), or the PBX's word on a switch (watchSwitch). */
  private readonly timers = new Map<string, NodeJS.Timeout>()
  /** The calls model this service follows, as of its last fold (a projection's view: read, never changed). */
  private model: FloorState | null = null
  private readonly now: () => number
  private readonly newToken: () => string

  constructor(private readonly deps: SupervisionDeps) {
    super()
    this.now = deps.now ?? Date.now
    this.newToken = deps.newToken ?? newLegToken
  }

  availability(): Availability {
    return supervisionAvailability(this.deps.config())
  }

  /** One session the service still holds, listed or not (ended ones are listed for a while only). */
  session(sessionId: string): SupervisionSession | null {
    return this.tracked.get(sessionId)?.session ?? null
  }

  sessions(): SupervisionSession[] {
    const cutoff = this.now() - ENDED_KEPT_MS
    const all = [...this.tracked.values()].map((t) => t.session)
    const ended = all.filter((s) => s.phase === 'ended')
    for (const s of ended.slice(0, Math.max(0, ended.length - KEEP_ENDED))) this.tracked.delete(s.id)
    return all.filter((s) => s.phase !== 'ended' || (s.endedAt ?? 0) >= cutoff)
  }

  async start(request: { agentExtension: string; callId: string; mode: SupervisionMode }): Promise<SupervisionSession> {
    const config = this.deps.config()
    const availability = supervisionAvailability(config)
    if (config === null || !availability.available) throw new SupervisionError(availability.reason ?? 'Supervision is not available')
    // Stale rows: the call may be gone, and the Originate would only fail as a session that never began.
    const notLive = floorNotLiveReason(this.deps.floor.status())
    if (notLive !== null) throw new SupervisionError(notLive)
    const { row, call } = this.findCall(request.agentExtension, request.callId)
    // A leg of the operator before (being ended: someone else signed in) is not this one's to read
    // about: whom they supervised is theirs.
    const me = this.deps.operator()?.id ?? null
    const theirs = (t: LegTracking): boolean => (t.session.operator?.id ?? null) !== me
    const mine = this.liveOn(call.id)
    if (mine !== undefined) throw new SupervisionError(theirs(mine) ? ANOTHER_OPERATORS_LEG : `You are already on ${row.name}'s call (${mine.session.mode}); switch mode instead.`)
    // One leg at a time on the softphone: two would each carry its microphone, one of them unseen
    // (the renderer refuses too, but only once it has heard of the first session).
    const other = this.liveTo(config.supervisorExtension)
    if (other !== undefined) throw new SupervisionError(theirs(other) ? ANOTHER_OPERATORS_LEG : `End your supervision of ${other.session.agentName}’s call first.`)
    this.checkSoftphone(config.supervisorExtension)

    const at = this.now()
    const session: SupervisionSession = {
      id: randomUUID(),
      operator: this.deps.operator(),
      supervisorExtension: config.supervisorExtension,
      agentExtension: row.extension,
      agentName: row.name,
      agentChannel: call.channel,
      callId: call.id,
      customer: call.customer,
      customerName: call.customerName,
      method: config.method,
      mode: request.mode,
      phase: 'ringing',
      token: this.newToken(),
      legChannel: null,
      startedAt: at,
      answeredAt: null,
      endedAt: null,
      endReason: null,
      error: null,
      modes: [{ at, mode: request.mode, how: 'initial' }]
    }
    const tracking = startTracking(session, config.ringTimeoutMs)
    this.tracked.set(session.id, tracking)
    await this.originate(tracking, config)
    this.changed()
    return tracking.session
  }

  /** DTMF on the leg when the softphone can send it (every leg Earshot starts has ChanSpy's `d`); otherwise a new leg in the new mode. */
  async switchMode(request: { sessionId: string; mode: SupervisionMode; canSendDtmf: boolean }): Promise<
    { how: 'dtmf'; digit: '4' | '5' | '6'; session: SupervisionSession } | { how: 're-originate'; session: SupervisionSession }
  > {
    const t = this.live(request.sessionId)
    // End was asked for: its leg is being hung up, and the softphone turns away any leg of a session
    // `ending` (a new one would fail as busy, its session saying so instead of that End ended it).
    if (t.endRequested !== null) throw new SupervisionError('That supervision is ending: start it again once it has ended.')
    const at = this.now()
    if (request.canSendDtmf && t.session.phase === 'connected') {
      t.session = { ...t.session, mode: request.mode, switchPending: true, modes: [...t.session.modes, { at, mode: request.mode, how: 'dtmf' }] }
      t.digitsAtSwitch = legDigits(this.model, t)
      this.watchSwitch(t)
      this.changed()
      return { how: 'dtmf', digit: modeDigit(request.mode), session: t.session }
    }
    const config = this.deps.config()
    if (config === null) throw new SupervisionError('Not connected to a PBX')
    const { call } = this.findCall(t.session.agentExtension, t.session.callId)
    const old = t.session.legChannel
    if (t.legUniqueid !== null) t.retired.add(t.legUniqueid)
    t.legUniqueid = null
    t.endRequested = null
    t.digitsAtSwitch = 0
    t.session = {
      ...t.session,
      agentChannel: call.channel,
      mode: request.mode,
      switchPending: false,
      phase: 'ringing',
      token: this.newToken(),
      legChannel: null,
      answeredAt: null,
      modes: [...t.session.modes, { at, mode: request.mode, how: 're-originate' }]
    }
    if (old !== null) void this.hangup(old)
    await this.originate(t, config)
    this.changed()
    return { how: 're-originate', session: t.session }
  }

  /** Ends the supervisor's leg. Only that channel is ever hung up: the agent and customer stay connected. */
  end(sessionId: string, why: SupervisionEndReason = 'supervisor-hung-up'): SupervisionSession {
    const t = this.tracked.get(sessionId)
    if (t === undefined) throw new SupervisionError('No such supervision session')
    if (t.session.phase === 'ended') return t.session
    t.endRequested = why
    // The softphone turns the leg away should it ring only now, and its microphone goes off at once.
    t.session = { ...t.session, ending: true }
    if (t.session.legChannel !== null) void this.hangup(t.session.legChannel)
    this.changed()
    return t.session
  }

  /**
   * Someone else is at this desk now (`operatorId` signed in; null: nobody): every session of
   * another operator ends. Its leg rings this machine's softphone, so it would go on playing the
   * call into the next operator's headset, who may not be allowed to hear it.
   */
  endOthers(operatorId: string | null): void {
    for (const t of this.tracked.values()) {
      if (t.session.phase !== 'ended' && t.session.operator?.id !== operatorId) this.end(t.session.id, 'operator-changed')
    }
  }

  /**
   * Earshot is stopping (quitting, or its last window closed): the softphone goes with the window,
   * so nobody would ever send the leg's BYE, and Asterisk keeps a leg whose WebSocket closed —
   * still on the agent's call, in Whisper or Barge still mixed into it, still shown on every
   * floor. Every live leg is hung up here, before the AMI connection goes, and its session ends
   * as the supervisor's own (they chose to close). Resolves once Asterisk answered the Hangups,
   * or after `withinMs`.
   */
  async hangUpAll(withinMs: number): Promise<void> {
    const sent: Array<Promise<void>> = []
    for (const t of this.tracked.values()) {
      if (t.session.phase === 'ended') continue
      if (t.session.legChannel === null) {
        // Its leg not seen yet (called a moment ago, or again for a switch): End's own way, hung up
        // as soon as it appears, should the floor run on (macOS without its window). At quit the
        // floor's disconnect ends the session, and the leg rings out on a softphone that is gone.
        if (t.endRequested === null) this.end(t.session.id)
        continue
      }
      sent.push(this.hangup(t.session.legChannel))
      endSession(t, this.now(), t.endRequested ?? 'supervisor-hung-up')
      this.finished(t)
    }
    if (sent.length > 0) this.changed()
    // Also the Hangups an earlier call sent (the window closed, then Earshot quits): the connection
    // must not close before Asterisk answered them.
    const waiting = Promise.all([this.hangingUp, ...sent]).then(() => undefined)
    this.hangingUp = waiting
    let timer: NodeJS.Timeout | undefined
    await Promise.race([waiting, new Promise<void>((resolve) => (timer = setTimeout(resolve, withinMs)))])
    clearTimeout(timer)
  }

  /** The floor's calls model folded an event (this service is one of its projections). */
  update(model: FloorState, _touched: ReadonlySet<string>, _ended: readonly EndedLeg[], at: number): void {
    this.model = model
    let changed = false
    for (const t of this.tracked.values()) {
      const before = t.session
      const effects = followLeg(t, model, at)
      this.carryOut(effects)
      if (t.session !== before) {
        changed = true
        if (t.session.phase === 'ended') this.finished(t)
      }
    }
    if (changed) this.changed()
  }

  /** The PBX connection dropped or changed: legs can no longer be followed. */
  connectionLost(): void {
    let changed = false
    for (const t of this.tracked.values()) {
      if (t.session.phase === 'ended') continue
      // End asked for (End, the window closed, Earshot quitting) before any leg appeared: there is
      // none to hang up on the softphone (a late one is turned away), so it ends as asked, not as a
      // connection lost; at quit the floor's disconnect is what ends these (see hangUpAll).
      if (t.endRequested !== null && t.session.legChannel === null) endSession(t, this.now(), t.endRequested)
      else endSession(t, this.now(), 'connection-lost', CONNECTION_LOST)
      this.finished(t)
      changed = true
    }
    if (changed) this.changed()
  }

  stop(): void {
    for (const timer of this.timers.values()) clearTimeout(timer)
    this.timers.clear()
  }

  // ------------------------------------------------------------------ internals

  private async originate(t: LegTracking, config: SupervisionConfig): Promise<void> {
    const s = t.session
    const action = originateAction(config, { agentExtension: s.agentExtension, agentName: s.agentName, agentChannel: s.agentChannel, mode: s.mode, token: s.token })
    try {
      await this.deps.floor.send(action)
    } catch (error) {
      const exten = typeof action.Exten === 'string' ? action.Exten : null
      endSession(t, this.now(), 'originate-failed', originateRefused(error, exten, config.context))
      this.finished(t)
      this.changed()
      throw new SupervisionError(t.session.error ?? 'The Originate failed')
    }
    this.watchRinging(t, config.ringTimeoutMs + RESPONSE_GRACE_MS)
  }

  /**
   * Should Asterisk never say how the Originate ended, or ChanSpy never join the call after the
   * softphone answered (a target it does not find: it waits in silence), stop waiting.
   */
  private watchRinging(t: LegTracking, ms: number): void {
    clearTimeout(this.timers.get(t.session.id))
    const token = t.session.token
    const timer = setTimeout(() => {
      this.timers.delete(t.session.id)
      if (t.session.phase !== 'ringing' || t.session.token !== token) return
      if (t.session.legChannel !== null) void this.hangup(t.session.legChannel)
      // The softphone did answer: saying it did not would send the admin to the wrong place.
      const error = t.session.answeredAt !== null ? neverJoined(t.session.agentName, ms) : `Your softphone (${t.session.supervisorExtension}) did not answer the leg.`
      endSession(t, this.now(), 'not-answered', error)
      this.finished(t)
      this.changed()
    }, ms)
    timer.unref()
    this.timers.set(t.session.id, timer)
  }

  /**
   * The session says the new mode at once (and the softphone turns its microphone off at once for
   * Listen), but only the PBX knows whether ChanSpy took the digit. Not confirmed in time (the
   * digit lost, the AMI user without read=dtmf): the leg is hung up rather than left in a mode the
   * supervisor did not choose, and the session says why.
   */
  private watchSwitch(t: LegTracking): void {
    clearTimeout(this.timers.get(t.session.id))
    const timer = setTimeout(() => {
      this.timers.delete(t.session.id)
      if (t.session.switchPending !== true || t.session.phase === 'ended') return
      if (t.session.legChannel !== null) void this.hangup(t.session.legChannel)
      endSession(t, this.now(), 'switch-unconfirmed', switchUnconfirmed(t.session.mode, SWITCH_CONFIRM_MS))
      this.finished(t)
      this.changed()
    }, SWITCH_CONFIRM_MS)
    timer.unref()
    this.timers.set(t.session.id, timer)
  }

  private carryOut(effects: LegEffect[]): void {
    for (const effect of effects) if (effect.kind === 'hangup-leg') void this.hangup(effect.channel)
  }

  /** AMI Hangup of one exact channel name: the supervisor's leg, never anything else. Settles once Asterisk answered. */
  private hangup(channel: string): Promise<void> {
    return this.deps.floor.send({ Action: 'Hangup', Channel: channel, Cause: '16' }).then(
      () => undefined,
      () => {
        // Already gone, or the connection dropped: either way the leg's own Hangup event (or
        // connectionLost) closes the session.
      }
    )
  }

  private finished(t: LegTracking): void {
    clearTimeout(this.timers.get(t.session.id))
    this.timers.delete(t.session.id)
    this.emit('record', t.session)
  }

  private changed(): void {
    this.emit('sessions', this.sessions())
  }

  private live(sessionId: string): LegTracking {
    const t = this.tracked.get(sessionId)
    if (t === undefined || t.session.phase === 'ended') throw new SupervisionError('That supervision session has ended')
    return t
  }

  /** A live session whose leg rings (or is on) this softphone extension. */
  private liveTo(supervisorExtension: string): LegTracking | undefined {
    for (const t of this.tracked.values()) if (t.session.supervisorExtension === supervisorExtension && t.session.phase !== 'ended') return t
    return undefined
  }

  private liveOn(callId: string): LegTracking | undefined {
    for (const t of this.tracked.values()) if (t.session.callId === callId && t.session.phase !== 'ended') return t
    return undefined
  }

  private findCall(agentExtension: string, callId: string): { row: AgentRow; call: AgentCall } {
    const row = this.deps.floor.rows().find((r) => r.extension === agentExtension)
    const call = row?.calls.find((c) => c.id === callId)
    if (row === undefined || call === undefined) throw new SupervisionError('That call has ended.')
    if (call.state !== 'talking') throw new SupervisionError(`${row.name}'s call is not answered yet: supervision joins calls in progress.`)
    return { row, call }
  }

  private checkSoftphone(extension: string): void {
    const reachable = this.deps.floor.endpointReachable(extension)
    if (reachable === null) throw new SupervisionError(`Extension ${extension} is not a PJSIP endpoint on this PBX: check the softphone extension in Settings.`)
    if (!reachable) {
      throw new SupervisionError(`Your softphone (extension ${extension}) is not registered with the PBX, so it cannot be rung. See the softphone status in the status bar.`)
    }
  }
}
