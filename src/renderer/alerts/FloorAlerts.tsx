import { createContext, type JSX, type ReactNode, useContext, useMemo } from 'react'
import { queuesInScope } from '../floor/scope'
import { selectClockOffset, useFloor } from '../floor/useFloor'
import { useFloorScope, useRowsInScope } from '../queues/useFloorScope'
import { type AlertsModel, useAlerts } from './useAlerts'

const FloorAlertsContext = createContext<AlertsModel | null>(null)

/** The console's alerts (null for an operator who does not see everyone: they have none). */
export function useFloorAlerts(): AlertsModel | null {
  return useContext(FloorAlertsContext)
}

function Judge({ focus, children }: { focus: (extension: string) => void; children: ReactNode }): JSX.Element {
  const scope = useFloorScope()
  const rows = useRowsInScope(scope)
  // The queues the scope is about, as the wallboard shows them: a caller waiting elsewhere is another supervisor's.
  const queues = useMemo(() => queuesInScope(scope.resolved, scope.teams, scope.queues), [scope.resolved, scope.teams, scope.queues])
  const model = useAlerts(rows, queues, useFloor(selectClockOffset), focus)
  return <FloorAlertsContext.Provider value={model}>{children}</FloorAlertsContext.Provider>
}

/**
 * Judges the floor's alerts for as long as the console is open, whatever page it shows: a
 * supervisor reading the call log still gets the sound and the notification, what they
 * acknowledged stays acknowledged when they come back, and the floor and the wallboard mark the
 * same agents. Only for operators who see everyone (the alerts are about the whole floor, in the
 * operator's scope). `focus` shows an agent's row (a notification's click).
 */
export function FloorAlerts({ active, focus, children }: { active: boolean; focus: (extension: string) => void; children: ReactNode }): JSX.Element {
  if (!active) return <>{children}</>
  return <Judge focus={focus}>{children}</Judge>
}
