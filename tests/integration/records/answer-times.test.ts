/**
 * Issue 13.5 in the call log: the live floor and its call-log recorder (a real SQLite file), fed a
 * real capture, as FloorService feeds them; the PBX's snapshot and Getvar answers are the
 * capture's (tests/support/capture-session.ts).
 *
 * - outbound-answered.jsonl: 1002's leg rings from 1762, is answered at 4764 and hangs up at 10772.
 *   The connection drops at 3000 while it rings; the next connection's first event (in the read
 *   with its login response) is the leg's BridgeLeave at 10771, then the snapshot, then the Hangup.
 *   The log must not record the reconnect as the answer (talk 0 s, "estimated=false"): the CDR's
 *   answer time when Getvar is allowed, else an estimate marked as one in the row and in the CSV.
 * - inbound-queue-answered.jsonl: 1001 answers at 1514 and hangs up at 9521. The settings change
 *   the AMI address mid-call (a new floor and recorder on the same PBX); the new connection's first
 *   event is 1001's BridgeLeave at 9520. The call keeps the exact answer time the first floor saw.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openStore, type Store } from '../../../src/main/app'
import { LiveFloor } from '../../../src/main/calls'
import { CallLogRecorder, callLogSource, callLogToCsv } from '../../../src/main/calllog'
import type { CaptureRecord } from '../../../src/main/capture/format'
import { answersIn, CaptureSession, liveMessages } from '../../support/capture-session'
import { LAB_OPTIONS, loadTrace } from '../../support/traces'
import { useTempDirs } from '../store/temp-dir'
import { lookupIn } from '../../../src/main/customers'

const tempDir = useTempDirs()
let store: Store
beforeEach(() => {
  store = openStore({ dir: tempDir() })
})
afterEach(() => store.close())

/** The capture's truth for one leg, and the leg's BridgeLeave (its next event the floor reads after the answer). */
function scenario(records: readonly CaptureRecord[], leg: string): { answered: number; ended: number; bridgeLeave: ReturnType<typeof liveMessages>[number] } {
  const truth = answersIn(records).get(leg)
  const bridgeLeave = liveMessages(records).find(({ message }) => message.fields.Channel === leg && message.fields.Event === 'BridgeLeave')
  if (truth?.answeredAt == null || truth.endedAt === null || bridgeLeave === undefined) throw new Error(`the capture no longer answers, bridges and hangs up ${leg}`)
  return { answered: truth.answeredAt, ended: truth.endedAt, bridgeLeave }
}

function recorder(source: string, now: () => number): CallLogRecorder {
  return new CallLogRecorder({ callLog: store.callLog, customerOf: lookupIn(store.customers, () => 'GB'), now, persist: { openCalls: store.openCalls, source } })
}

/** The recorders commit after the turn of the event loop that brought the events (as live): let that turn end. */
const committed = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

/** The CSV export's cells of the row of call `id`, by column name. */
function csvRow(id: string): Record<string, string> {
  const [header = '', ...rows] = callLogToCsv(store.callLog.iterate({}, 'GB')).replace(/^\uFEFF/, '').split('\r\n')
  const names = header.split(',')
  const row = rows.map((r) => r.split(',')).find((cells) => cells.includes(id))
  if (row === undefined) throw new Error(`no CSV row for ${id}`)
  return Object.fromEntries(names.map((n, i) => [n, row[i] ?? '']))
}

describe('the call log of a call answered while the connection was down (issue 13.5)', () => {
  const records = loadTrace('outbound-answered')
  const LEG = 'PJSIP/1002-00000003'
  const { answered, ended, bridgeLeave } = scenario(records, LEG)
  const DROP = 3000

  async function logged(getvar: 'cdr' | 'denied'): Promise<string> {
    const clock = { t: 0 }
    const now = (): number => clock.t
    const floor = new LiveFloor(LAB_OPTIONS, now)
    floor.attach(recorder(callLogSource('ami://127.0.0.1:5038', 'earshot'), now))
    const pbx = new CaptureSession(records, now, { getvar })
    const live = liveMessages(records)
    clock.t = live[0]?.t ?? 0
    await floor.resync(pbx)
    let i = 0
    for (; (live[i]?.t ?? Infinity) <= DROP; i++) {
      clock.t = live[i]?.t ?? 0
      floor.apply(live[i]!.message)
    }
    clock.t = DROP
    floor.connectionLost()
    clock.t = bridgeLeave.t
    floor.apply(bridgeLeave.message)
    await floor.resync(pbx)
    for (const { t, message } of live.filter(({ t }) => t > bridgeLeave.t)) {
      clock.t = t
      floor.apply(message)
    }
    await committed()
    const id = [...store.callLog.iterate()].find((e) => e.agentChannel === LEG)?.id
    if (id === undefined) throw new Error(`${LEG} was not logged`)
    return id
  }

  it('without Getvar: an estimate, never the reconnect time, marked estimated in the row and the CSV', async () => {
    const id = await logged('denied')
    const entry = store.callLog.get(id)
    // Before the fix: answered at 10771 (talk 0 s) and not marked as an estimate.
    expect(entry).toMatchObject({ outcome: 'answered', closedBy: 'hangup', answeredAtApprox: true })
    expect(entry?.answeredAt).toBeLessThanOrEqual(answered)
    expect(entry?.talkSeconds).toBeGreaterThanOrEqual(Math.round((ended - answered) / 1000))
    expect(entry?.timeline.find((e) => e.kind === 'answered')).toMatchObject({ approx: true })
    expect(csvRow(id)['Answer time estimated']).toBe('true')
  })

  it('with Getvar: the CDR’s answer time, exact, and exported as not estimated', async () => {
    const id = await logged('cdr')
    const entry = store.callLog.get(id)
    expect(entry).toMatchObject({ outcome: 'answered', closedBy: 'hangup', answeredAtApprox: false, talkSeconds: Math.round((ended - answered) / 1000) })
    expect(Math.abs((entry?.answeredAt ?? 0) - answered)).toBeLessThanOrEqual(5)
    expect(csvRow(id)['Answer time estimated']).toBe('false')
  })
})

