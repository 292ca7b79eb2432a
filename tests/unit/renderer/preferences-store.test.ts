/**
 * The renderer's copy of the operator's preferences: a save shows at once and a second save made
 * while the first is on its way builds on it (the floor's scope chosen while a density change is
 * being saved used to send the old density back, undoing it), a refusal drops out, and main's word
 * wins in the end. Main is a fake here whose answers the test releases one by one.
 */
import { describe, expect, it } from 'vitest'
import type { EarshotApi, PreferencesView } from '../../../src/shared/contract'
import { DEFAULT_PREFERENCES, type PreferencesPatch } from '../../../src/shared/preferences'
import { DEFAULT_SETTINGS } from '../../../src/shared/settings'
import { PreferencesStore } from '../../../src/renderer/operators/preferences'

interface Asked {
  patch: PreferencesPatch
  answer: () => void
  refuse: () => void
}

/** Main as the store sees it: it keeps what it is sent, in order, and answers when told to. */
function fakeMain(): { api: EarshotApi; asked: Asked[]; stored: () => PreferencesView } {
  let stored: PreferencesView = {
    preferences: DEFAULT_PREFERENCES,
    machine: { alerts: DEFAULT_SETTINGS.alerts, teams: [], wallboard: DEFAULT_SETTINGS.wallboard }
  }
  const asked: Asked[] = []
  const api = {
    invoke: (channel: string, request: unknown) => {
      if (channel === 'preferences:get') return Promise.resolve(stored)
      if (channel !== 'preferences:save') return Promise.reject(new Error(`unexpected ${channel}`))
      const patch = request as PreferencesPatch
      return new Promise((resolve, reject) => {
        asked.push({
          patch,
          answer: () => {
            stored = { ...stored, preferences: { ...stored.preferences, ...patch } }
            resolve(stored)
          },
          refuse: () => reject(new Error('refused'))
        })
      })
    },
    on: () => () => undefined
  } as unknown as EarshotApi
  return { api, asked, stored: () => stored }
}

async function started(api: EarshotApi): Promise<PreferencesStore> {
  const store = new PreferencesStore(api)
  store.start()
  await new Promise((resolve) => setTimeout(resolve, 0))
  return store
}

describe('the preferences store', () => {
  it('a scope chosen while a density change is being saved keeps the new density', async () => {
    const main = fakeMain()
    const store = await started(main.api)
    const view = (): PreferencesView => {
      const v = store.getSnapshot()
      if (v === null) throw new Error('no view yet')
      return v
    }
    const density = store.save({ floor: { ...view().preferences.floor, density: 'compact' } })
    // Shown before main answers.
    expect(view().preferences.floor.density).toBe('compact')
    // The scope picker builds its patch on what is shown now.
    const scope = store.save({ floor: { ...view().preferences.floor, scope: { kind: 'queue', queue: 'sales' } } })
    expect(main.asked[1]?.patch.floor).toMatchObject({ density: 'compact', scope: { kind: 'queue', queue: 'sales' } })
    main.asked[0]?.answer()
    await density
    // Main's first answer does not hide the save still on its way.
    expect(view().preferences.floor).toMatchObject({ density: 'compact', scope: { kind: 'queue', queue: 'sales' } })
    main.asked[1]?.answer()
    await scope
    expect(main.stored().preferences.floor).toMatchObject({ density: 'compact', scope: { kind: 'queue', queue: 'sales' } })
    expect(view()).toEqual(main.stored())
  })

  it('a refused save drops out of what is shown and says so to its caller', async () => {
    const main = fakeMain()
    const store = await started(main.api)
    const before = store.getSnapshot()
    const saving = store.save({ alerts: { ...DEFAULT_PREFERENCES.alerts, sound: !DEFAULT_PREFERENCES.alerts.sound } })
    expect(store.getSnapshot()?.preferences.alerts.sound).toBe(!DEFAULT_PREFERENCES.alerts.sound)
    main.asked[0]?.refuse()
    await expect(saving).rejects.toThrow('refused')
    expect(store.getSnapshot()).toEqual(before)
  })
})
