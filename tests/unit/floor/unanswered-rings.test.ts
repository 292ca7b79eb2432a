/**
 * Unanswered rings (issue 11.3), counted by the calls model from the real captures. The moments are
 * read from each scenario driver's log (`<name>.steps.jsonl`, what it did and saw), never from
 * Earshot's own output: ringing-abandoned (the caller gives up while 1004 rings), busy-floor (a
 * queue rings 1004 for 15 s unanswered, the caller abandons; 1004 answers its next queue call) and
 * call-waiting (1004 answers C, then rejects D ringing on its second channel).
 */
import { describe, expect, it } from 'vitest'
import { agentRow } from '../../../src/main/calls'
import { emptyFloor, type FloorState, reduceFloor, resync } from '../../../src/main/calls/model'
import { replayFloor } from '../../../src/main/capture/replay'
import { viewAt } from '../../../src/main/capture/view'
import { block, event } from '../../support/events'
import { type LaterCapture, LAB_OPTIONS, loadLaterCapture, loadLaterSteps, loadSteps, loadTrace, type Scenario, type Step } from '../../support/traces'

const AGENTS = ['1001', '1002', '1003', '1004']

function stepAt(steps: readonly Step[], pattern: RegExp): number {
  const step = steps.find((s) => pattern.test(s.step))
  if (step === undefined) throw new Error(`no step matches ${String(pattern)}`)
  return step.t
}

/** Every agent's count at `at`. */
function countsAt(records: Parameters<typeof replayFloor>[0], at: number): Record<string, number | undefined> {
  const agents = viewAt(replayFloor(records, LAB_OPTIONS, at), at).agents
  return Object.fromEntries(AGENTS.map((ext) => [ext, agents.find((a) => a.extension === ext)?.unansweredRings]))
}

const only = (ext: string, n: number): Record<string, number> => Object.fromEntries(AGENTS.map((a) => [a, a === ext ? n : 0]))

