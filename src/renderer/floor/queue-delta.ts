import type { QueueDeltaView, QueueView } from '../../shared/floor'

/** A queue no delta has described yet (only a renderer that missed one could meet it; it then asks for a snapshot anyway). */
function emptyQueue(name: string): QueueView {
  return {
    name,
    strategy: null,
    waiting: 0,
    longestWaitSince: null,
    callers: [],
    members: [],
    available: 0,
    busy: 0,
    paused: 0,
    offline: 0,
    answered: null,
    abandoned: null,
    answeredSeen: 0,
    abandonedSeen: 0,
    serviceLevelSeconds: null,
    serviceLevelPercent: null
  }
}

/**
 * A delta's queues made whole: each one as `before` had it, with the fields the delta carries
 * (only those that changed: see QueueDeltaView). A queue that did not change is `before`'s own
 * object; a queue the delta leaves out is gone.
 */
export function mergeQueues(queues: readonly QueueDeltaView[], before: readonly QueueView[]): QueueView[] {
  const known = new Map(before.map((q) => [q.name, q]))
  return queues.map((q) => {
    const last = known.get(q.name)
    const changed = Object.entries(q).filter(([, value]) => value !== undefined)
    if (last !== undefined && changed.length === 1) return last
    return { ...(last ?? emptyQueue(q.name)), ...Object.fromEntries(changed) }
  })
}
