import type { Database } from 'better-sqlite3'
import { z } from 'zod'

/**
 * What the audit keeps of one supervision session. Defined here rather than imported: it is the
 * subset of `SupervisionSession` (src/shared/supervision.ts) that the audit stores, with the same
 * field names, so a session can be passed to `record()` as it is (extra fields are ignored).
 */
export const AuditRecord = z.object({
  id: z.string().min(1),
  /** Who started it; null before operators exist on this machine. */
  operator: z.object({ id: z.string(), name: z.string() }).nullable(),
  supervisorExtension: z.string(),
  agentExtension: z.string(),
  agentName: z.string(),
  agentChannel: z.string(),
  /** The agent channel's Uniqueid. */
  callId: z.string(),
  /** The customer's number, when known. */
  customer: z.string().nullable(),
  method: z.enum(['feature-codes', 'chanspy']),
  startedAt: z.number(),
  endedAt: z.number().nullable(),
  endReason: z.string().nullable(),
  modes: z.array(
    z.object({
      at: z.number(),
      mode: z.enum(['listen', 'whisper', 'barge']),
      how: z.enum(['initial', 'dtmf', 're-originate'])
    })
  )
})
export type AuditRecord = z.infer<typeof AuditRecord>

export interface AuditFilter {
  operatorId?: string
  agentExtension?: string
  callId?: string
  /** Sessions started at or after this epoch ms. */
  since?: number
  /** Sessions started before this epoch ms. */
  until?: number
  /** Newest first, at most this many (default 100, at most 1000). */
  limit?: number
}

interface SessionRow {
  id: string
  operator_id: string | null
  operator_name: string | null
  supervisor_extension: string
  agent_extension: string
  agent_name: string
  agent_channel: string
  call_id: string
  customer_number: string | null
  method: AuditRecord['method']
  started_at: number
  ended_at: number | null
  end_reason: string | null
}

type ModeRow = AuditRecord['modes'][number]

/** Times are stored as whole epoch milliseconds (PBX timestamps can carry fractions). */
const ms = (t: number): number => Math.round(t)
const msOrNull = (t: number | null): number | null => (t === null ? null : ms(t))

/**
 * One row per supervision session, with its mode changes in order. `record()` is called as the
 * session starts, changes mode and ends: it writes the whole session each time, so calling it again
 * with the same session changes nothing.
 */
export class SupervisionAudit {
  constructor(private readonly db: Database) {}

  record(session: AuditRecord): void {
    const s = AuditRecord.parse(session)
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO supervision_audit (id, operator_id, operator_name, supervisor_extension, agent_extension, agent_name,
             agent_channel, call_id, customer_number, method, started_at, ended_at, end_reason)
           VALUES (@id, @operator_id, @operator_name, @supervisor_extension, @agent_extension, @agent_name,
             @agent_channel, @call_id, @customer_number, @method, @started_at, @ended_at, @end_reason)
           ON CONFLICT (id) DO UPDATE SET operator_id = excluded.operator_id, operator_name = excluded.operator_name,
             supervisor_extension = excluded.supervisor_extension, agent_extension = excluded.agent_extension,
             agent_name = excluded.agent_name, agent_channel = excluded.agent_channel, call_id = excluded.call_id,
             customer_number = excluded.customer_number, method = excluded.method, started_at = excluded.started_at,
             ended_at = excluded.ended_at, end_reason = excluded.end_reason`
        )
        .run({
          id: s.id,
          operator_id: s.operator?.id ?? null,
          operator_name: s.operator?.name ?? null,
          supervisor_extension: s.supervisorExtension,
          agent_extension: s.agentExtension,
          agent_name: s.agentName,
          agent_channel: s.agentChannel,
          call_id: s.callId,
          customer_number: s.customer,
          method: s.method,
          started_at: ms(s.startedAt),
          ended_at: msOrNull(s.endedAt),
          end_reason: s.endReason
        } satisfies SessionRow)
      this.db.prepare('DELETE FROM supervision_mode_changes WHERE session_id = ?').run(s.id)
      const insert = this.db.prepare('INSERT INTO supervision_mode_changes (session_id, seq, at, mode, how) VALUES (?, ?, ?, ?, ?)')
      s.modes.forEach((m, seq) => insert.run(s.id, seq, ms(m.at), m.mode, m.how))
    }).immediate()
  }

  list(filter: AuditFilter = {}): AuditRecord[] {
    const where: string[] = []
    const params: Record<string, string | number> = { limit: Math.min(Math.max(Math.trunc(filter.limit ?? 100), 1), 1000) }
    const conditions: [clause: string, name: string, value: string | number | undefined][] = [
      ['operator_id = @operatorId', 'operatorId', filter.operatorId],
      ['agent_extension = @agentExtension', 'agentExtension', filter.agentExtension],
      ['call_id = @callId', 'callId', filter.callId],
      ['started_at >= @since', 'since', filter.since === undefined ? undefined : ms(filter.since)],
      ['started_at < @until', 'until', filter.until === undefined ? undefined : ms(filter.until)]
    ]
    for (const [clause, name, value] of conditions) {
      if (value === undefined) continue
      where.push(clause)
      params[name] = value
    }
    const sql = `SELECT * FROM supervision_audit ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY started_at DESC, id LIMIT @limit`
    const rows = this.db.prepare(sql).all(params) as SessionRow[]
    const modes = this.db.prepare('SELECT at, mode, how FROM supervision_mode_changes WHERE session_id = ? ORDER BY seq')
    return rows.map((row) => ({
      id: row.id,
      operator: row.operator_id === null ? null : { id: row.operator_id, name: row.operator_name ?? '' },
      supervisorExtension: row.supervisor_extension,
      agentExtension: row.agent_extension,
      agentName: row.agent_name,
      agentChannel: row.agent_channel,
      callId: row.call_id,
      customer: row.customer_number,
      method: row.method,
      startedAt: row.started_at,
      endedAt: row.ended_at,
      endReason: row.end_reason,
      modes: modes.all(row.id) as ModeRow[]
    }))
  }
}
