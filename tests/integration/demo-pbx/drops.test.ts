/**
 * Issue 14, the forced-drop check: Earshot's AMI client, live floor and call log against the demo
 * PBX's living floor over loopback TCP, the connection dropped at random moments (server side,
 * client side, again while a snapshot loads). After every resync the floor has no ghost and
 * misses no call; at the end the call log has every call Earshot could see and none the PBX did
 * not run; answer and talk times are within 1 s of the PBX's, or are estimates ("~") whose stated
 * window holds the truth. (tools/bench/drops.ts is the harness; `npm run bench -- --drops N` runs many.)
 */
import { describe, expect, it } from 'vitest'
import { type AnswerSample, describeDrops, runDrops } from '../../../tools/bench/drops'

/** PBX time runs twice as fast as life: calls come and go within a few seconds of test. */
const SPEED = 2
/** PBX ms of slack for event latency (half a real second at that speed). */
const LATENCY = 1000

const exactOver = (xs: AnswerSample[]): AnswerSample[] => xs.filter((a) => !a.approx && Math.abs(a.errorMs) > 1000)
/**
 * Estimates are the earliest the answer can have been: the truth lies in [estimate − 1 s, estimate
 * + window] (the second: the snapshot's `Duration` counts whole seconds).
 */
const outsideWindow = (xs: AnswerSample[]): AnswerSample[] => xs.filter((a) => a.approx && (a.errorMs > 1000 + LATENCY || -a.errorMs > a.windowMs + LATENCY))

describe('forced AMI drops against the demo PBX’s truth', () => {
  it('leaves no ghost, misses no call, and keeps talk times within 1 s or honestly estimated', async () => {
    const f = await runDrops({ drops: 8, seed: 14, speed: SPEED, agents: 24, rate: 60 })
    process.stdout.write(`${describeDrops(f).join('\n')}\n`)
    expect(f.drops).toBe(8)
    expect(f.checks).toBeGreaterThanOrEqual(f.drops - f.dropsDuringSnapshot + 1)
    expect(f.floor.ghosts).toEqual([])
    expect(f.floor.missing).toEqual([])
    expect(f.log.ghosts).toEqual([])
    expect(f.log.missing).toEqual([])
    // Calls were answered in view and after drops alike, and some hung up in view.
    expect(f.floor.answers.length).toBeGreaterThan(0)
    expect(f.log.talkErrorsMs.length).toBeGreaterThan(0)
    expect(exactOver(f.floor.answers)).toEqual([])
    expect(outsideWindow(f.floor.answers)).toEqual([])
    expect(exactOver(f.log.answers)).toEqual([])
    expect(outsideWindow(f.log.answers)).toEqual([])
    // A call that ended while the connection was down is logged as lost, ended when last known up: never later than the truth.
    expect(f.log.endedUnseen.filter((early) => early < -LATENCY)).toEqual([])
  }, 120_000)
})
