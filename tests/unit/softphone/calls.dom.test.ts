/**
 * The softphone's calls (src/renderer/softphone/calls.ts) with sip.js's Invitation replaced by a
 * stand-in whose accept() establishes the call with one audio sender, its track enabled as sip.js
 * leaves it: what the microphone sends on each call, and one call at a time.
 */
import { describe, expect, it } from 'vitest'
import { type Invitation, SessionState } from 'sip.js'
import { SoftphoneCalls, type SoftphoneCall } from '../../../src/renderer/softphone/calls'
import type { SupervisionSession } from '../../../src/shared/supervision'
import { supervisionSession } from '../../support/supervision-session'

/** A sip.js Invitation stand-in: accept() establishes it, with one audio sender (the microphone). */
class FakeInvitation {
  state: SessionState = SessionState.Initial
  accepted = 0
  rejected: number[] = []
  readonly track = { kind: 'audio', enabled: true }
  sessionDescriptionHandler: unknown = undefined
  private readonly listeners: Array<(s: SessionState) => void> = []
  readonly stateChange = { addListener: (l: (s: SessionState) => void): void => void this.listeners.push(l) }
  readonly remoteIdentity: { uri: { user: string }; displayName: string }

  constructor(number: string, name = '') {
    this.remoteIdentity = { uri: { user: number }, displayName: name }
  }

  accept(): Promise<void> {
    this.accepted++
    this.go(SessionState.Establishing)
    const sender = { track: this.track, dtmf: { canInsertDTMF: true } }
    this.sessionDescriptionHandler = {
      peerConnection: { getSenders: () => [sender] },
      remoteMediaStream: { id: `remote-${this.remoteIdentity.uri.user}` },
      enableSenderTracks: (on: boolean) => (this.track.enabled = on),
      sendDtmf: () => true
    }
    this.go(SessionState.Established)
    return Promise.resolve()
  }

  reject(o: { statusCode: number }): Promise<void> {
    this.rejected.push(o.statusCode)
    this.go(SessionState.Terminated)
    return Promise.resolve()
  }

  progress(): Promise<void> {
    return Promise.resolve()
  }

  bye(): Promise<void> {
    this.go(SessionState.Terminated)
    return Promise.resolve()
  }

  private go(s: SessionState): void {
    this.state = s
    for (const l of this.listeners) l(s)
  }
}

function phone(): { calls: SoftphoneCalls; shown: () => readonly SoftphoneCall[]; notes: string[] } {
  let shown: readonly SoftphoneCall[] = []
  const notes: string[] = []
  const env = { now: () => 1000, storage: null, mediaDevices: null, events: null, notify: (t: string) => void notes.push(t), log: () => undefined }
  const calls = new SoftphoneCalls(env, { changed: (c) => (shown = c), connected: () => undefined })
  return { calls, shown: () => shown, notes }
}
const ring = (calls: SoftphoneCalls, f: FakeInvitation): FakeInvitation => (calls.receive(f as unknown as Invitation), f)

/** A Barge leg answered by itself, its session connected as main then says. */
function bargeConnected(): { calls: SoftphoneCalls; leg: FakeInvitation; s: SupervisionSession } {
  const { calls } = phone()
  const ringing = supervisionSession({ mode: 'barge' })
  calls.setSessions([ringing])
  const leg = ring(calls, new FakeInvitation(ringing.token))
  const s: SupervisionSession = { ...ringing, phase: 'connected' }
  calls.setSessions([s])
  return { calls, leg, s }
}

