/**
 * The database with every capability's repository on it. `store/` only opens the file and brings
 * it to the latest schema; each repository lives with the capability that owns its tables.
 */
import type Database from 'better-sqlite3'
import { CallLog, OpenCalls } from '../calllog'
import { Customers } from '../customers'
import { OperatorPreferencesRepository, Operators } from '../operators'
import { SettingsRepository } from '../settings'
import { openDatabase, openMemoryDatabase, type OpenDatabase, storeErrorFrom } from '../store'
import { SupervisionAudit } from '../supervision'

export interface StoreOptions {
  /** The data folder (see resolveDataDir); created if missing. */
  dir: string
  /** Clock for created/updated times (tests). */
  now?: () => number
}

export interface Store {
  readonly file: string
  /** The open connection, for repositories added later. */
  readonly db: Database.Database
  readonly schemaVersion: number
  readonly settings: SettingsRepository
  readonly operators: Operators
  readonly preferences: OperatorPreferencesRepository
  readonly audit: SupervisionAudit
  readonly customers: Customers
  readonly callLog: CallLog
  /** Calls in progress the call log has not written yet (kept across restarts). */
  readonly openCalls: OpenCalls
  close(): void
}

/**
 * Opens (or creates) `earshot.db` in `dir` (see openDatabase: a newer or foreign file is refused
 * untouched) with its repositories. Failures are StoreErrors phrased for the admin.
 */
export function openStore({ dir, now }: StoreOptions): Store {
  return storeOn(openDatabase({ dir }), now)
}

/** A store in memory only (the demo floor's): the same repositories, nothing on the disk. */
export function openMemoryStore(): Store {
  return storeOn(openMemoryDatabase())
}

function storeOn(opened: OpenDatabase, now?: () => number): Store {
  const { file, db } = opened
  try {
    const callLog = new CallLog(db)
    return {
      file,
      db,
      schemaVersion: opened.schemaVersion,
      settings: new SettingsRepository(db, { now }),
      operators: new Operators(db, { now }),
      preferences: new OperatorPreferencesRepository(db, { now }),
      audit: new SupervisionAudit(db),
      customers: new Customers(db, { now }),
      callLog,
      openCalls: new OpenCalls(db, callLog),
      close: () => opened.close()
    }
  } catch (error) {
    opened.close()
    throw storeErrorFrom(error, file)
  }
}
