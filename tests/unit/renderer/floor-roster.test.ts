/**
 * The floor store's roster (src/renderer/floor/roster.ts): the same number while nobody comes,
 * goes or is renamed, so the kept name order (NameOrder) skips looking at every row; a new one
 * otherwise, and the name order follows it. Fed through the store's own snapshot and delta paths.
 */
import { describe, expect, it } from 'vitest'
import { CALL_LOG_WRITES_OK, type EarshotApi, type FloorDelta, type FloorSnapshot } from '../../../src/shared/contract'
import type { AgentRow } from '../../../src/shared/floor'
import { FloorStore } from '../../../src/renderer/floor/store'
import { NameOrder } from '../../../src/renderer/floor/name-order'
import { rosterOf } from '../../../src/renderer/floor/roster'

const row = (extension: string, name: string, status: AgentRow['status'] = 'idle'): AgentRow => ({ extension, name, status, statusSince: null, pauseReason: null, pause: null, calls: [], unansweredRings: 0 })

const snapshot = (seq: number, rows: AgentRow[]): FloorSnapshot => ({
  seq,
  rows,
  queues: [],
  connection: { source: 'pbx', state: 'live', message: null, retryAt: null, stale: false },
  callLog: CALL_LOG_WRITES_OK,
  serverTime: 0
})

/** A store whose snapshots come from `snapshots` in turn, and whose deltas the test sends. */
function storeFed(snapshots: FloorSnapshot[]): { store: FloorStore; send: (delta: Omit<FloorDelta, 'queues'>) => void } {
  let onDelta: ((delta: FloorDelta) => void) | null = null
  const api = {
    invoke: () => Promise.resolve(snapshots.shift()),
    on: (channel: string, listener: (payload: unknown) => void) => {
      if (channel === 'floor:delta') onDelta = listener
      return () => undefined
    }
  } as unknown as EarshotApi
  const store = new FloorStore(api)
  return { store, send: (delta) => onDelta?.(delta) }
}

const settled = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0))

describe('the floor roster', () => {
  it('stays while only states change; changes when an agent comes, goes or is renamed, and at each snapshot', async () => {
    const { store, send } = storeFed([snapshot(1, [row('1001', 'Amar'), row('1002', 'Beth')]), snapshot(9, [row('1001', 'Amar'), row('1002', 'Beth')])])
    store.start()
    await settled()
    const names = new NameOrder()
    const roster = () => rosterOf(store.getSnapshot().rows)
    const order = () => names.ordered(store.getSnapshot().rows)
    const first = roster()
    expect(first).not.toBeNull()
    expect(order()).toEqual(['1001', '1002'])

    send({ seq: 2, rows: [row('1001', 'Amar', 'talking')], removed: [] })
    expect(roster()).toBe(first)
    expect(order()).toEqual(['1001', '1002'])

    send({ seq: 3, rows: [row('1001', 'Zed', 'talking')], removed: [] })
    const renamed = roster()
    expect(renamed).not.toBe(first)
    expect(order()).toEqual(['1002', '1001'])

    send({ seq: 4, rows: [row('1003', 'Abe')], removed: [] })
    const joined = roster()
    expect(joined).not.toBe(renamed)
    expect(order()).toEqual(['1003', '1002', '1001'])

    send({ seq: 5, rows: [], removed: ['1003'] })
    expect(roster()).not.toBe(joined)
    expect(order()).toEqual(['1002', '1001'])
    // Removing someone not there changes nobody.
    const after = roster()
    send({ seq: 6, rows: [], removed: ['4242'] })
    expect(roster()).toBe(after)

    // A snapshot: a new roster, whatever it holds (Amar is back under his name).
    store.requestSnapshot()
    await settled()
    expect(roster()).not.toBe(after)
    expect(order()).toEqual(['1001', '1002'])
    store.stop()
  })
})
