import { createContext, useContext } from 'react'
import type { ConnectionStatus } from '../../shared/contract'
import type { AgentRow, QueueView } from '../../shared/floor'
import { useStoreSlice } from '../store/useStoreSlice'
import type { FloorStoreState, FloorStore } from './store'

export const FloorStoreContext = createContext<FloorStore | null>(null)

export function useFloorStore(): FloorStore {
  const store = useContext(FloorStoreContext)
  if (store === null) throw new Error('useFloorStore outside <FloorStoreContext.Provider>')
  return store
}

/**
 * A slice of the floor state. The component re-renders only when the slice changes (by identity),
 * so a screen part that reads `connection` is not re-rendered by row deltas.
 */
export function useFloor<T>(select: (state: FloorStoreState) => T): T {
  const store = useFloorStore()
  return useStoreSlice(store, store.getSnapshot(), select)
}

export const selectRows = (state: FloorStoreState): ReadonlyMap<string, AgentRow> => state.rows
export const selectConnection = (state: FloorStoreState): ConnectionStatus | null => state.connection
export const selectClockOffset = (state: FloorStoreState): number => state.clockOffset
export const selectStale = (state: FloorStoreState): boolean => state.connection?.stale ?? false
export const selectQueues = (state: FloorStoreState): readonly QueueView[] => state.queues
