import { describe, expect, it } from 'vitest'
import { backoffDelay } from '../../../src/main/ami/backoff'

describe('backoffDelay', () => {
  it('doubles from 500 ms up to the 30 s cap', () => {
    const nominal = [1, 2, 3, 4, 5, 6, 7, 8, 20].map((attempt) => backoffDelay(attempt, {}, () => 1))
    expect(nominal).toEqual([500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000])
  })

  it('jitters within the upper half of the nominal delay', () => {
    expect(backoffDelay(3, {}, () => 0)).toBe(1000)
    expect(backoffDelay(3, {}, () => 0.5)).toBe(1500)
    for (let i = 0; i < 100; i++) {
      const delay = backoffDelay(4, {})
      expect(delay).toBeGreaterThanOrEqual(2000)
      expect(delay).toBeLessThanOrEqual(4000)
    }
  })

  it('takes custom constants', () => {
    expect(backoffDelay(3, { baseMs: 100, factor: 3, maxMs: 500 }, () => 1)).toBe(500)
    expect(backoffDelay(2, { baseMs: 100, factor: 3, maxMs: 500 }, () => 1)).toBe(300)
  })
})
