import type { JSX } from 'react'
import { QueuePanel } from './QueuePanel'
import { QueueStrip } from './QueueStrip'
import type { FloorScopeState } from './useFloorScope'
import './queues.css'

/** The queue strip above the floor, and the chosen queue's waiting callers beneath it. */
export function QueueArea({ state, clockOffset, attention }: { state: FloorScopeState; clockOffset: number; attention: ReadonlySet<string> }): JSX.Element | null {
  const scope = state.resolved.scope
  const queue = scope.kind === 'queue' ? state.queues.find((q) => q.name === scope.queue) : undefined
  if (state.queues.length === 0) return null
  return (
    <>
      <QueueStrip state={state} clockOffset={clockOffset} attention={attention} />
      {queue !== undefined && <QueuePanel queue={queue} clockOffset={clockOffset} onClose={() => state.setScope({ kind: 'all' })} />}
    </>
  )
}
