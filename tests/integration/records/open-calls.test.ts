import { statSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openStore, type Store } from '../../../src/main/app'
import type { CallLogEntry } from '../../../src/shared/records'
import { useTempDirs } from '../store/temp-dir'

const tempDir = useTempDirs()
let dir: string
let store: Store

beforeEach(() => {
  dir = tempDir()
  store = openStore({ dir })
})
afterEach(() => store.close())

const T = 1_800_000_000_000
const SOURCE = 'earshot@ami://pbx:5038'

function entry(id: string, over: Partial<CallLogEntry> = {}): CallLogEntry {
  return {
    id,
    linkedid: id,
    agentExtension: '1001',
    agentName: 'Agent 1001',
    agentChannel: 'PJSIP/1001-00000001',
    customerNumber: '+442070001111',
    customerName: null,
    customerE164: '+442070001111',
    customerId: null,
    direction: 'inbound',
    startedAt: T,
    answeredAt: T + 1000,
    answeredAtApprox: false,
    endedAt: T + 5000,
    talkSeconds: 4,
    outcome: 'answered',
    monitored: false,
    closedBy: 'hangup',
    timeline: [
      { at: T, kind: 'ringing' },
      { at: T + 1000, kind: 'answered', approx: false },
      { at: T + 5000, kind: 'hangup', cause: 16, causeText: 'Normal Clearing', dialStatus: null }
    ],
    ...over
  }
}

const ids = (s: Store): string[] => s.openCalls.load().rows.map((r) => r.id)

