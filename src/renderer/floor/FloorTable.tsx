import { useVirtualizer } from '@tanstack/react-virtual'
import { type JSX, type Ref, useEffect, useImperativeHandle, useRef } from 'react'
import type { AgentRow } from '../../shared/floor'
import { SortIcon } from '../shell/icons'
import type { SupervisionMode } from '../../shared/supervision'
import type { FloorPreferences } from '../../shared/preferences'
import { columnById, type ColumnId, type SortState } from './columns'
import { FloorRow, rowDomId } from './FloorRow'

/** Fixed heights (px), also set in floor.css: fixed rows keep virtual scrolling exact and cheap. */
export const ROW_HEIGHT = 40
/** Row height in the compact density (floor.css `.floor-table.is-compact`). */
export const COMPACT_ROW_HEIGHT = 30
export const HEADER_HEIGHT = 38

export interface FloorTableHandle {
  /** Scrolls the row at `index` (in view order) into view, below the sticky header. */
  scrollToIndex(index: number): void
  focus(): void
}

export interface FloorTableProps {
  rows: readonly AgentRow[]
  selected: string | null
  stale: boolean
  clockOffset: number
  sort: SortState
  /** The columns shown, in order (stable between renders: rows are memoised on it). */
  columns: readonly ColumnId[]
  density: FloorPreferences['density']
  empty: JSX.Element
  onSort: (column: ColumnId) => void
  onSelect: (extension: string) => void
  onOpenCustomer: (extension: string, callId: string) => void
  onSupervise: (row: AgentRow, mode: SupervisionMode) => void
  /** Agents with an alert in force (src/renderer/alerts): their rows are marked. */
  attention?: ReadonlySet<string>
  handle: Ref<FloorTableHandle>
}

/**
 * The agents as an ARIA grid on a real <table>: sticky header, and only the rows in (or near) the
 * viewport in the DOM — spacer rows above and below stand in for the others.
 */
export function FloorTable(props: FloorTableProps): JSX.Element {
  const { rows, selected, stale, clockOffset, sort, columns, density, onSort, onSelect, onOpenCustomer, onSupervise, attention } = props
  const rowHeight = density === 'compact' ? COMPACT_ROW_HEIGHT : ROW_HEIGHT
  const scrollRef = useRef<HTMLDivElement>(null)
  const tableRef = useRef<HTMLTableElement>(null)

  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read only during render below
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    // Fixed heights and no per-row measuring: no item keys either (a new key function at every
    // render made the virtualizer work out all 5,000 positions again). React keys rows by extension.
    estimateSize: () => rowHeight,
    overscan: 8,
    paddingStart: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
    initialRect: { width: 1200, height: 600 }
  })

  // The rows' height changed with the density: the virtualizer measures them again.
  useEffect(() => virtualizer.measure(), [virtualizer, rowHeight])

  useImperativeHandle(
    props.handle,
    () => ({
      scrollToIndex: (index) => virtualizer.scrollToIndex(index, { align: 'auto' }),
      focus: () => tableRef.current?.focus({ preventScroll: true })
    }),
    [virtualizer]
  )

  const items = virtualizer.getVirtualItems()
  const first = items[0]
  const last = items[items.length - 1]
  const spacerTop = first === undefined ? 0 : first.start - HEADER_HEIGHT
  const spacerBottom = last === undefined ? 0 : virtualizer.getTotalSize() - last.end
  const selectedVisible = selected !== null && items.some((item) => rows[item.index]?.extension === selected)

  return (
    <div className="table-scroll" ref={scrollRef}>
      <table
        ref={tableRef}
        className={['floor-table', stale ? 'is-stale' : null, density === 'compact' ? 'is-compact' : null].filter((c) => c !== null).join(' ')}
        id="floor-grid"
        role="grid"
        aria-label="Agents"
        aria-rowcount={rows.length + 1}
        aria-readonly="true"
        aria-activedescendant={selectedVisible && selected !== null ? rowDomId(selected) : undefined}
        tabIndex={0}
      >
        <colgroup>
          {columns.map((id) => (
            <col key={id} className={`col-${id}`} />
          ))}
        </colgroup>
        <thead>
          <tr aria-rowindex={1}>
            {columns.map((id) => {
              const column = columnById(id)
              const direction = sort.column === column.id ? sort.direction : 'none'
              return (
                <th key={column.id} scope="col" className={`col-${column.id}`} aria-sort={direction}>
                  <button type="button" className="sort-button" onClick={() => onSort(column.id)}>
                    {column.header}
                    <SortIcon direction={direction} />
                  </button>
                </th>
              )
            })}
          </tr>
        </thead>
        <tbody>
          {spacerTop > 0 && (
            <tr className="spacer" aria-hidden="true">
              <td colSpan={columns.length} style={{ height: spacerTop }} />
            </tr>
          )}
          {items.map((item) => {
            const row = rows[item.index]
            if (row === undefined) return null
            return (
              <FloorRow
                key={row.extension}
                row={row}
                rowIndex={item.index + 2}
                columns={columns}
                selected={row.extension === selected}
                inAlert={attention?.has(row.extension) ?? false}
                clockOffset={clockOffset}
                onSelect={onSelect}
                onOpenCustomer={onOpenCustomer}
                onSupervise={onSupervise}
              />
            )
          })}
          {spacerBottom > 0 && (
            <tr className="spacer" aria-hidden="true">
              <td colSpan={columns.length} style={{ height: spacerBottom }} />
            </tr>
          )}
          {rows.length === 0 && (
            <tr className="empty-row">
              <td colSpan={columns.length}>{props.empty}</td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  )
}
