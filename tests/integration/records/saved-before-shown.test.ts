/**
 * The call log's calls in progress are saved before the floor shows them, and on a busy floor
 * they are committed once per delta rather than once per socket read (issue 14's soak: those
 * commits were the largest part of main's work). The services' wiring (liveCalls) over real TCP
 * to the demo PBX playing a real capture, with a real SQLite file.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, expect, it } from 'vitest'
import { openStore } from '../../../src/main/app'
import { liveCalls } from '../../../src/main/app/live-calls'
import { startDemoPbx } from '../../../src/main/demo-pbx'
import { demoConnection } from '../../../src/main/settings'
import { waitFor } from '../../support/wait'
import { lookupIn } from '../../../src/main/customers'

const cleanup: Array<() => unknown> = []
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f()
})

it('every call a delta shows is already saved, and the commits between ticks are made as deltas go out', async () => {
  const demo = await startDemoPbx({ scenario: 'inbound-queue-answered' })
  cleanup.push(() => demo.stop())
  const dir = mkdtempSync(join(tmpdir(), 'earshot-saved-before-shown-'))
  const store = openStore({ dir })
  const connection = demoConnection(demo)
  const live = liveCalls({ store, customerOf: lookupIn(store.customers, () => 'GB'), connection: () => connection, operator: () => null, status: () => undefined, callLogStatus: () => undefined })
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }), () => store.close(), () => live.stop())

  // Where each commit made between ticks (not waiting for the disk) came from.
  const between: string[] = []
  const commit = store.openCalls.commit.bind(store.openCalls)
  store.openCalls.commit = (batch, options) => {
    if (options?.durable === false) between.push(new Error('commit').stack ?? '')
    return commit(batch, options)
  }
  const shownUnsaved: string[] = []
  let shown = 0
  live.floor.on('delta', (delta) => {
    const saved = new Set(store.openCalls.load().rows.map((r) => r.id))
    for (const call of delta.rows.flatMap((r) => r.calls)) {
      shown++
      if (!saved.has(call.id)) shownUnsaved.push(call.id)
    }
  })
  if (connection.floor === null) throw new Error('the demo has no floor source')
  live.floor.connect(connection.floor)

  // inbound-queue-answered: 1001 rings, answers, and the caller hangs up 8 s later.
  await waitFor(() => store.callLog.list().total === 1, 'the call in the log', 20_000)
  expect(shown).toBeGreaterThan(0)
  expect(shownUnsaved).toEqual([])
  expect(between.length).toBeGreaterThan(0)
  for (const stack of between) expect(stack).toMatch(/LiveFloor\.flush/)
}, 30_000)
