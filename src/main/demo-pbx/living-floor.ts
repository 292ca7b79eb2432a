/**
 * A living call centre for "Try the demo floor": customers call the support and sales queues,
 * phones ring (most auto-answer, some ring for seconds, a few not at all), agents talk, hold,
 * hang up, dial out with the 9 prefix, take lunch and breaks, and sometimes drop off the network.
 * Everything is drawn from a seeded Random on the PBX clock, so a seed replays the same floor.
 */
import { InboundCall, type Customer } from './inbound'
import type { PbxConfig, EndpointSpec, PbxModel } from './model'
import { agentName, customerName, inboundNumber, outboundNumber } from './names'
import { OutboundCall } from './outbound'
import { isPaused, qualifyFails, qualifyRecovers, register, setPaused, unregister } from './presence'
import type { Random } from './random'
import type { SimChannel, SimEndpoint, SimMember, SimQueue } from './types'

export interface LivingFloorOptions {
  /** Agents on the floor (default 12), extensions 1001 up (10001 up beyond 999 agents). */
  agents?: number
  /**
   * Target AMI events per second, for load benchmarks: calls arrive fast enough for that, with
   * talk times short enough to keep about two thirds of the agents busy. Default: a calm floor.
   */
  rate?: number
  /**
   * Queues (load benchmarks): that many, `queue-01` up, each agent a member of two neighbouring
   * ones, callers spread evenly. Default: the demo's `support` (everyone) and `sales` (every other agent).
   */
  queues?: number
}

/** AMI events one call writes, about (measured: a queue call ~55, an outbound call ~45). */
export const EVENTS_PER_CALL = 52
/** Share of agents busy the floor aims at. */
const OCCUPANCY = 0.65
const OUTBOUND_SHARE = 0.2
/** A call holds its agent a little longer than its talk time: ringing phones, holds (~5 s on average). */
const HANDLING_EXTRA_MS = 5000
/** queues.conf `retry`: the pause before a caller is offered again after an agent did not answer. */
const QUEUE_RETRY_MS = 2000
const PAUSE_EVERY_MS = 10 * 60_000
const OFFLINE_EVERY_MS = 25 * 60_000
const PAUSE_REASONS: ReadonlyArray<{ reason: string; minMs: number; maxMs: number }> = [
  { reason: 'break', minMs: 30_000, maxMs: 120_000 },
  { reason: 'lunch', minMs: 120_000, maxMs: 300_000 },
  { reason: 'training', minMs: 60_000, maxMs: 240_000 }
]

/** The demo floor's phones and queues: agents in support, every other one in sales too; supervisors 2001 (WebRTC), 2002. */
export function livingFloorConfig(options: LivingFloorOptions = {}): PbxConfig {
  const count = options.agents ?? 12
  const first = count <= 999 ? 1001 : 10001
  const agents: EndpointSpec[] = []
  for (let i = 0; i < count; i++) {
    // Two phones in three auto-answer (like the lab's pjsua agents); the third rings first.
    agents.push({ ext: String(first + i), name: agentName(i), port: 20000 + i, autoAnswer: i % 3 !== 2 })
  }
  // As in the lab: 2001 is the WebRTC supervisor (transport-ws), registered only while a softphone
  // is; 2002 a desk phone the demo simulates.
  const supervisors: EndpointSpec[] = [
    { ext: '2001', name: 'Supervisor 2001', registered: false, transport: 'transport-ws' },
    { ext: '2002', name: 'Supervisor 2002', port: 5082 }
  ]
  if (options.queues !== undefined) return { endpoints: [...agents, ...supervisors], queues: benchQueues(agents, options.queues) }
  return {
    endpoints: [...agents, ...supervisors],
    queues: [
      { name: 'support', strategy: 'rrmemory', members: agents.map((a) => a.ext) },
      { name: 'sales', strategy: 'ringall', members: agents.filter((_, i) => i % 2 === 0).map((a) => a.ext) }
    ]
  }
}

/** `count` queues, `queue-01` up; agent i answers queues i and i + 1 (mod count), so every queue shares members with its neighbours. */
function benchQueues(agents: readonly EndpointSpec[], count: number): PbxConfig['queues'] {
  if (!Number.isInteger(count) || count < 1 || count > 99) throw new Error('queues: a whole number from 1 to 99')
  return Array.from({ length: count }, (_, q) => ({
    name: `queue-${String(q + 1).padStart(2, '0')}`,
    strategy: 'rrmemory',
    members: agents.filter((_, i) => i % count === q || (count > 1 && (i + 1) % count === q)).map((a) => a.ext)
  }))
}

