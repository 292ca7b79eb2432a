/**
 * Why the store cannot be used, phrased for the admin who has to fix it. Messages name the file
 * (never its contents) and say what Earshot did to it, which is nothing unless it says so.
 */
export type StoreErrorKind =
  /** Written by a newer Earshot: this one would not understand (and could damage) its tables. */
  | 'newer-schema'
  /** Not a SQLite database, or a damaged one. */
  | 'corrupt'
  /** The folder or file cannot be created or written (permissions, read-only disk, full disk). */
  | 'unwritable'
  /** Another program holds a lock on the database for longer than the busy timeout. */
  | 'locked'

export class StoreError extends Error {
  override readonly name = 'StoreError'
  constructor(
    readonly kind: StoreErrorKind,
    message: string,
    options?: { cause?: unknown }
  ) {
    super(message, options)
  }
}

/** SQLite result codes (better-sqlite3 puts them in `code`) and Node's errno codes, by what they mean here. */
type FailureKind = Exclude<StoreErrorKind, 'newer-schema'>

const KIND_OF_CODE: Readonly<Record<string, FailureKind>> = {
  SQLITE_NOTADB: 'corrupt',
  SQLITE_CORRUPT: 'corrupt',
  SQLITE_READONLY: 'unwritable',
  SQLITE_CANTOPEN: 'unwritable',
  SQLITE_PERM: 'unwritable',
  SQLITE_FULL: 'unwritable',
  SQLITE_IOERR: 'unwritable',
  SQLITE_BUSY: 'locked',
  SQLITE_LOCKED: 'locked',
  EACCES: 'unwritable',
  EPERM: 'unwritable',
  EROFS: 'unwritable',
  ENOSPC: 'unwritable',
  ENOTDIR: 'unwritable',
  EEXIST: 'unwritable',
  EISDIR: 'unwritable'
}

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' ? code : ''
}

/** A failure of SQLite or the file system while opening or writing `file`, as a StoreError (others pass through). */
export function storeErrorFrom(error: unknown, file: string): unknown {
  if (error instanceof StoreError) return error
  const code = errorCode(error)
  // Extended codes (SQLITE_IOERR_WRITE, SQLITE_READONLY_DBMOVED, ...) share their primary code's meaning.
  const kind = KIND_OF_CODE[code] ?? KIND_OF_CODE[code.replace(/^(SQLITE_[A-Z]+)_.*$/, '$1')]
  if (kind === undefined) return error
  return failure(kind, file, code, { cause: error })
}

/** The StoreError for a failure of `kind` on `file`; `code` (e.g. SQLITE_NOTADB) is quoted for support. */
export function failure(kind: FailureKind, file: string, code: string, options?: { cause?: unknown }): StoreError {
  return new StoreError(kind, MESSAGES[kind](file, code === '' ? '' : ` (${code})`), options)
}

const MESSAGES: Readonly<Record<FailureKind, (file: string, reason: string) => string>> = {
  corrupt: (file, reason) =>
    `${file} is not an Earshot database, or it is damaged${reason}. Earshot left it untouched; move it aside to start afresh, or restore a backup.`,
  unwritable: (file, reason) =>
    `Earshot cannot write its database ${file}${reason}. Check that the folder is writable by this user and that the disk is not full or read-only.`,
  locked: (file, reason) =>
    `Another program is holding ${file} locked${reason}. Close other copies of Earshot (or tools that have the file open) and try again.`
}

/** A write failure's cause, in a few words for a banner, by primary code. */
const REASON_OF_CODE: Readonly<Record<string, string>> = {
  SQLITE_FULL: 'the disk is full',
  ENOSPC: 'the disk is full',
  SQLITE_READONLY: 'the database is read-only',
  EROFS: 'the database is read-only',
  SQLITE_PERM: 'the database may not be written by this user',
  EACCES: 'the database may not be written by this user',
  EPERM: 'the database may not be written by this user',
  SQLITE_CANTOPEN: 'the database file cannot be opened',
  SQLITE_IOERR: 'the disk reported an error',
  SQLITE_BUSY: 'another program holds the database locked',
  SQLITE_LOCKED: 'another program holds the database locked',
  SQLITE_CORRUPT: 'the database is damaged',
  SQLITE_NOTADB: 'the database is damaged'
}

/**
 * Why a write failed, when it is the disk or the database (`the disk is full (SQLITE_FULL)`):
 * worth keeping what was to be written and trying again. Null for anything else (a bug).
 */
export function writeFailureReason(error: unknown): string | null {
  const cause = error instanceof StoreError ? error.cause : error
  const code = errorCode(cause)
  const reason = REASON_OF_CODE[code] ?? REASON_OF_CODE[code.replace(/^(SQLITE_[A-Z]+)_.*$/, '$1')]
  return reason === undefined ? null : `${reason} (${code})`
}
