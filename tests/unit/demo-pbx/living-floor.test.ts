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
import { Random } from '../../../src/main/demo-pbx/random'
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

  it('survives a console that hangs up, listens in and pauses at random', () => {
    const play = playVirtually({ seed: 13 })
    const model = play.demo.model
    const random = new Random(99)
    const agents = [...model.endpoints.values()].filter((ep) => ep.memberships.length > 0)
    for (let at = 10_000; at <= 20 * 60_000; at += 1500) {
      play.clock.runUntil(at)
      const channels = [...model.channels.values()]
      const r = random.next()
      if (r < 0.35 && channels.length > 0) play.send({ Action: 'Hangup', Channel: random.pick(channels).name })
      else if (r < 0.5) play.send({ Action: 'Originate', Channel: `PJSIP/${random.pick(['2001', '2002'])}`, Context: 'internal', Exten: `${random.pick(['555', '556', '557'])}${random.pick(agents).ext}`, Priority: '1', Async: 'true' })
      else if (r < 0.6 && channels.length > 0) play.send({ Action: 'Originate', Channel: 'PJSIP/2002', Application: 'ChanSpy', Data: `${random.pick(channels).name},qdE`, Async: 'true' })
      else if (r < 0.75) play.send({ Action: 'QueuePause', Interface: `PJSIP/${random.pick(agents).ext}`, Paused: random.pick(['true', 'false']), Reason: 'coaching' })
    }
    const kinds = play.events.map((e) => e.headers.Event)
    expect(kinds.filter((k) => k === 'ChanSpyStart').length).toBeGreaterThan(10)
    expect(kinds.filter((k) => k === 'SoftHangupRequest').length).toBeGreaterThan(100)
    // Every channel came up once and went away at most once; what is left is what the model has.
    const born = new Map<string, number>()
    const died = new Map<string, number>()
    for (const { headers } of play.events) {
      const id = String(headers.Uniqueid ?? '')
      if (headers.Event === 'Newchannel') born.set(id, (born.get(id) ?? 0) + 1)
      if (headers.Event === 'Hangup') died.set(id, (died.get(id) ?? 0) + 1)
    }
    expect([...born.values()].every((n) => n === 1)).toBe(true)
    expect([...died.values()].every((n) => n === 1)).toBe(true)
    expect([...died.keys()].every((id) => born.has(id))).toBe(true)
    expect(new Set([...born.keys()].filter((id) => !died.has(id)))).toEqual(new Set(model.channels.keys()))
    for (const bridge of model.bridges.values()) for (const ch of bridge.channels) expect(model.channels.has(ch.uniqueid)).toBe(true)
    // And the engine still sees what the model has.
    const view = play.viewAt(20 * 60_000 + 1)
    for (const agent of view.agents.filter((a) => model.endpoint(a.extension).memberships.length > 0)) {
      const ep = model.endpoint(agent.extension)
      const calls = [...model.channelsOf(ep)]
      expect(agent.status === 'talking' || agent.status === 'ringing', agent.extension).toBe(calls.length > 0)
    }
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
