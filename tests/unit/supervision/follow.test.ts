/**
 * The leg follower against the real captures: the recorded console's Originate carried caller ID
 * number 5551001/5561001/5571001, which stands in for Earshot's token here.
 */
import { describe, expect, it } from 'vitest'
import { AmiDecoder, amiMessage, type AmiMessage } from '../../../src/main/ami'
import { CallsProjector } from '../../../src/main/calls'
import { followLeg, type LegEffect, type LegTracking, startTracking } from '../../../src/main/supervision/follow'
import type { SupervisionSession } from '../../../src/shared/supervision'
import { supervisionSession } from '../../support/supervision-session'
import { loadSteps, loadTrace, type Scenario } from '../../support/traces'

/** The recorded console's leg: supervisor 2002 by feature code, on a call the test names. */
function session(over: Partial<SupervisionSession>): SupervisionSession {
  return supervisionSession({ operator: null, supervisorExtension: '2002', agentChannel: 'PJSIP/1001-00000005', callId: '', method: 'feature-codes', token: '', ...over })
}

/** What Asterisk sent, decoded as one byte stream. */
function messages(name: Scenario): { t: number; m: AmiMessage }[] {
  const decoder = new AmiDecoder()
  const out: { t: number; m: AmiMessage }[] = []
  for (const record of loadTrace(name)) {
    if (record.dir !== 'rx') continue
    for (const frame of decoder.write(record.raw)) if (frame.kind === 'message') out.push({ t: record.t, m: frame.message })
  }
  return out
}

/** The agent channel's Uniqueid: from its first event in the capture. */
function uniqueidOf(name: Scenario, channel: string): string {
  const found = messages(name).find(({ m }) => m.fields.Channel === channel)?.m.fields.Uniqueid
  if (found === undefined) throw new Error(`${channel} not in ${name}`)
  return found
}

/** The follower as the live floor runs it: a projection of the one calls model, fed each message once. */
function follower(t: LegTracking): { apply: (m: AmiMessage, at: number) => LegEffect[] } {
  const calls = new CallsProjector()
  let effects: LegEffect[] = []
  calls.attach({ update: (model, _touched, _ended, at) => effects.push(...followLeg(t, model, at)) }, 0)
  return {
    apply(m, at) {
      effects = []
      calls.apply(m, at)
      return effects
    }
  }
}

const cases = [
  { name: 'spy-listen', token: '5551001', agent: 'PJSIP/1001-00000005', leg: 'PJSIP/2002-00000006' },
  { name: 'spy-whisper', token: '5561001', agent: 'PJSIP/1001-00000007', leg: 'PJSIP/2002-00000008' },
  { name: 'spy-barge', token: '5571001', agent: 'PJSIP/1001-00000009', leg: 'PJSIP/2002-0000000a' }
] as const

describe('following a supervision leg through a real capture', () => {
  for (const c of cases) {
    it(`${c.name}: finds the leg by its caller ID, connects at ChanSpyStart, ends when the supervisor hangs up`, () => {
      const steps = loadSteps(c.name)
      const spyAt = steps.find((s) => s.step === 'ChanSpy running')?.t ?? NaN
      const hungUpAt = steps.find((s) => s.step.startsWith('supervisor 2002 hangs up'))?.t ?? NaN
      const goneAt = steps.find((s) => s.step.startsWith('spy leg gone'))?.t ?? NaN
      const legHangupAt = messages(c.name).find(({ m }) => m.fields.Event === 'Hangup' && m.fields.Channel === c.leg)?.t
      const t = startTracking(session({ token: c.token, callId: uniqueidOf(c.name, c.agent), agentChannel: c.agent }), 20_000)
      const effects: LegEffect[] = []
      const f = follower(t)
      let connectedAt: number | null = null
      for (const { t: at, m } of messages(c.name)) {
        effects.push(...f.apply(m, at))
        if (connectedAt === null && t.session.phase === 'connected') connectedAt = at
      }
      expect(t.session.legChannel).toBe(c.leg)
      expect(connectedAt).not.toBeNull()
      expect(Math.abs((connectedAt ?? 0) - spyAt)).toBeLessThanOrEqual(5)
      expect(t.session.answeredAt).toBeLessThan(connectedAt ?? 0)
      expect(t.session.phase).toBe('ended')
      expect(t.session.endReason).toBe('supervisor-hung-up')
      expect(t.session.error).toBeNull()
      expect(t.session.endedAt).toBe(legHangupAt)
      expect(t.session.endedAt).toBeGreaterThanOrEqual(hungUpAt)
      expect(t.session.endedAt).toBeLessThanOrEqual(goneAt)
      // Nothing to hang up: the supervisor did, and the agent's call was never touched.
      expect(effects).toEqual([])
    })
  }

  it('ignores other legs and other consoles\' Originates', () => {
    const t = startTracking(session({ token: 'es00000000beef', callId: uniqueidOf('spy-listen', 'PJSIP/1001-00000005') }), 20_000)
    const effects: LegEffect[] = []
    const f = follower(t)
    for (const { t: at, m } of messages('spy-listen')) effects.push(...f.apply(m, at))
    expect(t.session.legChannel).toBeNull()
    // It only learns that the agent's call ended (the customer hung up at the end), and touches nothing.
    expect(t.session.endReason).toBe('call-ended')
    expect(effects).toEqual([])
  })
})

const ev = (fields: Record<string, string>): AmiMessage => amiMessage(Object.entries(fields))

