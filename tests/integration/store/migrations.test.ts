import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { DB_FILE_NAME } from '../../../src/main/store'
import { StoreError } from '../../../src/main/store'
import { LATEST_SCHEMA_VERSION, migrate, MIGRATIONS } from '../../../src/main/store'
import { openStore } from '../../../src/main/app'
import { Operators } from '../../../src/main/operators'
import { SettingsRepository } from '../../../src/main/settings'
import { DEFAULT_SETTINGS } from '../../../src/shared/settings'
import { FULL_SETTINGS } from '../../unit/store/fixtures'
import { useTempDirs } from './temp-dir'

const tempDir = useTempDirs()

function tables(db: Database.Database): string[] {
  return (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name)
}

function openError(dir: string): StoreError {
  try {
    openStore({ dir }).close()
  } catch (error) {
    expect(error).toBeInstanceOf(StoreError)
    return error as StoreError
  }
  throw new Error('expected openStore to refuse the database')
}

/** Every file in `dir` whose name starts with earshot.db, with its bytes. */
function snapshot(dir: string): Record<string, Buffer> {
  const files: Record<string, Buffer> = {}
  for (const suffix of ['', '-wal', '-shm', '-journal']) {
    const file = path.join(dir, DB_FILE_NAME + suffix)
    if (existsSync(file)) files[suffix] = readFileSync(file)
  }
  return files
}

