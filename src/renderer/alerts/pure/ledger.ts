/**
 * What the operator did about each alert (acknowledged, snoozed) and which were notified, keyed by
 * the alert's key. Marks live only as long as their condition: a cleared alert forgets them, so the
 * same kind of trouble later is a new alert. Times are a monotonic clock of this machine (ms), but
 * one that goes back is survived.
 */
import type { Alert } from './evaluate'

export type AlertState = 'open' | 'acknowledged' | 'snoozed'

export interface Notice {
  /** The alert to focus when the notification is clicked. */
  alert: Alert
  /** How many alerts this one notification stands for (more than 1: a summary). */
  count: number
}

export interface LedgerResult {
  states: ReadonlyMap<string, AlertState>
  /** At most one notification per call, and none within `gapMs` of the last. */
  notice: Notice | null
}

export class AlertLedger {
  private readonly acknowledged = new Set<string>()
  private readonly snoozedUntil = new Map<string, number>()
  private readonly notified = new Set<string>()
  private lastNoticeAt = Number.NEGATIVE_INFINITY

  constructor(private readonly gapMs: number) {}

  acknowledge(key: string): void {
    this.acknowledged.add(key)
    this.snoozedUntil.delete(key)
  }

  snooze(key: string, until: number): void {
    this.snoozedUntil.set(key, until)
    this.acknowledged.delete(key)
  }

  /** The state of each active alert at `now`, and the notification due, if any (none asked for: the due ones stay due). */
  update(active: readonly Alert[], now: number, allowNotice = true): LedgerResult {
    const live = new Set(active.map((a) => a.key))
    for (const set of [this.acknowledged, this.notified]) for (const key of set) if (!live.has(key)) set.delete(key)
    for (const [key, until] of this.snoozedUntil) {
      if (!live.has(key)) this.snoozedUntil.delete(key)
      else if (until <= now) {
        // The snooze is over: the alert is back, and tells again.
        this.snoozedUntil.delete(key)
        this.notified.delete(key)
      }
    }
    const states = new Map<string, AlertState>()
    const due: Alert[] = []
    for (const alert of active) {
      const state: AlertState = this.acknowledged.has(alert.key) ? 'acknowledged' : this.snoozedUntil.has(alert.key) ? 'snoozed' : 'open'
      states.set(alert.key, state)
      if (state === 'open' && !this.notified.has(alert.key)) due.push(alert)
    }
    // A clock that went back must not hold every notice until it catches up with the last one.
    if (now < this.lastNoticeAt) this.lastNoticeAt = now - this.gapMs
    const first = due[0]
    if (first === undefined || !allowNotice || now - this.lastNoticeAt < this.gapMs) return { states, notice: null }
    this.lastNoticeAt = now
    for (const alert of due) this.notified.add(alert.key)
    return { states, notice: { alert: first, count: due.length } }
  }
}
