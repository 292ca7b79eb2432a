/**
 * Settings → Floor → "members of chosen queues": the floor's agents are the members of `support`.
 * inbound-queue-answered (real capture): +442070001111 calls `support`, PJSIP/1001 answers at 1514,
 * the caller hangs up at 9518. Midway (5000) the agent leaves the queue (a dynamic member logging
 * out so no new call rings while this one finishes, or the admin removing them): Asterisk sends
 * QueueMemberRemoved. The call had been shown and saved as in progress; it must still be logged
 * once when it ends (projection.ts: "A leg the log followed is logged however the roster sees it now").
 */
import { afterEach, expect, it } from 'vitest'
import { openStore, type Store } from '../../../src/main/app'
import { lookupIn } from '../../../src/main/customers'
import { rosterOf } from '../../../src/main/settings'
import { FedRecorder } from '../../support/fed-recorder'
import { event } from '../../support/events'
import { LAB_CODES } from '../../support/traces'
import { useTempDirs } from '../store/temp-dir'
import { feed, LAB_SOURCE, messages } from './restart-support'

const tempDir = useTempDirs()
const open: Store[] = []
afterEach(() => {
  for (const s of open.splice(0)) if (s.db.open) s.close()
})

const QUEUE_CALL = '1795468833.5'

it('a call in progress whose agent leaves the chosen queue mid-call is still logged when it ends', () => {
  const store = openStore({ dir: tempDir() })
  open.push(store)
  const roster = rosterOf({ agents: { kind: 'queues', queues: ['support'] }, hidden: [] } as never)
  const recorder = new FedRecorder(
    { callLog: store.callLog, customerOf: lookupIn(store.customers, () => 'GB'), now: () => 0, persist: { openCalls: store.openCalls, source: LAB_SOURCE } },
    { featureCodes: LAB_CODES, outboundPrefix: '9', roster }
  )
  const all = messages('inbound-queue-answered')
  feed(recorder, all, -Infinity, 5000)
  // Shown and saved as a call in progress.
  expect(store.openCalls.load().rows.map((r) => r.id)).toEqual([QUEUE_CALL])

  recorder.apply(
    event('QueueMemberRemoved', {
      Privilege: 'agent,all',
      Queue: 'support',
      MemberName: 'Agent 1001',
      Interface: 'PJSIP/1001',
      StateInterface: 'PJSIP/1001',
      Membership: 'dynamic',
      Penalty: '0',
      CallsTaken: '0',
      LastCall: '0',
      LastPause: '0',
      LoginTime: '1795468814',
      InCall: '1',
      Status: '2',
      Paused: '0',
      PausedReason: '',
      Ringinuse: '0',
      Wrapuptime: '0'
    }),
    5000
  )
  feed(recorder, all, 5000, Infinity)

  expect(store.callLog.list().entries).toMatchObject([{ id: QUEUE_CALL, agentExtension: '1001', outcome: 'answered', closedBy: 'hangup' }])
})
