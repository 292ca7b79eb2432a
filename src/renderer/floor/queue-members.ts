import type { QueueDeltaView, QueueView } from '../../shared/floor'

/** A delta's queues, each one's members from `before` when the delta left them out (unchanged: see QueueDeltaView). */
export function withMembers(queues: readonly QueueDeltaView[], before: readonly QueueView[]): QueueView[] {
  const known = new Map(before.map((q) => [q.name, q.members]))
  return queues.map((q) => (q.members !== undefined ? { ...q, members: q.members } : { ...q, members: known.get(q.name) ?? [] }))
}
