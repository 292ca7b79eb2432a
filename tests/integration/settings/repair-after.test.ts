/**
 * After a repair of settings that no longer validated (see repair.test.ts), found by a review of
 * that fix: the floor they had stopped starts again, and a password bound to no address (stored
 * before Earshot recorded addresses) keeps going to the PBX address its own section still tells
 * when the fault was in another section.
 */
/**
 * Review of aed22c9 (settings that no longer validate, repaired from the settings page).
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
const PBX = { ...DEFAULT_SETTINGS.pbx, url: 'ami://127.0.0.1:9', username: 'earshot' }
const BAD_SOFTPHONE = JSON.stringify({ wsUrl: 'ws://pbx.example.com/ws', extension: '', authUser: '', displayName: '' })

describe('repairing settings that no longer validate', () => {
  it('Save brings the floor back (it stopped at start-up because of them)', async () => {
    const { services, invoke } = servicesOnDisk((store) => {
      store.settings.save({ ...DEFAULT_SETTINGS, pbx: PBX })
      spoil(store.db, 'softphone', BAD_SOFTPHONE)
    })
    await waitFor(() => services.floor.status().state === 'stopped', 'the floor stopped')
    await services.signIn.firstAdmin({ name: 'Admin', extension: '2001', pin: '4812' })
    const view = await invoke('settings:get', {})
    expect(view.settings.pbx.url).toBe(PBX.url)
    await expect(invoke('settings:save', { settings: view.settings })).resolves.toMatchObject({ ok: true, view: { problem: null } })
    await new Promise((resolve) => setTimeout(resolve, 200))
    // The settings read again: the floor must follow the PBX they name, not stay stopped with the old words.
    expect(services.floor.status(), JSON.stringify(services.floor.status())).not.toMatchObject({ state: 'stopped' })
    expect(services.floor.status().message ?? '').not.toMatch(/save the settings again/)
  })

  it('a fault in another section does not take the AMI password off the PBX address the settings still tell', async () => {
    const { store, services, invoke } = servicesOnDisk()
    await services.signIn.firstAdmin({ name: 'Admin', extension: '2001', pin: '4812' })
    await expect(invoke('settings:save', { settings: { ...DEFAULT_SETTINGS, pbx: PBX } })).resolves.toMatchObject({ ok: true })
    await invoke('settings:set-secret', { account: 'ami', value: 's3cret' })
    // Stored before Earshot recorded addresses (as repair.test.ts does), then an unrelated section spoiled.
    store.settings.unbindSecret(AMI_ACCOUNT)
    spoil(store.db, 'softphone', BAD_SOFTPHONE)
    const view = await invoke('settings:get', {})
    expect(view.settings.pbx.url).toBe(PBX.url) // the PBX section read fine: its address is told
    await expect(invoke('settings:save', { settings: view.settings })).resolves.toMatchObject({ ok: true })
    const after = await invoke('settings:get', {})
    expect(after.settings.pbx.url).toBe(PBX.url)
    expect(after.secrets.amiPassword).toBe(true)
  })
})
