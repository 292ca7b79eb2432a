/**
 * Saved settings that no longer validate (a row edited by hand, or saved before a rule was
 * tightened): main refuses them everywhere else and says "save the settings again to repair
 * them", so the settings page must open and Save must work over them. A review found every
 * settings channel read them first and failed the same way: no repair from the app.
 */
import { describe, expect, it } from 'vitest'
import { AMI_ACCOUNT } from '../../../src/main/secrets'
import { DEFAULT_SETTINGS } from '../../../src/shared/settings'
import { useServicesOnDisk } from '../../support/services-on-disk'
import { waitFor } from '../../support/wait'

const servicesOnDisk = useServicesOnDisk()

function spoil(db: { prepare(sql: string): { run(...args: unknown[]): unknown } }, section: string, value: string): void {
  db.prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, 0) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(section, value)
}

describe('settings that no longer validate', () => {
  it('open on the settings page with what was wrong, the rest as saved, and Save repairs them', async () => {
    const { store, services, invoke } = servicesOnDisk()
    await services.signIn.firstAdmin({ name: 'Admin', extension: '2001', pin: '4812' })
    const saved = await invoke('settings:save', { settings: { ...DEFAULT_SETTINGS, records: { ...DEFAULT_SETTINGS.records, defaultRegion: 'DE' } } })
    expect(saved).toMatchObject({ ok: true })
    // A softphone address a later Earshot refuses (ws:// to the network).
    spoil(store.db, 'softphone', JSON.stringify({ wsUrl: 'ws://pbx.example.com/ws', extension: '', authUser: '', displayName: '' }))
    expect(() => store.settings.get()).toThrow(/save the settings again to repair them/)

    const view = await invoke('settings:get', {})
    expect(view.problem).toMatch(/softphone\.wsUrl/)
    expect(view.settings.softphone.wsUrl).toBe('')
    expect(view.settings.records.defaultRegion).toBe('DE')

    const repaired = await invoke('settings:save', { settings: view.settings })
    expect(repaired).toMatchObject({ ok: true, view: { problem: null } })
    expect(store.settings.get().records.defaultRegion).toBe('DE')
  })

  it('a section of the wrong shape altogether reads as its defaults too', async () => {
    const { store, services, invoke } = servicesOnDisk()
    await services.signIn.firstAdmin({ name: 'Admin', extension: '2001', pin: '4812' })
    spoil(store.db, 'alerts', '"loud"')
    expect(() => store.settings.get()).toThrow(/alerts/)
    const view = await invoke('settings:get', {})
    expect(view.settings.alerts).toEqual(DEFAULT_SETTINGS.alerts)
    expect(await invoke('settings:save', { settings: view.settings })).toMatchObject({ ok: true })
    expect(store.settings.get().alerts).toEqual(DEFAULT_SETTINGS.alerts)
  })

  it('at start-up leave the floor stopped, saying why, and nothing unhandled', async () => {
    const unhandled: unknown[] = []
    const onUnhandled = (reason: unknown): void => void unhandled.push(reason)
    process.on('unhandledRejection', onUnhandled)
    try {
      const { services } = servicesOnDisk((store) => spoil(store.db, 'softphone', JSON.stringify({ wsUrl: 'ws://pbx.example.com/ws', extension: '', authUser: '', displayName: '' })))
      await waitFor(() => services.floor.status().state === 'stopped', 'the floor stopped')
      expect(services.floor.status().message).toMatch(/softphone\.wsUrl.*save the settings again/)
      await new Promise((resolve) => setTimeout(resolve, 50))
      expect(unhandled).toEqual([])
    } finally {
      process.off('unhandledRejection', onUnhandled)
    }
  })

  it('a password whose address the spoiled settings no longer tell goes to no new address', async () => {
    const { store, services, invoke } = servicesOnDisk()
    await services.signIn.firstAdmin({ name: 'Admin', extension: '2001', pin: '4812' })
    await expect(invoke('settings:save', { settings: { ...DEFAULT_SETTINGS, pbx: { ...DEFAULT_SETTINGS.pbx, url: 'ami://127.0.0.1:5038', username: 'earshot' } } })).resolves.toMatchObject({ ok: true })
    await invoke('settings:set-secret', { account: 'ami', value: 's3cret' })
    expect((await invoke('settings:get', {})).secrets.amiPassword).toBe(true)
    // Stored before Earshot recorded addresses (no binding row), then the pbx section spoiled.
    store.settings.unbindSecret(AMI_ACCOUNT)
    spoil(store.db, 'pbx', JSON.stringify({ url: 42 }))
    const view = await invoke('settings:get', {})
    expect(view.settings.pbx.url).toBe('')
    await expect(invoke('settings:save', { settings: { ...view.settings, pbx: { ...view.settings.pbx, url: 'ami://127.0.0.2:5038', username: 'earshot' } } })).resolves.toMatchObject({ ok: true })
    const after = await invoke('settings:get', {})
    expect(after.settings.pbx.url).toBe('ami://127.0.0.2:5038')
    expect(after.secrets.amiPassword).toBe(false)
  })
})
