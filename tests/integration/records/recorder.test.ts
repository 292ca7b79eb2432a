import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { FedRecorder } from '../../support/fed-recorder'
import { callLogToCsv } from '../../../src/main/calllog/export'
import { openStore, type Store } from '../../../src/main/app'
import type { CallLogEntry } from '../../../src/shared/records'
import { useTempDirs } from '../store/temp-dir'
import { messages } from './restart-support'
import { lookupIn } from '../../../src/main/customers'

const tempDir = useTempDirs()
let store: Store

beforeEach(() => {
  store = openStore({ dir: tempDir() })
})
afterEach(() => store.close())

function recorder(written: CallLogEntry[] = [], errors: unknown[] = []): FedRecorder {
  return new FedRecorder({
    callLog: store.callLog,
    customerOf: lookupIn(store.customers, () => 'GB'),
    now: () => 0,
    onRecorded: (e) => written.push(e),
    onError: (e) => errors.push(e)
  })
}

describe('CallLogRecorder', () => {
  it('writes each call of a capture as it ends, matched to the customer whose number it is', () => {
    const alice = store.customers.create({ name: 'Alice Customer', phones: ['020 7000 1111'] }, 'GB')
    const written: CallLogEntry[] = []
    const r = recorder(written)
    let agentHungUp = false
    for (const { message, at } of messages('inbound-queue-answered')) {
      const before = written.length
      r.apply(message, at)
      // Written the moment the agent's channel hangs up, not before nor later.
      const isAgentHangup = message.fields.Event === 'Hangup' && message.fields.Channel === 'PJSIP/1001-00000001'
      expect(written.length - before, `${message.fields.Event ?? ''} at ${at}`).toBe(isAgentHangup ? 1 : 0)
      agentHungUp ||= isAgentHangup
    }
    expect(agentHungUp).toBe(true)
    expect(store.callLog.list().entries).toMatchObject([
      { id: '1795468833.5', agentExtension: '1001', customerNumber: '+442070001111', customerE164: '+442070001111', customerId: alice.id, outcome: 'answered', talkSeconds: 8 }
    ])
    expect(store.callLog.get('1795468833.5')?.timeline.map((e) => e.kind)).toEqual(['ringing', 'answered', 'hangup'])
  })

  it('busy-floor: twelve rows, one abandoned; replaying the same capture again writes nothing twice', () => {
    const written: CallLogEntry[] = []
    const first = recorder(written)
    for (const { message, at } of messages('busy-floor')) first.apply(message, at)
    first.tick(Infinity)
    expect(store.callLog.list().total).toBe(12)
    expect(store.callLog.list({ outcome: 'abandoned' }).entries).toMatchObject([{ agentExtension: '1004', customerNumber: '+442070010012', talkSeconds: 0 }])
    // A second recorder (Earshot restarted and fed the same events) finds every call already there.
    const again: CallLogEntry[] = []
    const second = recorder(again)
    for (const { message, at } of messages('busy-floor')) second.apply(message, at)
    second.tick(Infinity)
    expect(written).toHaveLength(12)
    expect(again).toHaveLength(0)
    expect(store.callLog.list().total).toBe(12)
  })

  it('spy-whisper: the row is monitored, with the supervision in its timeline', () => {
    const r = recorder()
    for (const { message, at } of messages('spy-whisper')) r.apply(message, at)
    expect(store.callLog.list({ monitoredOnly: true }).entries).toMatchObject([{ agentExtension: '1001', customerE164: '+442070002222', monitored: true }])
    const id = store.callLog.list().entries[0]?.id ?? ''
    expect(store.callLog.get(id)?.timeline.filter((e) => e.kind.startsWith('supervision'))).toMatchObject([
      { kind: 'supervision-joined', supervisor: '2002', mode: 'whisper' },
      { kind: 'supervision-left', supervisor: '2002', mode: 'whisper' }
    ])
  })

  it('a call that ended while the connection was down is written at the resync, flagged', () => {
    const r = recorder()
    const all = messages('spy-listen')
    // The connection drops at 6000 (1001 is talking) and comes back after the call ended.
    for (const { message, at } of all) if (at <= 6000) r.apply(message, at)
    r.connectionLost(6000)
    expect(store.callLog.list().total).toBe(0)
    r.resync([], 20_000)
    expect(store.callLog.list().entries).toMatchObject([{ agentExtension: '1001', closedBy: 'resync', endedAt: 6000, outcome: 'answered', talkSeconds: 5, monitored: true }])
  })

  it('exports the call log as CSV', () => {
    const r = recorder()
    for (const { message, at } of messages('ringing-abandoned')) r.apply(message, at)
    const csv = callLogToCsv(store.callLog.iterate())
    const [header, row] = csv.replace(/^\uFEFF/, '').split('\r\n')
    expect(header).toBe('Started,Answered,Ended,Agent extension,Agent,Customer number,Customer E.164,Customer name,Customer ID,Direction,Outcome,Talk seconds,Answer time estimated,Monitored,Closed by,Call ID,Linked ID')
    expect(row).toBe("1970-01-01T00:00:01.509Z,,1970-01-01T00:00:07.518Z,1004,Agent 1004,+15557654321,+15557654321,Carol Prospect,,inbound,abandoned,0,false,false,hangup,1795468877.14,1795468877.12")
  })
})