describe('the microphone on a supervision leg', () => {
  it('is off on Listen, on in Whisper and Barge, and follows a DTMF switch on the same leg', () => {
    const { calls } = phone()
    const s = supervisionSession({ mode: 'listen' })
    calls.setSessions([s])
    const leg = ring(calls, new FakeInvitation(s.token))
    expect(leg.accepted).toBe(1)
    expect(leg.track.enabled).toBe(false)
    calls.setSessions([{ ...s, phase: 'connected', mode: 'whisper' }])
    expect(leg.track.enabled).toBe(true)
    calls.setSessions([{ ...s, phase: 'connected', mode: 'barge' }])
    expect(leg.track.enabled).toBe(true)
    calls.setSessions([{ ...s, phase: 'connected', mode: 'listen' }])
    expect(leg.track.enabled).toBe(false)
  })

  it('is off once main no longer lists the session, or lists it ended', () => {
    const { calls } = phone()
    const s = supervisionSession({ mode: 'barge' })
    calls.setSessions([s])
    const leg = ring(calls, new FakeInvitation(s.token))
    expect(leg.track.enabled).toBe(true)
    calls.setSessions([{ ...s, phase: 'ended' }])
    expect(leg.track.enabled).toBe(false)
    calls.setSessions([{ ...s, phase: 'connected' }])
    expect(leg.track.enabled).toBe(true)
    calls.setSessions([])
    expect(leg.track.enabled).toBe(false)
  })

  it('stays off while muted, whatever the mode', () => {
    const { calls, shown } = phone()
    const s = supervisionSession({ mode: 'whisper' })
    calls.setSessions([s])
    const leg = ring(calls, new FakeInvitation(s.token))
    calls.setMuted(shown()[0]?.id ?? '', true)
    expect(leg.track.enabled).toBe(false)
    calls.setSessions([{ ...s, phase: 'connected', mode: 'barge' }])
    expect(leg.track.enabled).toBe(false)
    calls.setMuted(shown()[0]?.id ?? '', false)
    expect(leg.track.enabled).toBe(true)
  })

  it('stays off from Barge to Whisper until the PBX confirms the digit: until then the customer would still hear', () => {
    const { calls, leg, s } = bargeConnected()
    expect(leg.track.enabled).toBe(true)
    const switching: SupervisionSession = { ...s, mode: 'whisper', switchPending: true, modes: [...s.modes, { at: 5, mode: 'whisper', how: 'dtmf' }] }
    calls.setSessions([switching])
    expect(leg.track.enabled).toBe(false)
    calls.setSessions([{ ...switching, switchPending: false }])
    expect(leg.track.enabled).toBe(true)
    // To Barge, everyone will hear: nothing to wait for.
    calls.setSessions([{ ...switching, mode: 'barge', switchPending: true }])
    expect(leg.track.enabled).toBe(true)
  })

  it('is off on the old leg of a switch that re-originates, from the moment main calls again', () => {
    const { calls, leg: old, s } = bargeConnected()
    expect(old.track.enabled).toBe(true)
    // Main re-originates in Whisper and hangs the Barge leg up: until that lands, the old leg is still in Barge.
    calls.setSessions([{ ...s, mode: 'whisper', phase: 'ringing', token: 'es0000000000c3', legChannel: null, modes: [...s.modes, { at: 5, mode: 'whisper', how: 're-originate' }] }])
    expect(old.track.enabled).toBe(false)
  })

  it('keeps the supervisor\'s Mute on the new leg of a mode switch that re-originates', () => {
    const { calls, shown } = phone()
    const s = supervisionSession({ mode: 'whisper' })
    calls.setSessions([s])
    const first = ring(calls, new FakeInvitation(s.token))
    calls.setMuted(shown()[0]?.id ?? '', true)
    // Main re-originates in Barge (no DTMF): the same session, a new token, ringing again.
    const again: SupervisionSession = { ...s, mode: 'barge', token: 'es0000000000b2', modes: [...s.modes, { at: 5, mode: 'barge', how: 're-originate' }] }
    calls.setSessions([again])
    const second = ring(calls, new FakeInvitation(again.token))
    void first.bye()
    expect(second.accepted).toBe(1)
    expect(shown()).toHaveLength(1)
    expect(shown()[0]?.muted).toBe(true)
    expect(second.track.enabled).toBe(false)
  })
})

describe('one call at a time', () => {
  it('answers a second session\'s leg only when the first is over', () => {
    const { calls, shown } = phone()
    const a = supervisionSession({ id: 'a', mode: 'barge', token: 'es0000000000a1' })
    const b = supervisionSession({ id: 'b', callId: '100.2', agentExtension: '1002', mode: 'listen', token: 'es0000000000b1' })
    calls.setSessions([a, b])
    const barge = ring(calls, new FakeInvitation(a.token))
    const listen = ring(calls, new FakeInvitation(b.token))
    expect(barge.accepted).toBe(1)
    expect(listen.accepted).toBe(0)
    expect(listen.rejected).toEqual([486])
    expect(shown().map((c) => c.sessionId)).toEqual(['a'])
  })

  it('turns away an ordinary call that rang first when the leg is answered: nothing is left to accept beside it', () => {
    const { calls, shown, notes } = phone()
    const other = ring(calls, new FakeInvitation('+15550001111', 'Someone'))
    expect(shown().map((c) => [c.kind, c.phase])).toEqual([['ordinary', 'ringing']])
    const otherId = shown()[0]?.id ?? ''
    const s = supervisionSession({ mode: 'barge' })
    calls.setSessions([s])
    ring(calls, new FakeInvitation(s.token))
    expect(other.rejected).toEqual([486])
    expect(notes.some((n) => n.includes('Someone'))).toBe(true)
    calls.accept(otherId)
    expect(other.accepted).toBe(0)
    expect(shown().map((c) => [c.kind, c.phase])).toEqual([['supervision', 'connected']])
  })

  it('is busy for an ordinary call while a leg waits for its session', () => {
    const { calls, shown } = phone()
    const s = supervisionSession({ mode: 'barge' })
    const leg = ring(calls, new FakeInvitation(s.token)) // token-shaped: waits for main's sessions
    const other = ring(calls, new FakeInvitation('+15550001111', 'Someone'))
    expect(other.rejected).toEqual([486])
    calls.setSessions([s])
    expect(leg.accepted).toBe(1)
    expect(shown().map((c) => c.kind)).toEqual(['supervision'])
  })

  it('is busy for a second ordinary call while one is connected (the PBX’s call waiting)', () => {
    const { calls, shown } = phone()
    ring(calls, new FakeInvitation('+15550001111', 'First'))
    calls.accept(shown()[0]?.id ?? '')
    const second = ring(calls, new FakeInvitation('+15550002222', 'Second'))
    expect(second.rejected).toEqual([486])
    expect(shown().map((c) => [c.callerName, c.phase])).toEqual([['First', 'connected']])
  })
})
