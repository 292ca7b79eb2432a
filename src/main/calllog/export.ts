import { toCsv } from '../customers'
import type { CallLogSummary } from '../../shared/records'

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString())

/** The call log as CSV (times in ISO 8601 UTC), cells defused against spreadsheet formulas. */
export function callLogToCsv(entries: Iterable<CallLogSummary>): string {
  function* rows() {
    for (const e of entries) {
      yield [
        iso(e.startedAt),
        iso(e.answeredAt),
        iso(e.endedAt),
        e.agentExtension,
        e.agentName,
        e.customerNumber,
        e.customerE164,
        e.customerName,
        e.customerId,
        e.direction,
        e.outcome,
        e.talkSeconds,
        e.answeredAtApprox,
        e.monitored,
        e.closedBy,
        e.id,
        e.linkedid
      ]
    }
  }
  return toCsv(
    ['Started', 'Answered', 'Ended', 'Agent extension', 'Agent', 'Customer number', 'Customer E.164', 'Customer name', 'Customer ID', 'Direction', 'Outcome', 'Talk seconds', 'Answer time estimated', 'Monitored', 'Closed by', 'Call ID', 'Linked ID'],
    rows()
  )
}
