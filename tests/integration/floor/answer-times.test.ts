/**
 * Issue 13.5: the answer time of a call answered while the AMI connection was down. In
 * outbound-answered.jsonl agent 1002's leg rings from t=1762 and is answered at t=4764 (its
 * `Newstate … Up`); it leaves its bridge at t=10771 and hangs up at t=10772. The connection drops at
 * t=3000, while it rings. What the PBX says next is all Earshot can know:
 * - the new connection's first events can arrive in the same read as its login response, before
 *   the snapshot is even asked for (here the leg's BridgeLeave at 10771). An event showing the leg
 *   Up is not its answer: it was answered while nobody listened. It must not be taken as answered
 *   then (the reconnect time, exact), but settled like any answer the snapshot shows first — from
 *   the CDR when Getvar is allowed, else an estimate, marked as one;
 * - an estimate never counts ring time Earshot watched: Asterisk writes events and the answers to
 *   actions (the heartbeat's Pong) to one connection in order, so a leg not answered in any event
 *   before the last answer heard was still ringing then — not only at the last event heard, which
 *   on a quiet PBX is the leg's own ringing, long before the drop.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { AmiMessage } from '../../../src/main/ami/message'
import { FloorService, LiveFloor } from '../../../src/main/calls'
import type { AgentCall } from '../../../src/shared/floor'
import { answersIn, CaptureSession, liveMessages } from '../../support/capture-session'
import { type CaptureServer, startCaptureServer } from '../../support/capture-server'
import { LAB_OPTIONS, loadTrace } from '../../support/traces'
import { waitFor } from '../../support/wait'

const records = loadTrace('outbound-answered')
const LEG = 'PJSIP/1002-00000003'
const live = liveMessages(records)
const truth = answersIn(records).get(LEG)
if (truth?.answeredAt == null || truth.endedAt === null) throw new Error(`outbound-answered.jsonl no longer answers and hangs up ${LEG}`)
const ANSWERED = truth.answeredAt
const DROP = 3000
/** The last event heard before the drop (the leg's DialState). */
const HEARD = Math.max(...live.filter(({ t, message }) => t <= DROP && message.fields.Event !== undefined).map(({ t }) => t))
/** The leg's first event after it was answered and bridged that the floor reads (RTCP and HangupRequest it skips): its BridgeLeave. */
const next = live.find(({ t, message }) => t > ANSWERED + 100 && message.fields.Channel === LEG && message.fields.Event === 'BridgeLeave')
if (next === undefined) throw new Error(`outbound-answered.jsonl has no event of ${LEG} after its answer`)
const BACK = next.t

function call1002(floor: { rows(): Array<{ extension: string; calls: AgentCall[] }> }): AgentCall | undefined {
  return floor.rows().find((r) => r.extension === '1002')?.calls.find((c) => c.channel === LEG)
}

/** A floor that followed the capture until the drop while 1002 rang, and the PBX it reconnects to. */
async function droppedWhileRinging(getvar: 'cdr' | 'denied'): Promise<{ floor: LiveFloor; pbx: CaptureSession; clock: { t: number } }> {
  const clock = { t: live[0]?.t ?? 0 }
  const floor = new LiveFloor(LAB_OPTIONS, () => clock.t)
  const pbx = new CaptureSession(records, () => clock.t, { getvar })
  await floor.resync(pbx)
  for (const { t, message } of live) {
    if (t > DROP) break
    clock.t = t
    floor.apply(message)
  }
  expect(call1002(floor)).toMatchObject({ state: 'ringing' })
  clock.t = DROP
  floor.connectionLost()
  return { floor, pbx, clock }
}

/** The next connection: its first event arrives with the login response, then its snapshot. */
async function reconnected(floor: LiveFloor, pbx: CaptureSession, clock: { t: number }, first: AmiMessage): Promise<void> {
  clock.t = BACK
  floor.apply(first)
  await floor.resync(pbx)
}

