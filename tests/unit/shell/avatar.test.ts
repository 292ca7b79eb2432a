import { describe, expect, it } from 'vitest'
import { initials, tintOf } from '../../../src/renderer/shell/pure/avatar'

describe('initials (issue 13.13)', () => {
  it('takes the first and last word of a name, upper-cased', () => {
    expect(initials('Maria Lopez')).toBe('ML')
    expect(initials('  jan  van der   berg ')).toBe('JB')
    expect(initials('Ben')).toBe('B')
  })

  it('is made of letters only: words in brackets and punctuation are not initials', () => {
    expect(initials('Ben (agent)')).toBe('B')
    expect(initials('Ben [night shift] Okafor')).toBe('BO')
    expect(initials('"Sam" Taylor')).toBe('ST')
    expect(initials('Sam – Team lead')).toBe('SL')
    expect(initials("Siobhán O'Brien")).toBe('SO')
    expect(initials('Sam 🎧 Lee')).toBe('SL')
    expect(initials('(agent)')).toBe('A')
  })

  it('reads letters beyond ASCII, by code point', () => {
    expect(initials('łukasz żak')).toBe('ŁŻ')
    expect(initials('E\u0301milie Durand')).toBe('ÉD')
    expect(initials('Ólafur Ragnar')).toBe('ÓR')
    expect(initials('张伟')).toBe('张')
    expect(initials('山田 太郎')).toBe('山太')
    expect(initials('Σοφία Παπαδοπούλου')).toBe('ΣΠ')
    expect(initials('𝒜lice Smith')).toBe('𝒜S')
  })

  it('a generic word and a number (what a PBX names an endpoint) gives the number’s last two digits, not the word’s letter', () => {
    expect(initials('Agent 1001')).toBe('01')
    expect(initials('Agent 1002')).not.toBe(initials('Agent 1001'))
    expect(initials('Supervisor 2002')).toBe('02')
    expect(initials('Ext. 7')).toBe('7')
    expect(initials('1001')).toBe('01')
  })

  it('falls back to the extension when the name has nothing to show', () => {
    expect(initials('', '1042')).toBe('42')
    expect(initials('—', '1042')).toBe('42')
    expect(initials('')).toBe('?')
    // A real name wins over the extension.
    expect(initials('Maria Lopez', '1001')).toBe('ML')
  })
})

describe('tintOf', () => {
  it('is stable and within the 8 tints', () => {
    expect(tintOf('1001')).toBe(tintOf('1001'))
    for (const id of ['1001', '1002', 'op-admin', '']) expect(tintOf(id)).toBeGreaterThanOrEqual(0)
    for (const id of ['1001', '1002', 'op-admin', '']) expect(tintOf(id)).toBeLessThan(8)
  })
})
