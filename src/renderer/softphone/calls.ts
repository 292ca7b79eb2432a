/**
 * The softphone's calls: incoming INVITEs (Earshot's own supervision legs answered by themselves,
 * anything else ringing with Accept / Decline), answer, hang up, mute and DTMF. The SIP side of a
 * call is its sip.js Invitation (called the invitation here; "session" in Earshot means a
 * supervision session).
 */
import { type Invitation, SessionState, type Web } from 'sip.js'
import type { SupervisionSession } from '../../shared/supervision'
import { errorText } from '../../shared/error-text'
import type { SoftphoneEnv } from './env'
import { TOKEN_WAIT_MS, callerWords, classifyIncoming } from './pure/incoming'

export type CallPhase = 'ringing' | 'answering' | 'connected' | 'ended'

/** One call of the softphone, as the UI shows it. */
export interface SoftphoneCall {
  id: string
  /** Earshot's supervision leg (answered by itself) or an ordinary incoming call. */
  kind: 'supervision' | 'ordinary'
  /** The supervision session this leg belongs to. */
  sessionId: string | null
  callerName: string
  callerNumber: string | null
  phase: CallPhase
  muted: boolean
  receivedAt: number
  answeredAt: number | null
}

/** What the calls tell the softphone. */
export interface CallEvents {
  /** The calls shown changed (ended ones are dropped; undecided ones are not shown yet). */
  changed(calls: readonly SoftphoneCall[]): void
  /** A call was answered: device names may be known now that a microphone was opened. */
  connected(): void
}

interface CallRecord {
  view: SoftphoneCall
  invitation: Invitation
  /** The caller ID number as received. */
  number: string
  /** Classified (answered, ringing or turned away); undecided calls wait for their session. */
  decided: boolean
  waitTimer: ReturnType<typeof setTimeout> | null
  /** End was pressed while the answer was still being set up. */
  hangUpWhenConnected: boolean
}

const DTMF_DURATION_MS = 160
const DTMF_GAP_MS = 70
/** A supervision leg whose session main has ended is hung up here if the PBX has not done it by then. */
const ORPHAN_LEG_MS = 2000

function sdhOf(invitation: Invitation): Web.SessionDescriptionHandler | null {
  return (invitation.sessionDescriptionHandler as Web.SessionDescriptionHandler | undefined) ?? null
}

export class SoftphoneCalls {
  private readonly records = new Map<string, CallRecord>()
  private sessions: readonly SupervisionSession[] = []
  private readonly usedTokens = new Set<string>()
  private callSeq = 0
  /** Supervision legs already due to be hung up because main ended their session. */
  private readonly orphans = new WeakSet<CallRecord>()
  /**
   * Mute is the supervisor's, per session, not per leg: a mode switch that re-originates brings a
   * new leg of the same session, which must not answer with the microphone back on.
   */
  private readonly sessionMuted = new Map<string, boolean>()

  constructor(
    private readonly env: SoftphoneEnv,
    private readonly events: CallEvents
  ) {}

  /** Forgets every call (the softphone stopped). */
  clear(): void {
    for (const record of this.records.values()) if (record.waitTimer !== null) clearTimeout(record.waitTimer)
    this.records.clear()
    this.publish()
  }

  /** The supervision sessions of this machine (from main), for recognising Earshot's own legs. */
  setSessions(sessions: readonly SupervisionSession[]): void {
    this.sessions = sessions
    for (const id of [...this.sessionMuted.keys()]) if (!sessions.some((s) => s.id === id)) this.sessionMuted.delete(id)
    for (const record of [...this.records.values()]) {
      if (!record.decided) this.decide(record, false)
    }
    // A mode switch (DTMF) turns the microphone on or off on the leg that stays.
    for (const record of this.records.values()) if (record.view.kind === 'supervision' && record.view.phase === 'connected') this.applySending(record)
    for (const session of sessions) {
      if (session.phase !== 'ended') continue
      for (const record of this.records.values()) {
        if (record.view.sessionId !== session.id || record.view.phase === 'ended' || this.orphans.has(record)) continue
        this.orphans.add(record)
        setTimeout(() => {
          if (this.records.get(record.view.id) === record && record.view.phase !== 'ended') this.hangUp(record.view.id)
        }, ORPHAN_LEG_MS)
      }
    }
  }

  accept(callId: string): void {
    const record = this.records.get(callId)
    if (record === undefined || record.view.phase !== 'ringing') return
    this.answer(record)
  }

  decline(callId: string): void {
    const record = this.records.get(callId)
    if (record === undefined || record.view.phase !== 'ringing') return
    record.invitation.reject({ statusCode: 603, reasonPhrase: 'Decline' }).catch((error: unknown) => this.env.log('warn', `decline: ${errorText(error)}`))
  }

