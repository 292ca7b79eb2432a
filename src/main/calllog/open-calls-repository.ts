import { closeSync, fsyncSync, openSync } from 'node:fs'
import type { Database, Statement, Transaction } from 'better-sqlite3'
import type { CallLogEntry } from '../../shared/records'
import type { CallLog } from './call-log-repository'

/** One saved call not yet in the call log (its JSON is read by src/main/calllog/saved.ts). */
export interface OpenCallRow {
  id: string
  /** The PBX it was seen on: its own identity (calls/pbx-identity.ts), or the AMI user@address when it would not say. */
  source: string
  agentExtension: string
  /** The saved call, as JSON. */
  call: string
  updatedAt: number
}

/** One batch of changes to the calls of one connection, written in one transaction. */
export interface OpenCallsBatch {
  source: string
  /** When the batch was made (each saved row's updated_at). */
  at: number
  /** Calls whose saved form changed. */
  save?: ReadonlyArray<{ id: string; agentExtension: string; call: unknown }>
  /** Rows to delete without a call-log row (calls that turned out not to be agent calls, unreadable rows). */
  drop?: readonly string[]
  /** Completed calls: each is written to the call log and its row deleted, in the same transaction. */
  record?: readonly CallLogEntry[]
  /** The connection's calls that are not marked lost were known to be up at this time. */
  seenAt?: number
}

const ms = (t: number): number => Math.round(t)

/**
 * The calls in progress the call log has not written yet (`open_calls`), so that none is lost when
 * Earshot stops mid-call and none is written twice: a completed call is written to `call_log` and
 * leaves `open_calls` in one transaction.
 */
export class OpenCalls {
  private readonly upsert: Statement<[{ id: string; source: string; agent_extension: string; call: string; updated_at: number }]>
  private readonly remove: Statement<[string]>
  private readonly seen: Statement<[string, number]>
  private readonly forgetSources: Statement<[]>
  /** Made once: a busy floor commits up to ~60 times a second. */
  private readonly applyInTransaction: Transaction<(batch: OpenCallsBatch) => boolean[]>

  constructor(
    private readonly db: Database,
    private readonly callLog: CallLog
  ) {
    this.upsert = db.prepare(
      `INSERT INTO open_calls (id, source, agent_extension, call, updated_at) VALUES (@id, @source, @agent_extension, @call, @updated_at)
       ON CONFLICT (id) DO UPDATE SET source = excluded.source, agent_extension = excluded.agent_extension, call = excluded.call, updated_at = excluded.updated_at`
    )
    this.remove = db.prepare('DELETE FROM open_calls WHERE id = ?')
    this.seen = db.prepare('INSERT INTO open_call_sources (source, seen_at) VALUES (?, ?) ON CONFLICT (source) DO UPDATE SET seen_at = max(seen_at, excluded.seen_at)')
    // NOT EXISTS stops at a connection's first call: open_calls has no index by connection (it cost a page per save).
    this.forgetSources = db.prepare('DELETE FROM open_call_sources WHERE NOT EXISTS (SELECT 1 FROM open_calls WHERE open_calls.source = open_call_sources.source)')
    this.applyInTransaction = db.transaction((batch: OpenCallsBatch) => this.applyBatch(batch))
  }

  /** Every saved call, of every connection, and until when each connection's calls were known up. */
  load(): { rows: OpenCallRow[]; seenAt: Map<string, number> } {
    return this.db
      .transaction(() => {
        const rows = this.db
          .prepare<[], { id: string; source: string; agent_extension: string; call: string; updated_at: number }>('SELECT * FROM open_calls ORDER BY updated_at, id')
          .all()
          .map((r) => ({ id: r.id, source: r.source, agentExtension: r.agent_extension, call: r.call, updatedAt: r.updated_at }))
        const seenAt = new Map(this.db.prepare<[], { source: string; seen_at: number }>('SELECT source, seen_at FROM open_call_sources').all().map((r) => [r.source, r.seen_at]))
        return { rows, seenAt }
      })
      .deferred()
  }

  /**
   * Applies a batch in one IMMEDIATE transaction: completed calls into the call log (each written
   * once: true when written, false when that call was already there) with their rows deleted,
   * dropped rows deleted, changed rows saved, the connection's seen time moved on. On a failure
   * nothing of it is applied.
   *
   * `durable: false` commits without waiting for the disk (SQLite's `synchronous = NORMAL` for this
   * transaction; the store's FULL is put back after it): the commit is in the operating system's
   * hands at once, so a killed or crashed Earshot loses nothing of it, and only a power cut before
   * the next `sync()` or durable commit could. On a busy floor every call that opens or ends
   * commits at once, and a disk sync each time was the largest part of main's work in the soak.
   */
  commit(batch: OpenCallsBatch, { durable = true }: { durable?: boolean } = {}): boolean[] {
    if (durable) return this.apply(batch)
    // Through pragma(), not a statement prepared once: run, such a statement left it FULL (the open-calls test caught it).
    this.db.pragma('synchronous = NORMAL')
    try {
      return this.apply(batch)
    } finally {
      this.db.pragma('synchronous = FULL')
    }
  }

  /**
   * Puts every commit made so far on the disk: the write-ahead log, where not-durable commits wait,
   * is synced (it holds them until a checkpoint, which syncs what it copies). No log file: nothing waits.
   */
  sync(): void {
    let fd: number
    try {
      fd = openSync(`${this.db.name}-wal`, 'r')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return
      throw error
    }
    try {
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
  }

  private apply(batch: OpenCallsBatch): boolean[] {
    return this.applyInTransaction.immediate(batch)
  }

  private applyBatch(batch: OpenCallsBatch): boolean[] {
    const written = (batch.record ?? []).map((entry) => {
      const done = this.callLog.record(entry)
      this.remove.run(entry.id)
      return done
    })
    for (const id of batch.drop ?? []) this.remove.run(id)
    for (const { id, agentExtension, call } of batch.save ?? []) {
      this.upsert.run({ id, source: batch.source, agent_extension: agentExtension, call: JSON.stringify(call), updated_at: ms(batch.at) })
    }
    if (batch.seenAt !== undefined) this.seen.run(batch.source, ms(batch.seenAt))
    if ((batch.record?.length ?? 0) > 0 || (batch.drop?.length ?? 0) > 0) this.forgetSources.run()
    return written
  }
}
