/**
 * What an operator may see of the floor: everyone's rows with the see-everyone scope, otherwise
 * only the row of their own extension, and without who is supervising its calls: an agent never
 * learns from Earshot that a supervisor is listening, whispering or barging on their call (issue
 * 13.13). Applied in main, to snapshots and deltas alike, and to their own calls in the call log.
 */
import type { FloorDelta, FloorSnapshot, Operator } from '../../shared/contract'
import type { AgentRow } from '../../shared/floor'
import type { CallLogEntry, CallLogSummary } from '../../shared/records'

export function seesEveryone(operator: Operator | null): boolean {
  return operator?.scopes.includes('see-everyone') === true
}

/** May the operator see this extension's row (everyone's with see-everyone, else their own)? */
export function seesRow(operator: Operator | null, extension: string): boolean {
  return seesEveryone(operator) || (operator !== null && operator.extension === extension)
}

/** The operator's own row as they may see it: the same calls with no supervisors on them. */
function ownView(row: AgentRow): AgentRow {
  return row.calls.some((c) => c.supervisors.length > 0) ? { ...row, calls: row.calls.map((c) => (c.supervisors.length === 0 ? c : { ...c, supervisors: [] })) } : row
}

/** The queues tell of everyone's state and of the callers waiting: only for who sees everyone. */
export function visibleSnapshot(snapshot: FloorSnapshot, operator: Operator | null): FloorSnapshot {
  return seesEveryone(operator) ? snapshot : { ...snapshot, rows: snapshot.rows.filter((r) => seesRow(operator, r.extension)).map(ownView), queues: [] }
}

/**
 * Deltas keep their sequence number even when nothing in them is visible, so the renderer sees no
 * gap; a row the operator may not see goes out as removed, so a switch of operator clears it.
 */
export function visibleDelta(delta: FloorDelta, operator: Operator | null): FloorDelta {
  if (seesEveryone(operator)) return delta
  const rows = delta.rows.filter((r) => seesRow(operator, r.extension)).map(ownView)
  const hidden = delta.rows.filter((r) => !seesRow(operator, r.extension)).map((r) => r.extension)
  return { seq: delta.seq, rows, removed: [...delta.removed, ...hidden], ...(delta.queues === undefined ? {} : { queues: [] }) }
}

/** One of the operator's own logged calls as they may see it without see-everyone: not whether it was supervised. */
export function ownCallSummary<S extends CallLogSummary>(call: S): S {
  return call.monitored ? { ...call, monitored: false } : call
}

/** The same for one call with its timeline: its supervision events (joined, mode, left) are left out too. */
export function ownCallEntry(call: CallLogEntry): CallLogEntry {
  return { ...ownCallSummary(call), timeline: call.timeline.filter((e) => e.kind !== 'supervision-joined' && e.kind !== 'supervision-mode' && e.kind !== 'supervision-left') }
}
