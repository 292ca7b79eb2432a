/**
 * Review of 28ddfd7 (a state learned at a reconnect begins no earlier than the connection was
 * lost: `knownUntil = stale.at`). After Earshot itself restarts mid-call, `restoreLegs` brings the
 * saved legs back with `stale.at` = the moment of the restore (start-up), not when they were last
 * known up (their `lostAt`). An agent whose queue call ended while Earshot was closed is idle since
 * that call's end (LastCall, after the leg was last known up): before 28ddfd7 that is what the row
 * said; now the start is thrown away as "older than the connection was lost" and reads unknown ("—").
 */
import { expect, it } from 'vitest'
import type { AmiMessage } from '../../../src/main/ami'
import { agentRows, restoreLegs } from '../../../src/main/calls'
import { CallsProjector } from '../../../src/main/calls/projector'
import { firstSnapshot } from '../../support/capture-session'
import { LAB_OPTIONS, loadLaterCapture } from '../../support/traces'

const records = loadLaterCapture('paused-on-call')

const initialSnapshot = (): AmiMessage[] => firstSnapshot(records)

/** The PBX's clock as if it had said so (1001's LastCall, 1796333232, reads 10 s on this clock). */
const CLOCK = 10_000 - 500 - 1796333232 * 1000

it('an agent whose restored call ended while Earshot was closed is idle since the call ended, not unknown', () => {
  // A fresh start with no restored leg: 1001 idle since its LastCall.
  const plain = new CallsProjector(LAB_OPTIONS)
  plain.model.pbxClock = { lo: CLOCK, hi: CLOCK }
  plain.resync(initialSnapshot(), 60_000)
  expect(agentRows(plain.model).find((r) => r.extension === '1001')).toMatchObject({ status: 'idle', statusSince: 10_000 })

  // Earshot restarts at 60 s: the previous run saved 1001 on a queue call (answered at -50 s), last
  // known up at -20 s; the call ended at 10 s, while Earshot was closed.
  const calls = new CallsProjector(LAB_OPTIONS)
  calls.model.pbxClock = { lo: CLOCK, hi: CLOCK }
  calls.attach(
    {
      attach: (model, at) =>
        restoreLegs(model, [{
          id: '1796333160.99', linkedid: '1796333160.98', agentChannel: 'PJSIP/1001-000000ff', dialledBy: null, extension: '1001', agentName: 'Agent 1001',
          customerNumber: '+442070001111', customerName: null, direction: 'inbound', startedAt: -55_000, answeredAt: -50_000, answeredAtApprox: false,
          onHold: false, spies: [], monitored: false, dialStatus: null, cancelled: false, viaQueue: true, lostAt: -20_000, timeline: []
        }], at, true),
      update: () => undefined
    },
    60_000
  )
  expect(agentRows(calls.model).find((r) => r.extension === '1001')?.status).toBe('talking')
  calls.resync(initialSnapshot(), 60_000)
  // The call ended after it was last known up: that is when the idle spell began, as without the restore.
  expect(agentRows(calls.model).find((r) => r.extension === '1001')).toMatchObject({ status: 'idle', statusSince: 10_000 })
})