describe('unanswered rings, from the real captures', () => {
  it('ringing-abandoned: 1004 rings, the caller gives up: one unanswered ring, and it stays', () => {
    const scenario: Scenario = 'ringing-abandoned'
    const records = loadTrace(scenario)
    const steps = loadSteps(scenario)
    const rings = stepAt(steps, /^PJSIP\/1004 ringing/)
    const gaveUp = stepAt(steps, /caller gives up/)
    const end = stepAt(steps, /capture end/)

    const ringing = viewAt(replayFloor(records, LAB_OPTIONS, rings + 500), rings + 500).agents.find((a) => a.extension === '1004')
    expect(ringing).toMatchObject({ status: 'ringing', unansweredRings: 0 })
    expect(countsAt(records, gaveUp - 1)).toEqual(only('1004', 0))
    expect(countsAt(records, gaveUp + 500)).toEqual(only('1004', 1))
    // 1003's pause ends meanwhile: nothing else touches the count.
    expect(countsAt(records, end)).toEqual(only('1004', 1))
  })

  it('busy-floor: a queue call 1004 never answers counts; its next answered queue call resets it', () => {
    const scenario: Scenario = 'busy-floor'
    const records = loadTrace(scenario)
    const steps = loadSteps(scenario)
    const abandoned = stepAt(steps, /^call 03: .*abandons/)
    const answeredNext = stepAt(steps, /^call 09 answered by PJSIP\/1004/)
    const answeredLater = stepAt(steps, /^call 11 answered by PJSIP\/1004/)

    expect(countsAt(records, abandoned - 1)).toEqual(only('1004', 0))
    expect(countsAt(records, abandoned + 500)).toEqual(only('1004', 1))
    // Rung again at once: still one while the new call rings.
    expect(countsAt(records, answeredNext - 500)).toEqual(only('1004', 1))
    expect(countsAt(records, answeredNext + 500)).toEqual(only('1004', 0))
    expect(countsAt(records, answeredLater + 500)).toEqual(only('1004', 0))
    // Every agent who answered its queue calls at once never counts one.
    for (const s of steps) {
      const m = /^call \d+ answered by PJSIP\/(100[123])/.exec(s.step)
      if (m !== null) expect(countsAt(records, s.t + 500)[m[1] ?? '']).toBe(0)
    }
  })

  it('call-waiting: answering C does not count; rejecting D ringing beside it counts one; ending C keeps it', () => {
    const capture: LaterCapture = 'call-waiting'
    const records = loadLaterCapture(capture)
    const steps = loadLaterSteps(capture)
    const talkingC = stepAt(steps, /^1004 talking to C/)
    const rejected = stepAt(steps, /^D's agent channel hung up/)
    const cOver = stepAt(steps, /^C over/)

    expect(countsAt(records, talkingC + 500)).toEqual(only('1004', 0))
    expect(countsAt(records, rejected - 100)).toEqual(only('1004', 0))
    expect(countsAt(records, rejected + 500)).toEqual(only('1004', 1))
    expect(countsAt(records, cOver + 500)).toEqual(only('1004', 1))
  })

  it('calls an agent places never count, answered or not (outbound-answered, attended-transfer)', () => {
    for (const records of [loadTrace('outbound-answered'), loadLaterCapture('attended-transfer')]) {
      const end = records.at(-1)?.t ?? 0
      expect(countsAt(records, end)).toEqual(only('1001', 0))
    }
  })
})

/** Hand-made events in the captures' dialect: a queue caller's leg dials agent 1001's phone. */
function floorWithAgent(): FloorState {
  const s = emptyFloor(LAB_OPTIONS)
  reduceFloor(s, event('EndpointList', { ObjectName: '1001', Contacts: '1001/sip:1001@127.0.0.1:5071;ob,', DeviceState: 'Not in use' }), 0)
  reduceFloor(s, event('ContactList', { Endpoint: '1001', Uri: 'sip:1001@127.0.0.1:5071;ob', Status: 'Reachable' }), 0)
  return s
}

const prefixed = (prefix: string, fields: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(fields).map(([k, v]) => [`${prefix}${k}`, v]))

let seq = 0
/** Rings 1001 from a caller; `answer` picks it up, else the caller hangs up while it rings. */
function offer(s: FloorState, at: number, answer: boolean, cause: { Cause: string; 'Cause-txt': string } = { Cause: '16', 'Cause-txt': 'Normal Clearing' }): void {
  const caller = `c.${++seq}`
  const leg = `a.${seq}`
  const agent = `PJSIP/1001-0000000${seq}`
  reduceFloor(s, event('Newchannel', block(`Local/+4420@sim-${seq};1`, caller, 6, { CallerIDNum: '+4420' })), at)
  reduceFloor(s, event('Newchannel', block(agent, leg, 0)), at)
  reduceFloor(s, event('DialBegin', { ...block(`Local/+4420@sim-${seq};1`, caller, 6), ...prefixed('Dest', block(agent, leg, 0)) }), at)
  reduceFloor(s, event('Newstate', block(agent, leg, 5)), at + 10)
  if (answer) reduceFloor(s, event('Newstate', block(agent, leg, 6)), at + 100)
  reduceFloor(s, event('Hangup', { ...block(agent, leg, answer ? 6 : 5), ...cause }), at + 200)
  reduceFloor(s, event('Hangup', { ...block(`Local/+4420@sim-${seq};1`, caller, 6), Cause: '16', 'Cause-txt': 'Normal Clearing' }), at + 200)
}

/** 1001 dials out (its phone places the call); `answer`: the far end picks up. */
function dialOut(s: FloorState, at: number, answer: boolean): void {
  const leg = `o.${++seq}`
  const agent = `PJSIP/1001-0000000${seq}`
  reduceFloor(s, event('Newchannel', block(agent, leg, 4, { Exten: '915551230000' })), at)
  if (answer) reduceFloor(s, event('Newstate', block(agent, leg, 6)), at + 100)
  reduceFloor(s, event('Hangup', { ...block(agent, leg, answer ? 6 : 4), Cause: '16', 'Cause-txt': 'Normal Clearing' }), at + 200)
}

const rings = (s: FloorState): number | undefined => agentRow(s, '1001')?.unansweredRings

describe('unanswered rings in a row', () => {
  it('counts each offered call that stops ringing unanswered, and an answer starts again from none', () => {
    const s = floorWithAgent()
    offer(s, 1000, false)
    offer(s, 2000, false)
    offer(s, 3000, false)
    expect(rings(s)).toBe(3)
    // Calls the agent places say nothing of whether it answers its phone.
    dialOut(s, 4000, false)
    dialOut(s, 5000, true)
    expect(rings(s)).toBe(3)
    offer(s, 6000, true)
    expect(rings(s)).toBe(0)
    offer(s, 7000, false)
    expect(rings(s)).toBe(1)
  })

  it('a ring cancelled because a colleague answered (ringall queues: cause 26, answered elsewhere) is no miss', () => {
    const s = floorWithAgent()
    offer(s, 1000, false)
    offer(s, 2000, false, { Cause: '26', 'Cause-txt': 'Answered elsewhere' })
    offer(s, 3000, false, { Cause: '26', 'Cause-txt': 'Answered elsewhere' })
    expect(rings(s)).toBe(1)
  })

  it('after a reconnect the count is unknown, so none: missed calls and answers meanwhile were not heard', () => {
    const s = floorWithAgent()
    offer(s, 1000, false)
    offer(s, 2000, false)
    expect(rings(s)).toBe(2)
    const snapshot = [
      event('EndpointList', { ObjectName: '1001', Contacts: '1001/sip:1001@127.0.0.1:5071;ob,', DeviceState: 'Not in use' }),
      event('ContactList', { Endpoint: '1001', Uri: 'sip:1001@127.0.0.1:5071;ob', Status: 'Reachable' })
    ]
    const after = resync(s, snapshot, 9000)
    expect(agentRow(after, '1001')?.unansweredRings).toBe(0)
    // Counting goes on from there.
    offer(after, 10_000, false)
    expect(agentRow(after, '1001')?.unansweredRings).toBe(1)
  })
})
