import { createContext, useContext } from 'react'
import { useStoreSlice } from '../store/useStoreSlice'
import { type DeskState, EMPTY_DESK, type SupervisionDesk } from './desk'
import type { SupervisionContext } from './supervise'
import { useSoftphone } from '../softphone/useSoftphone'
import { useFloor } from '../floor/useFloor'
import { floorNotLiveReason } from '../../shared/floor-live'

export const DeskContext = createContext<SupervisionDesk | null>(null)

export function useDeskController(): SupervisionDesk {
  const desk = useContext(DeskContext)
  if (desk === null) throw new Error('useDeskController outside <DeskContext.Provider>')
  return desk
}

/** A slice of the desk state; re-renders only when the slice changes (by identity). */
export function useDesk<T>(select: (state: DeskState) => T): T {
  // Outside the console's provider: no sessions, supervision available.
  return useStoreSlice(useContext(DeskContext), EMPTY_DESK, select)
}

/** What the row buttons need besides the row, re-rendering when any of it changes. */
export function useSupervisionContext(): SupervisionContext {
  const softphone = useSoftphone((s) => s.registration)
  const onOrdinaryCall = useSoftphone((s) => s.calls.some((c) => c.kind === 'ordinary'))
  const sessions = useDesk((s) => s.sessions)
  const pbx = useDesk((s) => s.pbx)
  const floorNotLive = useFloor((s) => (s.connection === null ? null : floorNotLiveReason(s.connection)))
  return { softphone, pbx, sessions, onOrdinaryCall, floorNotLive }
}
