import type { JSX, ReactNode } from 'react'

/**
 * What a records list shows instead of its rows: why it could not load (with Try again), that it
 * is loading, or that it is empty (no match for the filters, with Clear filters; or nothing yet).
 * Null when the rows are there to show.
 */
export function ListStatus(props: {
  /** `the call log`, `the customers`: the words in "Loading …" and "… could not be loaded". */
  what: string
  failed: string | null
  loading: boolean
  empty: boolean
  /** The heading when empty: filters that match nothing, or a list with nothing in it yet. */
  noMatch: string
  nothingYet: string
  filtered: boolean
  /** Under the heading when empty; default: a Clear filters button when filtered. */
  hint?: ReactNode
  onRetry: () => void
  onClear?: () => void
}): JSX.Element | null {
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
