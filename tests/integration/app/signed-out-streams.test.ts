/**
 * What main streams to a window nobody is signed in at: not the softphone's account (its address,
 * extension and auth user), which `softphone:config` refuses to a signed-out caller too. A review
 * found the start-up's stream sent it to the sign-in page.
 */
import { describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS } from '../../../src/shared/settings'
import { useServicesOnDisk } from '../../support/services-on-disk'
import { waitFor } from '../../support/wait'

const servicesOnDisk = useServicesOnDisk()
const SOFTPHONE = { wsUrl: 'wss://pbx.example.com:8089/ws', extension: '2001', authUser: 'desk2001', displayName: 'Desk' }

describe('a signed-out window', () => {
  it('is not sent the softphone account at start-up; a signed-in one is, when it changes', async () => {
    const { store, services, invoke } = servicesOnDisk((store) => store.settings.save({ ...DEFAULT_SETTINGS, softphone: SOFTPHONE }))
    const sent: Array<{ channel: string; payload: unknown }> = []
    services.router.addSink((channel, payload) => sent.push({ channel, payload }))
    // Start-up applies the settings once the keychain answered: its last stream is the sessions'.
    await waitFor(() => sent.some((s) => s.channel === 'supervision:sessions'), 'start-up applied the settings')
    expect(JSON.stringify(sent)).not.toContain('desk2001')

    const ruth = await store.operators.create({ name: 'Ruth', extension: '2001', scopes: ['see-everyone', 'configure-everything'], pin: '4812' })
    await invoke('session:sign-in', { operatorId: ruth.id, pin: '4812' })
    await invoke('settings:save', { settings: { ...DEFAULT_SETTINGS, softphone: { ...SOFTPHONE, displayName: 'Desk two' } } })
    expect(sent.filter((s) => s.channel === 'softphone:config').map((s) => s.payload)).toEqual([expect.objectContaining({ authUser: 'desk2001', displayName: 'Desk two' })])
  })
})
