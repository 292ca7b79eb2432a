import type { JSX } from 'react'

/** A centred message for screens with nothing else to show (loading, failure, no connection). */
export function EmptyState(props: {
  title: string
  text: string
  busy?: boolean
  action?: { label: string; onClick: () => void }
}): JSX.Element {
  return (
    <section className="floor panel" aria-labelledby="empty-title" aria-busy={props.busy === true}>
      <div className="empty">
        {props.busy === true ? (
          <span className="spinner spinner-large" aria-hidden="true" />
        ) : (
          <svg className="empty-icon" viewBox="0 0 48 48" aria-hidden="true" focusable="false">
            <path d="M10 27v-3a14 14 0 0 1 28 0v3" fill="none" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" />
            <rect x="7" y="26" width="8" height="12" rx="3" fill="none" stroke="currentColor" strokeWidth="2.5" />
            <rect x="33" y="26" width="8" height="12" rx="3" fill="none" stroke="currentColor" strokeWidth="2.5" />
            <path d="M37 38c0 3-3 5-8 5h-3" fill="none" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" />
          </svg>
        )}
        <h2 id="empty-title" className="empty-title">
          {props.title}
        </h2>
        <p className="empty-text">{props.text}</p>
        {props.action !== undefined && (
          <button type="button" className="button" onClick={props.action.onClick}>
            {props.action.label}
          </button>
        )}
      </div>
    </section>
  )
}
