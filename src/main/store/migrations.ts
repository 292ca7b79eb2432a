import type { Database } from 'better-sqlite3'

/**
 * The schema, as the ordered steps that build it. Step N takes a database at `user_version` N-1 to
 * N; each runs in its own transaction with the version bump inside it, so a crash leaves the file
 * at a version it really has. Never edit a released step: add the next one.
 */
export interface Migration {
  readonly version: number
  readonly description: string
  up(db: Database): void
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'settings (one JSON row per section) and operators',
    up(db) {
      db.exec(`
        CREATE TABLE settings (
          key TEXT PRIMARY KEY NOT NULL,
          value TEXT NOT NULL CHECK (json_valid(value)),
          updated_at INTEGER NOT NULL
        ) STRICT;

        CREATE TABLE operators (
          id TEXT PRIMARY KEY NOT NULL,
          name TEXT NOT NULL COLLATE NOCASE UNIQUE,
          extension TEXT NOT NULL,
          scopes TEXT NOT NULL CHECK (json_valid(scopes)),
          pin_hash TEXT NOT NULL,
          created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL
        ) STRICT;
      `)
    }
  },
  {
    version: 2,
    description: 'supervision audit: one row per session, its mode changes in a child table',
    up(db) {
      // No foreign key to operators: the audit must outlive an operator who is removed, so it
      // keeps the name they had.
      db.exec(`
        CREATE TABLE supervision_audit (
          id TEXT PRIMARY KEY NOT NULL,
          operator_id TEXT,
          operator_name TEXT,
          supervisor_extension TEXT NOT NULL,
          agent_extension TEXT NOT NULL,
          agent_name TEXT NOT NULL,
          agent_channel TEXT NOT NULL,
          call_id TEXT NOT NULL,
          customer_number TEXT,
          method TEXT NOT NULL CHECK (method IN ('feature-codes', 'chanspy')),
          started_at INTEGER NOT NULL,
          ended_at INTEGER,
          end_reason TEXT
        ) STRICT;
        CREATE INDEX supervision_audit_by_start ON supervision_audit (started_at);
        CREATE INDEX supervision_audit_by_agent ON supervision_audit (agent_extension, started_at);
        CREATE INDEX supervision_audit_by_operator ON supervision_audit (operator_id, started_at);
        CREATE INDEX supervision_audit_by_call ON supervision_audit (call_id);

        CREATE TABLE supervision_mode_changes (
          session_id TEXT NOT NULL REFERENCES supervision_audit (id) ON DELETE CASCADE,
          seq INTEGER NOT NULL,
          at INTEGER NOT NULL,
          mode TEXT NOT NULL CHECK (mode IN ('listen', 'whisper', 'barge')),
          how TEXT NOT NULL CHECK (how IN ('initial', 'dtmf', 're-originate')),
          PRIMARY KEY (session_id, seq)
        ) STRICT;
      `)
    }
  },
  {
    version: 3,
    description: 'records: customers with their phone numbers (E.164 indexed), the call log and each call\'s timeline, the calls not yet logged',
    up(db) {
      // A phone's e164 is null when the number has none (an extension, garbage): kept, never matched.
      // call_log.id is the agent channel's Uniqueid, so a call can only be written once; a call keeps
      // the number it was logged with when its customer record is deleted (customer_id set null).
      db.exec(`
        CREATE TABLE customers (
          id TEXT PRIMARY KEY NOT NULL,
          name TEXT NOT NULL,
          company TEXT,
          email TEXT,
          notes TEXT,
          external_url TEXT,
          created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX customers_by_name ON customers (name COLLATE NOCASE, id);

        CREATE TABLE customer_phones (
          customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
          seq INTEGER NOT NULL,
          raw TEXT NOT NULL,
          e164 TEXT,
          PRIMARY KEY (customer_id, seq)
        ) STRICT;
        CREATE INDEX customer_phones_by_e164 ON customer_phones (e164, customer_id);

        CREATE TABLE call_log (
          id TEXT PRIMARY KEY NOT NULL,
          linkedid TEXT NOT NULL,
          agent_extension TEXT NOT NULL,
          agent_name TEXT NOT NULL,
          agent_channel TEXT NOT NULL,
          customer_number TEXT,
          customer_name TEXT,
          customer_e164 TEXT,
          customer_id TEXT REFERENCES customers (id) ON DELETE SET NULL,
          direction TEXT NOT NULL CHECK (direction IN ('inbound', 'outbound')),
          started_at INTEGER NOT NULL,
          answered_at INTEGER,
          answered_approx INTEGER NOT NULL CHECK (answered_approx IN (0, 1)),
          ended_at INTEGER NOT NULL,
          talk_seconds INTEGER NOT NULL CHECK (talk_seconds >= 0),
          outcome TEXT NOT NULL CHECK (outcome IN ('answered', 'abandoned', 'missed', 'unanswered')),
          monitored INTEGER NOT NULL CHECK (monitored IN (0, 1)),
          closed_by TEXT NOT NULL CHECK (closed_by IN ('hangup', 'resync'))
        ) STRICT;
        CREATE INDEX call_log_by_start ON call_log (started_at);
        CREATE INDEX call_log_by_agent ON call_log (agent_extension, started_at);
        CREATE INDEX call_log_by_e164 ON call_log (customer_e164, started_at);
        CREATE INDEX call_log_by_customer ON call_log (customer_id, started_at);
        CREATE INDEX call_log_by_linkedid ON call_log (linkedid);
        CREATE INDEX call_log_monitored ON call_log (started_at) WHERE monitored = 1;

        CREATE TABLE call_events (
          call_id TEXT NOT NULL REFERENCES call_log (id) ON DELETE CASCADE,
          seq INTEGER NOT NULL,
          at INTEGER NOT NULL,
          kind TEXT NOT NULL,
          detail TEXT NOT NULL CHECK (json_valid(detail)),
          PRIMARY KEY (call_id, seq)
        ) STRICT;
      `)
      // Calls in progress, as far as the call log knows them (so a call up when Earshot quits,
      // crashes or is killed is still logged): one row per call not yet in call_log, its saved
      // form as JSON (src/main/calllog/saved.ts), keyed by the connection it was seen on
      // (\`source\`: AMI user@address). A call's row leaves in the transaction that writes it to
      // call_log. open_call_sources.seen_at: until when that connection's open calls were last
      // known to be up (rewritten each second while it has any), the end of a call that vanished.
      db.exec(`
        CREATE TABLE open_calls (
          id TEXT PRIMARY KEY NOT NULL,
          source TEXT NOT NULL,
          agent_extension TEXT NOT NULL,
          call TEXT NOT NULL CHECK (json_valid(call)),
          updated_at INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX open_calls_by_source ON open_calls (source);

        CREATE TABLE open_call_sources (
          source TEXT PRIMARY KEY NOT NULL,
          seen_at INTEGER NOT NULL
        ) STRICT;
      `)
    }
  },
  {
    version: 4,
    description: 'wrong-PIN counts per operator, so a lockout survives a restart',
    up(db) {
      // One row per operator with wrong PINs since their last sign-in; locked_until is 0 while
      // they still have free tries. Removed with the operator.
      db.exec(`
        CREATE TABLE sign_in_failures (
          operator_id TEXT PRIMARY KEY NOT NULL REFERENCES operators (id) ON DELETE CASCADE,
          failures INTEGER NOT NULL CHECK (failures > 0),
          locked_until INTEGER NOT NULL
        ) STRICT;
      `)
    }
  },
  {
    version: 5,
    description: "each operator's own choices (floor density, columns, scope; alert thresholds and how alerts reach them)",
    up(db) {
      // One row per operator and section, the section's JSON checked when read (a row that no
      // longer reads is left as it is and the section's defaults are used). Removed with the operator.
      db.exec(`
        CREATE TABLE operator_preferences (
          operator_id TEXT NOT NULL REFERENCES operators (id) ON DELETE CASCADE,
          section TEXT NOT NULL,
          value TEXT NOT NULL,
          updated_at INTEGER NOT NULL,
          PRIMARY KEY (operator_id, section)
        ) STRICT;
      `)
    }
  },
  {
    version: 6,
    description: 'two indexes that cost writes and served no query (a busy floor writes ~3 of its ~15 pages a commit fewer)',
    up(db) {
      // open_calls_by_source: each save of a call in progress rewrote a page of it (the upsert sets
      // `source`), dozens of commits a second on a busy floor; its one reader, forgetting
      // connections with no calls left, needs only the first call of each.
      // call_log_by_linkedid: no query reads the log by linkedid; each logged call wrote a page of it.
      db.exec('DROP INDEX open_calls_by_source; DROP INDEX call_log_by_linkedid')
    }
  }
]

export const LATEST_SCHEMA_VERSION = MIGRATIONS.length

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number
}

/**
 * Applies the steps the database lacks, each in an IMMEDIATE transaction that re-reads the version
 * (another Earshot may have migrated meanwhile). Returns the version reached. The caller refuses a
 * database newer than `migrations` before calling this.
 */
export function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS): number {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migration ${i} has version ${m.version}; versions must run 1, 2, 3, ...`)
  })
  for (const migration of migrations) {
    db.transaction(() => {
      if (schemaVersion(db) >= migration.version) return
      migration.up(db)
      db.pragma(`user_version = ${migration.version}`)
    }).immediate()
  }
  return schemaVersion(db)
}
