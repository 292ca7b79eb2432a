/**
 * The call log of every real Asterisk 22 capture. The expected rows are written out by hand from
 * each capture's `.steps.jsonl` (what the scenario driver did and saw) and the README checkpoints
 * as corrected in tests/support/checkpoints.ts, not computed by the code under test:
 *
 * - inbound-queue-answered: customer +442070001111 calls queue support; PJSIP/1001 answers at 1514
 *   (the README's "1002" is wrong, see checkpoints.ts); the customer hangs up at 9518 and the
 *   agent channel is gone at 9521 → 1001, answered, 9521 - 1514 = 8.0 s.
 * - outbound-answered: 1002 dials 915551230000 at 1506; the far end answers at 4766; 1002 hangs up
 *   at 10769 → 1002, customer 15551230000 (prefix 9 stripped), outbound, answered, 6.0 s.
 * - ringing-abandoned: +15557654321 calls queue sales; 1004 rings from 1510; the caller hangs up at
 *   7515 while it still rings (1003 is paused, so never rung) → 1004, abandoned, 0 s.
 * - queue-pause, agent-offline: no call at all → no row.
 * - spy-listen / spy-whisper / spy-barge: +442070002222 calls 1001 directly (1011 / 1008 / 1008
 *   talking); 2002 spies from ~4120 to ~9120 in that mode; the customer hangs up at 12378 / 12371 /
 *   12371 → 1001, answered, monitored, 11.4 s → 11 s; 2002's spy leg is not a call.
 * - busy-floor: twelve callers (the `plan` step has their numbers). Eleven are answered ("call N
 *   answered by PJSIP/x" to "call N: customer hangs up"); call 03 rings 1004 from 6873 and "waited
 *   15 s, customer abandons" at 21874 (the README says two abandons; the steps show one). Asterisk
 *   also ends 1004's ring at 15 s (the queue's member timeout) 2 ms before the caller's
 *   QueueCallerAbandon: the caller hung up while 1004 rang, so that leg is abandoned.
 */
import { describe, expect, it } from 'vitest'
import { replayCallLog } from '../../../src/main/calllog/replay'
import type { CompletedCall } from '../../../src/main/calllog/projection'
import { LAB_OPTIONS, loadSteps, loadTrace, SCENARIOS, type Scenario } from '../../support/traces'

interface Row {
  agent: string
  customer: string
  direction: 'inbound' | 'outbound'
  outcome: CompletedCall['outcome']
  talk: number
  monitored?: boolean
}

const answered = (agent: string, customer: string, talk: number, extra: Partial<Row> = {}): Row => ({ agent, customer, direction: 'inbound', outcome: 'answered', talk, ...extra })

const EXPECTED: Record<Scenario, Row[]> = {
  'inbound-queue-answered': [answered('1001', '+442070001111', 8)],
  'outbound-answered': [{ agent: '1002', customer: '15551230000', direction: 'outbound', outcome: 'answered', talk: 6 }],
  'ringing-abandoned': [{ agent: '1004', customer: '+15557654321', direction: 'inbound', outcome: 'abandoned', talk: 0 }],
  'queue-pause': [],
  'agent-offline': [],
  'spy-listen': [answered('1001', '+442070002222', 11, { monitored: true })],
  'spy-whisper': [answered('1001', '+442070002222', 11, { monitored: true })],
  'spy-barge': [answered('1001', '+442070002222', 11, { monitored: true })],
  // busy-floor, by caller (steps: answered at → customer hangs up at, in seconds).
  'busy-floor': [
    answered('1002', '+442070010010', 15), //  call 01: 3.490 → 18.291 = 14.8
    answered('1003', '+442070010011', 11), //  call 02: 5.207 → 15.708 = 10.5
    { agent: '1004', customer: '+442070010012', direction: 'inbound', outcome: 'abandoned', talk: 0 }, // call 03
    answered('1001', '+442070010013', 6), //   call 04: 9.678 → 16.079 = 6.4
    answered('1003', '+442070010014', 7), //   call 05: 16.453 → 23.355 = 6.9
    answered('1001', '+442070010015', 19), //  call 06: 16.624 → 35.825 = 19.2
    answered('1002', '+442070010016', 20), //  call 07: 18.853 → 38.455 = 19.6
    answered('1003', '+442070010017', 9), //   call 08: 23.493 → 32.795 = 9.3
    answered('1004', '+442070010018', 10), //  call 09: 25.622 → 35.223 = 9.6
    answered('1003', '+442070010019', 14), //  call 10: 33.381 → 47.083 = 13.7
    answered('1004', '+442070010020', 13), //  call 11: 39.405 → 52.609 = 13.2
    answered('1001', '+442070010021', 8) //    call 12: 36.480 → 44.581 = 8.1
  ]
}

const byCustomer = (a: { customer: string | null }, b: { customer: string | null }): number => (a.customer ?? '').localeCompare(b.customer ?? '')

