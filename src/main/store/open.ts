import { closeSync, existsSync, mkdirSync, openSync, readSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { DB_FILE_NAME } from './data-dir'
import { failure, StoreError, storeErrorFrom } from './errors'
import { LATEST_SCHEMA_VERSION, migrate, schemaVersion } from './migrations'

export interface DatabaseOptions {
  /** The data folder (see resolveDataDir); created if missing. */
  dir: string
}

/** The open database file, at the latest schema. Each capability's repository works on `db`. */
export interface OpenDatabase {
  readonly file: string
  readonly db: Database.Database
  readonly schemaVersion: number
  close(): void
}

/** How long a write waits for another connection's lock before failing with 'locked'. */
const BUSY_TIMEOUT_MS = 5000

function newerSchema(file: string, version: number): StoreError {
  return new StoreError(
    'newer-schema',
    `${file} was written by a newer Earshot (database version ${version}); this Earshot knows versions up to ${LATEST_SCHEMA_VERSION}. ` +
      'Earshot left the file untouched: update Earshot to open it, or point EARSHOT_DATA_DIR at another folder.'
  )
}

function unversioned(file: string): StoreError {
  return new StoreError(
    'corrupt',
    `${file} holds tables but no Earshot version (its user_version is 0): it is another program's database, or a copy that lost its version ` +
      "(sqlite3's .dump does not keep it). Earshot left it untouched; move it aside to start afresh, or restore a backup made by copying the file."
  )
}

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1')
/** Offset of `user_version` in the 100-byte database header (4 bytes, big-endian). */
const USER_VERSION_OFFSET = 60

/**
 * The schema version of an existing file, read so that a file Earshot must refuse (newer, or not a
 * database) is never written to, not even a -wal or -shm beside it. The header is read as plain
 * bytes; only when a -wal file is left over (its newest pages may not be in the main file yet) is
 * SQLite asked, through a read-only connection, which never checkpoints.
 */
function existingVersion(file: string): number | null {
  if (!existsSync(file)) return null
  const header = Buffer.alloc(100)
  const fd = openSync(file, 'r')
  let length: number
  try {
    length = readSync(fd, header, 0, header.length, 0)
  } finally {
    closeSync(fd)
  }
  if (length === 0) return 0 // SQLite takes an empty file as an empty database.
  if (length < header.length || !header.subarray(0, SQLITE_MAGIC.length).equals(SQLITE_MAGIC)) {
    throw failure('corrupt', file, 'SQLITE_NOTADB')
  }
  const wal = `${file}-wal`
  if (!existsSync(wal) || statSync(wal).size === 0) return header.readUInt32BE(USER_VERSION_OFFSET)
  let db: Database.Database | undefined
  try {
    db = new Database(file, { readonly: true, fileMustExist: true })
    return schemaVersion(db)
  } finally {
    db?.close()
  }
}

/**
 * A database in memory only, at the latest schema: the demo floor's throwaway store. Nothing of it
 * reaches the disk, and closing it forgets everything.
 */
export function openMemoryDatabase(): OpenDatabase {
  const db = new Database(':memory:')
  db.pragma('foreign_keys = ON')
  const reached = migrate(db)
  return { file: ':memory:', db, schemaVersion: reached, close: () => db.close() }
}

/**
 * Opens (or creates) `earshot.db` in `dir`, refusing a newer or foreign file untouched, and brings
 * it to the latest schema. Failures are StoreErrors phrased for the admin.
 */
export function openDatabase({ dir }: DatabaseOptions): OpenDatabase {
  const file = path.join(dir, DB_FILE_NAME)
  let db: Database.Database | undefined
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 })
    const found = existingVersion(file)
    if (found !== null && found > LATEST_SCHEMA_VERSION) throw newerSchema(file, found)
    // PIN hashes live here: owner-only, and SQLite gives its -wal and -shm files the same mode.
    if (found === null) writeFileSync(file, '', { mode: 0o600, flag: 'wx' })
    db = new Database(file, { fileMustExist: true, timeout: BUSY_TIMEOUT_MS })
    // Checked again before the first write, in case another Earshot upgraded it meanwhile.
    const version = schemaVersion(db)
    if (version > LATEST_SCHEMA_VERSION) throw newerSchema(file, version)
    // Version 0 is a database Earshot has not written yet, so it has no tables. One with tables is
    // another program's, or a restored copy: migrating it failed on SQLite's own words ("table
    // settings already exists") or wrote Earshot's tables into someone else's file.
    if (version === 0 && db.prepare('SELECT 1 FROM sqlite_schema LIMIT 1').get() !== undefined) throw unversioned(file)
    db.pragma('journal_mode = WAL')
    // FULL: a saved setting or audit row survives a power cut, not only a crash (WAL's NORMAL does not promise that).
    db.pragma('synchronous = FULL')
    db.pragma('foreign_keys = ON')
    const reached = migrate(db)
    const open = db
    return { file, db: open, schemaVersion: reached, close: () => open.close() }
  } catch (error) {
    db?.close()
    throw storeErrorFrom(error, file)
  }
}
