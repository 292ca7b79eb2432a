/**
 * busy-floor: 12 calls over ~45 s. The expectations are not written by hand: they come from the
 * scenario driver's own log (busy-floor.steps.jsonl) — who answered which caller and when each
 * caller hung up — and are checked against the engine's view of the real capture.
 */
import { describe, expect, it } from 'vitest'
import { replayFloor } from '../../../src/main/capture/replay'
import { viewAt } from '../../../src/main/capture/view'
import { LAB_OPTIONS, loadSteps, loadTrace } from '../../support/traces'

interface PlannedCall {
  i: number
  number: string
}

const steps = loadSteps('busy-floor')
const records = loadTrace('busy-floor')
const plan = (steps.find((s) => s.step === 'plan')?.calls ?? []) as PlannedCall[]
const numberOf = (call: number): string => {
  const planned = plan.find((p) => p.i === call - 1)
  if (planned === undefined) throw new Error(`call ${call} not in plan`)
  return planned.number
}

const answered = steps.flatMap((s) => {
  const m = /^call (\d+) answered by PJSIP\/(\d+)/.exec(s.step)
  return m === null ? [] : [{ t: s.t, call: Number(m[1]), agent: m[2] ?? '' }]
})
const hungUp = steps.flatMap((s) => {
  const m = /^call (\d+): customer hangs up/.exec(s.step)
  return m === null ? [] : [{ t: s.t, call: Number(m[1]) }]
})
const rang = steps.flatMap((s) => {
  const m = /^(\d+) answers (PJSIP\/\S+) after ([\d.]+) s ringing/.exec(s.step)
  return m === null ? [] : [{ t: s.t, agent: m[1] ?? '', ringMs: Number(m[3]) * 1000 }]
})

function agentAt(at: number, ext: string) {
  return viewAt(replayFloor(records, LAB_OPTIONS, at), at).agents.find((a) => a.extension === ext)
}

describe('busy-floor, checked against the scenario driver log', () => {
  it('the log has what this test needs', () => {
    expect(plan).toHaveLength(12)
    expect(answered.length).toBeGreaterThanOrEqual(10)
    expect(hungUp.length).toBe(answered.length)
    expect(rang.length).toBeGreaterThanOrEqual(2)
  })

  for (const a of answered) {
    it(`call ${a.call}: ${a.agent} talks to ${numberOf(a.call)} after answering`, () => {
      const agent = agentAt(a.t + 500, a.agent)
      expect(agent).toMatchObject({ status: 'talking', customer: numberOf(a.call), direction: 'inbound' })
      expect(agent?.talkSeconds).toBe(0)
    })
  }

  for (const h of hungUp) {
    it(`call ${h.call}: its agent is free of that caller after the hangup`, () => {
      const who = answered.find((a) => a.call === h.call)
      expect(who).toBeDefined()
      const agent = agentAt(h.t + 500, who?.agent ?? '')
      expect(agent?.customer).not.toBe(numberOf(h.call))
    })
  }

  for (const r of rang) {
    it(`${r.agent} shows ringing while its phone rings`, () => {
      expect(agentAt(r.t - r.ringMs / 2, r.agent)?.status).toBe('ringing')
    })
  }

  it('ends with every agent idle and no call left', () => {
    const end = records.at(-1)?.t ?? 0
    const state = replayFloor(records, LAB_OPTIONS, end)
    for (const agent of viewAt(state, end).agents.filter((a) => a.extension.startsWith('10'))) expect(agent.status).toBe('idle')
    expect(state.channels.size).toBe(0)
    expect(state.spies.size).toBe(0)
  })

  it('never shows more calls than agents, nor a helper channel as a call', () => {
    for (let at = 0; at <= (records.at(-1)?.t ?? 0); at += 1000) {
      const agents = viewAt(replayFloor(records, LAB_OPTIONS, at), at).agents
      expect(agents.filter((a) => a.status === 'talking' || a.status === 'ringing').length).toBeLessThanOrEqual(4)
      for (const a of agents) if (a.customer !== null) expect(a.customer).toMatch(/^\+44207001\d{4}$/)
    }
  })
})
