/**
 * Follows one supervision leg through the PBX's events: a pure function of (tracking, AMI event),
 * like the floor engine, so it replays and tests without a PBX. The leg is found by its token in
 * the caller ID (NewCallerid comes right after Newchannel, before the phone rings).
 */
import type { SupervisionSession } from '../../shared/supervision'
import type { AmiMessage } from '../ami'
import { CALL_ENDED_BEFORE_ANSWER, originateFailed } from './words'

export interface LegTracking {
  session: SupervisionSession
  /** The current leg's Uniqueid once seen. */
  legUniqueid: string | null
  /** Legs replaced by re-originating: their hangups are expected. */
  retired: Set<string>
  /** The agent's call is gone (its channel hung up). */
  callGone: boolean
  /** End was asked for before the leg was known: hang it up as soon as it appears. */
  endRequested: boolean
  ringTimeoutMs: number
}

/** What the service must do after an event. */
export type LegEffect = { kind: 'hangup-leg'; channel: string }

export function startTracking(session: SupervisionSession, ringTimeoutMs: number): LegTracking {
  return { session, legUniqueid: null, retired: new Set(), callGone: false, endRequested: false, ringTimeoutMs }
}

export function endSession(t: LegTracking, at: number, endReason: SupervisionSession['endReason'], error: string | null = null): void {
  if (t.session.phase === 'ended') return
  t.session = { ...t.session, phase: 'ended', endedAt: at, endReason, error: t.session.error ?? error }
}

/** Applies one event; returns the effects to carry out (in order). Mutates `t.session` by replacement, so changes are visible by identity. */
export function followLeg(t: LegTracking, m: AmiMessage, at: number): LegEffect[] {
  const s = t.session
  if (s.phase === 'ended') return []
  const f = m.fields
  const event = f.Event
  const effects: LegEffect[] = []

  // The leg appears: a channel of the supervisor's endpoint carrying this session's token.
  if (t.legUniqueid === null && f.CallerIDNum === s.token && f.Uniqueid !== undefined && !t.retired.has(f.Uniqueid)) {
    const channel = f.Channel ?? ''
    if (channel.startsWith(`PJSIP/${s.supervisorExtension}-`)) {
      t.legUniqueid = f.Uniqueid
      t.session = { ...t.session, legChannel: channel }
      if (t.endRequested || t.callGone) effects.push({ kind: 'hangup-leg', channel })
    }
  }
  const own = t.legUniqueid !== null && f.Uniqueid === t.legUniqueid

  switch (event ?? '') {
    case 'Newstate':
      if (own && f.ChannelState === '6' && t.session.answeredAt === null) t.session = { ...t.session, answeredAt: at }
      break
    case 'ChanSpyStart':
      if (t.legUniqueid !== null && f.SpyerUniqueid === t.legUniqueid) {
        t.session = { ...t.session, phase: 'connected', answeredAt: t.session.answeredAt ?? at }
      }
      break
    case 'OriginateResponse':
      if (f.CallerIDNum === s.token && f.Response === 'Failure') {
        const failed = originateFailed(f.Reason ?? '0', s.supervisorExtension, t.ringTimeoutMs)
        if (t.callGone) endSession(t, at, 'call-ended', CALL_ENDED_BEFORE_ANSWER)
        else if (t.endRequested) endSession(t, at, 'supervisor-hung-up')
        else endSession(t, at, failed.endReason, failed.error)
      }
      break
    case 'Hangup':
      if (f.Uniqueid === s.callId) {
        t.callGone = true
        if (t.session.phase === 'ringing') {
          // ChanSpy's E option ends an answered leg by itself; a ringing one must be hung up.
          if (t.session.legChannel !== null) effects.push({ kind: 'hangup-leg', channel: t.session.legChannel })
          endSession(t, at, 'call-ended', CALL_ENDED_BEFORE_ANSWER)
        }
      } else if (own) {
        const answered = t.session.answeredAt !== null
        if (t.callGone) endSession(t, at, 'call-ended')
        else if (answered || t.endRequested) endSession(t, at, 'supervisor-hung-up')
        // Not answered and nobody asked: the OriginateResponse right after says why (the service
        // ends the session anyway should it never come).
      }
      break
  }
  return effects
}