describe('leg error paths', () => {
  const base = (): ReturnType<typeof startTracking> => startTracking(session({ token: 'es0000000000aa', callId: '100.1' }), 20_000)
  const legAppears = ev({ Event: 'NewCallerid', Channel: 'PJSIP/2002-00000009', Uniqueid: '100.9', CallerIDNum: 'es0000000000aa', ChannelState: '0' })

  it('rang out: OriginateResponse reason 3 says the softphone did not answer in time', () => {
    const t = base()
    const f = follower(t)
    f.apply(legAppears, 1)
    f.apply(ev({ Event: 'Hangup', Channel: 'PJSIP/2002-00000009', Uniqueid: '100.9', Cause: '19' }), 20_001)
    expect(t.session.phase).toBe('ringing') // waits for Asterisk's reason
    f.apply(ev({ Event: 'OriginateResponse', Response: 'Failure', Reason: '3', CallerIDNum: 'es0000000000aa', Channel: 'PJSIP/2002' }), 20_002)
    expect(t.session).toMatchObject({ phase: 'ended', endReason: 'not-answered', error: 'Your softphone (2002) did not answer within 20 s.' })
  })

  it('unreachable phone: reason 0 asks whether the softphone is registered', () => {
    const t = base()
    const f = follower(t)
    f.apply(ev({ Event: 'OriginateResponse', Response: 'Failure', Reason: '0', CallerIDNum: 'es0000000000aa', Channel: 'PJSIP/2002' }), 5)
    expect(t.session.endReason).toBe('originate-failed')
    expect(t.session.error).toMatch(/could not ring extension 2002.*registered/)
  })

  it('the agent\'s call ends while the leg rings: the leg is hung up and the session says why', () => {
    const t = base()
    const f = follower(t)
    f.apply(legAppears, 1)
    const effects = f.apply(ev({ Event: 'Hangup', Channel: 'PJSIP/1001-00000001', Uniqueid: '100.1', Cause: '16' }), 2)
    expect(effects).toEqual([{ kind: 'hangup-leg', channel: 'PJSIP/2002-00000009' }])
    expect(t.session).toMatchObject({ phase: 'ended', endReason: 'call-ended', error: 'The call ended before your softphone answered the leg.' })
  })

  it('end asked before the leg existed: it is hung up the moment it appears', () => {
    const t = base()
    const f = follower(t)
    t.endRequested = 'supervisor-hung-up'
    expect(f.apply(legAppears, 1)).toEqual([{ kind: 'hangup-leg', channel: 'PJSIP/2002-00000009' }])
  })

  it('a connected leg whose call ends (ChanSpy E) ends as call-ended, with nothing to hang up', () => {
    const t = base()
    const f = follower(t)
    f.apply(legAppears, 1)
    f.apply(ev({ Event: 'ChanSpyStart', SpyerChannel: 'PJSIP/2002-00000009', SpyerChannelState: '6', SpyerUniqueid: '100.9', SpyeeChannel: 'PJSIP/1001-00000001', SpyeeChannelState: '6', SpyeeUniqueid: '100.1' }), 2)
    expect(t.session.phase).toBe('connected')
    expect(f.apply(ev({ Event: 'Hangup', Uniqueid: '100.1', Channel: 'PJSIP/1001-00000001' }), 3)).toEqual([])
    f.apply(ev({ Event: 'Hangup', Uniqueid: '100.9', Channel: 'PJSIP/2002-00000009' }), 4)
    expect(t.session).toMatchObject({ phase: 'ended', endReason: 'call-ended', error: null })
  })

  it('a leg ChanSpy put on another call (a name prefix: PJSIP/1001 matches PJSIP/10010-…) is hung up at once, never connected', () => {
    const t = base()
    const f = follower(t)
    f.apply(ev({ Event: 'Newchannel', Channel: 'PJSIP/1001-00000001', Uniqueid: '100.1', ChannelState: '6', CallerIDNum: '1001' }), 0)
    f.apply(ev({ Event: 'Newchannel', Channel: 'PJSIP/10010-00000002', Uniqueid: '100.2', ChannelState: '6', CallerIDNum: '10010' }), 0)
    f.apply(legAppears, 1)
    const spyOn = (spyee: string, uniqueid: string): AmiMessage =>
      ev({ Event: 'ChanSpyStart', SpyerChannel: 'PJSIP/2002-00000009', SpyerChannelState: '6', SpyerUniqueid: '100.9', SpyeeChannel: spyee, SpyeeChannelState: '6', SpyeeUniqueid: uniqueid })
    expect(f.apply(spyOn('PJSIP/10010-00000002', '100.2'), 2)).toEqual([{ kind: 'hangup-leg', channel: 'PJSIP/2002-00000009' }])
    expect(t.session).toMatchObject({ phase: 'ended', endReason: 'wrong-call' })
    expect(t.session.error).toContain('PJSIP/10010-00000002')
    // And on the chosen call, the same events connect it.
    const right = base()
    const g = follower(right)
    g.apply(ev({ Event: 'Newchannel', Channel: 'PJSIP/1001-00000001', Uniqueid: '100.1', ChannelState: '6', CallerIDNum: '1001' }), 0)
    g.apply(legAppears, 1)
    expect(g.apply(spyOn('PJSIP/1001-00000001', '100.1'), 2)).toEqual([])
    expect(right.session.phase).toBe('connected')
  })

  it('a leg of another supervisor with the same number is not ours', () => {
    const t = base()
    const f = follower(t)
    f.apply(ev({ Event: 'NewCallerid', Channel: 'PJSIP/2001-00000003', Uniqueid: '100.3', CallerIDNum: 'es0000000000aa' }), 1)
    expect(t.session.legChannel).toBeNull()
  })
})
