/**
 * The log file: main's and the renderer's warnings and errors in `<data folder>/logs/main.log`
 * (electron-log's file transport, rotated to main.old.log at 1 MiB), for support to read after
 * the fact. Every line passes through the secrets' redaction first: each password the keychain
 * has handed out or stored in this run is masked, wherever it appears in the line.
 *
 * electron-log's Node entry is used, not its Electron one: that one registers an IPC channel any
 * page could write to; here renderer messages reach the file only through the window's
 * console-message event (window.ts). No `electron` import.
 */
import path from 'node:path'
import { inspect } from 'node:util'
import log from 'electron-log/node'
import { redact } from './secrets'

export const LOG_FILE_NAME = 'main.log'
/** One rotation: main.log grows to this, then becomes main.old.log (replacing the previous one). */
export const LOG_FILE_MAX_BYTES = 1024 * 1024

export interface LogFile {
  /** The logs folder (Help → Open logs folder). */
  readonly dir: string
  readonly file: string
  /** A secret to mask from now on (the keychain calls this for each password it sees). */
  rememberSecret(secret: string | null | undefined): void
  /** Writes one line at `level` (warn or error), redacted. */
  write(level: 'warn' | 'error', ...data: unknown[]): void
  /** Stops copying console.warn / console.error to the file. */
  close(): void
}

function asText(datum: unknown): string {
  if (typeof datum === 'string') return datum
  if (datum instanceof Error) return datum.stack ?? `${datum.name}: ${datum.message}`
  return inspect(datum, { depth: 4, breakLength: Infinity })
}

/** Opens `<dataDir>/logs/main.log` and copies every console.warn / console.error into it. */
export function openLogFile(dataDir: string): LogFile {
  const dir = path.join(dataDir, 'logs')
  const file = path.join(dir, LOG_FILE_NAME)
  const secrets = new Set<string>()

  log.transports.file.resolvePathFn = () => file
  log.transports.file.level = 'warn'
  log.transports.file.maxSize = LOG_FILE_MAX_BYTES
  // The console keeps printing through the original console.* (below); the file is all this logger does.
  log.transports.console.level = false
  log.transports.remote.level = false
  log.hooks.push((message) => ({ ...message, data: message.data.map((datum) => redact(asText(datum), [...secrets])) }))

  const original = { warn: console.warn, error: console.error }
  console.warn = (...data: unknown[]) => {
    original.warn(...data)
    log.warn(...data)
  }
  console.error = (...data: unknown[]) => {
    original.error(...data)
    log.error(...data)
  }

  return {
    dir,
    file,
    rememberSecret(secret) {
      if (secret !== null && secret !== undefined && secret !== '') secrets.add(secret)
    },
    write(level, ...data) {
      log[level](...data)
    },
    close() {
      console.warn = original.warn
      console.error = original.error
    }
  }
}
