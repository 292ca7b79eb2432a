/**
 * Run in a child process by crash.test.ts: records call-log rows in a loop, as fast as it can, and
 * prints `committed <id>` after each `record()` has returned (its transaction committed). The
 * parent kills it with SIGKILL at some point, mid-write.
 */
import { openStore } from '../../../src/main/app'
import type { CallLogEntry } from '../../../src/shared/records'

const dir = process.argv[2]
if (dir === undefined) throw new Error('usage: crash-child.ts <data dir>')
const store = openStore({ dir })
const run = process.argv[3] ?? 'r'

for (let i = 0; ; i++) {
  const id = `${run}.${i}`
  const at = 1_800_000_000_000 + i * 1000
  const entry: CallLogEntry = {
    id,
    linkedid: id,
    agentExtension: `10${String(i % 100).padStart(2, '0')}`,
    agentName: 'Agent',
    agentChannel: `PJSIP/1001-${i}`,
    customerNumber: '+442070001111',
    customerName: 'Alice',
    customerE164: '+442070001111',
    customerId: null,
    direction: 'inbound',
    startedAt: at,
    answeredAt: at + 100,
    answeredAtApprox: false,
    endedAt: at + 900,
    talkSeconds: 1,
    outcome: 'answered',
    monitored: i % 2 === 0,
    closedBy: 'hangup',
    // A long timeline, so that a kill is likely to land inside a transaction.
    timeline: [
      { at, kind: 'ringing' },
      { at: at + 100, kind: 'answered', approx: false },
      ...Array.from({ length: 40 }, (_, k) => ({ at: at + 100 + k, kind: k % 2 === 0 ? ('hold' as const) : ('unhold' as const) })),
      { at: at + 900, kind: 'hangup', cause: 16, causeText: 'Normal Clearing', dialStatus: null }
    ]
  }
  store.callLog.record(entry)
  process.stdout.write(`committed ${id}\n`)
}