describe('opening the store', () => {
  it('creates the folder and an empty database at the latest schema, with the pragmas set', () => {
    const dir = path.join(tempDir(), 'nested', 'data')
    const store = openStore({ dir })
    try {
      expect(store.file).toBe(path.join(dir, 'earshot.db'))
      expect(store.schemaVersion).toBe(LATEST_SCHEMA_VERSION)
      expect(LATEST_SCHEMA_VERSION).toBe(6)
      expect(tables(store.db)).toEqual(['call_events', 'call_log', 'customer_phones', 'customers', 'open_call_sources', 'open_calls', 'operator_preferences', 'operators', 'settings', 'sign_in_failures', 'supervision_audit', 'supervision_mode_changes'])
      expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal')
      expect(store.db.pragma('synchronous', { simple: true })).toBe(2) // FULL
      expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1)
      expect(store.db.pragma('busy_timeout', { simple: true })).toBe(5000)
      expect(store.settings.get()).toEqual(DEFAULT_SETTINGS)
      expect(store.operators.isFirstRun()).toBe(true)
      if (process.platform !== 'win32') expect(statSync(store.file).mode & 0o777).toBe(0o600)
    } finally {
      store.close()
    }
  })

  it('opens the same database again without migrating twice', () => {
    const dir = tempDir()
    const first = openStore({ dir })
    first.settings.save(FULL_SETTINGS)
    first.close()
    const second = openStore({ dir })
    expect(second.schemaVersion).toBe(LATEST_SCHEMA_VERSION)
    expect(second.settings.get()).toEqual(FULL_SETTINGS)
    second.close()
  })

  it('upgrades a version 1 database to the latest, keeping its settings and operators', async () => {
    const dir = tempDir()
    const v1 = new Database(path.join(dir, DB_FILE_NAME))
    expect(migrate(v1, MIGRATIONS.slice(0, 1))).toBe(1)
    expect(tables(v1)).toEqual(['operators', 'settings'])
    expect(new SettingsRepository(v1).save(FULL_SETTINGS)).toMatchObject({ ok: true })
    const ruth = await new Operators(v1).create({ name: 'Ruth', extension: '2001', scopes: ['configure-everything'], pin: '482915' })
    v1.close()

    const store = openStore({ dir })
    try {
      expect(store.schemaVersion).toBe(LATEST_SCHEMA_VERSION)
      expect(tables(store.db)).toContain('supervision_audit')
      expect(store.settings.get()).toEqual(FULL_SETTINGS)
      expect(store.operators.list()).toEqual([ruth])
      await expect(store.operators.verifyPin(ruth.id, '482915')).resolves.toBe(true)
      expect(store.audit.list()).toEqual([])
    } finally {
      store.close()
    }
  })

  it('upgrades a version 5 database keeping its calls in progress, without the two indexes nothing reads', () => {
    const dir = tempDir()
    const v5 = new Database(path.join(dir, DB_FILE_NAME))
    expect(migrate(v5, MIGRATIONS.slice(0, 5))).toBe(5)
    v5.prepare("INSERT INTO open_calls VALUES ('a.1', 'earshot@ami://pbx:5038', '1001', '{\"n\":1}', 7)").run()
    v5.prepare("INSERT INTO open_call_sources VALUES ('earshot@ami://pbx:5038', 9)").run()
    v5.close()

    const store = openStore({ dir })
    try {
      expect(store.openCalls.load()).toEqual({
        rows: [{ id: 'a.1', source: 'earshot@ami://pbx:5038', agentExtension: '1001', call: '{"n":1}', updatedAt: 7 }],
        seenAt: new Map([['earshot@ami://pbx:5038', 9]])
      })
      const indexes = (store.db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL").all() as { name: string }[]).map((r) => r.name)
      expect(indexes).toEqual(expect.arrayContaining(['call_log_by_agent', 'call_log_by_e164']))
      expect(indexes.filter((name) => name === 'open_calls_by_source' || name === 'call_log_by_linkedid')).toEqual([])
    } finally {
      store.close()
    }
  })

  it('applies each migration in its own transaction: a failing step leaves the previous version intact', () => {
    const dir = tempDir()
    const db = new Database(path.join(dir, DB_FILE_NAME))
    const broken = [
      MIGRATIONS[0]!,
      {
        version: 2,
        description: 'fails half way',
        up(d: Database.Database) {
          d.exec('CREATE TABLE half_done (x INTEGER)')
          throw new Error('boom')
        }
      }
    ]
    expect(() => migrate(db, broken)).toThrow('boom')
    expect(db.pragma('user_version', { simple: true })).toBe(1)
    expect(tables(db)).toEqual(['operators', 'settings'])
    db.close()
  })

  it('refuses a database from a newer Earshot and leaves its bytes untouched', () => {
    const dir = tempDir()
    const newer = new Database(path.join(dir, DB_FILE_NAME))
    newer.pragma('journal_mode = WAL')
    newer.exec("CREATE TABLE future (x TEXT); INSERT INTO future VALUES ('from Earshot 9')")
    newer.pragma('user_version = 7')
    newer.close()
    const before = snapshot(dir)

    const error = openError(dir)
    expect(error.kind).toBe('newer-schema')
    expect(error.message).toContain(path.join(dir, DB_FILE_NAME))
    expect(error.message).toContain(`newer Earshot (database version 7); this Earshot knows versions up to ${LATEST_SCHEMA_VERSION}`)
    expect(error.message).toMatch(/left the file untouched/)
    expect(snapshot(dir)).toEqual(before)
  })

  it('refuses a newer database whose last changes are still in a left-over -wal file, without checkpointing it', () => {
    const crashed = tempDir()
    const newer = new Database(path.join(crashed, DB_FILE_NAME))
    newer.pragma('journal_mode = WAL')
    newer.pragma('wal_autocheckpoint = 0')
    newer.exec('CREATE TABLE future (x TEXT)')
    newer.pragma('user_version = 7')
    // Copy the files while the connection is open: what a crash of the newer Earshot leaves behind.
    const dir = tempDir()
    for (const suffix of ['', '-wal']) writeFileSync(path.join(dir, DB_FILE_NAME + suffix), readFileSync(path.join(crashed, DB_FILE_NAME + suffix)))
    newer.close()
    const before = snapshot(dir)
    expect(before['-wal']?.length).toBeGreaterThan(0)

    expect(openError(dir)).toMatchObject({ kind: 'newer-schema', message: expect.stringMatching(/database version 7/) as unknown })
    const after = snapshot(dir)
    expect(after['']).toEqual(before[''])
    expect(after['-wal']).toEqual(before['-wal'])
  })

  it.each([
    ['a text file', Buffer.from('These are my notes, not a database.\n'.repeat(200))],
    ['random bytes', Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 7919) % 251))],
    ['a short text file', Buffer.from('hello\n')]
  ])('refuses %s where the database should be, untouched', (_what, bytes) => {
    const dir = tempDir()
    writeFileSync(path.join(dir, DB_FILE_NAME), bytes)
    const error = openError(dir)
    expect(error.kind).toBe('corrupt')
    expect(error.message).toMatch(/is not an Earshot database, or it is damaged \(SQLITE_NOTADB\)\. Earshot left it untouched/)
    expect(readFileSync(path.join(dir, DB_FILE_NAME))).toEqual(bytes)
    expect(snapshot(dir)).toEqual({ '': bytes })
  })

  it('refuses, untouched, a database with tables but no version: a copy restored from sqlite3 .dump, or another program’s', () => {
    // `sqlite3 earshot.db .dump` does not keep user_version: the restored copy has every table at version 0.
    const restored = tempDir()
    const store = openStore({ dir: restored })
    store.customers.create({ name: 'Ann', phones: ['+44 20 7000 1111'] }, 'GB')
    store.close()
    const copy = new Database(path.join(restored, DB_FILE_NAME))
    copy.pragma('journal_mode = DELETE')
    copy.pragma('user_version = 0')
    copy.close()
    // Another program's database, whose tables clash with none of Earshot's.
    const foreign = tempDir()
    const other = new Database(path.join(foreign, DB_FILE_NAME))
    other.exec("CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('someone else''s')")
    other.close()

    for (const dir of [restored, foreign]) {
      const before = snapshot(dir)
      const error = openError(dir)
      expect(error.kind).toBe('corrupt')
      expect(error.message).toContain(path.join(dir, DB_FILE_NAME))
      expect(error.message).toMatch(/no Earshot version.*left it untouched/s)
      expect(snapshot(dir)).toEqual(before)
    }
  })

  it('says so when the folder cannot be written', () => {
    if (process.getuid?.() === 0) {
      // root ignores permissions: make the data folder a file instead.
      const blocker = path.join(tempDir(), 'not-a-folder')
      writeFileSync(blocker, '')
      const error = openError(path.join(blocker, 'data'))
      expect(error.kind).toBe('unwritable')
      expect(error.message).toMatch(/cannot write its database .*not-a-folder.*writable/)
      return
    }
    const dir = tempDir()
    chmodSync(dir, 0o500)
    try {
      const error = openError(dir)
      expect(error.kind).toBe('unwritable')
      expect(error.message).toMatch(/cannot write its database/)
    } finally {
      chmodSync(dir, 0o700)
    }
  })
})