type Call = InboundCall | OutboundCall

export class LivingFloor {
  private readonly agents: SimEndpoint[]
  private readonly calls = new Set<Call>()
  private readonly byCaller = new Map<SimChannel, InboundCall>()
  /** Callers whose last offer rang out: not offered again until the queue's retry passes. */
  private readonly cooling = new Set<InboundCall>()
  private readonly idleSince = new Map<SimEndpoint, number>()
  private readonly inboundGapMs: number
  private readonly outboundGapMs: number
  private readonly talkMeanMs: number
  /** Where callers go: null = the demo's 70 % support, 30 % sales; else evenly over these. */
  private readonly queueNames: readonly string[] | null
  private running = false
  private originates = 0
  private dispatchQueued = false

  constructor(
    private readonly model: PbxModel,
    private readonly random: Random,
    options: LivingFloorOptions = {}
  ) {
    const supervisors = new Set(['2001', '2002'])
    this.agents = [...model.endpoints.values()].filter((ep) => !supervisors.has(ep.ext))
    this.queueNames = options.queues === undefined ? null : [...model.queues.keys()]
    const n = Math.max(1, this.agents.length)
    let callsPerSecond: number
    if (options.rate !== undefined && options.rate > 0) {
      callsPerSecond = options.rate / EVENTS_PER_CALL
      this.talkMeanMs = clamp((OCCUPANCY * n * 1000) / callsPerSecond - HANDLING_EXTRA_MS, 3000, 300_000)
    } else {
      this.talkMeanMs = 60_000
      callsPerSecond = (OCCUPANCY * n * 1000) / (this.talkMeanMs + HANDLING_EXTRA_MS)
    }
    this.inboundGapMs = 1000 / (callsPerSecond * (1 - OUTBOUND_SHARE))
    this.outboundGapMs = 1000 / (callsPerSecond * OUTBOUND_SHARE)
  }

  start(): void {
    if (this.running) return
    this.running = true
    const now = this.model.now()
    for (const ep of this.agents) {
      this.idleSince.set(ep, now - this.random.between(0, 60_000))
      this.schedulePause(ep)
      this.scheduleOffline(ep)
    }
    this.nextInbound()
    this.nextOutbound()
  }

  stop(): void {
    this.running = false
  }

  /** Something freed an agent (a call ended, a pause lifted, a phone came back): offer waiting calls. */
  dispatchSoon(): void {
    if (this.dispatchQueued || !this.running) return
    this.dispatchQueued = true
    this.later(5, () => {
      this.dispatchQueued = false
      this.dispatch()
    })
  }

  private later(ms: number, task: () => void): void {
    this.model.clock.after(ms, () => {
      if (this.running) task()
    })
  }

  // ------------------------------------------------------------------ inbound

  private nextInbound(): void {
    this.later(this.random.exponential(this.inboundGapMs), () => {
      this.arrive()
      this.nextInbound()
    })
  }

  private arrive(): void {
    const queue = this.queueNames === null ? (this.random.chance(0.7) ? 'support' : 'sales') : this.random.pick(this.queueNames)
    const customer: Customer = { number: inboundNumber(this.random), name: customerName(this.random) }
    const call = InboundCall.arrive(this.model, { customer, queue, originateId: `sim-originate-${++this.originates}` })
    this.calls.add(call)
    this.byCaller.set(call.one, call)
    call.hooks = {
      onRingNoAnswer: (c) => {
        this.cooling.add(c)
        this.later(QUEUE_RETRY_MS, () => {
          this.cooling.delete(c)
          this.dispatch()
        })
      },
      onAnswered: (c) => this.talk(c),
      onEnded: (c) => this.ended(c)
    }
    // Callers give up after a while in the queue (or while a phone rings for them); some soon.
    const patience = this.random.chance(0.12) ? this.random.between(3000, 12_000) : this.random.between(30_000, 150_000)
    this.later(patience, () => {
      if (call.phase === 'waiting' || call.phase === 'ringing') call.customerHangup()
    })
    this.dispatch()
  }

  private dispatch(): void {
    for (let progress = true; progress; ) {
      progress = false
      for (const queue of this.model.queues.values()) {
        const call = this.nextCaller(queue)
        if (call === null) continue
        const member = this.bestMember(queue)
        if (member === null) continue
        const ep = member.endpoint
        // Most phones auto-answer; the others ring a few seconds, and now and then nobody picks up.
        const answerAfter = ep.autoAnswer ? 0 : this.random.chance(0.08) ? null : this.random.between(1500, 7000)
        call.offer(member, answerAfter)
        progress = true
      }
    }
  }

