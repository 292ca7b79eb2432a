import type { JSX } from 'react'
import { elapsedSeconds, formatDuration, useFloorNow } from './clock'
import { STATUS_LABEL, STATUS_ORDER } from './labels'
import type { FloorCounts } from './view'

function LongestCall({ longest, clockOffset }: { longest: NonNullable<FloorCounts['longest']>; clockOffset: number }): JSX.Element {
  const { now } = useFloorNow()
  const text = formatDuration(elapsedSeconds(longest.answeredAt, now + clockOffset))
  return (
    <>
      <div className="tile-value tile-value-time" data-testid="longest-call">
        {longest.approx && <span className="time-approx">~</span>}
        {text}
      </div>
      <div className="tile-hint">
        {longest.row.name} · {longest.row.extension}
      </div>
    </>
  )
}

/** The floor in four figures: agents by status, calls in progress, the longest call, supervision. */
export function FloorCounters({ counts, clockOffset, stale }: { counts: FloorCounts; clockOffset: number; stale: boolean }): JSX.Element {
  const signedIn = counts.agents - counts.byStatus.offline
  const talking = counts.calls - counts.ringing
  return (
    <section className={stale ? 'counters is-stale' : 'counters'} aria-label="Floor summary">
      <div className="tile tile-agents">
        <div className="tile-label">Agents</div>
        <div className="tile-agents-body">
          <div className="tile-value">
            {signedIn}
            <span className="tile-of"> / {counts.agents}</span>
          </div>
          <div className="status-meter" aria-hidden="true">
            {STATUS_ORDER.map((status) =>
              counts.byStatus[status] > 0 ? (
                <span key={status} className={`meter-${status}`} style={{ flexGrow: counts.byStatus[status] }} />
              ) : null
            )}
          </div>
        </div>
        <ul className="status-legend" aria-label="Agents by status">
          {STATUS_ORDER.map((status) => (
            <li key={status} className={`legend-${status}`}>
              <span className="status-dot" aria-hidden="true" />
              {STATUS_LABEL[status]} <strong>{counts.filters[status]}</strong>
            </li>
          ))}
        </ul>
      </div>
      <div className="tile">
        <div className="tile-label">Calls in progress</div>
        <div className="tile-value">{counts.calls}</div>
        <div className="tile-hint">
          <span className="tile-hint-part">{talking} talking</span> · <span className="tile-hint-part">{counts.ringing} ringing</span> ·{' '}
          <span className="tile-hint-part">{counts.onHold} on hold</span>
        </div>
      </div>
      <div className="tile">
        <div className="tile-label">Longest call</div>
        {counts.longest === null ? (
          <>
            <div className="tile-value tile-value-empty">—</div>
            <div className="tile-hint">No call in progress</div>
          </>
        ) : (
          <LongestCall longest={counts.longest} clockOffset={clockOffset} />
        )}
      </div>
      <div className="tile">
        <div className="tile-label">Supervised</div>
        <div className="tile-value">{counts.supervised}</div>
        <div className="tile-hint">{counts.supervised === 1 ? 'call with a supervisor on it' : 'calls with a supervisor on them'}</div>
      </div>
    </section>
  )
}
