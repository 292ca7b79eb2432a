/**
 * The ledger runs on a monotonic clock (useAlerts), but must survive one that goes back: when a clock steps back (NTP correcting a fast clock, a VM resumed, DST on a badly set
 * machine), the gap between notifications must still be 10 s of real time, not "until the wall
 * clock catches up with the last notice".
 */
import { describe, expect, it } from 'vitest'
import type { Alert } from '../../../src/renderer/alerts/pure/evaluate'
import { AlertLedger } from '../../../src/renderer/alerts/pure/ledger'

const NOTICE_GAP_MS = 10_000

function alert(key: string): Alert {
  return { key, kind: 'queue-wait', extension: null, queues: ['support'], subject: `Queue support`, since: 0, thresholdSeconds: 60 }
}

const T = 1_800_000_000_000
const HOUR = 3_600_000

describe('alert notifications when the local clock steps back', () => {
  it('a new alert 30 s (real time) after the last notice is notified, though the clock stepped back an hour meanwhile', () => {
    const ledger = new AlertLedger(NOTICE_GAP_MS)
    expect(ledger.update([alert('a')], T).notice?.alert.key).toBe('a')
    // 30 s later in real time; the wall clock was stepped back an hour in between.
    const { notice } = ledger.update([alert('a'), alert('b')], T - HOUR + 30_000)
    expect(notice?.alert.key).toBe('b')
  })

  it('and the next ones keep coming at most one every 10 s, not never for the next hour', () => {
    const ledger = new AlertLedger(NOTICE_GAP_MS)
    ledger.update([alert('a')], T)
    const seen: string[] = []
    const keys = ['b', 'c', 'd', 'e', 'f']
    const active = [alert('a')]
    for (let i = 0; i < keys.length; i++) {
      active.push(alert(keys[i] ?? ''))
      const { notice } = ledger.update([...active], T - HOUR + (i + 1) * 2 * NOTICE_GAP_MS)
      if (notice !== null) seen.push(notice.alert.key)
    }
    expect(seen.length).toBeGreaterThan(0)
  })
})
