import { describe, expect, it } from 'vitest'
import type { Alert } from '../../../src/renderer/alerts/pure/evaluate'
import { AlertLedger } from '../../../src/renderer/alerts/pure/ledger'

function alert(key: string): Alert {
  return { key, kind: 'long-pause', extension: key, queues: [], subject: key, since: 0, thresholdSeconds: 60 }
}

describe('AlertLedger', () => {
  it('notifies each condition once, then not again while it lasts', () => {
    const ledger = new AlertLedger(10_000)
    expect(ledger.update([alert('a')], 0).notice).toEqual({ alert: alert('a'), count: 1 })
    expect(ledger.update([alert('a')], 60_000).notice).toBeNull()
  })

  it('rate-limits: within the gap nothing is notified, after it the rest come as one summary', () => {
    const ledger = new AlertLedger(10_000)
    ledger.update([alert('a')], 0)
    expect(ledger.update([alert('a'), alert('b'), alert('c')], 5_000).notice).toBeNull()
    expect(ledger.update([alert('a'), alert('b'), alert('c')], 10_000).notice).toEqual({ alert: alert('b'), count: 2 })
    expect(ledger.update([alert('a'), alert('b'), alert('c')], 30_000).notice).toBeNull()
  })

  it('acknowledged: not notified, stays acknowledged while it lasts; cleared and recurring: new again', () => {
    const ledger = new AlertLedger(0)
    ledger.acknowledge('a')
    const first = ledger.update([alert('a')], 0)
    expect(first.notice).toBeNull()
    expect(first.states.get('a')).toBe('acknowledged')
    ledger.update([], 1_000)
    const again = ledger.update([alert('a')], 2_000)
    expect(again.states.get('a')).toBe('open')
    expect(again.notice?.alert.key).toBe('a')
  })

  it('snoozed: quiet until the snooze ends, then open and notified again', () => {
    const ledger = new AlertLedger(0)
    ledger.update([alert('a')], 0)
    ledger.snooze('a', 5 * 60_000)
    const during = ledger.update([alert('a')], 60_000)
    expect(during.states.get('a')).toBe('snoozed')
    expect(during.notice).toBeNull()
    const after = ledger.update([alert('a')], 5 * 60_000)
    expect(after.states.get('a')).toBe('open')
    expect(after.notice?.alert.key).toBe('a')
  })
})
