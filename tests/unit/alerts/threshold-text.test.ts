/**
 * The one reading of a threshold field's text, shared by Settings → Alerts and Your limits:
 * empty is no figure, digits are the figure, anything else is not a whole number (NaN, kept on
 * screen with the form's error).
 */
import { describe, expect, it } from 'vitest'
import { thresholdFromText } from '../../../src/renderer/alerts/pure/threshold-text'

describe('thresholdFromText', () => {
  it('reads a whole number as typed', () => {
    for (const n of [0, 1, 3, 60, 1200, 86_400]) expect(thresholdFromText(String(n))).toBe(n)
    expect(thresholdFromText('007')).toBe(7)
  })

  it('an empty field, or one of spaces only, is no figure (null): off, or this computer’s limit', () => {
    for (const text of ['', ' ', '   ', '\t', '\n']) expect(thresholdFromText(text)).toBeNull()
  })

  it('spaces around the figure do not count', () => {
    expect(thresholdFromText(' 12')).toBe(12)
    expect(thresholdFromText('12 ')).toBe(12)
    expect(thresholdFromText('\t 90 \n')).toBe(90)
  })

  it('a negative, a signed or a decimal figure is not a whole number (NaN)', () => {
    for (const text of ['-5', '-0', '+5', '1.5', '2.0', '.5', '5.', '1,5']) expect(thresholdFromText(text)).toBeNaN()
  })

  it('junk text is not a number (NaN), even where JavaScript would read one', () => {
    for (const text of ['abc', '12a', 'a12', '1e3', '0x10', 'Infinity', 'NaN', '1 000', '١٢', '１２']) expect(thresholdFromText(text)).toBeNaN()
  })
})