  /** Ends a call: BYE when connected, a rejection while it still rings. */
  hangUp(callId: string): void {
    const record = this.records.get(callId)
    if (record === undefined) return
    const invitation = record.invitation
    switch (invitation.state) {
      case SessionState.Initial:
        invitation.reject({ statusCode: 603, reasonPhrase: 'Decline' }).catch(() => undefined)
        return
      case SessionState.Establishing:
        // Accepted but not confirmed yet: BYE as soon as it is.
        record.hangUpWhenConnected = true
        return
      case SessionState.Established:
        invitation.bye().catch((error: unknown) => this.env.log('warn', `bye: ${errorText(error)}`))
        return
      case SessionState.Terminating:
      case SessionState.Terminated:
        return
    }
  }

  /** Hangs up the leg of a supervision session (End: only the supervisor's leg). */
  hangUpSession(sessionId: string): void {
    for (const record of this.records.values()) if (record.view.sessionId === sessionId) this.hangUp(record.view.id)
  }

  setMuted(callId: string, muted: boolean): void {
    const record = this.records.get(callId)
    if (record === undefined) return
    if (record.view.sessionId !== null) this.sessionMuted.set(record.view.sessionId, muted)
    this.update(record, { muted })
    this.applySending(record)
  }

  /** Whether the leg of this session can send RFC 4733 DTMF now. */
  canSendDtmf(sessionId: string): boolean {
    const record = this.connectedLeg(sessionId)
    if (record === null) return false
    const pc = sdhOf(record.invitation)?.peerConnection
    const sender = pc?.getSenders().find((s) => s.track?.kind === 'audio') ?? pc?.getSenders()[0]
    return sender?.dtmf?.canInsertDTMF === true
  }

  /** Sends one digit on the session's leg as RFC 4733 events; false when it could not. */
  sendDtmf(sessionId: string, digit: string): boolean {
    const record = this.connectedLeg(sessionId)
    const sdh = record === null ? null : sdhOf(record.invitation)
    if (sdh === null) return false
    return sdh.sendDtmf(digit, { duration: DTMF_DURATION_MS, interToneGap: DTMF_GAP_MS })
  }

  /** The remote audio to play: the most recently answered connected call's. */
  remoteStream(): MediaStream | null {
    let latest: CallRecord | null = null
    for (const record of this.records.values()) {
      if (record.view.phase !== 'connected') continue
      if (latest === null || (record.view.answeredAt ?? 0) >= (latest.view.answeredAt ?? 0)) latest = record
    }
    return latest === null ? null : (sdhOf(latest.invitation)?.remoteMediaStream ?? null)
  }

  /** The microphone changed mid-call: swap the track on every call (mute carries over). */
  async replaceMicrophone(open: () => Promise<MediaStream>): Promise<void> {
    for (const record of this.records.values()) {
      const sdh = sdhOf(record.invitation)
      const sender = sdh?.peerConnection?.getSenders().find((s) => s.track?.kind === 'audio')
      if (sdh === null || sender === undefined || record.view.phase !== 'connected') continue
      try {
        const track = (await open()).getAudioTracks()[0]
        if (track === undefined) continue
        track.enabled = this.sends(record)
        const old = sender.track
        await sender.replaceTrack(track)
        if (old !== null) {
          old.stop()
          sdh.localMediaStream.removeTrack(old)
        }
        sdh.localMediaStream.addTrack(track)
      } catch (error) {
        this.env.notify(`Could not switch the microphone: ${errorText(error)}`)
      }
    }
  }

  /** An INVITE arrived (SipLink's onInvite). */
  receive(invitation: Invitation): void {
    const number = invitation.remoteIdentity.uri.user ?? ''
    const words = callerWords(invitation.remoteIdentity.displayName, number)
    const id = `call-${String(++this.callSeq)}`
    const record: CallRecord = {
      view: {
        id,
        kind: 'ordinary',
        sessionId: null,
        callerName: words.name,
        callerNumber: words.number,
        phase: 'ringing',
        muted: false,
        receivedAt: this.env.now(),
        answeredAt: null
      },
      invitation,
      number,
      decided: false,
      waitTimer: null,
      hangUpWhenConnected: false
    }
    this.records.set(id, record)
    invitation.stateChange.addListener((state) => this.onInvitationState(record, state))
    this.decide(record, false)
  }

  private connectedLeg(sessionId: string): CallRecord | null {
    for (const record of this.records.values()) {
      if (record.view.sessionId === sessionId && record.view.phase === 'connected') return record
    }
    return null
  }

  /** 486 Busy Here: the softphone takes one call at a time. */
  private turnAway(record: CallRecord): void {
    this.records.delete(record.view.id)
    record.invitation.reject({ statusCode: 486, reasonPhrase: 'Busy Here' }).catch(() => undefined)
  }

  /** Another call answering or connected, or null. */
  private otherInProgress(record: CallRecord): CallRecord | null {
    for (const r of this.records.values()) if (r !== record && (r.view.phase === 'answering' || r.view.phase === 'connected')) return r
    return null
  }

