/**
 * A delta carries of each queue only the fields that changed since the last one (QueueDeltaView),
 * so a window that opens mid-stream must get the queues as that last delta left them: its
 * snapshot plus the deltas after it must give the floor as it is. Deterministic, where the
 * living-floor test (tests/integration/floor/queue-lists-delta.test.ts) depends on timing: a
 * caller joins and leaves between two deltas, and a window asks for its snapshot in between.
 */
import { describe, expect, it } from 'vitest'
import { amiMessage } from '../../../src/main/ami'
import { LiveFloor } from '../../../src/main/calls'
import { QUEUE_LISTS_EVERY_MS } from '../../../src/main/calls/live-floor'
import { mergeQueues } from '../../../src/renderer/floor/queue-delta'
import type { QueueDeltaView, QueueView } from '../../../src/shared/floor'
import { LAB_OPTIONS } from '../../support/traces'

const join = (id: string, position: number): ReturnType<typeof amiMessage> =>
  amiMessage([['Event', 'QueueCallerJoin'], ['Queue', 'support'], ['Uniqueid', id], ['CallerIDNum', `+4420794600${id}`], ['CallerIDName', 'Caller'], ['Position', String(position)]])
const leave = (id: string): ReturnType<typeof amiMessage> => amiMessage([['Event', 'QueueCallerLeave'], ['Queue', 'support'], ['Uniqueid', id]])

/** A live floor after an empty snapshot, and every queue list its deltas carry, in order. */
async function floorWithQueueDeltas(now: () => number): Promise<{ floor: LiveFloor; deltas: QueueDeltaView[][] }> {
  const floor = new LiveFloor(LAB_OPTIONS, now)
  await floor.resync({ send: () => Promise.resolve({ events: [] }) })
  const deltas: QueueDeltaView[][] = []
  floor.on('delta', (_rows, _removed, queues) => {
    if (queues !== undefined) deltas.push(queues)
  })
  return { floor, deltas }
}

describe('queues in deltas', () => {
  it('a snapshot taken between two deltas, and the deltas after it, give the queues as they are', async () => {
    let t = 1000
    const { floor, deltas } = await floorWithQueueDeltas(() => t)
    floor.apply(join('11', 1))
    floor.flush()
    expect(deltas.at(-1)).toEqual([expect.objectContaining({ name: 'support', waiting: 1 })])

    // A second caller joins; a window opens now; the caller leaves before the next delta.
    t = 2000
    floor.apply(join('12', 2))
    const opened = floor.sentQueues()
    const seen = deltas.length
    t = 3000
    floor.apply(leave('12'))
    floor.flush()
    let windowQueues: QueueView[] = opened
    for (const queues of deltas.slice(seen)) windowQueues = mergeQueues(queues, windowQueues)
    expect(windowQueues).toEqual(floor.queues())

    // A field that did not change since the last delta is left out; one that did travels.
    t = 4000
    floor.apply(leave('11'))
    floor.flush()
    const last = deltas.at(-1)?.[0]
    expect(last).toMatchObject({ name: 'support', waiting: 0, longestWaitSince: null, callers: [] })
    expect(last).not.toHaveProperty('strategy')
    expect(last).not.toHaveProperty('members')
  })

  it("a queue's lists go at most every QUEUE_LISTS_EVERY_MS, its figures with every delta, and the held list is what a snapshot gives", async () => {
    let t = 1000
    const { floor, deltas } = await floorWithQueueDeltas(() => t)
    floor.apply(join('11', 1))
    floor.flush()
    expect(deltas.at(-1)?.[0]?.callers?.map((c) => c.id)).toEqual(['11'])
    let held: QueueView[] = mergeQueues(deltas.at(-1) ?? [], [])

    // A second caller joins soon after: the count goes now, the list waits.
    t += QUEUE_LISTS_EVERY_MS / 2
    floor.apply(join('12', 2))
    floor.flush()
    const count = deltas.at(-1)?.[0]
    expect(count).toMatchObject({ name: 'support', waiting: 2 })
    expect(count).not.toHaveProperty('callers')
    held = mergeQueues(deltas.at(-1) ?? [], held)
    // A window opening now gets what the others hold, so the deltas after it add up.
    expect(floor.sentQueues()).toEqual(held)
    expect(held[0]?.callers.map((c) => c.id)).toEqual(['11'])

    // Nothing else happens: no delta until the list may go, then the list alone.
    const sent = deltas.length
    t += QUEUE_LISTS_EVERY_MS / 2 - 1
    floor.flush()
    expect(deltas.length).toBe(sent)
    t += 1
    floor.flush()
    expect(deltas.length).toBe(sent + 1)
    expect(Object.keys(deltas.at(-1)?.[0] ?? {}).sort()).toEqual(['callers', 'name'])
    expect(mergeQueues(deltas.at(-1) ?? [], held)).toEqual(floor.queues())
  })

  it('a list that changes and changes back while it is held does not travel: it is what the renderers hold', async () => {
    let t = 1000
    const { floor, deltas } = await floorWithQueueDeltas(() => t)
    floor.apply(join('11', 1))
    floor.flush()
    expect(deltas.at(-1)?.[0]?.callers?.map((c) => c.id)).toEqual(['11'])

    // A caller joins and leaves within the hold: the counts travel, the list never differs from the one sent.
    t += QUEUE_LISTS_EVERY_MS / 4
    floor.apply(join('12', 2))
    floor.flush()
    t += QUEUE_LISTS_EVERY_MS / 4
    floor.apply(leave('12'))
    floor.flush()
    t += QUEUE_LISTS_EVERY_MS
    floor.flush()
    const lists = deltas.slice(1).flatMap((queues) => queues.filter((q) => q.callers !== undefined))
    expect(lists).toEqual([])
    expect(floor.sentQueues()).toEqual(floor.queues())
  })
})
