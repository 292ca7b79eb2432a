import type { Database, Statement, Transaction } from 'better-sqlite3'
import { toE164 } from '../customers'
import {
  CALL_LOG_PAGE_MAX,
  CallLogEntry,
  CallLogFilter,
  type CallLogPage,
  type CallLogSummary,
  TimelineEvent
} from '../../shared/records'

interface CallRow {
  id: string
  linkedid: string
  agent_extension: string
  agent_name: string
  agent_channel: string
  customer_number: string | null
  customer_name: string | null
  customer_e164: string | null
  customer_id: string | null
  direction: CallLogSummary['direction']
  started_at: number
  answered_at: number | null
  answered_approx: number
  ended_at: number
  talk_seconds: number
  outcome: CallLogSummary['outcome']
  monitored: number
  closed_by: CallLogSummary['closedBy']
}

/** Times are stored as whole epoch milliseconds. */
const ms = (t: number): number => Math.round(t)

function toSummary(row: CallRow): CallLogSummary {
  return {
    id: row.id,
    linkedid: row.linkedid,
    agentExtension: row.agent_extension,
    agentName: row.agent_name,
    agentChannel: row.agent_channel,
    customerNumber: row.customer_number,
    customerName: row.customer_name,
    customerE164: row.customer_e164,
    customerId: row.customer_id,
    direction: row.direction,
    startedAt: row.started_at,
    answeredAt: row.answered_at,
    answeredAtApprox: row.answered_approx === 1,
    endedAt: row.ended_at,
    talkSeconds: row.talk_seconds,
    outcome: row.outcome,
    monitored: row.monitored === 1,
    closedBy: row.closed_by
  }
}

/**
 * The call log: one row per completed agent call (id = the agent channel's Uniqueid) with its
 * timeline. Written once: recording a call whose id is already there changes nothing.
 */
export class CallLog {
  private readonly insertCall: Statement<[CallRow]>
  private readonly insertEvent: Statement<[string, number, number, string, string]>
  private readonly eventsOf: Statement<[string], { at: number; kind: string; detail: string }>

  constructor(private readonly db: Database) {
    this.insertCall = db.prepare<[CallRow]>(
      `INSERT INTO call_log (id, linkedid, agent_extension, agent_name, agent_channel, customer_number, customer_name,
         customer_e164, customer_id, direction, started_at, answered_at, answered_approx, ended_at, talk_seconds, outcome,
         monitored, closed_by)
       VALUES (@id, @linkedid, @agent_extension, @agent_name, @agent_channel, @customer_number, @customer_name,
         @customer_e164, (SELECT id FROM customers WHERE id = @customer_id), @direction, @started_at, @answered_at,
         @answered_approx, @ended_at, @talk_seconds, @outcome, @monitored, @closed_by)
       ON CONFLICT (id) DO NOTHING`
    )
    this.insertEvent = db.prepare<[string, number, number, string, string]>('INSERT INTO call_events (call_id, seq, at, kind, detail) VALUES (?, ?, ?, ?, ?)')
    this.eventsOf = db.prepare<[string], { at: number; kind: string; detail: string }>('SELECT at, kind, detail FROM call_events WHERE call_id = ? ORDER BY seq')
    // Made once: every completed call is recorded through it (inside the recorder's own transaction, as a savepoint).
    this.recordInTransaction = db.transaction((e: CallLogEntry) => this.insert(e))
  }

  private readonly recordInTransaction: Transaction<(e: CallLogEntry) => boolean>

  /**
   * Writes a completed call and its timeline in one transaction. Idempotent by id: true when
   * written, false when that call was already there (then nothing changes). A customer id that no
   * longer exists is stored as null.
   */
  record(entry: CallLogEntry): boolean {
    return this.recordInTransaction.immediate(CallLogEntry.parse(entry))
  }

  private insert(e: CallLogEntry): boolean {
    const written = this.insertCall.run({
      id: e.id,
      linkedid: e.linkedid,
      agent_extension: e.agentExtension,
      agent_name: e.agentName,
      agent_channel: e.agentChannel,
      customer_number: e.customerNumber,
      customer_name: e.customerName,
      customer_e164: e.customerE164,
      customer_id: e.customerId,
      direction: e.direction,
      started_at: ms(e.startedAt),
      answered_at: e.answeredAt === null ? null : ms(e.answeredAt),
      answered_approx: e.answeredAtApprox ? 1 : 0,
      ended_at: ms(e.endedAt),
      talk_seconds: e.talkSeconds,
      outcome: e.outcome,
      monitored: e.monitored ? 1 : 0,
      closed_by: e.closedBy
    })
    if (written.changes === 0) return false
    e.timeline.forEach((event, seq) => {
      const { at, kind, ...detail } = event
      this.insertEvent.run(e.id, seq, ms(at), kind, JSON.stringify(detail))
    })
    return true
  }

