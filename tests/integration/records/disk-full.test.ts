/**
 * Issue 14.12: calls that end while the store cannot be written (a full disk, a read-only
 * database) are kept, retried at each tick and with the next write, and the supervisor is told.
 * They used to be dropped with a console line. A real SQLite file, refusing writes the way SQLite
 * does: `max_page_count` reached (SQLITE_FULL, a full disk) and `query_only` (SQLITE_READONLY).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openStore, type Store } from '../../../src/main/app'
import type { CallLogWriteStatus } from '../../../src/shared/contract'
import type { CallLogEntry } from '../../../src/shared/records'
import { FedRecorder } from '../../support/fed-recorder'
import { useTempDirs } from '../store/temp-dir'
import { messages } from './restart-support'
import { lookupIn } from '../../../src/main/customers'

const tempDir = useTempDirs()
let store: Store

beforeEach(() => {
  store = openStore({ dir: tempDir() })
})
afterEach(() => store.close())

/** A recorder as the app runs it (calls in progress saved too), with what it reports. */
function recorder(options: { maxWaiting?: number } = {}): { r: FedRecorder; statuses: CallLogWriteStatus[]; errors: unknown[] } {
  const statuses: CallLogWriteStatus[] = []
  const errors: unknown[] = []
  const r = new FedRecorder({
    callLog: store.callLog,
    customerOf: lookupIn(store.customers, () => 'GB'),
    now: () => 0,
    persist: { openCalls: store.openCalls, source: 'earshot@ami://pbx:5038' },
    onError: (e) => errors.push(e),
    onWriteStatus: (s) => statuses.push(s),
    ...options
  })
  return { r, statuses, errors }
}

/**
 * Lets SQLite grow the file no further, then fills the call log's own pages with other calls until
 * it refuses one (SQLITE_FULL): a full disk. Returns how many calls it took.
 */
function fillDisk(): number {
  const pages = store.db.pragma('page_count', { simple: true }) as number
  store.db.pragma(`max_page_count = ${pages}`)
  for (let i = 0; ; i++) {
    try {
      store.callLog.record(filler(i))
    } catch (error) {
      expect((error as { code?: string }).code).toBe('SQLITE_FULL')
      return i
    }
  }
}

function filler(i: number): CallLogEntry {
  const at = 1_700_000_000_000 + i * 60_000
  return {
    id: `filler.${i}`, linkedid: `filler.${i}`, agentExtension: '1001', agentName: 'Agent 1001', agentChannel: 'PJSIP/1001-00000001',
    customerNumber: '+442070001111', customerName: null, customerE164: '+442070001111', customerId: null, direction: 'inbound',
    startedAt: at, answeredAt: at + 1000, answeredAtApprox: false, endedAt: at + 5000, talkSeconds: 4, outcome: 'answered', monitored: false, closedBy: 'hangup',
    timeline: [{ at, kind: 'ringing' }, { at: at + 1000, kind: 'answered', approx: false }, { at: at + 5000, kind: 'hangup', cause: 16, causeText: 'Normal Clearing', dialStatus: null }]
  }
}

function freeDisk(): void {
  store.db.pragma('max_page_count = 1073741823')
}

describe('call log writes while the store refuses them', () => {
  it('a full disk: the calls wait, the status says why and how many, and all are written once there is room', () => {
    const { r, statuses } = recorder()
    const fillers = fillDisk()
    for (const { message, at } of messages('busy-floor')) r.apply(message, at)
    r.tick(Infinity)
    const failing = statuses.at(-1)
    expect(failing?.failing).toMatch(/disk is full.*SQLITE_FULL/)
    expect(failing?.waiting).toBeGreaterThan(0)
    expect(store.callLog.list().total - fillers + (failing?.waiting ?? 0)).toBe(12)

    freeDisk()
    r.tick(Infinity)
    expect(store.callLog.list().total - fillers).toBe(12)
    expect(statuses.at(-1)).toEqual({ failing: null, waiting: 0, dropped: 0 })
    // Each call once, and no call in progress left behind to be logged again after a restart.
    expect(store.openCalls.load().rows).toEqual([])
  })

  it('a read-only database: every call waits; the next write, not only the timer, writes them', () => {
    const { r, statuses } = recorder()
    store.db.pragma('query_only = 1')
    const all = messages('busy-floor')
    const last = all.findLastIndex(({ message }) => message.fields.Event === 'Hangup')
    for (const { message, at } of all.slice(0, last)) r.apply(message, at)
    r.tick(Infinity)
    expect(store.callLog.list().total).toBe(0)
    expect(statuses.at(-1)).toMatchObject({ failing: expect.stringMatching(/read-only.*SQLITE_READONLY/) as unknown, dropped: 0 })
    const waiting = statuses.at(-1)?.waiting ?? 0
    expect(waiting).toBeGreaterThan(0)

    store.db.pragma('query_only = 0')
    for (const { message, at } of all.slice(last)) r.apply(message, at)
    r.tick(Infinity)
    expect(store.callLog.list().total).toBe(12)
    expect(statuses.at(-1)).toEqual({ failing: null, waiting: 0, dropped: 0 })
  })

  it('keeps a bounded number of calls: the oldest go first, counted and reported', () => {
    const { r, statuses, errors } = recorder({ maxWaiting: 5 })
    store.db.pragma('query_only = 1')
    for (const { message, at } of messages('busy-floor')) r.apply(message, at)
    r.tick(Infinity)
    expect(statuses.at(-1)).toMatchObject({ waiting: 5, dropped: 7 })
    expect(errors).toHaveLength(7)
    store.db.pragma('query_only = 0')
    r.tick(Infinity)
    const written = store.callLog.list().entries
    expect(written).toHaveLength(5)
    // The newest five: the ones that ended last.
    const endedLast = Math.min(...written.map((e) => e.endedAt))
    expect(written.every((e) => e.endedAt >= endedLast)).toBe(true)
    expect(statuses.at(-1)).toEqual({ failing: null, waiting: 0, dropped: 0 })
  })
})
