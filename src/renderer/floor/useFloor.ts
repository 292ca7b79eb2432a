import { createContext, useContext, useSyncExternalStore } from 'react'
import type { ConnectionStatus } from '../../shared/contract'
import type { AgentRow, QueueView } from '../../shared/floor'
import { subscribeSeconds } from './clock'
import type { FloorStoreState, FloorStore } from './store'

export const FloorStoreContext = createContext<FloorStore | null>(null)

export function useFloorStore(): FloorStore {
  const store = useContext(FloorStoreContext)
  if (store === null) throw new Error('useFloorStore outside <FloorStoreContext.Provider>')
  return store
}

/**
 * Whether the screens inside follow the floor once a second instead of at every delta: the console
 * under the wallboard (which shows the floor itself: its alerts still judge, its scroll and filters
 * are kept, and a 5,000-agent floor is not rendered twice), and the alerts' judge (which judges
 * once a second anyway).
 */
export const FloorEachSecondContext = createContext(false)

/**
 * A slice of the floor state. The component re-renders only when the slice changes (by identity),
 * so a screen part that reads `connection` is not re-rendered by row deltas.
 */
export function useFloor<T>(select: (state: FloorStoreState) => T): T {
  const store = useFloorStore()
  const eachSecond = useContext(FloorEachSecondContext)
  return useSyncExternalStore(eachSecond ? subscribeSeconds : store.subscribe, () => select(store.getSnapshot()))
}

export const selectRows = (state: FloorStoreState): ReadonlyMap<string, AgentRow> => state.rows
export const selectConnection = (state: FloorStoreState): ConnectionStatus | null => state.connection
export const selectClockOffset = (state: FloorStoreState): number => state.clockOffset
/** When the floor stopped being live (this machine's clock), or null while it is live: its times stop there. */
export const selectStoppedAt = (state: FloorStoreState): number | null => (state.connection?.stale === true ? state.staleSince : null)
export const selectStale = (state: FloorStoreState): boolean => state.connection?.stale ?? false
export const selectQueues = (state: FloorStoreState): readonly QueueView[] => state.queues
