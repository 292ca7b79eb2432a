import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import Database from 'better-sqlite3'
import { MIGRATIONS, migrate } from '../../../src/main/store'
import { openStore, type Store } from '../../../src/main/app'
import { callLogToCsv } from '../../../src/main/calllog'
import type { CallLogEntry } from '../../../src/shared/records'
import { useTempDirs } from '../store/temp-dir'
import path from 'node:path'

const tempDir = useTempDirs()
let store: Store

beforeEach(() => {
  store = openStore({ dir: tempDir() })
})
afterEach(() => store.close())

const T = 1_800_000_000_000

function call(id: string, changes: Partial<CallLogEntry> = {}): CallLogEntry {
  return {
    id,
    linkedid: `L${id}`,
    agentExtension: '1001',
    agentName: 'Agent 1001',
    agentChannel: 'PJSIP/1001-00000001',
    customerNumber: '+442070001111',
    customerName: 'Alice Customer',
    customerE164: '+442070001111',
    customerId: null,
    direction: 'inbound',
    startedAt: T,
    answeredAt: T + 3000,
    answeredAtApprox: false,
    endedAt: T + 11_000,
    talkSeconds: 8,
    outcome: 'answered',
    monitored: false,
    closedBy: 'hangup',
    timeline: [
      { at: T, kind: 'ringing' },
      { at: T + 3000, kind: 'answered', approx: false },
      { at: T + 4000, kind: 'supervision-joined', supervisor: '2002', mode: 'listen' },
      { at: T + 5000, kind: 'transfer', type: 'blind', role: 'transferer', party: '1002', result: 'Success' },
      { at: T + 11_000, kind: 'hangup', cause: 16, causeText: 'Normal Clearing', dialStatus: null }
    ],
    ...changes
  }
}

describe('CallLog', () => {
  it('records a call with its timeline once: a second record of the same id changes nothing', () => {
    expect(store.callLog.record(call('1.1'))).toBe(true)
    expect(store.callLog.get('1.1')).toEqual(call('1.1'))
    expect(store.callLog.record(call('1.1', { outcome: 'missed', timeline: [] }))).toBe(false)
    expect(store.callLog.get('1.1')).toEqual(call('1.1'))
    expect(store.db.prepare('SELECT count(*) AS n FROM call_events').get()).toEqual({ n: 5 })
    expect(store.callLog.get('nope')).toBeNull()
  })

  it('refuses an entry that is not a call (nothing written)', () => {
    expect(() => store.callLog.record({ ...call('1.2'), outcome: 'lost' } as unknown as CallLogEntry)).toThrow()
    expect(store.callLog.get('1.2')).toBeNull()
  })

  it('keeps the link to a matched customer, and drops it (keeping the number) when the customer is deleted', () => {
    const alice = store.customers.create({ name: 'Alice', phones: ['020 7000 1111'] }, 'GB')
    store.callLog.record(call('2.1', { customerId: alice.id }))
    store.callLog.record(call('2.2', { customerId: 'deleted-meanwhile' }))
    expect(store.callLog.get('2.1')?.customerId).toBe(alice.id)
    expect(store.callLog.get('2.2')?.customerId).toBeNull()
    store.customers.delete(alice.id)
    expect(store.callLog.get('2.1')).toMatchObject({ customerId: null, customerE164: '+442070001111' })
  })

  it('lists newest first with filters, paging and the total', () => {
    const bob = store.customers.create({ name: 'Bob', phones: ['07700 900123'] }, 'GB')
    store.callLog.record(call('a', { startedAt: T + 1 }))
    store.callLog.record(call('b', { startedAt: T + 2, agentExtension: '1002', monitored: true }))
    store.callLog.record(call('c', { startedAt: T + 3, direction: 'outbound', customerNumber: '07700 900123', customerE164: '+447700900123', outcome: 'unanswered', answeredAt: null, talkSeconds: 0 }))
    store.callLog.record(call('d', { startedAt: T + 4, outcome: 'abandoned', answeredAt: null, talkSeconds: 0, customerNumber: '1003', customerE164: null }))
    store.callLog.record(call('e', { startedAt: T + 5, customerId: bob.id, customerNumber: '+447700900123', customerE164: '+447700900123', outcome: 'missed', answeredAt: null, talkSeconds: 0 }))
    const ids = (filter: Parameters<Store['callLog']['list']>[0]) => store.callLog.list(filter, 'GB').entries.map((e) => e.id)
    expect(ids({})).toEqual(['e', 'd', 'c', 'b', 'a'])
    expect(ids({ from: T + 2, to: T + 4 })).toEqual(['c', 'b'])
    expect(ids({ agentExtension: '1002' })).toEqual(['b'])
    expect(ids({ direction: 'outbound' })).toEqual(['c'])
    expect(ids({ outcome: 'abandoned' })).toEqual(['d'])
    expect(ids({ monitoredOnly: true })).toEqual(['b'])
    // By customer: matched when logged, or by one of their numbers (call c was logged unmatched).
    expect(ids({ customerId: bob.id })).toEqual(['e', 'c'])
    // By number, in any spelling; an extension by what the PBX gave.
    expect(ids({ customerNumber: '07700 900123' })).toEqual(['e', 'c'])
    expect(ids({ customerNumber: '+44 20 7000 1111' })).toEqual(['b', 'a'])
    expect(ids({ customerNumber: '1003' })).toEqual(['d'])
    expect(store.callLog.list({ limit: 2, offset: 1 })).toMatchObject({ total: 5, entries: [{ id: 'd' }, { id: 'c' }] })
    expect(store.callLog.list({ outcome: 'answered', limit: 1 }).total).toBe(2)
    expect([...store.callLog.iterate({ direction: 'inbound', limit: 1 })].map((e) => e.id)).toEqual(['e', 'd', 'b', 'a'])
    expect(() => store.callLog.list({ limit: 5000 })).toThrow()
  })

  it('recentForNumber: the latest calls of a number, newest first', () => {
    for (let i = 0; i < 5; i++) store.callLog.record(call(`r${i}`, { startedAt: T + i }))
    store.callLog.record(call('other', { customerE164: '+442070009999' }))
    expect(store.callLog.recentForNumber('+442070001111', 3).map((e) => e.id)).toEqual(['r4', 'r3', 'r2'])
    expect(store.callLog.recentForNumber('+440000000000')).toEqual([])
  })
})

