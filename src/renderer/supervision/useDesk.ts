import { createContext, useContext, useSyncExternalStore } from 'react'
import type { DeskState, SupervisionDesk } from './desk'
import { PBX_SUPERVISION_AVAILABLE, type SupervisionContext } from './supervise'
import { useSoftphone } from '../softphone/useSoftphone'

export const DeskContext = createContext<SupervisionDesk | null>(null)

export function useDeskController(): SupervisionDesk {
  const desk = useContext(DeskContext)
  if (desk === null) throw new Error('useDeskController outside <DeskContext.Provider>')
  return desk
}

/** What a screen outside the console's provider sees: no sessions, supervision available. */
const NO_DESK: DeskState = { sessions: [], pbx: PBX_SUPERVISION_AVAILABLE, pending: {}, notes: {}, justEnded: null }

const noSubscribe = (): (() => void) => () => undefined

/** A slice of the desk state; re-renders only when the slice changes (by identity). */
export function useDesk<T>(select: (state: DeskState) => T): T {
  const desk = useContext(DeskContext)
  return useSyncExternalStore(desk?.subscribe ?? noSubscribe, () => select(desk?.getState() ?? NO_DESK))
}

/** What the row buttons need besides the row, re-rendering when any of it changes. */
export function useSupervisionContext(): SupervisionContext {
  const softphone = useSoftphone((s) => s.registration)
  const onOrdinaryCall = useSoftphone((s) => s.calls.some((c) => c.kind === 'ordinary'))
  const sessions = useDesk((s) => s.sessions)
  const pbx = useDesk((s) => s.pbx)
  return { softphone, pbx, sessions, onOrdinaryCall }
}
