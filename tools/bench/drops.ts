/**
 * The forced-drop check (issue 14): Earshot's live path — the AMI client, the live floor and the
 * call log projected from it, wired as FloorService wires them — against the demo PBX's living
 * floor over real TCP on loopback. The AMI connection is dropped N times at random moments (the
 * server closing it, the client closing it, sometimes again while the snapshot loads); after each
 * resync the floor is compared with what the PBX really has, and at the end the call log with
 * every leg the PBX really ran. The PBX knows the truth: each channel's answer and hangup times.
 *
 * Figures: ghosts (calls Earshot shows that the PBX does not have), missing calls (the PBX has,
 * Earshot does not), and answer/talk-time errors, exact answers and estimated ones (the model
 * states the window an estimate lies in) counted apart. Times are PBX times (ms); the PBX runs
 * `speed` times faster than life, so event latency counts `speed` times over.
 *
 * `npm test` runs it with a few drops (tests/integration/demo-pbx/drops.test.ts, which asserts);
 * `npm run bench -- --drops N` prints the figures for many.
 */
import { AmiClient } from '../../src/main/ami'
import { type CallsProjection, type EndedLeg, LiveFloor } from '../../src/main/calls'
import { CallLogCollector } from '../../src/main/calllog'
import { startDemoPbx } from '../../src/main/demo-pbx'
import type { SimChannel } from '../../src/main/demo-pbx/types'
import { Random } from '../../src/main/demo-pbx/random'

/** The lab's feature codes and outbound prefix (the demo PBX's dialplan). */
const FLOOR_OPTIONS = { featureCodes: { listen: '555', whisper: '556', barge: '557' }, outboundPrefix: '9' }

export interface DropRunOptions {
  drops: number
  seed?: number
  /** PBX time runs this many times faster than life (default 1: latency counts as in life). */
  speed?: number
  /** Agents on the living floor (default 60). */
  agents?: number
  /** AMI events a second the living floor aims at (default 150: about 3 calls a second of ~9 s talk, so many end in view). */
  rate?: number
  /** Real ms the connection stays up between drops: a random time in this range (default 100–800). */
  upMs?: readonly [number, number]
}

/** One answer time compared with the truth. */
export interface AnswerSample {
  id: string
  /** Earshot's answer time minus the PBX's (ms). */
  errorMs: number
  approx: boolean
  /** The window the model states for an estimate (the truth should lie in [answeredAt − 1 s, answeredAt + window]). */
  windowMs: number
}

export interface DropFigures {
  drops: number
  serverDrops: number
  clientDrops: number
  /** Drops made while the snapshot after the previous one was still loading. */
  dropsDuringSnapshot: number
  /** Comparisons of the floor with the PBX (one after each completed resync). */
  checks: number
  floor: { ghosts: string[]; missing: string[]; answers: AnswerSample[] }
  log: {
    calls: number
    /** Logged calls the PBX never ran, or logged answered when the PBX never answered them. */
    ghosts: string[]
    /** Answered legs Earshot could see (up at some moment it was in step) that the log lacks, or logs unanswered. */
    missing: string[]
    /** Answers of calls that hung up while Earshot watched. */
    answers: AnswerSample[]
    /** Talk time (end − answer) minus the truth, for the calls that hung up while Earshot watched (ms). */
    talkErrorsMs: number[]
    /** Calls that ended while the connection was down: their end is when they were last known up (ms before the truth). */
    endedUnseen: number[]
    /** Answered legs that began and ended while the connection was down: no AMI client can know them. */
    neverSeen: number
  }
  pbxSeconds: number
  realSeconds: number
}

interface Truth {
  channel: SimChannel
  endedAt: number | null
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

/** Waits for `check` (a guard against hanging, never a measurement). */
async function until(check: () => boolean, what: string, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`drop harness: timed out waiting for ${what}`)
    await sleep(2)
  }
}

