import type { QueueDeltaView, QueueView } from '../../shared/floor'

/**
 * A delta's queues made whole: each one's members and callers from `before` where the delta left
 * them out (unchanged since the last delta that carried them: see QueueDeltaView).
 */
export function withUnchangedLists(queues: readonly QueueDeltaView[], before: readonly QueueView[]): QueueView[] {
  const known = new Map(before.map((q) => [q.name, q]))
  return queues.map((q) => {
    const last = known.get(q.name)
    return { ...q, members: q.members ?? last?.members ?? [], callers: q.callers ?? last?.callers ?? [] }
  })
}
