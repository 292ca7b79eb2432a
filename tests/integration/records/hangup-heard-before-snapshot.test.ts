/**
 * inbound-queue-answered (real capture): PJSIP/1001 answers at 1514; the customer hangs up at 9518
 * and the agent's channel at 9521 (Hangup, cause 16). The AMI connection drops at 6000. The next
 * connection logs in before the call ends; its first live events are the call's end (DialEnd,
 * BridgeLeave, Hangup…), heard before the snapshot's CoreShowChannels answer, which (taken after
 * the hangup) no longer lists the leg. LiveFloor holds those events back and folds them after the
 * snapshot, as FloorService does.
 *
 * Earshot heard exactly when and how the call ended, on the live connection: the log must say so,
 * not "Connection lost, ended at 6000".
 */
import { afterEach, beforeEach, expect, it } from 'vitest'
import { openStore, type Store } from '../../../src/main/app'
import { LiveFloor } from '../../../src/main/calls'
import { CallLogRecorder, callLogSource } from '../../../src/main/calllog'
import { lookupIn } from '../../../src/main/customers'
import { answersIn, CaptureSession, liveMessages } from '../../support/capture-session'
import { LAB_OPTIONS, loadTrace } from '../../support/traces'
import { useTempDirs } from '../store/temp-dir'

const tempDir = useTempDirs()
let store: Store
beforeEach(() => {
  store = openStore({ dir: tempDir() })
})
afterEach(() => store.close())

const committed = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

it('a call whose Hangup the new connection delivered before its snapshot is logged as hung up then, not as lost', async () => {
  const records = loadTrace('inbound-queue-answered')
  const LEG = 'PJSIP/1001-00000001'
  const truth = answersIn(records).get(LEG)
  expect(truth).toEqual({ answeredAt: 1514, endedAt: 9521 })
  const clock = { t: 0 }
  const now = (): number => clock.t
  const floor = new LiveFloor(LAB_OPTIONS, now)
  floor.attach(new CallLogRecorder({ callLog: store.callLog, customerOf: lookupIn(store.customers, () => 'GB'), now, persist: { openCalls: store.openCalls, source: callLogSource('ami://127.0.0.1:5038', 'earshot') } }))
  const pbx = new CaptureSession(records, now, { getvar: 'denied' })
  const live = liveMessages(records)
  clock.t = live[0]?.t ?? 0
  await floor.resync(pbx)
  for (const { t, message } of live.filter(({ t }) => t <= 6000)) {
    clock.t = t
    floor.apply(message)
  }
  clock.t = 6000
  floor.connectionLost()

  // The new connection (logged in at 9500): the call's end arrives before the snapshot's answer.
  for (const { t, message } of live.filter(({ t }) => t > 9500 && t <= 9521)) {
    clock.t = t
    floor.apply(message)
  }
  clock.t = 9600
  await floor.resync(pbx)
  for (const { t, message } of live.filter(({ t }) => t > 9521)) {
    clock.t = t
    floor.apply(message)
  }
  await committed()

  const entry = [...store.callLog.iterate()].find((e) => e.agentChannel === LEG)
  expect(entry).toMatchObject({ outcome: 'answered', answeredAt: 1514, endedAt: 9521, talkSeconds: 8, closedBy: 'hangup' })
})
