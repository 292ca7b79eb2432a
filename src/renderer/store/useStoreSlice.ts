import { useSyncExternalStore } from 'react'
import type { ExternalStore } from './external-store'

const noSubscribe = (): (() => void) => () => undefined

/**
 * A slice of a store's snapshot; the component re-renders only when the slice changes (by
 * identity). Without a store (a screen outside its provider) the slice comes from `fallback`.
 */
export function useStoreSlice<S, T>(store: ExternalStore<S> | null, fallback: S, select: (state: S) => T): T {
  return useSyncExternalStore(store?.subscribe ?? noSubscribe, () => select(store?.getSnapshot() ?? fallback))
}