describe('the call log as CSV', () => {
  it('starts no formula in any cell when Excel splits its lines at ";" (the list separator of a ;-locale)', () => {
    // A caller-ID name is the caller's to choose; in such a locale each ;-piece of a line is a cell.
    store.callLog.record(call('1795468833.5', { customerName: "Bob;=cmd|' /C calc'!A0;x", timeline: [] }))
    const csv = callLogToCsv(store.callLog.iterate({}, 'GB')).replace(/^\uFEFF/, '')
    const cells = csv.split('\r\n').flatMap((line) => line.split(';'))
    expect(cells.filter((c) => /^[=+\-@]/.test(c) && !/^\+\d+$/.test(c))).toEqual([])
  })
})

describe('migration 3', () => {
  it('upgrades a version 2 database, keeping its audit, and adds the records tables', () => {
    const dir = tempDir()
    const file = path.join(dir, 'earshot.db')
    const old = new Database(file)
    migrate(old, MIGRATIONS.slice(0, 2))
    old.prepare(
      `INSERT INTO supervision_audit (id, supervisor_extension, agent_extension, agent_name, agent_channel, call_id, method, started_at)
       VALUES ('s1', '2001', '1001', 'Ann', 'PJSIP/1001-1', '1.1', 'feature-codes', 1)`
    ).run()
    old.close()
    const upgraded = openStore({ dir })
    try {
      expect(upgraded.schemaVersion).toBe(MIGRATIONS.length)
      expect(upgraded.audit.list()).toMatchObject([{ id: 's1' }])
      const tables = upgraded.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]
      expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(['customers', 'customer_phones', 'call_log', 'call_events', 'open_calls', 'open_call_sources']))
      expect(upgraded.db.pragma('foreign_key_check')).toEqual([])
      expect(upgraded.db.pragma('integrity_check', { simple: true })).toBe('ok')
    } finally {
      upgraded.close()
    }
  })
})