  /** One call with its timeline, or null. */
  get(id: string): CallLogEntry | null {
    const row = this.db.prepare<[string], CallRow>('SELECT * FROM call_log WHERE id = ?').get(id)
    if (row === undefined) return null
    return { ...toSummary(row), timeline: this.timeline(id) }
  }

  /**
   * Calls matching the filter, newest first, a page at a time, with how many match in all.
   * `customerNumber` is compared in E.164 (read in `region`, records.defaultRegion), else as given.
   */
  list(filter: CallLogFilter = {}, region = 'GB'): CallLogPage {
    const f = CallLogFilter.parse(filter)
    const { where, params } = conditions(f, region)
    const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''
    const total = (this.db.prepare(`SELECT count(*) AS n FROM call_log ${clause}`).get(params) as { n: number }).n
    const rows = this.db
      .prepare(`SELECT * FROM call_log ${clause} ORDER BY started_at DESC, id LIMIT @limit OFFSET @offset`)
      .all({ ...params, limit: f.limit ?? 100, offset: f.offset ?? 0 }) as CallRow[]
    return { total, entries: rows.map(toSummary) }
  }

  /** Every call matching the filter (its limit and offset ignored), newest first, read lazily: for export. */
  *iterate(filter: CallLogFilter = {}, region = 'GB'): IterableIterator<CallLogSummary> {
    const f = CallLogFilter.parse(filter)
    const { where, params } = conditions(f, region)
    const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''
    for (const row of this.db.prepare(`SELECT * FROM call_log ${clause} ORDER BY started_at DESC, id`).iterate(params) as IterableIterator<CallRow>) yield toSummary(row)
  }

  /** The latest calls with this E.164 number (the customer panel of a live call), newest first. */
  /** The latest calls with this number; with `agentExtension`, that agent's only (an operator's own). */
  recentForNumber(e164: string, limit = 10, agentExtension?: string): CallLogSummary[] {
    const n = Math.min(Math.max(Math.trunc(limit), 1), CALL_LOG_PAGE_MAX)
    const rows =
      agentExtension === undefined
        ? this.db.prepare<[string, number], CallRow>('SELECT * FROM call_log WHERE customer_e164 = ? ORDER BY started_at DESC, id LIMIT ?').all(e164, n)
        : this.db
            .prepare<[string, string, number], CallRow>('SELECT * FROM call_log WHERE customer_e164 = ? AND agent_extension = ? ORDER BY started_at DESC, id LIMIT ?')
            .all(e164, agentExtension, n)
    return rows.map(toSummary)
  }

  private timeline(id: string): TimelineEvent[] {
    const out: TimelineEvent[] = []
    for (const row of this.eventsOf.all(id)) {
      const parsed = TimelineEvent.safeParse({ ...(JSON.parse(row.detail) as object), at: row.at, kind: row.kind })
      if (parsed.success) out.push(parsed.data)
    }
    return out
  }
}

function conditions(f: CallLogFilter, region: string): { where: string[]; params: Record<string, string | number> } {
  const where: string[] = []
  const params: Record<string, string | number> = {}
  const add = (clause: string, name: string, value: string | number | undefined): void => {
    if (value === undefined) return
    where.push(clause)
    params[name] = value
  }
  add('started_at >= @from', 'from', f.from === undefined ? undefined : ms(f.from))
  add('started_at < @to', 'to', f.to === undefined ? undefined : ms(f.to))
  add('agent_extension = @agent', 'agent', f.agentExtension)
  add('direction = @direction', 'direction', f.direction)
  add('outcome = @outcome', 'outcome', f.outcome)
  // The customer's calls: matched to them when logged, or to one of their numbers (also calls
  // logged before the record existed, or after the number was added).
  add(
    '(customer_id = @customerId OR customer_e164 IN (SELECT e164 FROM customer_phones WHERE customer_id = @customerId AND e164 IS NOT NULL))',
    'customerId',
    f.customerId
  )
  if (f.customerNumber !== undefined && f.customerNumber.trim() !== '') {
    const e164 = toE164(f.customerNumber, region)
    if (e164 !== null) add('customer_e164 = @e164', 'e164', e164)
    else add('customer_number = @number', 'number', f.customerNumber.trim())
  }
  if (f.monitoredOnly === true) where.push('monitored = 1')
  return { where, params }
}
