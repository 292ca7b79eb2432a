/**
 * What an operator may see of the floor: everyone's rows with the see-everyone scope, otherwise
 * only the row of their own extension. Applied in main, to snapshots and deltas alike.
 */
import type { FloorDelta, FloorSnapshot, Operator } from '../../shared/contract'

export function seesEveryone(operator: Operator | null): boolean {
  return operator?.scopes.includes('see-everyone') === true
}

function visible(operator: Operator | null, extension: string): boolean {
  return seesEveryone(operator) || (operator !== null && operator.extension === extension)
}

export function visibleSnapshot(snapshot: FloorSnapshot, operator: Operator | null): FloorSnapshot {
  return seesEveryone(operator) ? snapshot : { ...snapshot, rows: snapshot.rows.filter((r) => visible(operator, r.extension)) }
}

/**
 * Deltas keep their sequence number even when nothing in them is visible, so the renderer sees no
 * gap; a row the operator may not see goes out as removed, so a switch of operator clears it.
 */
export function visibleDelta(delta: FloorDelta, operator: Operator | null): FloorDelta {
  if (seesEveryone(operator)) return delta
  const rows = delta.rows.filter((r) => visible(operator, r.extension))
  const hidden = delta.rows.filter((r) => !visible(operator, r.extension)).map((r) => r.extension)
  return { seq: delta.seq, rows, removed: [...delta.removed, ...hidden] }
}