export async function runDrops(options: DropRunOptions): Promise<DropFigures> {
  const started = Date.now()
  const seeded = new Random(options.seed ?? 14)
  const rnd = (): number => seeded.next()
  const [upMin, upMax] = options.upMs ?? [100, 800]
  const demo = await startDemoPbx({ speed: options.speed ?? 1, seed: options.seed ?? 14, agents: options.agents ?? 60, rate: options.rate ?? 150 })
  const pbxStart = demo.now()
  // The PBX's truth: every channel it ran, by Uniqueid, with when it hung up.
  const truth = new Map<string, Truth>()
  for (const ch of demo.model.channels.values()) truth.set(ch.uniqueid, { channel: ch, endedAt: null })
  const unsubscribe = demo.model.onEvent((h) => {
    const id = String(h.Uniqueid ?? '')
    if (h.Event === 'Newchannel') {
      const ch = demo.model.channels.get(id)
      if (ch !== undefined) truth.set(id, { channel: ch, endedAt: null })
    } else if (h.Event === 'Hangup') {
      const t = truth.get(id)
      if (t !== undefined) t.endedAt = demo.now()
    }
  })

  // The live path as FloorService wires it, on the PBX's clock.
  const floor = new LiveFloor(FLOOR_OPTIONS, () => demo.now())
  const log = new CallLogCollector()
  const windows = new Map<string, number>()
  const endedLegs: CallsProjection = {
    update: (_model, _touched, ended: readonly EndedLeg[]) => {
      for (const leg of ended) windows.set(leg.channel.uniqueid, leg.channel.answerWindow)
    }
  }
  floor.attach(log)
  floor.attach(endedLegs)
  const client = new AmiClient({ url: demo.url, username: demo.username, secret: demo.secret })
  let snapshots = 0
  let resyncing: Promise<void> = Promise.resolve()
  let readies = 0
  let reconnecting = false
  /** PBX-time intervals in which Earshot was in step with the PBX (from a snapshot to the next drop). */
  const inStep: Array<[number, number]> = []
  let inStepSince: number | null = null
  client.on('event', (m) => floor.apply(m))
  client.on('reply', () => floor.heard())
  client.on('ready', (session) => {
    readies++
    resyncing = floor.resync(session)
  })
  client.on('status', (s) => {
    if (s.state === 'reconnecting') {
      if (!reconnecting) {
        floor.connectionLost()
        if (inStepSince !== null) inStep.push([inStepSince, demo.now()])
        inStepSince = null
      }
      reconnecting = true
    } else if (s.state === 'connected') reconnecting = false
  })
  floor.on('snapshot', () => {
    snapshots++
    client.connectionWorks()
    inStepSince = demo.now()
  })
  floor.on('error', () => undefined) // a snapshot cut by the next drop; the next connection takes its own

  const figures: DropFigures = {
    drops: 0,
    serverDrops: 0,
    clientDrops: 0,
    dropsDuringSnapshot: 0,
    checks: 0,
    floor: { ghosts: [], missing: [], answers: [] },
    log: { calls: 0, ghosts: [], missing: [], answers: [], talkErrorsMs: [], endedUnseen: [], neverSeen: 0 },
    pbxSeconds: 0,
    realSeconds: 0
  }

  const drop = (): void => {
    figures.drops++
    if (rnd() < 0.5) {
      figures.serverDrops++
      demo.dropConnections()
    } else {
      figures.clientDrops++
      client.reconnect(new Error('forced drop (client side)'))
    }
  }

  /**
   * The floor against the PBX, in a quiet moment: PBX time stands still, and a Ping's answer
   * follows every event sent before it. False when the connection turned out dropped (a drop can
   * land just after the last byte of a snapshot): then the next resync is the one to check.
   */
  const check = async (): Promise<boolean> => {
    demo.pause()
    try {
      const pong = await client.send({ Action: 'Ping' }).then(
        () => true,
        () => false
      )
      if (!pong) return false
      figures.checks++
      const model = floor.model()
      const shown = new Map(floor.rows().flatMap((r) => r.calls.map((c) => [c.id, c] as const)))
      for (const [id, call] of shown) {
        if (!demo.model.channels.has(id)) figures.floor.ghosts.push(`${call.channel} (${id})`)
        const t = truth.get(id)?.channel.answeredAt ?? null
        if (call.answeredAt !== null && t !== null) {
          figures.floor.answers.push({ id, errorMs: call.answeredAt - t, approx: call.answeredAtApprox, windowMs: model.channels.get(id)?.answerWindow ?? 0 })
        }
      }
      const rows = new Set(floor.rows().map((r) => r.extension))
      for (const ch of demo.model.channels.values()) {
        if (ch.endpoint === null || !rows.has(ch.endpoint.ext) || ch.app === 'ChanSpy') continue
        if (!shown.has(ch.uniqueid)) figures.floor.missing.push(`${ch.name} (${ch.uniqueid})`)
      }
      return true
    } finally {
      demo.resume()
    }
  }

  /** Waits for a resync after the snapshot count `before`, and checks the floor it left. */
  const resyncedAndChecked = async (before: number): Promise<void> => {
    for (let seen = before; ; seen = snapshots) {
      await until(() => snapshots > seen && !reconnecting, 'a resync')
      await resyncing
      if (await check()) return
    }
  }

  try {
    client.start()
    await resyncedAndChecked(0)
    while (figures.drops < options.drops) {
      await sleep(upMin + rnd() * (upMax - upMin))
      const before = snapshots
      const readyBefore = readies
      drop()
      // Now and then the next connection drops again while its snapshot loads.
      if (figures.drops < options.drops && rnd() < 0.2) {
        await until(() => readies > readyBefore, 'the reconnect')
        if (snapshots === before) {
          figures.dropsDuringSnapshot++
          drop()
        }
      }
      await resyncedAndChecked(before)
    }
    // The calls up at the end are logged once they end: end them all, then let the log decide.
    client.stop()
    if (inStepSince !== null) inStep.push([inStepSince, demo.now()])
    log.settle(Number.MAX_SAFE_INTEGER)
    compareLog(figures, log, windows, truth, inStep, pbxStart)
  } finally {
    client.stop()
    unsubscribe()
    figures.pbxSeconds = Math.round((demo.now() - pbxStart) / 1000)
    await demo.stop()
    figures.realSeconds = Math.round((Date.now() - started) / 100) / 10
  }
  return figures
}

