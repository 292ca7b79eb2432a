import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

/** The real Asterisk 22 captures beside the repo (`../shared/traces`); EARSHOT_TRACES overrides. */
export const TRACES_DIR = process.env.EARSHOT_TRACES ?? resolve(__dirname, '../../../../shared/traces')

export interface CaptureRecord {
  readonly t: number
  readonly dir: 'rx' | 'tx'
  readonly raw: string
}

export const CAPTURES: readonly string[] = readdirSync(TRACES_DIR)
  .filter((f) => f.endsWith('.jsonl') && !f.endsWith('.steps.jsonl'))
  .map((f) => f.slice(0, -'.jsonl'.length))
  .sort()

export function loadCapture(name: string): CaptureRecord[] {
  return readFileSync(join(TRACES_DIR, `${name}.jsonl`), 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as CaptureRecord)
}

/** What Asterisk sent, as one byte stream. */
export function rxStream(records: readonly CaptureRecord[]): Uint8Array {
  return new TextEncoder().encode(records.filter((r) => r.dir === 'rx').map((r) => r.raw).join(''))
}

const isGreeting = (record: CaptureRecord): boolean => record.dir === 'rx' && record.raw.startsWith('Asterisk Call Manager/')

/**
 * A capture's AMI connections, in order: a capture that lived through a PBX restart
 * (asterisk-restart) holds a second connection, which starts with its own greeting record.
 */
export function connectionsOf(records: readonly CaptureRecord[]): CaptureRecord[][] {
  const connections: CaptureRecord[][] = []
  for (const record of records) {
    if (isGreeting(record) || connections.length === 0) connections.push([])
    connections[connections.length - 1]?.push(record)
  }
  return connections
}

/** `Key: Value` pairs of one capture record, split independently of the decoder under test. */
export function headersOf(raw: string): [string, string][] {
  return raw
    .split('\r\n')
    .filter((line) => line !== '')
    .map((line) => {
      const i = line.indexOf(': ')
      return i === -1 ? [line.replace(/:$/, ''), ''] : [line.slice(0, i), line.slice(i + 2)]
    })
}

/**
 * The answer Asterisk gave to the first `action` in a capture: its response and list events, with
 * `ActionID: {id}` where the original id was.
 */
export function capturedAnswer(name: string, action: string): string[] {
  const records = loadCapture(name)
  const request = records.find((r) => r.dir === 'tx' && r.raw.startsWith(`Action: ${action}\r\n`))
  const id = request?.raw.match(/\r\nActionID: ([^\r]*)\r\n/)?.[1]
  if (id === undefined) throw new Error(`${name} has no ${action} with an ActionID`)
  const tag = `ActionID: ${id}\r\n`
  return records.filter((r) => r.dir === 'rx' && r.raw.includes(tag)).map((r) => r.raw.replace(tag, 'ActionID: {id}\r\n'))
}
