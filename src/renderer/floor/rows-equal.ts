import type { AgentRow } from '../../shared/floor'

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false
  const proto: unknown = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

/**
 * Structural equality of plain data (what crosses IPC): the same primitives (`===`), arrays of
 * equal items in order, plain objects with equal values under every key either has (a key set to
 * undefined is the same as no key). Anything else is equal only to itself.
 */
export function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((item, i) => sameData(item, b[i]))
  if (!isPlainObject(a) || !isPlainObject(b)) return false
  for (const key of Object.keys(a)) if (!sameData(a[key], b[key])) return false
  for (const key of Object.keys(b)) if (!Object.hasOwn(a, key) && b[key] !== undefined) return false
  return true
}

/**
 * Two rows are equal when every field is (used to keep row identity across snapshots). Compared
 * generically, so a field added to AgentRow later is compared without anyone remembering to.
 */
export function rowsEqual(a: AgentRow, b: AgentRow): boolean {
  return sameData(a, b)
}
