/**
 * Who supervised a call (operator names in its timeline): README, Security, "What each scope may
 * read and write": see-everyone → "their own legs", configure-everything → everyone's. Without
 * see-everyone an operator's own calls come without their supervision, as their floor row does.
 * The desk softphone's extension is the machine's (Settings → Softphone), shared by every operator
 * who signs in at that desk, so the extension on a supervision event says which desk, not which
 * operator.
 */
import { afterEach, expect, it } from 'vitest'
import { openStore, type Store } from '../../../src/main/app'
import { callLogHandlers } from '../../../src/main/calllog'
import type { Operator } from '../../../src/shared/contract'
import type { CallLogEntry } from '../../../src/shared/records'
import { useTempDirs } from '../store/temp-dir'

const tempDir = useTempDirs()
const open: Store[] = []
afterEach(() => {
  for (const s of open.splice(0)) if (s.db.open) s.close()
})

const T = Date.UTC(2026, 10, 24, 14, 0, 0)
const DESK = '2001' // the desk softphone both operators use

// Ann's own extension happens to be the desk's; Bob's is his own phone.
const ANN: Operator = { id: 'op-ann', name: 'Ann', extension: DESK, scopes: ['see-everyone', 'supervise:listen'] }
const BOB: Operator = { id: 'op-bob', name: 'Bob', extension: '1050', scopes: ['see-everyone', 'supervise:listen'] }

const call: CallLogEntry = {
  id: '1795468890.17',
  linkedid: '1795468890.16',
  agentExtension: '1001',
  agentName: 'Agent 1001',
  agentChannel: 'PJSIP/1001-00000007',
  customerNumber: '+442070002222',
  customerName: null,
  customerE164: '+442070002222',
  customerId: null,
  direction: 'inbound',
  startedAt: T,
  answeredAt: T + 1000,
  answeredAtApprox: false,
  endedAt: T + 60_000,
  talkSeconds: 59,
  outcome: 'answered',
  monitored: true,
  closedBy: 'hangup',
  timeline: [
    { at: T, kind: 'ringing' },
    { at: T + 1000, kind: 'answered', approx: false },
    { at: T + 10_000, kind: 'supervision-joined', supervisor: DESK, mode: 'listen' },
    { at: T + 20_000, kind: 'supervision-left', supervisor: DESK, mode: 'listen' },
    { at: T + 60_000, kind: 'hangup', cause: 16, causeText: 'Normal Clearing', dialStatus: null }
  ]
}

function setUp(): ReturnType<typeof callLogHandlers> {
  const store = openStore({ dir: tempDir() })
  open.push(store)
  store.callLog.record(call)
  // Bob listened from the desk softphone (2001).
  store.audit.record({
    id: 'sess-1',
    operator: { id: BOB.id, name: BOB.name },
    supervisorExtension: DESK,
    agentExtension: '1001',
    agentName: 'Agent 1001',
    agentChannel: 'PJSIP/1001-00000007',
    callId: call.id,
    customer: '+442070002222',
    method: 'feature-codes',
    startedAt: T + 9_900,
    endedAt: T + 20_100,
    endReason: 'supervisor-hung-up',
    modes: [{ at: T + 9_900, mode: 'listen', how: 'initial' }]
  })
  return callLogHandlers({ callLog: store.callLog, audit: store.audit, region: () => 'GB' })
}

const names = (entry: CallLogEntry) => entry.timeline.filter((e) => e.kind.startsWith('supervision-')).map((e) => ('operator' in e ? e.operator : undefined))

it('a see-everyone operator is not told the name of another operator who supervised from the same desk softphone', async () => {
  const handlers = setUp()
  const seenByAnn = await handlers['calllog:get']({ id: call.id }, { origin: 'test', operator: ANN })
  expect(names(seenByAnn)).toEqual([null, null])
})

it('a see-everyone operator is told their own name on the legs they supervised', async () => {
  const handlers = setUp()
  const seenByBob = await handlers['calllog:get']({ id: call.id }, { origin: 'test', operator: BOB })
  expect(names(seenByBob)).toEqual(['Bob', 'Bob'])
})

// The agent on the call, signed in at their own desk without see-everyone.
const AGENT: Operator = { id: 'op-agent', name: 'Agent 1001', extension: '1001', scopes: [] }
const supervisionIn = (entry: CallLogEntry) => entry.timeline.filter((e) => e.kind.startsWith('supervision-'))

it('an agent is never told that their call was supervised: not in the list, the timeline, the monitored filter or the export', async () => {
  const handlers = setUp()
  const caller = { origin: 'test', operator: AGENT }
  const page = await handlers['calllog:list']({}, caller)
  expect(page.entries.map((e) => [e.id, e.monitored])).toEqual([[call.id, false]])
  // "Monitored only" would tell it too by what it leaves out: it filters nothing for them.
  expect((await handlers['calllog:list']({ monitoredOnly: true }, caller)).entries.map((e) => e.id)).toEqual([call.id])
  const entry = await handlers['calllog:get']({ id: call.id }, caller)
  expect(entry.monitored).toBe(false)
  expect(supervisionIn(entry)).toEqual([])
  expect(entry.timeline.map((e) => e.kind)).toEqual(['ringing', 'answered', 'hangup'])
  const csv = (await handlers['calllog:export']({}, caller)).text.split(/\r?\n/)
  const monitored = csv[0]?.split(',').indexOf('Monitored') ?? -1
  expect(monitored).toBeGreaterThan(-1)
  expect(csv[1]?.split(',')[monitored]).toBe('false')
})

it('a see-everyone operator still sees that a call was supervised, and filters on it', async () => {
  const handlers = setUp()
  const caller = { origin: 'test', operator: ANN }
  expect((await handlers['calllog:list']({ monitoredOnly: true }, caller)).entries.map((e) => [e.id, e.monitored])).toEqual([[call.id, true]])
  expect(supervisionIn(await handlers['calllog:get']({ id: call.id }, caller))).toHaveLength(2)
})
