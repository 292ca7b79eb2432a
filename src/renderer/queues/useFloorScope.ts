import { useCallback, useMemo } from 'react'
import type { AgentRow, QueueView } from '../../shared/floor'
import type { FloorScope } from '../../shared/preferences'
import type { Team } from '../../shared/settings'
import { agentsInScope, resolveScope, type ResolvedScope } from '../floor/scope'
import { selectQueues, selectRows, useFloor } from '../floor/useFloor'
import { usePreferences } from '../operators/preferences'
import { useRecordsApi } from '../records/context'

const ALL: FloorScope = { kind: 'all' }
const NO_TEAMS: readonly Team[] = []

export interface FloorScopeState {
  /** What the operator chose (remembered in their preferences). */
  chosen: FloorScope
  /** What applies now (All, with a note, when the chosen team or queue is gone). */
  resolved: ResolvedScope
  teams: readonly Team[]
  queues: readonly QueueView[]
  setScope: (scope: FloorScope) => void
}

/** The floor's scope: the operator's remembered choice, resolved against today's teams and queues. */
export function useFloorScope(): FloorScopeState {
  const { view, save } = usePreferences(useRecordsApi())
  const queues = useFloor(selectQueues)
  const chosen = view?.preferences.floor.scope ?? ALL
  const teams = view?.machine.teams ?? NO_TEAMS
  const loaded = useFloor((s) => s.snapshots > 0)
  const resolved = useMemo(() => {
    // Before the first snapshot no queue is known yet: that is not "gone".
    if (!loaded && chosen.kind !== 'all') return { scope: chosen, extensions: new Set<string>(), missing: null }
    return resolveScope(chosen, teams, queues)
  }, [chosen, teams, queues, loaded])
  const setScope = useCallback(
    (scope: FloorScope) => {
      if (view === null) return
      // A failed save leaves the choice as it was; the picker shows what is stored.
      save({ floor: { ...view.preferences.floor, scope } }).catch(() => undefined)
    },
    [view, save]
  )
  return { chosen, resolved, teams, queues, setScope }
}

/** The floor's agents in this scope (the floor, its alerts and the wallboard all show these). */
export function useRowsInScope(scope: FloorScopeState): ReadonlyMap<string, AgentRow> {
  const allRows = useFloor(selectRows)
  const { resolved, teams, queues } = scope
  return useMemo(() => agentsInScope(allRows, resolved.scope, teams, queues).rows, [allRows, resolved.scope, teams, queues])
}
