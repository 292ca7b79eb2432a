export { DB_FILE_NAME, resolveDataDir } from './data-dir'
export { StoreError, storeErrorFrom, type StoreErrorKind, writeFailureReason } from './errors'
export { LATEST_SCHEMA_VERSION, MIGRATIONS, migrate, type Migration } from './migrations'
export { openDatabase, openMemoryDatabase, type DatabaseOptions, type OpenDatabase } from './open'
