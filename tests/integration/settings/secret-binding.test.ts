/**
 * A stored password belongs to the address it was saved for (issue 14.5): changing the AMI address
 * (or the softphone's WebSocket address) in the settings without typing the password again never
 * sends the old password there — not on connect, not in Test connection, not as a digest answer.
 * Real services, the real keychain of the test session, two stand-in Asterisks on loopback TCP.
 */
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServices, type EarshotServices, openStore, type Store } from '../../../src/main/app'
import { openKeychain } from '../../../src/main/secrets'
import type { InvokeChannel, InvokeRequest, InvokeResponse } from '../../../src/shared/contract'
import type { MachineSettings } from '../../../src/shared/settings'
import { FakeAsterisk, SECRET, USERNAME } from '../ami/fake-asterisk'
import { waitFor } from '../../support/wait'

let dir: string
let store: Store
let services: EarshotServices
let a: FakeAsterisk
let b: FakeAsterisk

const call = <C extends InvokeChannel>(channel: C, request: InvokeRequest<C>): Promise<InvokeResponse<C>> =>
  services.router.invoke(channel, request, { origin: 'test' }) as Promise<InvokeResponse<C>>

const logins = (fake: FakeAsterisk) => fake.actions.filter((m) => m.fields.Action === 'Login').map((m) => m.fields.Secret)

async function save(change: (s: MachineSettings) => MachineSettings): Promise<void> {
  const view = await call('settings:get', {})
  const result = await call('settings:save', { settings: change(view.settings) })
  if (!result.ok) throw new Error(JSON.stringify(result.errors))
}

const pbxAt = (url: string) => (s: MachineSettings): MachineSettings => ({ ...s, pbx: { ...s.pbx, url, username: USERNAME } })

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'earshot-bound-'))
  store = openStore({ dir })
  services = createServices({
    store,
    secrets: openKeychain({ service: `Earshot test ${randomBytes(6).toString('hex')}` }),
    startDemoPbx: () => Promise.reject(new Error('no demo here'))
  })
  await services.signIn.firstAdmin({ name: 'Admin', extension: '2001', pin: '1357' })
  a = await FakeAsterisk.start()
  b = await FakeAsterisk.start()
})

afterAll(async () => {
  await services.stop()
  await a.close()
  await b.close()
  store.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('a saved password goes only to the address it was saved for', () => {
  it('AMI: a changed address without the password typed again gets no Login with the old one, on connect or in Test connection', async () => {
    // The first-run order: the password set before any address is saved belongs to the first address saved.
    await call('settings:set-secret', { account: 'ami', value: SECRET })
    await save(pbxAt(a.url))
    await waitFor(() => services.floor.status().state === 'live', 'the floor live on A', 10_000)
    expect(logins(a)).toContain(SECRET)

    await save(pbxAt(b.url))
    const status = await waitFor(() => {
      const s = services.floor.status()
      return (logins(b).length > 0 || /saved for/.test(s.message ?? '')) && s
    }, 'a Login at B or a refusal', 10_000)
    expect(logins(b)).toEqual([])
    expect(status.message).toMatch(new RegExp(`saved for ${a.url.replace(/[.:/]/g, '\\$&')}`))
    // The page no longer shows it as saved (for this address), and Test connection does not send it either.
    expect((await call('settings:get', {})).secrets.amiPassword).toBe(false)
    const { steps } = await call('settings:test', {})
    expect(steps[0]).toMatchObject({ id: 'settings', status: 'fail' })
    expect(logins(b)).toEqual([])

    // Typed again for B (the form's address comes with it): B gets it.
    await call('settings:set-secret', { account: 'ami', value: SECRET, address: b.url })
    await waitFor(() => services.floor.status().state === 'live', 'the floor live on B', 10_000)
    expect(logins(b)).toContain(SECRET)
  })

  it('SIP: a changed softphone address gets no digest answers with the old password', async () => {
    await save((s) => ({ ...s, softphone: { ...s.softphone, wsUrl: 'ws://127.0.0.1:9/ws', extension: '2001', authUser: '2001' } }))
    await call('settings:set-secret', { account: 'sip', value: 'the-sip-password', address: 'ws://127.0.0.1:9/ws' })
    const register = (domain: string) =>
      call('softphone:digest', { realm: 'asterisk', nonce: 'n1', opaque: null, algorithm: 'MD5', qop: 'auth', method: 'REGISTER', uri: `sip:${domain}`, cnonce: 'deadbeef01', nc: '00000001' })
    await expect(register('127.0.0.1')).resolves.toMatchObject({ username: '2001' })
    await save((s) => ({ ...s, softphone: { ...s.softphone, wsUrl: 'ws://localhost:9/ws' } }))
    await expect(register('localhost')).rejects.toMatchObject({ error: { message: expect.stringMatching(/saved for ws:\/\/127\.0\.0\.1:9\/ws/) as unknown } })
  })
})
