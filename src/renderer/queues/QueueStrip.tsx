import type { JSX } from 'react'
import type { QueueView } from '../../shared/floor'
import { elapsedSeconds, formatDuration, useFloorNow } from '../floor/clock'
import type { FloorScopeState } from './useFloorScope'

/** Ticks from `since` (PBX-clock ms) on the floor's clock; `~` when the start was read from a whole-second wait. */
export function WaitTime({ since, approx, clockOffset }: { since: number; approx: boolean; clockOffset: number }): JSX.Element {
  const { now } = useFloorNow()
  return (
    <>
      {approx && <span className="time-approx">~</span>}
      {formatDuration(elapsedSeconds(since, now + clockOffset))}
    </>
  )
}

const SINCE_RESET = "since the PBX's counters were reset"

function counter(value: number | null): string {
  return value === null ? '—' : String(value)
}

function QueueTile(props: { queue: QueueView; active: boolean; alert: boolean; clockOffset: number; onToggle: () => void }): JSX.Element {
  const { queue, active, alert, clockOffset, onToggle } = props
  const longest = queue.callers.find((c) => c.joinedAt === queue.longestWaitSince)
  return (
    <button
      type="button"
      className={['queue-tile', active ? 'is-active' : null, queue.waiting > 0 ? 'has-waiting' : null, alert ? 'needs-attention' : null].filter(Boolean).join(' ')}
      aria-pressed={active}
      data-queue={queue.name}
      onClick={onToggle}
      title={active ? 'Show all agents' : `Show the members of ${queue.name} and its waiting callers`}
    >
      <span className="queue-name">
        {queue.name}
        {alert && <span className="queue-attention"> · Needs attention</span>}
      </span>
      <span className="queue-waiting">
        <strong data-testid="queue-waiting">{queue.waiting}</strong> waiting
        <span className="queue-longest" data-testid="queue-longest">
          {queue.longestWaitSince === null ? '—' : <WaitTime since={queue.longestWaitSince} approx={longest?.joinedAtApprox ?? false} clockOffset={clockOffset} />}
        </span>
      </span>
      <span className="queue-agents">
        <span className="legend-idle"><span className="status-dot" aria-hidden="true" />{queue.available} available</span>
        <span className="legend-talking"><span className="status-dot" aria-hidden="true" />{queue.busy} on a call</span>
        <span className="legend-paused"><span className="status-dot" aria-hidden="true" />{queue.paused} paused</span>
        <span className="legend-offline"><span className="status-dot" aria-hidden="true" />{queue.offline} offline</span>
      </span>
      <span className="queue-counts" title={`Answered and abandoned ${SINCE_RESET}; in brackets, what Earshot saw since it began following the PBX.`}>
        Answered {counter(queue.answered)} <span className="muted">({queue.answeredSeen})</span> · Abandoned {counter(queue.abandoned)}{' '}
        <span className="muted">({queue.abandonedSeen})</span>
      </span>
      <span className="queue-sl">
        {queue.serviceLevelSeconds === null || queue.serviceLevelPercent === null
          ? 'Service level: no threshold'
          : `Service level ${Math.round(queue.serviceLevelPercent)}% within ${queue.serviceLevelSeconds}s`}
      </span>
    </button>
  )
}

/** One tile per queue above the floor; a tile narrows the floor to that queue's members (again: everyone). */
export function QueueStrip({ state, clockOffset, attention }: { state: FloorScopeState; clockOffset: number; attention: ReadonlySet<string> }): JSX.Element | null {
  const { queues, resolved, setScope } = state
  if (queues.length === 0) return null
  const activeQueue = resolved.scope.kind === 'queue' ? resolved.scope.queue : null
  return (
    <section className="queue-strip" aria-label="Queues">
      {queues.map((queue) => (
        <QueueTile
          key={queue.name}
          queue={queue}
          active={queue.name === activeQueue}
          alert={attention.has(queue.name)}
          clockOffset={clockOffset}
          onToggle={() => setScope(queue.name === activeQueue ? { kind: 'all' } : { kind: 'queue', queue: queue.name })}
        />
      ))}
    </section>
  )
}