describe('call log of the real captures', () => {
  for (const scenario of SCENARIOS) {
    it(`${scenario}: exactly the expected rows`, () => {
      const calls = replayCallLog(loadTrace(scenario), LAB_OPTIONS)
      const got = calls.map((c) => ({ ...c, customer: c.customerNumber })).sort(byCustomer)
      const expected = [...EXPECTED[scenario]].sort(byCustomer)
      expect(got).toHaveLength(expected.length)
      expected.forEach((row, i) => {
        const call = got[i]
        expect(call, `row ${i} of ${scenario}`).toMatchObject({
          agentExtension: row.agent,
          agentName: `Agent ${row.agent}`,
          customerNumber: row.customer,
          direction: row.direction,
          outcome: row.outcome,
          monitored: row.monitored ?? false,
          closedBy: 'hangup'
        })
        expect(Math.abs((call?.talkSeconds ?? -99) - row.talk), `talk time of ${row.customer}`).toBeLessThanOrEqual(1)
        if (row.outcome !== 'answered') expect(call?.answeredAt).toBeNull()
      })
      // No call twice: one row per agent channel.
      expect(new Set(calls.map((c) => c.id)).size).toBe(calls.length)
    })
  }

  it('the expectations agree with the driver logs they were read from', () => {
    const steps = loadSteps('busy-floor')
    const plan = (steps.find((s) => s.step === 'plan')?.calls ?? []) as Array<{ i: number; number: string }>
    expect(plan.map((p) => p.number).sort()).toEqual(EXPECTED['busy-floor'].map((r) => r.customer).sort())
    expect(steps.filter((s) => /customer abandons/.test(s.step))).toHaveLength(1)
    expect(steps.filter((s) => /^call \d+ answered by/.test(s.step))).toHaveLength(11)
    expect(loadSteps('inbound-queue-answered').some((s) => s.step.startsWith('PJSIP/1001 answered'))).toBe(true)
  })

  it('inbound-queue-answered: the timeline has the ring, the answer and the hangup with its cause', () => {
    const [call] = replayCallLog(loadTrace('inbound-queue-answered'), LAB_OPTIONS)
    expect(call).toMatchObject({ id: '1795468833.5', linkedid: '1795468833.3', agentChannel: 'PJSIP/1001-00000001', customerName: 'Alice Customer' })
    expect(call?.timeline.map((e) => e.kind)).toEqual(['ringing', 'answered', 'hangup'])
    expect(call?.timeline.at(-1)).toMatchObject({ kind: 'hangup', cause: 16, causeText: 'Normal Clearing' })
  })

  it('outbound-answered: the timeline starts with what the agent dialled', () => {
    const [call] = replayCallLog(loadTrace('outbound-answered'), LAB_OPTIONS)
    expect(call?.timeline[0]).toMatchObject({ kind: 'dialling', number: '15551230000' })
    expect(call?.timeline.map((e) => e.kind)).toEqual(['dialling', 'answered', 'hangup'])
  })

  for (const [scenario, mode] of [
    ['spy-listen', 'listen'],
    ['spy-whisper', 'whisper'],
    ['spy-barge', 'barge']
  ] as const) {
    it(`${scenario}: supervision joined and left by 2002 in ${mode}, at the times the driver saw`, () => {
      const steps = loadSteps(scenario)
      const running = steps.find((s) => s.step === 'ChanSpy running')?.t ?? NaN
      const hungUp = steps.find((s) => s.step.startsWith('supervisor 2002 hangs up'))?.t ?? NaN
      const [call] = replayCallLog(loadTrace(scenario), LAB_OPTIONS)
      const spy = call?.timeline.filter((e) => e.kind.startsWith('supervision-')) ?? []
      expect(spy).toMatchObject([
        { kind: 'supervision-joined', supervisor: '2002', mode },
        { kind: 'supervision-left', supervisor: '2002', mode }
      ])
      expect(Math.abs((spy[0]?.at ?? 0) - running)).toBeLessThan(100)
      expect(Math.abs((spy[1]?.at ?? 0) - hungUp)).toBeLessThan(300)
    })
  }

  it('ringing-abandoned: the leg rang until the caller gave up, and was cancelled', () => {
    const [call] = replayCallLog(loadTrace('ringing-abandoned'), LAB_OPTIONS)
    expect(call?.timeline.map((e) => e.kind)).toEqual(['ringing', 'hangup'])
    expect(call?.timeline[1]).toMatchObject({ dialStatus: 'CANCEL' })
    expect(Math.abs((call?.endedAt ?? 0) - 7515)).toBeLessThan(100)
  })

  it('busy-floor: the abandoned leg is decided within the grace, and without it would be missed', () => {
    const records = loadTrace('busy-floor')
    // Just after 1004's leg ended (21876) and before the caller's abandon (21878): still undecided.
    expect(replayCallLog(records, LAB_OPTIONS, 21_877).filter((c) => c.agentExtension === '1004')).toEqual([])
    const strict = replayCallLog(records, LAB_OPTIONS, Infinity, { graceMs: 0 })
    expect(strict.find((c) => c.customerNumber === '+442070010012')?.outcome).toBe('missed')
  })
})
