import { toCsv } from '../customers'
import type { AuditRecord } from './audit'

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString())

/** The supervision audit as CSV: one row per session, its mode changes in one cell (`listen 2026-…Z initial; barge …`). */
export function auditToCsv(records: Iterable<AuditRecord>): string {
  function* rows() {
    for (const r of records) {
      yield [
        iso(r.startedAt),
        iso(r.endedAt),
        r.operator?.name ?? null,
        r.supervisorExtension,
        r.agentExtension,
        r.agentName,
        r.agentChannel,
        r.customer,
        r.method,
        r.endReason,
        r.modes.map((m) => `${m.mode} ${iso(m.at) ?? ''} ${m.how}`).join('; '),
        r.callId,
        r.id
      ]
    }
  }
  return toCsv(['Started', 'Ended', 'Operator', 'Supervisor extension', 'Agent extension', 'Agent', 'Agent channel', 'Customer', 'Method', 'End reason', 'Modes', 'Call ID', 'Session ID'], rows())
}
