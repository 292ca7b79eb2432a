/**
 * Follows one supervision leg as a projection of the calls model (it folds no event itself): a
 * pure function of (tracking, model), so it replays and tests without a PBX. The leg is found by
 * its token in the caller ID (NewCallerid comes right after Newchannel, before the phone rings).
 */
import type { SupervisionEndReason, SupervisionSession } from '../../shared/supervision'
import type { FloorState } from '../calls'
import { CALL_ENDED_BEFORE_ANSWER, originateFailed, wrongCall } from './words'

export interface LegTracking {
  session: SupervisionSession
  /** The current leg's Uniqueid once seen. */
  legUniqueid: string | null
  /** Legs replaced by re-originating: their hangups are expected. */
  retired: Set<string>
  /** The agent's call is gone (its channel hung up). */
  callGone: boolean
  /** End was asked for (and why; null: not asked): a leg not known yet is hung up as soon as it appears. */
  endRequested: SupervisionEndReason | null
  /**
   * Mode digits the current leg had received (the model's count) when the pending switch was asked
   * for: it is confirmed by a digit received after that, leaving the leg in the session's mode. (A
   * switch pending is the session's `switchPending`: it shows the new mode at once, and the leg's
   * mode in the calls model, DTMFEnd received on it, must come to it, or the service hangs up.)
   */
  digitsAtSwitch: number
  ringTimeoutMs: number
}

/** What the service must do after an event. */
export type LegEffect = { kind: 'hangup-leg'; channel: string }

export function startTracking(session: SupervisionSession, ringTimeoutMs: number): LegTracking {
  return { session, legUniqueid: null, retired: new Set(), callGone: false, endRequested: null, digitsAtSwitch: 0, ringTimeoutMs }
}

/** Mode digits the tracked leg has received, as the calls model counts them (0 before it is known). */
export function legDigits(model: FloorState | null, t: LegTracking): number {
  return (t.legUniqueid === null ? undefined : model?.channels.get(t.legUniqueid))?.spy?.digits ?? 0
}

export function endSession(t: LegTracking, at: number, endReason: SupervisionSession['endReason'], error: string | null = null): void {
  if (t.session.phase === 'ended') return
  t.session = { ...t.session, phase: 'ended', endedAt: at, endReason, error: t.session.error ?? error }
}

/**
 * Brings the session up to date with the calls model after it folded an event; returns the effects
 * to carry out (in order). Mutates `t.session` by replacement, so changes are visible by identity.
 */
export function followLeg(t: LegTracking, model: FloorState, at: number): LegEffect[] {
  const s = t.session
  if (s.phase === 'ended') return []
  const effects: LegEffect[] = []

  // The leg appears: a channel of the supervisor's endpoint carrying this session's token.
  if (t.legUniqueid === null) {
    for (const id of model.channelsByEndpoint.get(s.supervisorExtension) ?? []) {
      const ch = model.channels.get(id)
      if (ch === undefined || ch.callerNum !== s.token || t.retired.has(id)) continue
      t.legUniqueid = id
      t.session = { ...t.session, legChannel: ch.name }
      if (t.endRequested !== null || t.callGone) effects.push({ kind: 'hangup-leg', channel: ch.name })
      break
    }
  }
  const leg = t.legUniqueid === null ? undefined : model.channels.get(t.legUniqueid)
  if (leg?.answeredAt != null && t.session.answeredAt === null) t.session = { ...t.session, answeredAt: leg.answeredAt }
  const spied = leg === undefined ? undefined : model.spies.get(leg.uniqueid)?.spyee
  if (leg !== undefined && spied !== undefined && spied !== s.callId) {
    // ChanSpy finds its target by name prefix: a feature code's `PJSIP/1001` also matches
    // `PJSIP/10010-…`, and an agent with two calls has two channels. The supervisor would hear a
    // call other than the one on their screen (and its end would not end the leg): hung up now.
    effects.push({ kind: 'hangup-leg', channel: leg.name })
    endSession(t, at, 'wrong-call', wrongCall(model.channels.get(spied)?.name ?? spied, s.agentChannel))
    return effects
  }
  if (leg !== undefined && t.session.phase === 'ringing' && spied !== undefined) {
    t.session = { ...t.session, phase: 'connected', answeredAt: t.session.answeredAt ?? at }
  }
  // Confirmed by a digit the leg received since the switch was asked for, leaving it in the pending
  // mode. (The mode alone is no proof: Listen then Whisper again leaves the leg in Whisper before
  // either digit arrived. Counting digits sent is none either: a send the softphone could not make
  // would leave the count short for good.)
  if (t.session.switchPending === true && leg?.spy != null && (leg.spy.digits ?? 0) > t.digitsAtSwitch && leg.spy.mode === t.session.mode) {
    t.session = { ...t.session, switchPending: false }
  }

  const failed = model.failedOriginates.get(s.token)
  if (failed !== undefined) {
    const reason = originateFailed(failed, s.supervisorExtension, t.ringTimeoutMs)
    const callGone = t.callGone || model.tombstones.has(s.callId)
    if (callGone) endSession(t, at, 'call-ended', CALL_ENDED_BEFORE_ANSWER)
    else if (t.endRequested !== null) endSession(t, at, t.endRequested)
    else endSession(t, at, reason.endReason, reason.error)
    return effects
  }

  if (!t.callGone && model.tombstones.has(s.callId)) {
    t.callGone = true
    if (t.session.phase === 'ringing') {
      // ChanSpy's E option ends an answered leg by itself; a ringing one must be hung up.
      if (t.session.legChannel !== null) effects.push({ kind: 'hangup-leg', channel: t.session.legChannel })
      endSession(t, at, 'call-ended', CALL_ENDED_BEFORE_ANSWER)
      return effects
    }
  }
  if (t.legUniqueid !== null && model.tombstones.has(t.legUniqueid)) {
    const answered = t.session.answeredAt !== null
    if (t.callGone) endSession(t, at, 'call-ended')
    else if (answered || t.endRequested !== null) endSession(t, at, t.endRequested ?? 'supervisor-hung-up')
    // Not answered and nobody asked: the OriginateResponse right after says why (the service
    // ends the session anyway should it never come).
  }
  return effects
}
