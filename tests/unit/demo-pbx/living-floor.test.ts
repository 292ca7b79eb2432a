/**
 * The living floor in virtual time: deterministic per seed, what Earshot's engine makes of it
 * agrees with the simulator's own model at every moment, and the `rate` knob reaches a
 * 1,000-agent, 2,000 events/s floor with room to spare.
 */
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { encodeAction } from '../../../src/main/ami/encoder'
import { Demo } from '../../../src/main/demo-pbx/demo'
import { VirtualClock } from '../../../src/main/demo-pbx/clock'
import { playVirtually } from '../../integration/demo-pbx/play'

function fingerprint(seed: number, ms: number): string {
  const clock = new VirtualClock()
  const demo = new Demo({ clock, seed, epochMs: 1_800_000_000_000 })
  const hash = createHash('sha256')
  demo.model.onEvent((h) => hash.update(`${clock.now()} ${encodeAction(h)}`))
  demo.start()
  clock.runUntil(ms)
  return hash.digest('hex')
}

describe('the living floor', () => {
  it('is the same floor for the same seed', () => {
    expect(fingerprint(7, 300_000)).toBe(fingerprint(7, 300_000))
    expect(fingerprint(7, 300_000)).not.toBe(fingerprint(8, 300_000))
  })

  it('looks to the engine exactly as the simulator has it, minute after minute', () => {
    const play = playVirtually({ seed: 11 })
    const model = play.demo.model
    const statuses = new Set<string>()
    for (let at = 60_000; at <= 40 * 60_000; at += 60_000) {
      const view = play.viewAt(at)
      for (const agent of view.agents) {
        const ep = model.endpoint(agent.extension)
        const legs = [...model.channelsOf(ep)].filter((c) => !(c.app === 'ChanSpy'))
        const paused = ep.memberships.some((m) => m.paused)
        const expected = legs.some((c) => c.state === 6) ? 'talking' : legs.length > 0 ? 'ringing' : paused ? 'paused' : model.isReachable(ep) ? 'idle' : 'offline'
        expect(agent.status, `${agent.extension} at ${at}`).toBe(expected)
        statuses.add(agent.status)
        if (agent.status === 'talking') {
          const leg = legs.find((c) => c.state === 6)
          expect(agent.customer, `${agent.extension} at ${at}`).toBe(leg?.connectedNum)
          expect(agent.onHold).toBe(leg?.onHold)
        }
        expect(agent.pauseReason).toBe(paused ? (ep.memberships.find((m) => m.paused)?.reason ?? null) : null)
      }
    }
    // Over forty minutes everything a floor does happened at least once.
    expect([...statuses].sort()).toEqual(['idle', 'offline', 'paused', 'ringing', 'talking'])
    const kinds = new Set(play.events.map((e) => e.headers.Event))
    for (const k of ['Hold', 'QueueCallerAbandon', 'AgentRingNoAnswer', 'QueueMemberPause', 'ContactStatus', 'DialState']) expect(kinds.has(k), k).toBe(true)
    expect(play.viewAt(40 * 60_000).agents.some((a) => a.direction === 'outbound') || play.events.some((e) => String(e.headers.Exten ?? '').startsWith('9'))).toBe(true)
  })

  it('reaches 1,000 agents at 2,000 AMI events/s, in a fraction of real time', () => {
    const clock = new VirtualClock()
    const demo = new Demo({ clock, seed: 3, floor: { agents: 1000, rate: 2000 } })
    let bytes = 0
    demo.model.onEvent((h) => {
      bytes += encodeAction(h).length
    })
    demo.start()
    clock.runUntil(30_000) // the floor fills up
    const events = demo.model.emitted
    const started = performance.now()
    clock.runUntil(50_000)
    const cpuMs = performance.now() - started
    const perSecond = (demo.model.emitted - events) / 20
    expect(perSecond).toBeGreaterThan(1700)
    expect(perSecond).toBeLessThan(2300)
    expect(cpuMs).toBeLessThan(5000) // 20 PBX seconds, encoding included; typically ~0.3 s
    expect(demo.model.endpoints.size).toBe(1002)
    expect(bytes).toBeGreaterThan(0)
  })
})
