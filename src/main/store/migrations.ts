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