describe('open calls (the calls the call log has not written yet)', () => {
  it('saves, updates and loads rows with the seen time of their connection; survives reopening the file', () => {
    store.openCalls.commit({ source: SOURCE, at: T, save: [{ id: 'a.1', agentExtension: '1001', call: { n: 1 } }] })
    store.openCalls.commit({ source: SOURCE, at: T + 500, save: [{ id: 'a.1', agentExtension: '1002', call: { n: 2 } }], seenAt: T + 900 })
    store.openCalls.commit({ source: SOURCE, at: T + 600, seenAt: T + 800 }) // seen time never goes back
    store.close()
    store = openStore({ dir })
    const { rows, seenAt } = store.openCalls.load()
    expect(rows).toEqual([{ id: 'a.1', source: SOURCE, agentExtension: '1002', call: '{"n":2}', updatedAt: T + 500 }])
    expect(seenAt).toEqual(new Map([[SOURCE, T + 900]]))
  })

  it('a completed call enters the call log and leaves the open calls in one transaction, once', () => {
    store.openCalls.commit({ source: SOURCE, at: T, save: [{ id: 'a.1', agentExtension: '1001', call: {} }, { id: 'a.2', agentExtension: '1002', call: {} }] })
    expect(store.openCalls.commit({ source: SOURCE, at: T + 5000, record: [entry('a.1')] })).toEqual([true])
    expect(ids(store)).toEqual(['a.2'])
    expect(store.callLog.get('a.1')?.timeline).toHaveLength(3)
    // Written again (a row left by a failed batch, say): no second call-log row, and the open row goes.
    store.openCalls.commit({ source: SOURCE, at: T + 6000, save: [{ id: 'a.1', agentExtension: '1001', call: {} }] })
    expect(store.openCalls.commit({ source: SOURCE, at: T + 7000, record: [entry('a.1', { outcome: 'missed' })] })).toEqual([false])
    expect(ids(store)).toEqual(['a.2'])
    expect(store.callLog.list().entries).toMatchObject([{ id: 'a.1', outcome: 'answered' }])
  })

  it('a batch that fails applies nothing: no call-log row without its open row gone, nor the other way round', () => {
    store.openCalls.commit({ source: SOURCE, at: T, save: [{ id: 'a.1', agentExtension: '1001', call: {} }, { id: 'a.2', agentExtension: '1002', call: {} }] })
    const bad = { ...entry('a.2'), talkSeconds: -1 } // refused by the call log (and its CHECK)
    expect(() => store.openCalls.commit({ source: SOURCE, at: T + 5000, record: [entry('a.1'), bad], save: [{ id: 'a.3', agentExtension: '1003', call: {} }], seenAt: T + 5000 })).toThrow()
    expect(store.callLog.list().total).toBe(0)
    expect(ids(store)).toEqual(['a.1', 'a.2'])
    expect(store.openCalls.load().seenAt.size).toBe(0)
  })

  it('drops rows without a call-log row, and forgets the seen time of a connection with none left', () => {
    store.openCalls.commit({ source: SOURCE, at: T, save: [{ id: 'a.1', agentExtension: '1001', call: {} }], seenAt: T })
    store.openCalls.commit({ source: 'other@ami://old:5038', at: T, save: [{ id: 'b.1', agentExtension: '1001', call: {} }], seenAt: T })
    store.openCalls.commit({ source: SOURCE, at: T + 1, drop: ['b.1'] })
    expect(store.callLog.list().total).toBe(0)
    expect(store.openCalls.load()).toMatchObject({ rows: [{ id: 'a.1' }], seenAt: new Map([[SOURCE, T]]) })
  })

  it('a commit that does not wait for the disk runs under synchronous NORMAL, is kept like any other, and the store is FULL again after it, even when it fails', () => {
    const synchronous = (): unknown => store.db.pragma('synchronous', { simple: true })
    const during: unknown[] = []
    // Read while the row is written, inside the transaction.
    const call = { toJSON: () => (during.push(synchronous()), {}) }
    store.openCalls.commit({ source: SOURCE, at: T, save: [{ id: 'a.1', agentExtension: '1001', call }] }, { durable: false })
    store.openCalls.commit({ source: SOURCE, at: T, save: [{ id: 'a.2', agentExtension: '1001', call }] })
    expect(during).toEqual([1, 2]) // NORMAL, then FULL (a durable commit)
    expect(synchronous()).toBe(2)
    const bad = { ...entry('a.1'), talkSeconds: -1 }
    expect(() => store.openCalls.commit({ source: SOURCE, at: T + 1, record: [bad] }, { durable: false })).toThrow()
    expect(synchronous()).toBe(2)
    store.openCalls.sync()
    store.close()
    store = openStore({ dir })
    expect(ids(store)).toEqual(['a.1', 'a.2'])
  })

  it('sync() with no write-ahead log file (an in-memory or checkpointed store) has nothing to do', () => {
    store.close()
    store = openStore({ dir })
    store.db.pragma('wal_checkpoint(TRUNCATE)')
    expect(() => store.openCalls.sync()).not.toThrow()
  })

  it('saving a call in progress again writes one page: no index is rewritten with it', () => {
    // On a busy floor such saves commit dozens of times a second, each page a write to the disk.
    const call = (n: number): unknown => ({ n, timeline: 'x'.repeat(400) })
    store.openCalls.commit({ source: SOURCE, at: T, save: [{ id: 'a.1', agentExtension: '1001', call: call(1) }, { id: 'a.2', agentExtension: '1002', call: call(1) }] })
    const wal = `${store.db.name}-wal`
    const frame = (store.db.pragma('page_size', { simple: true }) as number) + 24
    const before = statSync(wal).size
    store.openCalls.commit({ source: SOURCE, at: T + 1, save: [{ id: 'a.1', agentExtension: '1001', call: call(2) }] })
    expect((statSync(wal).size - before) / frame).toBe(1)
    expect(store.openCalls.load().rows.map((r) => JSON.parse(r.call) as unknown)).toEqual([call(1), call(2)])
  })

  it('refuses a row that is not JSON', () => {
    expect(() => store.db.prepare("INSERT INTO open_calls VALUES ('x', 's', '1001', 'not json', 0)").run()).toThrow(/CHECK/)
  })
})
