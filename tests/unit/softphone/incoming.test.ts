/**
 * Incoming calls: only the one-time token of a ringing session of this machine is answered by
 * itself; everything else rings (or is busy).
 */
import { describe, expect, it } from 'vitest'
import type { SupervisionSession } from '../../../src/shared/supervision'
import { callerWords, classifyIncoming, type IncomingContext } from '../../../src/renderer/softphone/pure/incoming'

function session(over: Partial<SupervisionSession> = {}): SupervisionSession {
  return {
    id: 's1',
    operator: null,
    supervisorExtension: '2001',
    agentExtension: '1001',
    agentName: 'Maria Lopez',
    agentChannel: 'PJSIP/1001-00000005',
    callId: '1700000000.5',
    customer: '+442070001111',
    customerName: null,
    method: 'feature-codes',
    mode: 'listen',
    phase: 'ringing',
    token: 'es0123456789ab',
    legChannel: null,
    startedAt: 1000,
    answeredAt: null,
    endedAt: null,
    endReason: null,
    error: null,
    modes: [{ at: 1000, mode: 'listen', how: 'initial' }],
    ...over
  }
}

const idle: IncomingContext = { sessions: [session()], usedTokens: new Set(), busy: false, waited: false }

describe('incoming call classification', () => {
  it('answers the leg whose caller ID is the token of a ringing session', () => {
    expect(classifyIncoming('es0123456789ab', idle)).toEqual({ kind: 'supervision', session: session() })
    // Even when busy: the supervisor asked for this leg.
    expect(classifyIncoming('es0123456789ab', { ...idle, busy: true }).kind).toBe('supervision')
  })

  it('never answers a token twice, a token of a session not ringing, or a near miss', () => {
    // A leg of this machine's sessions that waits for none is turned away, never rung: Accept on it
    // would put the microphone into a ChanSpy (in Whisper or Barge, heard) that the screen does not show.
    expect(classifyIncoming('es0123456789ab', { ...idle, usedTokens: new Set(['es0123456789ab']) })).toEqual({ kind: 'refuse' })
    expect(classifyIncoming('es0123456789ab', { ...idle, sessions: [session({ phase: 'connected' })] })).toEqual({ kind: 'refuse' })
    expect(classifyIncoming('es0123456789ab', { ...idle, sessions: [session({ phase: 'ended' })] })).toEqual({ kind: 'refuse' })
    // End pressed while it was still being called: the leg that rings only now is not answered.
    expect(classifyIncoming('es0123456789ab', { ...idle, sessions: [session({ ending: true })] })).toEqual({ kind: 'refuse' })
    expect(classifyIncoming('ES0123456789AB', idle)).toEqual({ kind: 'ordinary' })
    expect(classifyIncoming('es0123456789ab0', idle)).toEqual({ kind: 'ordinary' })
    expect(classifyIncoming('+442070001111', idle)).toEqual({ kind: 'ordinary' })
  })

  it('a token-shaped caller not (yet) in the sessions waits for them once, then is turned away', () => {
    expect(classifyIncoming('esffffffffffff', idle)).toEqual({ kind: 'wait' })
    // A supervision leg nobody here asked for (another operator's, or one main forgot): its Accept would be heard in a ChanSpy.
    expect(classifyIncoming('esffffffffffff', { ...idle, waited: true })).toEqual({ kind: 'refuse' })
  })

  it('an ordinary call while the softphone has one is busy', () => {
    expect(classifyIncoming('+442070001111', { ...idle, busy: true })).toEqual({ kind: 'busy' })
  })

  it('puts the caller in words', () => {
    expect(callerWords('Northwind Traders', '+442079460000')).toEqual({ name: 'Northwind Traders', number: '+442079460000' })
    expect(callerWords(undefined, '1002')).toEqual({ name: '1002', number: null })
    expect(callerWords('1002', '1002')).toEqual({ name: '1002', number: null })
    expect(callerWords('', '')).toEqual({ name: 'Unknown caller', number: null })
  })
})