/** The call log against every agent leg the PBX ran. */
function compareLog(figures: DropFigures, log: CallLogCollector, windows: ReadonlyMap<string, number>, truth: ReadonlyMap<string, Truth>, inStep: ReadonlyArray<[number, number]>, pbxStart: number): void {
  const logged = new Map(log.done.map((c) => [c.id, c]))
  figures.log.calls = logged.size
  for (const call of log.done) {
    const t = truth.get(call.id)
    if (t === undefined || (call.answeredAt !== null && t.channel.answeredAt === null)) {
      figures.log.ghosts.push(`${call.agentChannel} (${call.id})`)
      continue
    }
    if (call.answeredAt === null || t.channel.answeredAt === null || t.endedAt === null) continue
    const answer: AnswerSample = { id: call.id, errorMs: call.answeredAt - t.channel.answeredAt, approx: call.answeredAtApprox, windowMs: windows.get(call.id) ?? 0 }
    if (call.closedBy === 'resync') {
      figures.log.endedUnseen.push(t.endedAt - call.endedAt)
      continue
    }
    figures.log.answers.push(answer)
    figures.log.talkErrorsMs.push(call.endedAt - call.answeredAt - (t.endedAt - t.channel.answeredAt))
  }
  for (const [id, t] of truth) {
    const answered = t.channel.answeredAt
    // Agent legs that were talking at some moment Earshot was in step (the run's end counts as hung up then).
    if (t.channel.endpoint === null || t.channel.app === 'ChanSpy' || answered === null || answered < pbxStart - 1) continue
    const end = t.endedAt ?? Number.MAX_SAFE_INTEGER
    const seen = inStep.some(([from, to]) => answered <= to && end >= from)
    const call = logged.get(id)
    if (!seen) {
      if (call === undefined) figures.log.neverSeen++
      continue
    }
    if (t.endedAt !== null && (call === undefined || call.answeredAt === null)) figures.log.missing.push(`${t.channel.name} (${id})`)
  }
}

