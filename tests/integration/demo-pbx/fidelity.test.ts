/**
 * The demo PBX plays each shared capture's scenario, and Earshot's engine must see the same floor
 * as it saw from the real Asterisk: the corrected checkpoints, and the whole replay view of agents
 * 1001-1004 and supervisor 2002 (talk time ±1 s). In virtual time for every scenario, and over a
 * real loopback AMI connection (AmiClient + LiveFloor) for spy-listen.
 */
import { describe, expect, it } from 'vitest'
import { AmiClient } from '../../../src/main/ami/client'
import { AmiDecoder } from '../../../src/main/ami/decoder'
import type { AmiAction } from '../../../src/main/ami/session'
import { replayAt } from '../../../src/main/capture/replay'
import { viewOfRows, type ReplayAgent, type ReplayResult } from '../../../src/main/capture/view'
import { startDemoPbx, type DemoPbx } from '../../../src/main/demo-pbx'
import { SCENARIO_NAMES, SCENARIOS } from '../../../src/main/demo-pbx/scenarios'
import { LiveFloor } from '../../../src/main/calls/live-floor'
import { CHECKPOINTS, expectCheckpoint } from '../../support/checkpoints'
import { LAB_OPTIONS, loadTrace } from '../../support/traces'
import { playScenario } from './play'
import { waitFor } from '../../support/wait'

const COMPARED = ['1001', '1002', '1003', '1004', '2002']

/** The replay view of the compared agents, talk time aside (compared within ±1 s). */
function expectSameFloor(demo: ReplayResult, real: ReplayResult): void {
  const pick = (r: ReplayResult): Record<string, ReplayAgent> => Object.fromEntries(r.agents.filter((a) => COMPARED.includes(a.extension)).map((a) => [a.extension, a]))
  const d = pick(demo)
  const r = pick(real)
  expect(Object.keys(d).sort()).toEqual(COMPARED)
  for (const ext of COMPARED) {
    const { talkSeconds: dt, statusSince: ds, statusSeconds: dss, ...dRest } = d[ext] as ReplayAgent
    const { talkSeconds: rt, statusSince: rs, statusSeconds: rss, ...rRest } = r[ext] as ReplayAgent
    expect(dRest, `agent ${ext} at ${real.at} ms`).toEqual(rRest)
    expectNear(dt, rt, 1, `agent ${ext} talk time at ${real.at} ms`)
    // Time in state: the same to about a second. A state the capture shows began before it started
    // (the snapshot's LastCall/LoginTime), or whose start its figures leave unknown (a pause ended
    // at a time nobody tells), began in the lab's history, which no scenario scripts: the demo
    // must then not place it inside the capture either.
    if (rs === null || rs < 0) {
      if (ds !== null) expect(ds, `agent ${ext} status since at ${real.at} ms: ${ds} vs ${rs}`).toBeLessThan(0)
    } else {
      expectNear(ds, rs, 1000, `agent ${ext} status since at ${real.at} ms`)
      expectNear(dss, rss, 1, `agent ${ext} seconds in state at ${real.at} ms`)
    }
  }
  // The queues: callers waiting and for how long, members by state, answered and abandoned.
  expect(demo.queues.map(({ longestWaitSeconds: _, ...q }) => q), `queues at ${real.at} ms`).toEqual(real.queues.map(({ longestWaitSeconds: _, ...q }) => q))
  real.queues.forEach((q, i) => expectNear(demo.queues[i]?.longestWaitSeconds ?? null, q.longestWaitSeconds, 1, `${q.name} longest wait at ${real.at} ms`))
}

/** Both null, or both numbers within `tolerance`. */
function expectNear(demo: number | null, real: number | null, tolerance: number, what: string): void {
  if (real === null) expect(demo, what).toBeNull()
  else expect(Math.abs((demo ?? -1e12) - real), `${what}: ${demo} vs ${real}`).toBeLessThanOrEqual(tolerance)
}

