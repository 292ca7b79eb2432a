import { describe, expect, it } from 'vitest'
import { chanSpyOptions, legCallerId, originateAction } from '../../../src/main/supervision/originate'
import type { SupervisionConfig } from '../../../src/main/supervision/plan'
import { supervisionAvailability } from '../../../src/main/supervision/plan'
import { newLegToken } from '../../../src/main/supervision/token'
import { expectedSession, SUPERVISION_TOKEN, type SupervisionSession } from '../../../src/shared/supervision'

const codes: SupervisionConfig = {
  method: 'feature-codes',
  context: 'internal',
  featureCodes: { listen: '555', whisper: '556', barge: '557' },
  supervisorExtension: '2001',
  ringTimeoutMs: 20_000
}
const leg = { agentExtension: '1001', agentName: 'Ann Smith', agentChannel: 'PJSIP/1001-0000000a', mode: 'listen' as const, token: 'es0123456789ab' }

describe('the supervision Originate', () => {
  it('dials <code><agent extension> in the configured context with feature codes', () => {
    expect(originateAction(codes, { ...leg, mode: 'whisper' })).toEqual({
      Action: 'Originate',
      Channel: 'PJSIP/2001',
      Context: 'internal',
      Exten: '5561001',
      Priority: '1',
      CallerID: '"Whisper · Ann Smith (1001)" <es0123456789ab>',
      Timeout: '20000',
      Async: 'true'
    })
  })

  it('runs ChanSpy on the exact agent channel with q, E, d and the mode letter in direct mode', () => {
    const direct = { ...codes, method: 'chanspy' as const, featureCodes: { listen: '', whisper: '', barge: '' } }
    expect(originateAction(direct, { ...leg, mode: 'barge' })).toEqual({
      Action: 'Originate',
      Channel: 'PJSIP/2001',
      Application: 'ChanSpy',
      Data: 'PJSIP/1001-0000000a,qEdB',
      CallerID: '"Barge · Ann Smith (1001)" <es0123456789ab>',
      Timeout: '20000',
      Async: 'true'
    })
    expect(originateAction(direct, leg).Data).toBe('PJSIP/1001-0000000a,qEd')
    expect(originateAction(direct, { ...leg, mode: 'whisper' }).Data).toBe('PJSIP/1001-0000000a,qEdw')
  })

  it('keeps listen quiet: no w or B, and every mode can switch by DTMF and leaves with the call', () => {
    expect(chanSpyOptions('listen')).toBe('qEd')
    for (const mode of ['listen', 'whisper', 'barge'] as const) expect(chanSpyOptions(mode)).toMatch(/^qEd[wB]?$/)
  })

  it('refuses an agent channel name that would change ChanSpy\'s arguments (a comma turns Listen into Barge)', () => {
    const direct = { ...codes, method: 'chanspy' as const, featureCodes: { listen: '', whisper: '', barge: '' } }
    for (const agentChannel of ['PJSIP/1001-0000000a,B', 'PJSIP/1001-0000000a,qB', 'PJSIP/${SPY}', 'PJSIP/1001 x', 'PJSIP/a"b']) {
      expect(() => originateAction(direct, { ...leg, agentChannel })).toThrow(/Refusing to spy on/)
    }
    expect(originateAction(direct, { ...leg, agentChannel: 'Local/1001@agents-00000001;1' }).Data).toBe('Local/1001@agents-00000001;1,qEd')
  })

  it('drops characters that would break the caller ID header from agent names', () => {
    expect(legCallerId({ ...leg, agentName: 'Eve "the" <hacker>\\' })).toBe('"Listen · Eve the hacker (1001)" <es0123456789ab>')
  })
})

describe('availability of the buttons', () => {
  it('needs all three feature codes, or direct ChanSpy, and a softphone extension', () => {
    expect(supervisionAvailability(codes)).toEqual({ available: true, reason: null })
    const noBarge = supervisionAvailability({ ...codes, featureCodes: { ...codes.featureCodes, barge: '' } })
    expect(noBarge.available).toBe(false)
    expect(noBarge.reason).toMatch(/barge feature code/)
    expect(supervisionAvailability({ ...codes, method: 'chanspy', featureCodes: { listen: '', whisper: '', barge: '' } }).available).toBe(true)
    expect(supervisionAvailability({ ...codes, supervisorExtension: '' }).reason).toMatch(/softphone extension/)
    // The note links to the section that fixes it (issue 13.15): the softphone's, not the PBX's.
    expect(supervisionAvailability({ ...codes, supervisorExtension: '' })).toMatchObject({ available: false, settings: 'softphone' })
    expect(noBarge).toMatchObject({ available: false, settings: 'pbx' })
    expect(supervisionAvailability(null).available).toBe(false)
  })
})

describe('leg tokens', () => {
  it('are fresh and match the pattern the softphone checks', () => {
    const tokens = new Set(Array.from({ length: 200 }, () => newLegToken()))
    expect(tokens.size).toBe(200)
    for (const t of tokens) expect(t).toMatch(SUPERVISION_TOKEN)
  })

  it('auto-answer only the ringing session whose token is the caller number', () => {
    const session = (token: string, phase: SupervisionSession['phase']): SupervisionSession =>
      ({ token, phase }) as SupervisionSession
    const sessions = [session('es0000000000aa', 'connected'), session('es0000000000bb', 'ringing'), session('es0000000000cc', 'ended')]
    expect(expectedSession(sessions, 'es0000000000bb')?.token).toBe('es0000000000bb')
    expect(expectedSession(sessions, 'es0000000000aa')).toBeNull()
    expect(expectedSession(sessions, 'es0000000000cc')).toBeNull()
    expect(expectedSession(sessions, '1003')).toBeNull()
    expect(expectedSession(sessions, 'es0000000000BB')).toBeNull()
    expect(expectedSession(sessions, '')).toBeNull()
  })
})