  private nextCaller(queue: SimQueue): InboundCall | null {
    for (const caller of queue.callers) {
      const call = this.byCaller.get(caller.channel)
      if (call !== undefined && call.phase === 'waiting' && !this.cooling.has(call)) return call
    }
    return null
  }

  /** The free, unpaused member idle longest (rrmemory's spirit; ringall is simplified to one phone). */
  private bestMember(queue: SimQueue): SimMember | null {
    let best: SimMember | null = null
    let bestIdle = Infinity
    for (const m of queue.members) {
      if (m.paused || !this.model.isFree(m.endpoint)) continue
      const idle = this.idleSince.get(m.endpoint) ?? 0
      if (idle < bestIdle) {
        best = m
        bestIdle = idle
      }
    }
    return best
  }

  // ------------------------------------------------------------------ outbound

  private nextOutbound(): void {
    this.later(this.random.exponential(this.outboundGapMs), () => {
      this.dialOut()
      this.nextOutbound()
    })
  }

  private dialOut(): void {
    const idle = this.agents.filter((ep) => this.model.isFree(ep) && !isPaused(ep))
    if (idle.length === 0) return
    const ep = this.random.pick(idle)
    const answers = this.random.chance(0.9)
    const call = OutboundCall.dial(this.model, { agent: ep.ext, number: outboundNumber(this.random), answerAfterMs: answers ? this.random.between(2000, 9000) : null })
    this.calls.add(call)
    call.onAnswered = (c) => this.talk(c)
    call.onEnded = (c) => this.ended(c)
    // Nobody answers: the agent gives up after a while.
    if (!answers) this.later(this.random.between(15_000, 30_000), () => call.agentHangup())
    this.dispatch()
  }

  // ------------------------------------------------------------------ talking

  private talk(call: Call): void {
    let talkMs = this.talkMeanMs * this.random.between(0.35, 1.65)
    if (this.random.chance(0.25)) {
      const holdAt = talkMs * this.random.between(0.2, 0.6)
      const holdFor = Math.min(this.random.between(5000, 25_000), this.talkMeanMs)
      this.later(holdAt, () => call.hold())
      this.later(holdAt + holdFor, () => call.unhold())
      talkMs += holdFor
    }
    this.later(talkMs, () => {
      if (call.phase !== 'talking') return
      call.unhold()
      // Inbound callers mostly end their calls; agents end the ones they placed.
      const customerEnds = call instanceof InboundCall ? this.random.chance(0.85) : this.random.chance(0.2)
      if (customerEnds) call.customerHangup()
      else call.agentHangup()
    })
  }

  private ended(call: Call): void {
    this.calls.delete(call)
    if (call instanceof InboundCall) {
      this.byCaller.delete(call.one)
      this.cooling.delete(call)
    }
    const ep = call instanceof InboundCall ? call.agentEp : call.ep
    if (ep !== null) this.idleSince.set(ep, this.model.now())
    this.dispatchSoon()
  }

  // ------------------------------------------------------------------ pauses and phones going away

  private idle(ep: SimEndpoint): boolean {
    return this.model.isFree(ep) && !isPaused(ep)
  }

  private schedulePause(ep: SimEndpoint, soon = false): void {
    this.later(soon ? this.random.between(15_000, 45_000) : this.random.exponential(PAUSE_EVERY_MS), () => {
      // Busy now: the break waits for the end of the call.
      if (!this.idle(ep)) {
        this.schedulePause(ep, true)
        return
      }
      const { reason, minMs, maxMs } = this.random.pick(PAUSE_REASONS)
      setPaused(this.model, ep, true, reason)
      this.later(this.random.between(minMs, maxMs), () => {
        // Only lift the pause the floor itself set (the console may have changed it since).
        if (ep.memberships.some((m) => m.paused && m.reason === reason)) {
          setPaused(this.model, ep, false, '')
          this.dispatchSoon()
        }
        this.schedulePause(ep)
      })
    })
  }

  private scheduleOffline(ep: SimEndpoint, soon = false): void {
    this.later(soon ? this.random.between(15_000, 45_000) : this.random.exponential(OFFLINE_EVERY_MS), () => {
      if (!this.idle(ep)) {
        this.scheduleOffline(ep, true)
        return
      }
      const crash = this.random.chance(0.7)
      if (crash) qualifyFails(this.model, ep)
      else unregister(this.model, ep)
      this.later(this.random.between(20_000, 90_000), () => {
        if (crash) qualifyRecovers(this.model, ep)
        else register(this.model, ep)
        this.dispatchSoon()
        this.scheduleOffline(ep)
      })
    })
  }
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value))
}
