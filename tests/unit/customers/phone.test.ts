import { describe, expect, it } from 'vitest'
import { formatNumber, readNumber, toE164 } from '../../../src/main/customers/phone'

const LONDON = '+442070001111'

const READINGS: Array<[string, string, string | null]> = [
    // The three spellings of one London number.
    ['+44 20 7000 1111', 'GB', LONDON],
    ['020 7000 1111', 'GB', LONDON],
    ['00442070001111', 'GB', LONDON],
    // Spaces, dashes, dots, parentheses, slashes, no-break spaces.
    ['(020) 7000-1111', 'GB', LONDON],
    ['020-7000-1111', 'GB', LONDON],
    ['020.7000.1111', 'GB', LONDON],
    ['+44 (0)20 7000 1111', 'GB', LONDON],
    ['+44\u00a020\u00a07000\u00a01111', 'GB', LONDON],
    ['  +442070001111  ', 'GB', LONDON],
    // International numbers whatever the region.
    ['+442070001111', 'US', LONDON],
    ['+442070001111', 'DE', LONDON],
    // International prefixes: the region's own, and 00 / 011 where the region does not use them.
    ['011 44 20 7000 1111', 'US', LONDON],
    ['00 44 20 7000 1111', 'US', LONDON],
    ['0049 30 123456', 'GB', '+4930123456'],
    // National numbers in other regions.
    ['030 123456', 'DE', '+4930123456'],
    ['030/123456', 'DE', '+4930123456'],
    ['(415) 555-0100', 'US', '+14155550100'],
    ['415-555-0100', 'US', '+14155550100'],
    ['1 415 555 0100', 'US', '+14155550100'],
    ['0113 496 0000', 'GB', '+441134960000'],
    // Regions without a trunk prefix keep their leading digits.
    ['06 1234 5678', 'IT', '+390612345678'],
    ['912 345 678', 'ES', '+34912345678'],
    ['07700 900123', 'GB', '+447700900123'],
    // Lab and test ranges (possible, not allocated) still match.
    ['+15557654321', 'GB', '+15557654321'],
    ['15551230000', 'US', '+15551230000'],
    // An extension suffix is dropped.
    ['+44 20 7000 1111 ext. 12', 'GB', LONDON],
    ['020 7000 1111 x12', 'GB', LONDON],
    // The apostrophe a CSV export puts before a formula-looking cell.
    ["'+442070001111", 'GB', LONDON],
    // As pasted from Windows and Office: bidi marks around a number copied from a contact card, a
    // zero-width space, a word processor's en dashes, and RFC 3966's extension.
    ['\u202a+44 20 7000 1111\u202c', 'GB', LONDON],
    ['+44 20 7000 1111\u200b', 'GB', LONDON],
    ['+44\u201320\u20137000\u20131111', 'GB', LONDON],
    ['020 7000 1111;ext=12', 'GB', LONDON],
    // What a PBX dials out: the region's own country code without + or 00 (issue 13.11, a real
    // Asterisk's outbound call showed 442077797198).
    ['442077797198', 'GB', '+442077797198'],
    ['4930123456', 'DE', '+4930123456'],
    ['12125550100', 'US', '+12125550100']
]

describe('toE164', () => {
  it.each(READINGS)('%j (%s) → %s', (raw, region, e164) => {
    expect(toE164(raw, region)).toBe(e164)
  })

  it.each([
    // Internal extensions and short codes: kept raw, never matched.
    ['1001', 'GB'],
    ['1001', 'US'],
    ['2001', 'DE'],
    ['999', 'GB'],
    ['112', 'DE'],
    ['*97', 'GB'],
    ['5551001', 'GB'],
    // Local numbers without their area code, where national numbers carry a trunk prefix.
    ['7000 1111', 'GB'],
    ['123456', 'DE'],
    ['1234567', 'DE'],
    // Empty and blank.
    ['', 'GB'],
    ['   ', 'GB'],
    // Letters and garbage.
    ['abc', 'GB'],
    ['n/a', 'GB'],
    ['1-800-FLOWERS', 'US'],
    ['020 7000 1111 call after 5', 'GB'],
    ['+44 20 7000 1111; 020 7000 2222', 'GB'],
    ['+', 'GB'],
    ['---', 'GB'],
    ['=1+1', 'GB'],
    // Not possible for its country (too short or too long).
    ['+4420', 'GB'],
    ['+44 20 7000 1111 1111 1111', 'GB'],
    // A national number without the region to read it in (unknown region).
    ['020 7000 1111', 'XX'],
    // Another country's national number without its international prefix.
    ['15551230000', 'GB'],
    // Another country's code without + is not read as international (it could be anything).
    ['442077797198', 'US'],
    ['33144556677', 'GB']
  ])('%j (%s) → null', (raw, region) => {
    expect(toE164(raw, region)).toBeNull()
  })

  it('reads a national number in the region it is given', () => {
    expect(toE164('020 7000 1111', 'GB')).toBe(LONDON)
    expect(toE164('020 7000 1111', 'DE')).toBe('+492070001111')
  })
})

describe('formatNumber', () => {
  it('writes a number of the default country as it is dialled there, others internationally', () => {
    expect(formatNumber('+442077797198', 'GB')).toBe('020 7779 7198')
    expect(formatNumber('+15551230000', 'US')).toBe('(555) 123-0000')
    expect(formatNumber('+15551230000', 'GB')).toBe('+1 555 123 0000')
    expect(formatNumber('+442077797198', 'US')).toBe('+44 20 7779 7198')
  })
})

describe('readNumber', () => {
  it.each([...READINGS, ['1001', 'GB', null], ['7000 1111', 'GB', null], ['+1 555 123 0000', 'US', '+15551230000']] as Array<[string, string, string | null]>)(
    '%j (%s) reads as toE164 and formatNumber do, in one parse',
    (raw, region, e164) => {
      expect(readNumber(raw, region)).toEqual({ e164, display: e164 === null ? raw : formatNumber(e164, region) })
    }
  )
})
