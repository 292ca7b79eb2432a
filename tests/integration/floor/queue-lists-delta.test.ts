/**
 * A delta carries of each queue only the fields that changed (QueueDeltaView): FloorService over
 * real loopback TCP against the demo PBX's living floor in several queues, with callers waiting.
 * The renderer store's merge (mergeQueues) of the deltas rebuilds exactly the queues a snapshot
 * gives; a member leaving a queue, and a caller joining one, travel (the count in the next delta,
 * the lists when they may go again); a field travels only when it differs from what the deltas
 * before left the renderer with.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { amiMessage } from '../../../src/main/ami'
import { FloorService } from '../../../src/main/calls/floor-service'
import { QUEUE_LISTS_EVERY_MS } from '../../../src/main/calls/live-floor'
import { type DemoPbx, startDemoPbx } from '../../../src/main/demo-pbx'
import type { FloorDelta } from '../../../src/shared/contract'
import type { QueueView } from '../../../src/shared/floor'
import { mergeQueues } from '../../../src/renderer/floor/queue-delta'
import { waitFor } from '../../support/wait'

const FLOOR_OPTIONS = { featureCodes: { listen: '555', whisper: '556', barge: '557' }, outboundPrefix: '9' }

let demo: DemoPbx | null = null
let service: FloorService | null = null
afterEach(async () => {
  service?.disconnect()
  await demo?.stop()
})

describe('queues in deltas', () => {
  it('are sent when they change and left out otherwise; merged, the deltas give the snapshot’s queues', async () => {
    demo = await startDemoPbx({ agents: 24, queues: 3, rate: 200, speed: 5, seed: 5 })
    service = new FloorService()
    const deltas: FloorDelta[] = []
    service.on('delta', (d) => deltas.push(d))
    service.connect({ kind: 'demo', client: { url: demo.url, username: demo.username, secret: demo.secret }, floor: FLOOR_OPTIONS })
    await waitFor(() => service?.status().state === 'live', 'live', 10_000)
    await waitFor(() => deltas.filter((d) => d.queues !== undefined).length > 10, 'ten deltas with queues', 10_000)
    // A window opened now takes a snapshot and follows the deltas after it.
    const opened = service.snapshot()
    await waitFor(() => deltas.filter((d) => d.queues !== undefined && d.seq > opened.seq).length > 10, 'ten more deltas with queues', 10_000)
    // PBX time stands still; the last changes go out within QUEUE_LISTS_EVERY_MS (lists held back wait that long).
    demo.pause()
    await new Promise((r) => setTimeout(r, QUEUE_LISTS_EVERY_MS + 100))
    const floorNow = (service as unknown as { floor: { queues(): QueueView[] } }).floor
    expect(service.snapshot().queues).toEqual(floorNow.queues())
    let followed = opened.queues
    for (const d of deltas) if (d.queues !== undefined && d.seq > opened.seq) followed = mergeQueues(d.queues, followed)
    expect(followed).toEqual(floorNow.queues())

    let queues: QueueView[] = []
    for (const d of deltas) if (d.queues !== undefined) queues = mergeQueues(d.queues, queues)
    expect(queues.map((q) => q.name)).toEqual(['queue-01', 'queue-02', 'queue-03'])
    expect(queues).toEqual(service.snapshot().queues)
    // Each agent answers two of the three queues: 16 members each.
    expect(queues.map((q) => q.members.length)).toEqual([16, 16, 16])
    // The snapshot's delta carries them; from then on, while nobody joins or leaves, no delta does.
    const carrying = deltas.filter((d) => d.queues?.some((q) => q.members !== undefined)).map((d) => d.seq)
    const withQueues = deltas.filter((d) => (d.queues?.length ?? 0) > 0).map((d) => d.seq)
    expect(withQueues.length).toBeGreaterThan(10)
    expect(carrying).toEqual(withQueues.slice(0, 1))

    // 1001 leaves queue-01: the next delta carries that queue's members (and only that queue's).
    const seen = deltas.length
    const floorApply = (service as unknown as { floor: { apply(m: ReturnType<typeof amiMessage>): void } }).floor
    floorApply.apply(amiMessage([['Event', 'QueueMemberRemoved'], ['Queue', 'queue-01'], ['Interface', 'PJSIP/1001'], ['StateInterface', 'PJSIP/1001']]))
    // Lists go at most every QUEUE_LISTS_EVERY_MS: the one carrying the members may come a few deltas later.
    await waitFor(() => deltas.slice(seen).some((d) => d.queues?.some((q) => q.members !== undefined)), 'a delta with members', 10_000)
    expect(deltas.slice(seen).flatMap((d) => d.queues?.filter((q) => q.members !== undefined).map((q) => q.name) ?? [])).toEqual(['queue-01'])
    for (const d of deltas.slice(seen)) if (d.queues !== undefined) queues = mergeQueues(d.queues, queues)
    expect(queues.find((q) => q.name === 'queue-01')?.members).not.toContain('1001')
    expect(queues).toEqual(service.snapshot().queues)

    // Every other field travels only when it differs from what the deltas before left the renderer
    // with (after the snapshot's delta, which carries everything); most queues in most deltas are
    // their name alone.
    let merged: QueueView[] = []
    let carried = 0
    let nameOnly = 0
    for (const [i, d] of deltas.filter((x) => (x.queues?.length ?? 0) > 0).entries()) {
      if (d.queues === undefined) continue
      for (const q of d.queues) {
        const fields = Object.entries(q).filter(([key, value]) => key !== 'name' && value !== undefined)
        if (fields.length === 0) nameOnly++
        const before = merged.find((m) => m.name === q.name)
        if (i === 0 || before === undefined) continue
        for (const [key, value] of fields) {
          carried++
          expect(value, `delta ${d.seq}, ${q.name}.${key}`).not.toEqual(before[key as keyof QueueView])
        }
      }
      merged = mergeQueues(d.queues, merged)
    }
    expect(carried).toBeGreaterThan(0)
    expect(nameOnly).toBeGreaterThan(0)
    const joinedAt = deltas.length
    floorApply.apply(
      amiMessage([['Event', 'QueueCallerJoin'], ['Queue', 'queue-02'], ['Uniqueid', '1700000000.99999'], ['CallerIDNum', '+442079460999'], ['CallerIDName', 'Test'], ['Position', '99']])
    )
    // Its count travels in the next delta, the list of callers when lists may go again.
    await waitFor(() => deltas.slice(joinedAt).some((d) => d.queues !== undefined), 'a delta with queues', 10_000)
    const joined = deltas.slice(joinedAt).find((d) => d.queues !== undefined)
    expect(joined?.queues?.filter((q) => q.waiting !== undefined).map((q) => q.name)).toEqual(['queue-02'])
    await waitFor(() => deltas.slice(joinedAt).some((d) => d.queues?.some((q) => q.callers !== undefined)), 'a delta with callers', 10_000)
    expect(deltas.slice(joinedAt).flatMap((d) => d.queues?.filter((q) => q.callers !== undefined).map((q) => q.name) ?? [])).toEqual(['queue-02'])
    for (const d of deltas.slice(joinedAt)) if (d.queues !== undefined) queues = mergeQueues(d.queues, queues)
    expect(queues.find((q) => q.name === 'queue-02')?.callers.map((c) => c.id)).toContain('1700000000.99999')
    expect(queues).toEqual(service.snapshot().queues)
  })
})