describe('an answer Earshot did not hear (issue 13.5)', () => {
  it('is not taken as answered when the next connection first mentions the leg: without Getvar, an estimate from the last sign of ringing, marked', async () => {
    const { floor, pbx, clock } = await droppedWhileRinging('denied')
    await reconnected(floor, pbx, clock, next.message)
    const call = call1002(floor)
    expect(call?.state).toBe('talking')
    // Before the fix: answered at 10771 (the reconnect), not marked as an estimate.
    expect(call?.answeredAtApprox).toBe(true)
    expect(call?.answeredAt).toBeGreaterThanOrEqual(HEARD)
    expect(call?.answeredAt).toBeLessThanOrEqual(ANSWERED)
  })

  it('is the CDR’s answer time when Getvar is allowed', async () => {
    const { floor, pbx, clock } = await droppedWhileRinging('cdr')
    await reconnected(floor, pbx, clock, next.message)
    expect(pbx.asked).toContain('Getvar')
    const call = call1002(floor)
    expect(call?.answeredAtApprox).toBe(false)
    expect(Math.abs((call?.answeredAt ?? 0) - ANSWERED)).toBeLessThanOrEqual(5)
  })

  it('a connection that drops just as its snapshot’s last answer comes in leaves the floor out of step: the next connection’s events wait for its snapshot', async () => {
    const { floor, pbx, clock } = await droppedWhileRinging('cdr')
    // The next connection's snapshot, taken while the leg still rings (its answers are in), and then that connection drops too,
    // before the floor has folded them (the client says so first).
    const resync = floor.resync(pbx)
    floor.connectionLost()
    await resync
    expect(call1002(floor)).toMatchObject({ state: 'ringing' })
    // The leg is answered while this connection is gone; the third one mentions it first in the read with its login response.
    await reconnected(floor, pbx, clock, next.message)
    const call = call1002(floor)
    // Before the fix: answered at 10771, exact, when the third connection first mentioned it.
    expect(call?.answeredAtApprox).toBe(false)
    expect(Math.abs((call?.answeredAt ?? 0) - ANSWERED)).toBeLessThanOrEqual(5)
  })

  it('a snapshot the PBX refuses (no privilege) leaves the model out of step: a leg seen Up then is an estimate, not answered then', async () => {
    const { floor, clock } = await droppedWhileRinging('denied')
    const errors: Error[] = []
    floor.on('error', (e) => errors.push(e))
    clock.t = BACK
    await floor.resync(new CaptureSession(records, () => clock.t, { getvar: 'denied', denied: ['CoreShowChannels'] }))
    expect(errors.map((e) => e.message)).toEqual(['Permission denied'])
    floor.apply(next.message)
    const call = call1002(floor)
    expect(call?.state).toBe('talking')
    // Before the fix: answered at 10771, exact.
    expect(call?.answeredAtApprox).toBe(true)
    expect(call?.answeredAt).toBeGreaterThanOrEqual(HEARD)
    expect(call?.answeredAt).toBeLessThanOrEqual(ANSWERED)
  })

  it('a floor that starts mid-call (Earshot started, or switched PBX address) does the same with the first events it hears', async () => {
    const clock = { t: BACK }
    const floor = new LiveFloor(LAB_OPTIONS, () => clock.t)
    const pbx = new CaptureSession(records, () => clock.t, { getvar: 'cdr' })
    floor.apply(next.message)
    await floor.resync(pbx)
    const call = call1002(floor)
    expect(call?.answeredAtApprox).toBe(false)
    expect(Math.abs((call?.answeredAt ?? 0) - ANSWERED)).toBeLessThanOrEqual(5)
  })
})

describe('an estimate never counts ring time Earshot watched (issue 13.5)', () => {
  let server: CaptureServer | null = null
  let service: FloorService | null = null
  afterEach(async () => {
    service?.disconnect()
    await server?.close()
    service = null
    server = null
  })

  it('the heartbeat’s Pong heard while the leg rang: it rang at least until then, so the estimate starts no earlier', async () => {
    // The capture's Asterisk (no Getvar: it answers "Invalid/unknown command"), twice as fast as
    // life; Earshot pings every 100 ms (15 s in the app), so every 200 ms of PBX time.
    const pbx = await startCaptureServer(records, { speed: 2 })
    server = pbx
    const floor = new FloorService(() => pbx.now())
    service = floor
    const PING_MS = 100
    floor.connect({
      kind: 'pbx',
      client: { url: `ami://127.0.0.1:${pbx.port}`, username: 'earshot', secret: 'earshot-secret', backoff: { baseMs: 20, maxMs: 100 }, pingIntervalMs: PING_MS },
      floor: LAB_OPTIONS
    })
    await waitFor(() => floor.status().state === 'live', 'the floor live', 10_000)
    await pbx.until(DROP)
    expect(call1002(floor)).toMatchObject({ state: 'ringing' })
    // The network is down for a while; the call is answered meanwhile.
    pbx.refuseClients(true)
    pbx.dropClients()
    const droppedAt = pbx.now()
    await waitFor(() => floor.status().state === 'reconnecting', 'the drop noticed', 10_000)
    await pbx.until(ANSWERED + 1000)
    pbx.refuseClients(false)
    await waitFor(() => floor.status().state === 'live' && call1002(floor)?.state === 'talking', 'the floor live again, 1002 talking', 10_000)
    const call = call1002(floor)
    expect(call?.answeredAtApprox).toBe(true)
    // Before the fix: the last event heard before the drop (1765), counting the ring time watched until the drop.
    // Now: the last Pong before it, at most two pings (of PBX time) earlier.
    expect(call?.answeredAt).toBeGreaterThanOrEqual(droppedAt - 2 * PING_MS * 2)
    expect(call?.answeredAt).toBeLessThanOrEqual(ANSWERED)
  }, 30_000)
})
