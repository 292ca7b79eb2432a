/**
 * Alerts are a projection of the floor: a pure function of the rows, the queues, the thresholds in
 * force and the PBX-clock time. Nothing is remembered here; an alert ends when its condition does.
 */
import type { AgentRow, QueueView } from '../../../shared/floor'
import { type AlertThresholds, pauseReasonKey } from '../../../shared/settings'

export type AlertKind = 'long-call' | 'long-hold' | 'long-pause' | 'queue-wait' | 'offline-in-queue' | 'unanswered-rings'

export interface Alert {
  /** Stable for the life of the condition: the agent or queue, the kind, and the call/pause/caller it is about. */
  key: string
  kind: AlertKind
  /** The agent it is about; null for a queue alert. */
  extension: string | null
  /** The queue it is about (queue wait), or the queues an offline agent belongs to. */
  queues: readonly string[]
  /** Who and what, without the customer (notifications show it: never a number or a customer's name). */
  subject: string
  /** When the condition began (PBX-clock ms): the answer, the hold, the pause, the caller's join; null when unknown. */
  since: number | null
  /** The threshold crossed (s); null for the alerts that are not about time. */
  thresholdSeconds: number | null
  /** Unanswered rings: how many calls in a row the agent has not answered (the row's count). */
  count?: number
}

function over(since: number | null, seconds: number | null, now: number): boolean {
  // An unknown start never alerts on time: we cannot vouch for how long it has been.
  return since !== null && seconds !== null && now - since >= seconds * 1000
}

/** The threshold for a pause: its reason's own (case-insensitive), else the general one. */
export function pauseThreshold(thresholds: AlertThresholds, reason: string | null): number | null {
  const wanted = reason === null ? undefined : pauseReasonKey(reason)
  const own = wanted === undefined ? undefined : thresholds.pauseReasons.find((r) => pauseReasonKey(r.reason) === wanted)
  return own !== undefined ? own.seconds : thresholds.longPauseSeconds
}

function agentAlerts(row: AgentRow, memberOf: readonly string[], t: AlertThresholds, now: number, out: Alert[]): void {
  const who = `${row.name} (${row.extension})`
  for (const call of row.calls) {
    if (call.state === 'talking' && over(call.answeredAt, t.longCallSeconds, now)) {
      out.push({ key: `${row.extension}:long-call:${call.id}`, kind: 'long-call', extension: row.extension, queues: [], subject: who, since: call.answeredAt, thresholdSeconds: t.longCallSeconds })
    }
    const heldSince = call.heldSince ?? null
    if (call.onHold && over(heldSince, t.longHoldSeconds, now)) {
      out.push({ key: `${row.extension}:long-hold:${call.id}:${String(heldSince)}`, kind: 'long-hold', extension: row.extension, queues: [], subject: who, since: heldSince, thresholdSeconds: t.longHoldSeconds })
    }
  }
  if (row.status === 'paused') {
    const seconds = pauseThreshold(t, row.pauseReason)
    if (over(row.statusSince, seconds, now)) {
      out.push({ key: `${row.extension}:long-pause:${String(row.statusSince)}`, kind: 'long-pause', extension: row.extension, queues: [], subject: who, since: row.statusSince, thresholdSeconds: seconds })
    }
  }
  if (t.unansweredRings !== null && row.unansweredRings >= t.unansweredRings) {
    // One alert per run: it grows with the run and ends when the agent answers (the count resets).
    // When the run began is not kept (its calls are gone): the panel says how many instead.
    out.push({ key: `${row.extension}:unanswered-rings`, kind: 'unanswered-rings', extension: row.extension, queues: [], subject: who, since: null, thresholdSeconds: null, count: row.unansweredRings })
  }
  // The queues that would ring it: one it is paused in does not miss it.
  const ringing = row.status === 'offline' && t.offlineInQueue ? memberOf.filter((q) => row.pause?.queues.includes(q) !== true) : []
  if (ringing.length > 0) {
    out.push({ key: `${row.extension}:offline-in-queue:${String(row.statusSince)}`, kind: 'offline-in-queue', extension: row.extension, queues: ringing, subject: who, since: row.statusSince, thresholdSeconds: null })
  }
}

/** Each agent's queues, by extension (the same while the queues' members are: useAlerts keeps it). */
export function queueMemberships(queues: readonly QueueView[]): Map<string, string[]> {
  const memberships = new Map<string, string[]>()
  for (const queue of queues) {
    for (const member of queue.members) {
      const list = memberships.get(member)
      if (list === undefined) memberships.set(member, [queue.name])
      else list.push(queue.name)
    }
  }
  return memberships
}

/** Every condition that needs attention now, agents' first (in the rows' order), then queues'. */
export function evaluateAlerts(
  rows: ReadonlyMap<string, AgentRow>,
  queues: readonly QueueView[],
  thresholds: AlertThresholds,
  now: number,
  memberships: ReadonlyMap<string, readonly string[]> = queueMemberships(queues)
): Alert[] {
  const out: Alert[] = []
  for (const row of rows.values()) agentAlerts(row, memberships.get(row.extension) ?? [], thresholds, now, out)
  for (const queue of queues) {
    // One alert per caller: it ends when that caller is answered or leaves, and the next one raises its own.
    for (const caller of queue.callers) {
      if (!over(caller.joinedAt, thresholds.queueWaitSeconds, now)) continue
      out.push({ key: `queue:${queue.name}:queue-wait:${caller.id}`, kind: 'queue-wait', extension: null, queues: [queue.name], subject: `Queue ${queue.name}`, since: caller.joinedAt, thresholdSeconds: thresholds.queueWaitSeconds })
    }
  }
  return out
}

/** The queues whose tile should be marked: a caller waiting too long, or an offline member. */
export function queuesNeedingAttention(alerts: readonly Alert[]): ReadonlySet<string> {
  return new Set(alerts.flatMap((alert) => alert.queues))
}

/** The agents whose row should be marked. */
export function agentsNeedingAttention(alerts: readonly Alert[]): ReadonlySet<string> {
  return new Set(alerts.flatMap((alert) => (alert.extension === null ? [] : [alert.extension])))
}

const WHAT: Record<AlertKind, string> = {
  'long-call': 'Long call',
  'long-hold': 'Long hold',
  'long-pause': 'Long pause',
  'queue-wait': 'Caller waiting',
  'offline-in-queue': 'Offline while in a queue',
  'unanswered-rings': 'Not answering'
}

/** "Long pause" etc. */
export function alertTitle(alert: Alert): string {
  return WHAT[alert.kind]
}
