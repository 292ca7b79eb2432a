import type { AgentRow, AgentStatus } from '../../shared/floor'
import { customerLabel, primaryCall, stateClockStart } from './labels'
import { collator } from './name-order'

export type ColumnId = 'agent' | 'status' | 'customer' | 'direction' | 'time' | 'controls'
export type SortDirection = 'ascending' | 'descending'

export interface SortState {
  column: ColumnId
  direction: SortDirection
}

export interface Column {
  id: ColumnId
  header: string
  /** Direction of the first click on the header. */
  firstDirection: SortDirection
  /**
   * Orders two rows ascending. Rows without a value for this column (no call, say) are not
   * compared here: `hasValue` puts them after the others whichever way the table is sorted.
   * `byName` is the floor's name order (see ./name-order.ts).
   */
  compare: (a: AgentRow, b: AgentRow, byName: (a: AgentRow, b: AgentRow) => number) => number
  hasValue: (row: AgentRow) => boolean
}

/** Status, most urgent first: a ringing call wants attention before a talking one. */
const STATUS_RANK: Readonly<Record<AgentStatus, number>> = { ringing: 0, talking: 1, paused: 2, idle: 3, offline: 4 }

function callOf(row: AgentRow): NonNullable<ReturnType<typeof primaryCall>> {
  const call = primaryCall(row)
  if (call === null) throw new Error(`row ${row.extension} has no call`)
  return call
}

const hasCall = (row: AgentRow): boolean => row.calls.length > 0

export const COLUMNS: readonly Column[] = [
  {
    id: 'agent',
    header: 'Agent',
    firstDirection: 'ascending',
    hasValue: () => true,
    compare: (a, b, byName) => byName(a, b)
  },
  {
    id: 'status',
    header: 'Status',
    firstDirection: 'ascending',
    hasValue: () => true,
    compare: (a, b) => STATUS_RANK[a.status] - STATUS_RANK[b.status]
  },
  {
    id: 'customer',
    header: 'Customer',
    firstDirection: 'ascending',
    hasValue: (row) => {
      const call = primaryCall(row)
      return call !== null && customerLabel(call) !== null
    },
    compare: (a, b) => collator.compare(customerLabel(callOf(a)) ?? '', customerLabel(callOf(b)) ?? '')
  },
  {
    id: 'direction',
    header: 'Direction',
    firstDirection: 'ascending',
    hasValue: hasCall,
    compare: (a, b) => collator.compare(callOf(a).direction, callOf(b).direction)
  },
  {
    id: 'time',
    header: 'Time',
    // Longest first: the call (or the pause, the idle spell, ...) that began earliest has run longest.
    // Rows whose start is unknown go last.
    firstDirection: 'descending',
    hasValue: (row) => stateClockStart(row) !== null,
    compare: (a, b) => (stateClockStart(b) ?? 0) - (stateClockStart(a) ?? 0)
  },
  {
    id: 'controls',
    header: 'Controls',
    // Calls a supervisor can join (talking) first, the ones already supervised before those.
    firstDirection: 'ascending',
    hasValue: (row) => row.status === 'talking',
    compare: (a, b) => (primaryCall(b)?.supervisors.length ?? 0) - (primaryCall(a)?.supervisors.length ?? 0)
  }
]

export function columnById(id: ColumnId): Column {
  const column = COLUMNS.find((c) => c.id === id)
  if (column === undefined) throw new Error(`unknown column ${id}`)
  return column
}

/** Next sort after a click on `column`'s header: first click its natural direction, then flip. */
export function nextSort(current: SortState, column: ColumnId): SortState {
  if (current.column !== column) return { column, direction: columnById(column).firstDirection }
  return { column, direction: current.direction === 'ascending' ? 'descending' : 'ascending' }
}

/**
 * A comparator for Array.sort: the chosen column, then `byName` (agent name, then extension, which
 * makes it total: see NameOrder).
 */
export function rowComparator(sort: SortState, byName: (a: AgentRow, b: AgentRow) => number): (a: AgentRow, b: AgentRow) => number {
  const column = columnById(sort.column)
  const sign = sort.direction === 'ascending' ? 1 : -1
  return (a, b) => {
    const aHas = column.hasValue(a)
    const bHas = column.hasValue(b)
    if (aHas !== bHas) return aHas ? -1 : 1
    const byColumn = aHas ? column.compare(a, b, byName) * sign : 0
    if (byColumn !== 0) return byColumn
    return byName(a, b)
  }
}

/**
 * Columns an operator may not hide: Agent says whose row it is, and Controls holds Listen, Whisper
 * and Barge — hiding it would hide what a supervisor can do without saying so.
 */
export const ALWAYS_SHOWN: ReadonlySet<ColumnId> = new Set<ColumnId>(['agent', 'controls'])

/** The columns shown, in table order, given the operator's hidden ids (unknown ids are ignored). */
export function visibleColumns(hidden: readonly string[]): readonly ColumnId[] {
  return COLUMNS.map((c) => c.id).filter((id) => ALWAYS_SHOWN.has(id) || !hidden.includes(id))
}

/** The sort in force: a sort on a column the operator hid falls back to `fallback`. */
export function sortInForce(sort: SortState, visible: readonly ColumnId[], fallback: SortState): SortState {
  return visible.includes(sort.column) ? sort : fallback
}