/** Every checkpoint's moment, plus a few more inside the interesting stretches. */
function momentsOf(scenario: string): number[] {
  const extra: Record<string, number[]> = {
    'inbound-queue-answered': [1000, 1600, 9000],
    'outbound-answered': [1800, 4900, 10900],
    'ringing-abandoned': [1000, 1600, 7600, 9100],
    'queue-pause': [1000, 2600, 7600],
    'agent-offline': [1000, 8000, 12000, 19000, 24000],
    'spy-listen': [1100, 4100, 4200, 9200, 12500],
    'spy-whisper': [4200, 9200],
    'spy-barge': [4200, 9200]
  }
  return [...new Set([...CHECKPOINTS.filter((c) => c.scenario === scenario).map((c) => c.at), ...(extra[scenario] ?? [])])].sort((a, b) => a - b)
}

describe('the demo PBX plays the captures (virtual time)', () => {
  for (const scenario of SCENARIO_NAMES) {
    it(scenario, () => {
      const trace = loadTrace(scenario)
      const play = playScenario(scenario)
      for (const at of momentsOf(scenario)) {
        const demo = play.viewAt(at)
        for (const cp of CHECKPOINTS.filter((c) => c.scenario === scenario && c.at === at)) expectCheckpoint(cp, demo)
        expectSameFloor(demo, replayAt(trace, LAB_OPTIONS, at))
      }
    })
  }
})

describe('the demo PBX plays the captures over a real AMI connection', () => {
  for (const scenario of ['spy-listen', 'ringing-abandoned'] as const) {
    it(`${scenario}: AmiClient + LiveFloor, the console's actions sent over AMI`, async () => {
      const trace = loadTrace(scenario)
      const pbx = await startDemoPbx({ scenario, consoleActions: 'client', speed: 10 })
      // The floor runs on the PBX clock, so its talk times compare with the capture's.
      const floor = new LiveFloor(LAB_OPTIONS, () => pbx.now())
      const decoder = new AmiDecoder()
      let snapshots = 0
      floor.on('snapshot', () => snapshots++)
      const client = new AmiClient({
        url: pbx.url,
        username: pbx.username,
        secret: pbx.secret,
        backoff: { baseMs: 50, maxMs: 200 },
        // What Earshot sends goes into its own floor too (it tells spy legs from calls).
        tap: {
          write: (raw) => {
            for (const frame of decoder.write(raw)) if (frame.kind === 'message' && frame.message.fields.Action === 'Originate') floor.apply(frame.message)
          }
        }
      })
      client.on('event', (m) => floor.apply(m))
      client.on('ready', (session) => void floor.resync(session))
      client.start()
      try {
        await waitFor(() => snapshots === 1, 'the snapshot')
        const console = [...SCENARIOS[scenario].console]
        const checks = momentsOf(scenario).filter((at) => CHECKPOINTS.some((c) => c.scenario === scenario && c.at === at))
        for (const at of checks) {
          for (let step = console[0]; step !== undefined && step.at <= at; step = console[0]) {
            console.shift()
            await pauseAt(pbx, step.at)
            await client.send(step.action as AmiAction)
            pbx.resume()
          }
          // PBX time stops at `at`, and a Ping's answer follows every event sent before it, so the
          // floor holds exactly the events up to `at` however slow this machine is.
          await pauseAt(pbx, at)
          await client.send({ Action: 'Ping' })
          const demo = viewOfRows(floor.rows(), at, floor.queues())
          for (const cp of CHECKPOINTS.filter((c) => c.scenario === scenario && c.at === at)) expectCheckpoint(cp, demo)
          expectSameFloor(demo, replayAt(trace, LAB_OPTIONS, at))
          pbx.resume()
        }
      } finally {
        client.stop()
        await pbx.stop()
      }
    })
  }
})

/**
 * Freezes PBX time at `t` (in PBX time, after the events due at `t`). A moment already past (a
 * console step due right after login, on a slow machine) freezes it at once.
 */
async function pauseAt(pbx: DemoPbx, t: number): Promise<void> {
  const wait = t - pbx.now()
  if (wait <= 0) {
    pbx.pause()
    return
  }
  await new Promise<void>((resolve) =>
    pbx.model.clock.after(wait, () => {
      pbx.pause()
      resolve()
    })
  )
}

