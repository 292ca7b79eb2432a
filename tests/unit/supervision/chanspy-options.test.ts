/** ChanSpy options read exactly as Asterisk reads them: case-sensitive letters, arguments only after the letters that take one. */
import { describe, expect, it } from 'vitest'
import { checkSpyOptions, optionLetters, splitAppArguments } from '../../../src/main/supervision/chanspy-options'

const verdict = (mode: 'listen' | 'whisper' | 'barge', data: string): string => checkSpyOptions(mode, data).verdict

describe('ChanSpy options', () => {
  it('the lab dialplan (shared/asterisk/extensions.conf) passes for each mode', () => {
    expect(checkSpyOptions('listen', 'PJSIP/${EXTEN:3},qdE')).toEqual({ verdict: 'ok', options: 'qdE', notes: [] })
    expect(verdict('whisper', 'PJSIP/${EXTEN:3},qdEw')).toBe('ok')
    expect(verdict('barge', 'PJSIP/${EXTEN:3},qdEB')).toBe('ok')
  })

  it('a Listen code with any talking option fails: w, W (private whisper) or B', () => {
    for (const options of ['qdEB', 'qdEw', 'qdEW', 'Bq', 'q(B)']) expect(verdict('listen', `PJSIP/\${EXTEN:3},${options}`), options).toBe('fail')
    // b (only bridged calls) is not B; an argument is not options (g(wB) is a spy group named wB).
    for (const options of ['qdEb', 'qdEg(wB)', 'qdEr(Barge)', 'qv(-1)E']) expect(verdict('listen', `PJSIP/\${EXTEN:3},${options}`), options).toBe('ok')
  })

  it('whisper needs w (not W, which leaves the supervisor deaf) and no B; barge needs B', () => {
    expect(verdict('whisper', 'PJSIP/1001,qdEW')).toBe('fail')
    expect(verdict('whisper', 'PJSIP/1001,qdEwB')).toBe('fail')
    expect(verdict('whisper', 'PJSIP/1001,qdE')).toBe('fail')
    expect(verdict('barge', 'PJSIP/1001,qdEb')).toBe('fail')
    expect(verdict('barge', 'PJSIP/1001,qdEBW')).toBe('fail')
    expect(checkSpyOptions('barge', 'PJSIP/1001,qdEw')).toMatchObject({ problems: ['the Barge code has no B option (barge), so the customer does not hear you'] })
  })

  it('options set at run time cannot be checked: neither passed nor failed', () => {
    expect(checkSpyOptions('listen', 'PJSIP/${EXTEN:3},${OPTS}')).toEqual({ verdict: 'unreadable', why: "ChanSpy's arguments are set at run time (PJSIP/${EXTEN:3},${OPTS})" })
    expect(verdict('listen', 'PJSIP/${EXTEN:3},q$[${X}]')).toBe('unreadable')
    // A variable in the channel could carry a comma and options of its own.
    expect(verdict('listen', '${TARGET},qdE')).toBe('unreadable')
  })

  it('splits arguments as Asterisk does: commas in parentheses or quotes stay, quotes go', () => {
    expect(splitAppArguments('PJSIP/1001,"qd,E"')).toEqual(['PJSIP/1001', 'qd,E'])
    expect(splitAppArguments('PJSIP/1001,qg(a,b)E')).toEqual(['PJSIP/1001', 'qg(a,b)E'])
    expect(optionLetters('qe(1001:1002)dEv(2)')).toEqual(['q', 'e', 'd', 'E', 'v'])
  })

  it('notes harmless deviations: a beep without q, calling again without d, letters ChanSpy ignores', () => {
    const check = checkSpyOptions('listen', 'PJSIP/1001,EZ')
    expect(check.verdict).toBe('ok')
    const notes = check.verdict === 'ok' ? check.notes.join(' | ') : ''
    expect(notes).toContain('no q option')
    expect(notes).toContain('no d option')
    expect(notes).toContain('letters ChanSpy ignores (Z)')
  })
})
