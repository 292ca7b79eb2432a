import { useCallback, useEffect, useSyncExternalStore } from 'react'
import type { EarshotApi, PreferencesView } from '../../shared/contract'
import type { PreferencesPatch } from '../../shared/preferences'
import { ExternalStore } from '../store/external-store'

/**
 * The signed-in operator's preferences and the machine settings that shape them, kept in one store
 * per api so every part of the screen (floor, alerts, wallboard) reads the same copy. Filled by
 * `preferences:get` and kept current by the `preferences:view` stream (main sends it after any
 * save, the operator's or an admin's).
 *
 * A save shows at once: the view is main's last word with the saves still on their way laid over
 * it, so a second change (a scope chosen while a density change is being saved) builds on the first
 * instead of sending the old value back; a refused save simply drops out of the overlay.
 */
export class PreferencesStore extends ExternalStore<PreferencesView | null> {
  private started = false
  private operatorId: string | null = null
  /** Main's last word. */
  private stored: PreferencesView | null = null
  private readonly pending: PreferencesPatch[] = []

  constructor(private readonly api: EarshotApi) {
    super(null)
  }

  start(): void {
    if (this.started) return
    this.started = true
    this.api.on('preferences:view', (view) => this.receive(view))
    // Another operator signed in at this desk: their preferences, not the last one's.
    this.api.on('session:state', ({ operator }) => {
      if ((operator?.id ?? null) === this.operatorId) return
      this.operatorId = operator?.id ?? null
      this.pending.length = 0
      this.receive(null)
      if (operator !== null) this.fetch()
    })
    this.fetch()
  }

  private fetch(): void {
    this.api.invoke('preferences:get', {}).then(
      (view) => this.receive(view),
      // Signed out meanwhile: the screen keeps its defaults until a view arrives.
      () => undefined
    )
  }

  private receive(view: PreferencesView | null): void {
    this.stored = view
    this.show()
  }

  private show(): void {
    const base = this.stored
    if (base === null) return this.set(null)
    this.set(this.pending.reduce((view, patch) => ({ ...view, preferences: { ...view.preferences, ...patch } }), base))
  }

  async save(patch: PreferencesPatch): Promise<void> {
    const operatorId = this.operatorId
    this.pending.push(patch)
    this.show()
    try {
      const view = await this.api.invoke('preferences:save', patch)
      // Another operator signed in meanwhile: that answer is not theirs.
      if (this.operatorId !== operatorId) return
      // Main answers in the order it was asked: this view already holds the saves before this one.
      this.drop(patch)
      this.receive(view)
    } catch (error) {
      this.drop(patch)
      this.show()
      throw error
    }
  }

  private drop(patch: PreferencesPatch): void {
    // Gone already when another operator signed in meanwhile.
    const at = this.pending.indexOf(patch)
    if (at >= 0) this.pending.splice(at, 1)
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
