import type { JSX, ReactNode, Ref } from 'react'
import { ExportNote, type FileExportNote } from './useFileExport'

/** The list's rows as the shell needs them: the table's head and body, and what goes under it. */
export interface ListTable {
  /** The table's accessible name (`Calls`, `Customers`). */
  label: string
  className: string
  head: ReactNode
  body: ReactNode
  /** Inside the scrolling area, under the table: "Show more" and the like. */
  footer?: ReactNode
}

/** One page of a paged list: `1–50 of 70` with the two buttons. */
export interface ListPaging {
  label: string
  offset: number
  pageSize: number
  total: number
  previous: string
  next: string
  onPrevious: () => void
  onNext: () => void
}

/** What the list shows instead of its rows when it failed, is loading or is empty (see ListStatus). */
export interface ListEmpty {
  /** `the call log`, `the customers`: the words in "Loading …" and "… could not be loaded". */
  what: string
  /** The heading when empty: filters that match nothing, or a list with nothing in it yet. */
  noMatch: string
  nothingYet: string
  filtered: boolean
  /** Under the heading when empty; default: a Clear filters button when filtered. */
  hint?: ReactNode
  onRetry: () => void
  onClear?: () => void
}

/**
 * The records pages' common layout (call log, customers, supervision audit): the heading with the
 * count and the actions, the export's note, the filter bar, and the list panel with its table,
 * its failed / loading / empty states and its pager. `aside` goes beside the list (the call log's
 * timeline), `children` after it (dialogs). Each page brings its own data, columns and filters.
 */
export function ListPage({
  scrollRef,
  ...props
}: {
  className: string
  title: string
  titleId: string
  count: string
  actions: ReactNode
  note: FileExportNote | null
  /** The filter bar's accessible name, and its controls. */
  filterLabel: string
  filters: ReactNode
  /** A request is on its way (the last rows stay shown, marked busy). */
  loading: boolean
  failed: string | null
  /** How many rows the last answer had; null before the first answer. */
  rows: number | null
  empty: ListEmpty
  table: ListTable
  /** The rows' scrolling area (the call log scrolls it back to the top on a new page). */
  scrollRef?: Ref<HTMLDivElement>
  paging?: ListPaging | null
  aside?: ReactNode
  children?: ReactNode
}): JSX.Element {
  const { table, paging } = props
  return (
    <div className={`records-page ${props.className}`}>
      <div className="page-heading records-heading">
        <h1 id={props.titleId}>{props.title}</h1>
        <span className="records-count" role="status">
          {props.count}
        </span>
        <div className="records-actions">{props.actions}</div>
      </div>
      <ExportNote note={props.note} />

      <form className="filter-bar panel" role="search" aria-label={props.filterLabel} onSubmit={(event) => event.preventDefault()}>
        {props.filters}
      </form>

      <div className="records-body">
        <section className="records-list panel" aria-labelledby={props.titleId} aria-busy={props.loading}>
          <ListStatus {...props.empty} failed={props.failed} loading={props.rows === null} empty={props.rows === 0} />
          {props.failed === null && props.rows !== null && props.rows > 0 && (
            <div ref={scrollRef} className="records-scroll">
              <table className={`records-table ${table.className}`} aria-label={table.label}>
                <thead>{table.head}</thead>
                <tbody>{table.body}</tbody>
              </table>
              {table.footer}
            </div>
          )}
          {paging != null && props.rows !== null && paging.total > paging.pageSize && (
            <nav className="pager" aria-label={paging.label}>
              <span className="pager-text">
                {paging.offset + 1}–{Math.min(paging.total, paging.offset + paging.pageSize)} of {paging.total}
              </span>
              <button type="button" className="button button-small" disabled={paging.offset === 0} onClick={paging.onPrevious}>
                {paging.previous}
              </button>
              <button type="button" className="button button-small" disabled={paging.offset + paging.pageSize >= paging.total} onClick={paging.onNext}>
                {paging.next}
              </button>
            </nav>
          )}
        </section>
        {props.aside}
      </div>
      {props.children}
    </div>
  )
}

/** Refresh: asks again (disabled while a request is on its way). */
export function RefreshButton({ loading, onClick }: { loading: boolean; onClick: () => void }): JSX.Element {
  return (
    <button type="button" className="button button-small button-quiet" onClick={onClick} disabled={loading}>
      Refresh
    </button>
  )
}

/** Export CSV (see useFileExport). */
export function ExportButton({ exporting, onClick }: { exporting: boolean; onClick: () => void }): JSX.Element {
  return (
    <button type="button" className="button button-small" onClick={onClick} disabled={exporting}>
      {exporting ? 'Exporting…' : 'Export CSV'}
    </button>
  )
}

/**
 * What a records list shows instead of its rows: why it could not load (with Try again), that it
 * is loading, or that it is empty (no match for the filters, with Clear filters; or nothing yet).
 * Null when the rows are there to show.
 */
function ListStatus(props: ListEmpty & { failed: string | null; loading: boolean; empty: boolean }): JSX.Element | null {
  if (props.failed !== null) {
    return (
      <div className="records-empty" role="alert">
        <strong>{`${props.what.charAt(0).toUpperCase()}${props.what.slice(1)} could not be loaded`}</strong>
        <span className="muted">{props.failed}</span>
        <button type="button" className="button button-small" onClick={props.onRetry}>
          Try again
        </button>
      </div>
    )
  }
  if (props.loading) {
    return (
      <div className="records-empty">
        <span className="spinner spinner-large" aria-hidden="true" />
        <span className="muted">{`Loading ${props.what}…`}</span>
      </div>
    )
  }
  if (!props.empty) return null
  return (
    <div className="records-empty">
      <strong>{props.filtered ? props.noMatch : props.nothingYet}</strong>
      {props.hint ??
        (props.filtered && props.onClear !== undefined ? (
          <button type="button" className="link-button" onClick={props.onClear}>
            Clear filters
          </button>
        ) : null)}
    </div>
  )
}
