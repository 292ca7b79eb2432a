/**
 * The floor store across snapshots (a reconnect, a sequence gap): a row that did not change keeps
 * its object, so memoised rows do not re-render; a row that did is the snapshot's. The rows are
 * the calls model's over a real capture (spy-listen: 2002 listens to 1001's call at 6 s and has
 * left by 10 s), sent through a structured clone as IPC sends them.
 */
import { describe, expect, it } from 'vitest'
import { replayFloor } from '../../../src/main/capture/replay'
import { agentRows } from '../../../src/main/calls'
import { CALL_LOG_WRITES_OK, type EarshotApi, type FloorSnapshot } from '../../../src/shared/contract'
import type { AgentRow } from '../../../src/shared/floor'
import { FloorStore } from '../../../src/renderer/floor/store'
import { LAB_OPTIONS, loadTrace } from '../../support/traces'

const records = loadTrace('spy-listen')

function snapshotAt(at: number, seq: number): FloorSnapshot {
  return structuredClone({
    seq,
    rows: agentRows(replayFloor(records, LAB_OPTIONS, at)),
    queues: [],
    connection: { source: 'pbx', state: 'live', message: null, retryAt: null, stale: false },
    callLog: CALL_LOG_WRITES_OK,
    serverTime: at
  } satisfies FloorSnapshot)
}

/** Main as the store sees it: each snapshot asked for is the next of `snapshots`. */
function storeServing(snapshots: FloorSnapshot[]): FloorStore {
  const api = {
    invoke: (channel: string) => {
      const next = snapshots.shift()
      return channel === 'floor:snapshot' && next !== undefined ? Promise.resolve(next) : Promise.reject(new Error(`unexpected ${channel}`))
    },
    on: () => () => undefined
  } as unknown as EarshotApi
  return new FloorStore(api)
}

async function settled(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 0))
}

function rowsOf(store: FloorStore): Map<string, AgentRow> {
  return new Map(store.getSnapshot().rows)
}

describe('the floor store keeps unchanged rows across snapshots', () => {
  it('the same floor again: every row keeps its object', async () => {
    const store = storeServing([snapshotAt(6000, 1), snapshotAt(6000, 5)])
    store.start()
    await settled()
    const first = rowsOf(store)
    expect(first.size).toBeGreaterThan(1)
    store.requestSnapshot()
    await settled()
    expect(store.getSnapshot().seq).toBe(5)
    for (const [extension, row] of store.getSnapshot().rows) expect(row).toBe(first.get(extension))
    store.stop()
  })

  it('a floor that moved on: the changed row is the new one, the others keep their objects', async () => {
    const later = snapshotAt(10000, 9)
    const store = storeServing([snapshotAt(6000, 1), later])
    store.start()
    await settled()
    const first = rowsOf(store)
    expect(first.get('1001')?.calls[0]?.supervisors).toEqual([{ extension: '2002', mode: 'listen' }])
    store.requestSnapshot()
    await settled()
    const second = store.getSnapshot().rows
    // Only a nested field of 1001's call changed: its supervisors.
    expect(second.get('1001')?.calls[0]?.supervisors).toEqual([])
    expect(second.get('1001')).not.toBe(first.get('1001'))
    let kept = 0
    for (const row of later.rows) {
      const unchanged = JSON.stringify(row) === JSON.stringify(first.get(row.extension))
      if (unchanged) kept++
      expect(second.get(row.extension)).toBe(unchanged ? first.get(row.extension) : row)
    }
    expect(kept).toBeGreaterThan(0)
    store.stop()
  })
})