  private decide(record: CallRecord, waited: boolean): void {
    if (record.decided || this.records.get(record.view.id) !== record) return
    // A call ringing or in progress makes the phone busy, and so does a leg still waiting for its
    // session (Listen was pressed: the supervisor is about to be on it).
    const busy = [...this.records.values()].some((r) => r !== record && r.view.phase !== 'ended' && (r.decided || r.waitTimer !== null))
    const decision = classifyIncoming(record.number, { sessions: this.sessions, usedTokens: this.usedTokens, busy, waited })
    if (decision.kind === 'wait') {
      record.waitTimer ??= setTimeout(() => {
        record.waitTimer = null
        this.decide(record, true)
      }, TOKEN_WAIT_MS)
      return
    }
    if (record.waitTimer !== null) clearTimeout(record.waitTimer)
    record.waitTimer = null
    record.decided = true
    switch (decision.kind) {
      case 'supervision': {
        this.usedTokens.add(record.number)
        const session = decision.session
        // Never two calls on the microphone: a leg of another session, or an ordinary call, in
        // progress turns this one away (main ends its session as not answered). A new leg of the
        // same session (a mode switch that re-originates) replaces the old one, which main hangs up.
        const other = this.otherInProgress(record)
        if (other !== null && other.view.sessionId !== session.id) {
          this.turnAway(record)
          this.env.log('warn', `turned away the leg of a supervision session: the softphone is on another call`)
          return
        }
        this.update(record, {
          kind: 'supervision',
          sessionId: session.id,
          callerName: session.agentName,
          callerNumber: session.agentExtension,
          muted: this.sessionMuted.get(session.id) ?? false
        })
        // A call that rang first is turned away: the supervisor chose to supervise, and the phone takes one call at a time.
        for (const r of [...this.records.values()]) {
          if (r === record || r.view.kind !== 'ordinary' || r.view.phase !== 'ringing') continue
          this.turnAway(r)
          this.env.notify(`Turned away a call from ${r.view.callerName}: you are supervising.`)
        }
        this.answer(record)
        return
      }
      case 'busy':
        this.turnAway(record)
        return
      case 'refuse':
        this.turnAway(record)
        this.env.log('warn', 'turned away a leg of a supervision session that waits for none (answered already, ended, or End pressed)')
        return
      case 'ordinary':
        record.invitation.progress().catch(() => undefined)
        this.publish()
        return
    }
  }

  private answer(record: CallRecord): void {
    this.update(record, { phase: 'answering' })
    record.invitation
      .accept({ sessionDescriptionHandlerOptions: { constraints: { audio: true, video: false } } })
      .catch((error: unknown) => {
        this.env.notify(`The softphone could not answer: ${errorText(error)}`)
        if (record.invitation.state === SessionState.Initial || record.invitation.state === SessionState.Establishing) {
          record.invitation.reject({ statusCode: 488, reasonPhrase: 'Not Acceptable Here' }).catch(() => undefined)
        }
      })
  }

  private onInvitationState(record: CallRecord, state: SessionState): void {
    switch (state) {
      case SessionState.Established:
        this.update(record, { phase: 'connected', answeredAt: this.env.now() })
        this.applySending(record)
        this.events.connected()
        if (record.hangUpWhenConnected) this.hangUp(record.view.id)
        return
      case SessionState.Terminated:
        if (record.waitTimer !== null) clearTimeout(record.waitTimer)
        this.records.delete(record.view.id)
        this.publish()
        return
      case SessionState.Initial:
      case SessionState.Establishing:
      case SessionState.Terminating:
        return
    }
  }

  /**
   * Whether the microphone goes out on this call. On a supervision leg only in Whisper or Barge
   * (as main says the session is now), and never for a session main no longer lists: in Listen
   * nothing the supervisor says leaves this computer, whatever ChanSpy does with it (a digit that
   * switches its mode, a Listen feature code that whispers). Only on the session's current leg:
   * the old one of a switch that re-originates is still in the old mode until main's hang-up
   * lands. And while the PBX has not confirmed a switch by DTMF, only to Barge: from Barge to
   * Whisper the customer still hears until the digit is taken.
   */
  private sends(record: CallRecord): boolean {
    if (record.view.muted) return false
    if (record.view.kind === 'ordinary') return true
    const session = this.sessions.find((s) => s.id === record.view.sessionId)
    if (session === undefined || session.phase === 'ended' || session.ending === true || session.token !== record.number) return false
    return session.switchPending === true ? session.mode === 'barge' : session.mode !== 'listen'
  }

  private applySending(record: CallRecord): void {
    const sdh = sdhOf(record.invitation)
    try {
      sdh?.enableSenderTracks(this.sends(record))
    } catch {
      // The peer connection is closed: nothing to send.
    }
  }

  private update(record: CallRecord, patch: Partial<SoftphoneCall>): void {
    record.view = { ...record.view, ...patch }
    this.publish()
  }

  private publish(): void {
    this.events.changed([...this.records.values()].filter((r) => r.decided).map((r) => r.view))
  }
}
