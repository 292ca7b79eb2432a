/**
 * Quitting Earshot (or closing its last window) during a live supervision call: the window's
 * question says "Closing ends your leg of the call", but by then the window and its softphone are
 * gone, so nobody sends the leg's BYE. Main's wiring (liveCalls) over TCP to the demo PBX's living
 * floor, with supervisor 2002 the demo's own desk phone that answers.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, expect, it } from 'vitest'
import { openStore } from '../../../src/main/app'
import { liveCalls } from '../../../src/main/app/live-calls'
import { lookupIn } from '../../../src/main/customers'
import { startDemoPbx } from '../../../src/main/demo-pbx'
import { demoConnection } from '../../../src/main/settings'
import { waitFor } from '../../support/wait'

const cleanup: Array<() => unknown> = []
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f()
})

it("the window closing, and main stopping, hang up the supervisor's live leg, and only it: the agent's call goes on", async () => {
  const demo = await startDemoPbx({ seed: 7 })
  cleanup.push(() => demo.stop())
  const dir = mkdtempSync(join(tmpdir(), 'earshot-stop-supervising-'))
  const store = openStore({ dir })
  const base = demoConnection(demo)
  const connection = { ...base, supervision: { ...base.supervision, supervisorExtension: '2002' } }
  const live = liveCalls({
    store,
    customerOf: lookupIn(store.customers, () => 'GB'),
    connection: () => connection,
    operator: () => ({ id: 'op1', name: 'Sam Supervisor' }),
    status: () => undefined,
    callLogStatus: () => undefined
  })
  let stopped = false
  cleanup.push(
    () => rmSync(dir, { recursive: true, force: true }),
    () => store.close(),
    () => {
      if (!stopped) return live.stop()
    }
  )
  if (connection.floor === null) throw new Error('the demo has no floor source')
  live.floor.connect(connection.floor)
  // The living floor's calls last at least 21 s: take one answered a moment ago, so it outlasts the test.
  const fresh = (): { extension: string; id: string; channel: string } | undefined => {
    for (const row of live.floor.rows()) {
      const call = row.calls.find((c) => c.state === 'talking' && c.answeredAt !== null && Date.now() - c.answeredAt < 5000)
      if (call !== undefined) return { extension: row.extension, id: call.id, channel: call.channel }
    }
    return undefined
  }
  const call = await waitFor(fresh, 'a call just answered', 45_000)

  const legs2002 = (): number => demo.supervision().filter((l) => l.supervisorExtension === '2002').length
  const agentChannel = call.channel
  const supervise = async (): Promise<void> => {
    const started = await live.supervision.start({ agentExtension: call.extension, callId: call.id, mode: 'whisper' })
    await waitFor(() => live.supervision.session(started.id)?.phase === 'connected', 'the leg connected', 8000)
    expect(legs2002()).toBe(1)
  }

  // The window closes and Earshot runs on (macOS): the softphone went with it.
  await supervise()
  await live.hangUpLegs()
  await waitFor(() => legs2002() === 0, "the supervisor's leg hung up when the window closed", 5000)
  expect([...demo.model.channelsOf(demo.model.endpoint(call.extension))].map((c) => c.name)).toContain(agentChannel)

  await supervise()
  // Earshot quits (services.stop() on will-quit): nothing else will ever hang this leg up.
  await live.stop()
  stopped = true
  await waitFor(() => legs2002() === 0, "the supervisor's leg hung up", 5000)
  // Only the leg: the agent's call is still on the PBX.
  expect([...demo.model.channelsOf(demo.model.endpoint(call.extension))].map((c) => c.name)).toContain(agentChannel)
}, 75_000)
