import type { JSX, ReactNode, Ref } from 'react'
import type { AgentStatus } from '../../shared/floor'
import { SearchIcon } from '../shell/icons'
import { STATUS_LABEL, STATUS_ORDER } from './labels'

export interface FloorToolbarProps {
  query: string
  onQuery: (query: string) => void
  statuses: ReadonlySet<AgentStatus>
  onToggleStatus: (status: AgentStatus | 'all') => void
  counts: Readonly<Record<AgentStatus, number>>
  total: number
  searchRef: Ref<HTMLInputElement>
  /** Agents with an alert in force, whether the floor shows only them, and the alerts panel's toggle. */
  attention?: { count: number; only: boolean; onToggle: () => void; sortFirst: boolean; onSortFirst: () => void; panelOpen: boolean; onPanel: () => void }
  /** More controls at the toolbar's end (the scope picker, the view options). */
  children?: ReactNode
}

/** Search (focus with "/") and status filter chips with live counts. */
export function FloorToolbar(props: FloorToolbarProps): JSX.Element {
  const { query, onQuery, statuses, onToggleStatus, counts, total, searchRef, attention } = props
  return (
    <div className="toolbar">
      <div className="search">
        <SearchIcon className="search-icon" />
        <input
          ref={searchRef}
          type="search"
          className="search-input"
          placeholder="Search name, extension or number"
          aria-label="Search agents"
          aria-keyshortcuts="/"
          aria-controls="floor-grid"
          value={query}
          onChange={(event) => onQuery(event.target.value)}
          spellCheck={false}
          autoComplete="off"
        />
        {query === '' && (
          <kbd className="search-kbd" aria-hidden="true">
            /
          </kbd>
        )}
      </div>
      <div className="chips" role="group" aria-label="Filter by status">
        <button
          type="button"
          className="chip chip-all"
          aria-pressed={statuses.size === 0}
          onClick={() => onToggleStatus('all')}
        >
          All <span className="chip-count">{total}</span>
        </button>
        {STATUS_ORDER.map((status) => (
          <button
            key={status}
            type="button"
            className={`chip chip-${status}`}
            aria-pressed={statuses.has(status)}
            onClick={() => onToggleStatus(status)}
          >
            <span className="status-dot" aria-hidden="true" />
            {STATUS_LABEL[status]} <span className="chip-count">{counts[status]}</span>
          </button>
        ))}
      </div>
      {attention !== undefined && (
        <div className="chips" role="group" aria-label="Alerts">
          <button type="button" className="chip chip-attention" aria-pressed={attention.only} onClick={attention.onToggle}>
            <span className="status-dot" aria-hidden="true" />
            Needs attention <span className="chip-count">{attention.count}</span>
          </button>
          <button
            type="button"
            className="chip"
            aria-pressed={attention.sortFirst}
            onClick={attention.onSortFirst}
            title="Agents with an alert first, longest in trouble first"
          >
            Sort by attention
          </button>
          <button type="button" className="chip" aria-pressed={attention.panelOpen} onClick={attention.onPanel}>
            Alerts
          </button>
        </div>
      )}
      {props.children}
    </div>
  )
}
