import type { Alert } from './pure/evaluate'
import { AlertLedger, type AlertState, type Notice } from './pure/ledger'
import { ExternalStore } from '../store/external-store'

/** At most one notification this often; what comes meanwhile is summarised in the next. */
export const NOTICE_GAP_MS = 10_000

export interface AlertMarks {
  states: ReadonlyMap<string, AlertState>
  /** Agents with an alert nobody acknowledged or snoozed: marked, counted by the chip. */
  attention: ReadonlySet<string>
  /** Queues likewise (for the queue tiles). */
  attentionQueues: ReadonlySet<string>
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  return a.size === b.size && [...a].every((x) => b.has(x))
}

/**
 * The ledger (what the operator did about each alert) as a store the floor reads. The sets keep
 * their identity while their members stay the same, so the floor's view is not rebuilt each second.
 */
export class AlertMarksStore extends ExternalStore<AlertMarks> {
  private readonly ledger = new AlertLedger(NOTICE_GAP_MS)
  private last: readonly Alert[] = []

  constructor() {
    super({ states: new Map(), attention: new Set(), attentionQueues: new Set() })
  }

  /** Judges the alerts in force now; returns the notification due, if any. */
  judge(alerts: readonly Alert[], now: number, allowNotice = true): Notice | null {
    this.last = alerts
    const { states, notice } = this.ledger.update(alerts, now, allowNotice)
    const open = alerts.filter((a) => states.get(a.key) === 'open')
    const attention = new Set(open.flatMap((a) => (a.extension === null ? [] : [a.extension])))
    const attentionQueues = new Set(open.flatMap((a) => a.queues))
    const current = this.state
    this.set({
      states,
      attention: sameSet(attention, current.attention) ? current.attention : attention,
      attentionQueues: sameSet(attentionQueues, current.attentionQueues) ? current.attentionQueues : attentionQueues
    })
    return notice
  }

  acknowledge(key: string, now: number): void {
    this.ledger.acknowledge(key)
    this.judge(this.last, now, false)
  }

  snooze(key: string, until: number, now: number): void {
    this.ledger.snooze(key, until)
    this.judge(this.last, now, false)
  }
}
