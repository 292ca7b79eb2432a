import type { AgentRow, AgentStatus } from '../../shared/floor'
import { type SortState, rowComparator } from './columns'
import type { NameOrder } from './name-order'

export interface ViewOptions {
  query: string
  /** Statuses to show; empty means all. */
  statuses: ReadonlySet<AgentStatus>
  sort: SortState
  /** When given, only these agents (the "Needs attention" chip). */
  only?: ReadonlySet<string> | null
  /** The floor's name order, kept across renders. */
  names: NameOrder
  /**
   * The "Needs attention" sort: agents with an alert (extension → when its oldest began, null when
   * unknown) come first, longest in trouble first (unknown starts after known ones), then the rest
   * in the chosen sort.
   */
  attentionFirst?: ReadonlyMap<string, number | null> | null
}

function attentionComparator(attention: ReadonlyMap<string, number | null>, then: (a: AgentRow, b: AgentRow) => number): (a: AgentRow, b: AgentRow) => number {
  return (a, b) => {
    const aIn = attention.has(a.extension)
    const bIn = attention.has(b.extension)
    if (aIn !== bIn) return aIn ? -1 : 1
    if (aIn) {
      const aSince = attention.get(a.extension) ?? Infinity
      const bSince = attention.get(b.extension) ?? Infinity
      if (aSince !== bSince) return aSince < bSince ? -1 : 1
    }
    return then(a, b)
  }
}

function digits(text: string): string {
  return text.replace(/\D+/g, '')
}

/** Matches agent name, extension, customer name (the PBX's or the record's, and its company) and number (number ignoring spaces, dashes, +). */
export function rowMatcher(query: string): (row: AgentRow) => boolean {
  const needle = query.trim().toLowerCase()
  if (needle === '') return () => true
  const needleDigits = /^[\d\s()+\-.]+$/.test(needle) ? digits(needle) : ''
  return (row) => {
    if (row.name.toLowerCase().includes(needle) || row.extension.includes(needle)) return true
    return row.calls.some(
      (call) =>
        (call.customerName?.toLowerCase().includes(needle) ?? false) ||
        (call.customerRecord?.name.toLowerCase().includes(needle) ?? false) ||
        (call.customerRecord?.company?.toLowerCase().includes(needle) ?? false) ||
        (call.customer !== null &&
          (call.customer.toLowerCase().includes(needle) || (needleDigits !== '' && digits(call.customer).includes(needleDigits))))
    )
  }
}

/** Whether the row counts under `status` for the filters: Paused also takes agents paused while on a call. */
export function rowIs(row: AgentRow, status: AgentStatus): boolean {
  return row.status === status || (status === 'paused' && row.pause !== null)
}

/** The rows on screen, in order: search, then status filter, then sort. */
export function buildView(rows: ReadonlyMap<string, AgentRow>, options: ViewOptions): AgentRow[] {
  const matches = rowMatcher(options.query)
  const shown = (row: AgentRow): boolean =>
    (options.statuses.size === 0 || [...options.statuses].some((status) => rowIs(row, status))) && (options.only == null || options.only.has(row.extension)) && matches(row)
  // By agent (the default): the name order, kept across renders, is the order; nothing to sort.
  if (options.sort.column === 'agent' && options.attentionFirst == null) {
    const order = options.names.ordered(rows)
    const out: AgentRow[] = []
    for (let i = 0; i < order.length; i++) {
      const row = rows.get(order[options.sort.direction === 'ascending' ? i : order.length - 1 - i] ?? '')
      if (row !== undefined && shown(row)) out.push(row)
    }
    return out
  }
  const out: AgentRow[] = []
  for (const row of rows.values()) if (shown(row)) out.push(row)
  const byColumn = rowComparator(options.sort, options.names.comparator(rows.values()))
  return out.sort(options.attentionFirst == null ? byColumn : attentionComparator(options.attentionFirst, byColumn))
}

export interface FloorCounts {
  /** Each agent once, by its status (they add up to `agents`). */
  byStatus: Readonly<Record<AgentStatus, number>>
  /** As the filters count (`rowIs`): Paused also counts agents paused while on a call. */
  filters: Readonly<Record<AgentStatus, number>>
  agents: number
  /** Every call leg on the floor, ringing or talking, each agent's further calls included. */
  calls: number
  ringing: number
  onHold: number
  supervised: number
  /** The talking call answered earliest (the longest call), if any. */
  longest: { row: AgentRow; answeredAt: number; approx: boolean } | null
}

export function countFloor(rows: ReadonlyMap<string, AgentRow>): FloorCounts {
  const byStatus: Record<AgentStatus, number> = { idle: 0, ringing: 0, talking: 0, paused: 0, offline: 0 }
  let calls = 0
  let ringing = 0
  let onHold = 0
  let supervised = 0
  let longest: FloorCounts['longest'] = null
  let pausedOnCall = 0
  for (const row of rows.values()) {
    byStatus[row.status]++
    if (row.status !== 'paused' && row.pause !== null) pausedOnCall++
    for (const call of row.calls) {
      calls++
      if (call.state === 'ringing') ringing++
      if (call.onHold) onHold++
      if (call.supervisors.length > 0) supervised++
      if (call.state === 'talking' && call.answeredAt !== null && (longest === null || call.answeredAt < longest.answeredAt)) {
        longest = { row, answeredAt: call.answeredAt, approx: call.answeredAtApprox }
      }
    }
  }
  const filters = { ...byStatus, paused: byStatus.paused + pausedOnCall }
  return { byStatus, filters, agents: rows.size, calls, ringing, onHold, supervised, longest }
}