/** The figures in words (the bench's lines). */
export function describeDrops(f: DropFigures): string[] {
  const exact = (xs: AnswerSample[]): AnswerSample[] => xs.filter((s) => !s.approx)
  const approx = (xs: AnswerSample[]): AnswerSample[] => xs.filter((s) => s.approx)
  const maxAbs = (xs: readonly number[]): number => xs.reduce((m, x) => Math.max(m, Math.abs(x)), 0)
  const s = (ms: number): string => `${(ms / 1000).toFixed(2)} s`
  // The truth lies in [estimate − 1 s, estimate + window] (the second: `Duration` counts whole seconds).
  const outside = (xs: AnswerSample[]): number => xs.filter((a) => a.errorMs > 1000 || -a.errorMs > a.windowMs).length
  const over = (xs: readonly number[], ms: number): number => xs.filter((x) => Math.abs(x) > ms).length
  const floorExact = exact(f.floor.answers)
  const floorApprox = approx(f.floor.answers)
  const logExact = exact(f.log.answers)
  const logApprox = approx(f.log.answers)
  return [
    `forced drops:      ${f.drops} (${f.serverDrops} server-side, ${f.clientDrops} client-side, ${f.dropsDuringSnapshot} during a snapshot) over ${f.pbxSeconds} PBX s (${f.realSeconds} s)`,
    `  floor:           ${f.floor.ghosts.length} ghosts, ${f.floor.missing.length} missing over ${f.checks} checks after resyncs`,
    `  floor answers:   ${floorExact.length} exact, max error ${s(maxAbs(floorExact.map((a) => a.errorMs)))} (${over(floorExact.map((a) => a.errorMs), 1000)} over 1 s); ${floorApprox.length} estimated ("~"), max error ${s(maxAbs(floorApprox.map((a) => a.errorMs)))}, ${outside(floorApprox)} outside their stated window   [target: within 1 s, or "~" and within its window]`,
    `  call log:        ${f.log.calls} calls, ${f.log.ghosts.length} ghosts, ${f.log.missing.length} missing; ${f.log.neverSeen} answered legs began and ended unseen during a drop`,
    `  log talk time:   ${f.log.talkErrorsMs.length} calls hung up in view: max error ${s(maxAbs(f.log.talkErrorsMs))} (${over(f.log.talkErrorsMs, 1000)} over 1 s); answers ${logExact.length} exact, ${logApprox.length} estimated (${outside(logApprox)} outside their window)`,
    `  ended unseen:    ${f.log.endedUnseen.length} calls ended while disconnected (logged as lost, end = last known up): end up to ${s(Math.max(0, ...f.log.endedUnseen))} early`
  ]
}

/** The figures as numbers (the bench's JSON). */
export function dropFigures(f: DropFigures): Record<string, number> {
  const maxAbs = (xs: readonly number[]): number => Math.round(xs.reduce((m, x) => Math.max(m, Math.abs(x)), 0))
  const answers = [...f.floor.answers, ...f.log.answers]
  return {
    drops: f.drops,
    checks: f.checks,
    floorGhosts: f.floor.ghosts.length,
    floorMissing: f.floor.missing.length,
    logCalls: f.log.calls,
    logGhosts: f.log.ghosts.length,
    logMissing: f.log.missing.length,
    exactAnswers: answers.filter((a) => !a.approx).length,
    exactAnswerMaxErrorMs: maxAbs(answers.filter((a) => !a.approx).map((a) => a.errorMs)),
    estimatedAnswers: answers.filter((a) => a.approx).length,
    estimatedAnswerMaxErrorMs: maxAbs(answers.filter((a) => a.approx).map((a) => a.errorMs)),
    talkTimeMaxErrorMs: maxAbs(f.log.talkErrorsMs),
    talkTimesOver1s: f.log.talkErrorsMs.filter((x) => Math.abs(x) > 1000).length,
    endedUnseen: f.log.endedUnseen.length,
    endedUnseenMaxEarlyMs: maxAbs(f.log.endedUnseen),
    pbxSeconds: f.pbxSeconds
  }
}
