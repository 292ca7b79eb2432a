import { useCallback, useEffect, useSyncExternalStore } from 'react'
import type { EarshotApi, PreferencesView } from '../../shared/contract'
import type { PreferencesPatch } from '../../shared/preferences'
import { ExternalStore } from '../store/external-store'

/**
 * The signed-in operator's preferences and the machine settings that shape them, kept in one store
 * per api so every part of the screen (floor, alerts, wallboard) reads the same copy. Filled by
 * `preferences:get` and kept current by the `preferences:view` stream (main sends it after any
 * save, the operator's or an admin's).
 */
class PreferencesStore extends ExternalStore<PreferencesView | null> {
  private started = false
  private operatorId: string | null = null

  constructor(private readonly api: EarshotApi) {
    super(null)
  }

  start(): void {
    if (this.started) return
    this.started = true
    this.api.on('preferences:view', (view) => this.set(view))
    // Another operator signed in at this desk: their preferences, not the last one's.
    this.api.on('session:state', ({ operator }) => {
      if ((operator?.id ?? null) === this.operatorId) return
      this.operatorId = operator?.id ?? null
      this.set(null)
      if (operator !== null) this.fetch()
    })
    this.fetch()
  }

  private fetch(): void {
    this.api.invoke('preferences:get', {}).then(
      (view) => this.set(view),
      // Signed out meanwhile: the screen keeps its defaults until a view arrives.
      () => undefined
    )
  }

  async save(patch: PreferencesPatch): Promise<void> {
    this.set(await this.api.invoke('preferences:save', patch))
  }
}

const stores = new WeakMap<EarshotApi, PreferencesStore>()

function storeFor(api: EarshotApi): PreferencesStore {
  let store = stores.get(api)
  if (store === undefined) stores.set(api, (store = new PreferencesStore(api)))
  return store
}

/** The operator's preferences (null until main answered) and how to save a section of them. */
export function usePreferences(api: EarshotApi): { view: PreferencesView | null; save: (patch: PreferencesPatch) => Promise<void> } {
  const store = storeFor(api)
  useEffect(() => store.start(), [store])
  const view = useSyncExternalStore(store.subscribe, store.getSnapshot)
  const save = useCallback((patch: PreferencesPatch) => store.save(patch), [store])
  return { view, save }
}