describe('an estimate carried to a new connection (issue 13.5)', () => {
  const records = loadTrace('outbound-answered')
  const LEG = 'PJSIP/1002-00000003'
  const { answered, ended, bridgeLeave } = scenario(records, LEG)
  const identity = { systemName: 'lab', startup: '2026-12-04 09:00:00' }

  it('keeps the window it lies in, so the next connection’s Getvar can make it exact', async () => {
    const clock = { t: 0 }
    const now = (): number => clock.t
    const live = liveMessages(records)
    // The first connection may not ask Getvar: the answer it did not hear stays an estimate.
    const first = new LiveFloor(LAB_OPTIONS, now)
    const firstLog = recorder(callLogSource('ami://127.0.0.1:5038', 'earshot'), now)
    first.attach(firstLog)
    clock.t = live[0]?.t ?? 0
    await first.resync(new CaptureSession(records, now, { getvar: 'denied', identity }))
    for (const { t, message } of live.filter(({ t }) => t <= 3000)) {
      clock.t = t
      first.apply(message)
    }
    clock.t = 3000
    first.connectionLost()
    clock.t = 6000
    await first.resync(new CaptureSession(records, now, { getvar: 'denied', identity }))
    const estimate = first.rows().find((r) => r.extension === '1002')?.calls[0]
    expect(estimate).toMatchObject({ state: 'talking', answeredAtApprox: true })
    expect(answered - (estimate?.answeredAt ?? 0)).toBeGreaterThan(2000)

    // Settings → PBX: a new address, whose user may ask Getvar.
    clock.t = 7000
    first.close()
    firstLog.close()
    const second = new LiveFloor(LAB_OPTIONS, now)
    second.attach(recorder(callLogSource('amis://127.0.0.1:5039', 'earshot'), now))
    clock.t = 8000
    await second.resync(new CaptureSession(records, now, { getvar: 'cdr', identity }))
    // Before the fix: the restored estimate had no window, so the CDR's answer (3 s after it) was not believed.
    const call = second.rows().find((r) => r.extension === '1002')?.calls[0]
    expect(call?.answeredAtApprox).toBe(false)
    expect(Math.abs((call?.answeredAt ?? 0) - answered)).toBeLessThanOrEqual(5)
    for (const { t, message } of live.filter(({ t }) => t >= bridgeLeave.t)) {
      clock.t = t
      second.apply(message)
    }
    await committed()
    expect(store.callLog.get(call?.id ?? '')).toMatchObject({ answeredAtApprox: false, talkSeconds: Math.round((ended - answered) / 1000) })
  })
})

describe('a new AMI address for the same PBX mid-call (a Settings save; issue 13.5)', () => {
  const records = loadTrace('inbound-queue-answered')
  const LEG = 'PJSIP/1001-00000001'
  const { answered, ended, bridgeLeave } = scenario(records, LEG)
  const identity = { systemName: 'lab', startup: '2026-12-04 09:00:00' }

  it('keeps the exact answer time the previous connection saw, on the floor and in the log, whatever the new connection says first', async () => {
    const clock = { t: 0 }
    const now = (): number => clock.t
    const live = liveMessages(records)
    const first = new LiveFloor(LAB_OPTIONS, now)
    const firstLog = recorder(callLogSource('ami://127.0.0.1:5038', 'earshot'), now)
    first.attach(firstLog)
    const pbx = new CaptureSession(records, now, { getvar: 'denied', identity })
    clock.t = live[0]?.t ?? 0
    await first.resync(pbx)
    for (const { t, message } of live.filter(({ t }) => t <= 6000)) {
      clock.t = t
      first.apply(message)
    }
    const before = first.rows().find((r) => r.extension === '1001')?.calls[0]
    expect(before).toMatchObject({ state: 'talking', answeredAt: answered, answeredAtApprox: false })

    // Settings → PBX: a new address (amis://). The services close this floor and its log and start new ones.
    clock.t = 7000
    first.close()
    firstLog.close()
    const second = new LiveFloor(LAB_OPTIONS, now)
    second.attach(recorder(callLogSource('amis://127.0.0.1:5039', 'earshot'), now))
    clock.t = bridgeLeave.t
    second.apply(bridgeLeave.message)
    await second.resync(pbx)
    // Before the fix: answered at 9520, when the new connection first mentioned the leg.
    expect(second.rows().find((r) => r.extension === '1001')?.calls[0]).toMatchObject({ id: before?.id, answeredAt: answered, answeredAtApprox: false })

    for (const { t, message } of live.filter(({ t }) => t > bridgeLeave.t)) {
      clock.t = t
      second.apply(message)
    }
    await committed()
    const entry = store.callLog.get(before?.id ?? '')
    expect(entry).toMatchObject({ answeredAt: answered, answeredAtApprox: false, outcome: 'answered', closedBy: 'hangup', talkSeconds: Math.round((ended - answered) / 1000) })
    expect(entry?.timeline.map((e) => e.kind)).toEqual(['ringing', 'answered', 'hangup'])
    expect(csvRow(before?.id ?? '')['Answer time estimated']).toBe('false')
  })
})
