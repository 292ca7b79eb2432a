import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openStore, type Store } from '../../../src/main/app'
import type { AuditRecord } from '../../../src/main/supervision'
import { useTempDirs } from './temp-dir'

const tempDir = useTempDirs()
let dir: string
let store: Store

beforeEach(() => {
  dir = tempDir()
  store = openStore({ dir })
})
afterEach(() => store.close())

const T = 1_800_000_000_000

function session(id: string, changes: Partial<AuditRecord> = {}): AuditRecord {
  return {
    id,
    operator: { id: 'op-ruth', name: 'Ruth' },
    supervisorExtension: '2001',
    agentExtension: '1001',
    agentName: 'Agent 1001',
    agentChannel: 'PJSIP/1001-00000005',
    callId: '1700000000.12',
    customer: '+442070002222',
    method: 'feature-codes',
    startedAt: T,
    endedAt: null,
    endReason: null,
    modes: [{ at: T, mode: 'listen', how: 'initial' }],
    ...changes
  }
}

describe('SupervisionAudit', () => {
  it('records a session as it starts, changes mode and ends; recording it again changes nothing', () => {
    store.audit.record(session('s1'))
    expect(store.audit.list()).toEqual([session('s1')])

    const modes: AuditRecord['modes'] = [
      { at: T, mode: 'listen', how: 'initial' },
      { at: T + 5000, mode: 'whisper', how: 'dtmf' },
      { at: T + 9000.4, mode: 'barge', how: 're-originate' }
    ]
    const ended = session('s1', { modes, endedAt: T + 12_000, endReason: 'supervisor-hung-up' })
    store.audit.record(ended)
    store.audit.record(ended)
    const expected = { ...ended, modes: modes.map((m) => ({ ...m, at: Math.round(m.at) })) }
    expect(store.audit.list()).toEqual([expected])
    expect(store.db.prepare('SELECT count(*) AS n FROM supervision_mode_changes').get()).toEqual({ n: 3 })

    store.close()
    store = openStore({ dir })
    expect(store.audit.list()).toEqual([expected])
  })

  it('accepts a full supervision session, keeping only what the audit stores', () => {
    const full = { ...session('s1', { operator: null, customer: null }), customerName: 'ACME', token: 'es0123456789ab', phase: 'ringing', error: null }
    store.audit.record(full)
    expect(store.audit.list()).toEqual([session('s1', { operator: null, customer: null })])
  })

  it('lists newest first, filtered by operator, agent, call and time', () => {
    store.audit.record(session('a', { startedAt: T }))
    store.audit.record(session('b', { startedAt: T + 1000, agentExtension: '1002', operator: { id: 'op-sam', name: 'Sam' } }))
    store.audit.record(session('c', { startedAt: T + 2000, callId: '1700000000.99', method: 'chanspy' }))
    const ids = (records: AuditRecord[]): string[] => records.map((r) => r.id)
    expect(ids(store.audit.list())).toEqual(['c', 'b', 'a'])
    expect(ids(store.audit.list({ operatorId: 'op-sam' }))).toEqual(['b'])
    expect(ids(store.audit.list({ agentExtension: '1001' }))).toEqual(['c', 'a'])
    expect(ids(store.audit.list({ callId: '1700000000.99' }))).toEqual(['c'])
    expect(ids(store.audit.list({ since: T + 1000 }))).toEqual(['c', 'b'])
    expect(ids(store.audit.list({ until: T + 1000 }))).toEqual(['a'])
    expect(ids(store.audit.list({ limit: 2 }))).toEqual(['c', 'b'])
  })

  it('keeps the audit when the operator is removed', async () => {
    const ruth = await store.operators.create({ name: 'Ruth', extension: '2001', scopes: ['configure-everything'], pin: '1234' })
    const sam = await store.operators.create({ name: 'Sam', extension: '2002', scopes: ['configure-everything'], pin: '1234' })
    store.audit.record(session('s1', { operator: { id: sam.id, name: sam.name } }))
    store.operators.remove(sam.id)
    expect(store.audit.list({ operatorId: sam.id })[0]?.operator).toEqual({ id: sam.id, name: 'Sam' })
    expect(ruth.name).toBe('Ruth')
  })

  it('refuses a malformed record without writing anything', () => {
    expect(() => store.audit.record({ ...session('s1'), method: 'telepathy' } as unknown as AuditRecord)).toThrow()
    expect(() => store.audit.record(session('s2', { modes: [{ at: T, mode: 'unknown' as 'listen', how: 'initial' }] }))).toThrow()
    expect(store.audit.list()).toEqual([])
  })
})
