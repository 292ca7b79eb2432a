import type { JSX } from 'react'
import type { QueueView } from '../../shared/floor'
import { WaitTime } from './QueueStrip'

/** The callers waiting in one queue, first in line first. Read-only: Earshot never routes calls. */
export function QueuePanel({ queue, clockOffset, onClose }: { queue: QueueView; clockOffset: number; onClose: () => void }): JSX.Element {
  const callers = [...queue.callers].sort((a, b) => a.position - b.position)
  return (
    <section className="queue-panel panel" aria-label={`Callers waiting in ${queue.name}`}>
      <header className="queue-panel-head">
        <strong>{queue.name}</strong>
        <span className="muted">
          {callers.length === 0 ? 'Nobody waiting' : `${callers.length} waiting`}
          {queue.strategy !== null && ` · ${queue.strategy}`}
        </span>
        <button type="button" className="link-button" onClick={onClose}>
          Show all agents
        </button>
      </header>
      {callers.length > 0 && (
        <ol className="queue-callers">
          {callers.map((caller) => {
            const shown = caller.customerNumber?.display ?? caller.number
            return (
            <li key={caller.id} data-testid="queue-caller">
              <span className="queue-position">{caller.position}</span>
              <span className="queue-caller">{caller.customerRecord?.name ?? caller.name ?? shown ?? 'Unknown number'}</span>
              {(caller.customerRecord !== undefined || caller.name !== null) && shown !== null && <span className="muted">{shown}</span>}
              <span className="queue-wait">
                <WaitTime since={caller.joinedAt} approx={caller.joinedAtApprox} clockOffset={clockOffset} />
              </span>
            </li>
            )
          })}
        </ol>
      )}
    </section>
  )
}
