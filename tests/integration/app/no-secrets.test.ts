/**
 * The passwords go renderer → main → OS keychain, and nowhere else: not back over IPC (responses
 * or streams), not into the SQLite files, not into anything printed. Driven through the real
 * services with a real keychain, store and AMI connection on loopback.
 */
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createServices, type EarshotServices } from '../../../src/main/app'
import { openKeychain, type SecretStore } from '../../../src/main/secrets'
import { openStore, type Store } from '../../../src/main/app'
import type { InvokeChannel, InvokeRequest } from '../../../src/shared/contract'
import { FakeAsterisk, SECRET, USERNAME } from '../ami/fake-asterisk'

const SIP_PASSWORD = `sip-${randomBytes(9).toString('hex')}`
let dir: string
let store: Store
let secrets: SecretStore
let services: EarshotServices
let fake: FakeAsterisk
const seen: string[] = []
const printed: string[] = []

async function call<C extends InvokeChannel>(channel: C, request: InvokeRequest<C>): Promise<unknown> {
  const response = await services.router.invoke(channel, request, { origin: 'test' })
  seen.push(JSON.stringify(response))
  return response
}

beforeAll(async () => {
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void printed.push(args.map(String).join(' ')))
  }
  dir = mkdtempSync(join(tmpdir(), 'earshot-secrets-'))
  store = openStore({ dir })
  secrets = openKeychain({ service: `Earshot test ${randomBytes(6).toString('hex')}` })
  fake = await FakeAsterisk.start()
  services = createServices({ store, secrets, startDemoPbx: () => Promise.reject(new Error('no demo here')) })
  services.router.addSink((channel, payload) => seen.push(`${channel} ${JSON.stringify(payload)}`))
  await services.signIn.firstAdmin({ name: 'Admin', extension: '2001', pin: '1357' })
})

afterAll(async () => {
  await services.stop()
  await fake.close()
  store.close()
  rmSync(dir, { recursive: true, force: true })
  vi.restoreAllMocks()
})

describe('no secret leaves main', () => {
  it('through a whole admin session: set, connect, test, export, digest, a wrong password', async () => {
    await call('settings:set-secret', { account: 'ami', value: SECRET })
    await call('settings:set-secret', { account: 'sip', value: SIP_PASSWORD })
    const view = (await call('settings:get', {})) as { settings: object }
    await call('settings:save', {
      settings: { ...view.settings, pbx: { ...(view.settings as { pbx: object }).pbx, url: fake.url, username: USERNAME }, softphone: { wsUrl: 'ws://127.0.0.1:9/ws', extension: '2001', authUser: '2001', displayName: 'Sam' } }
    })
    const end = Date.now() + 5000
    while (services.floor.status().state !== 'live') {
      if (Date.now() > end) throw new Error('the floor never went live')
      await new Promise((r) => setTimeout(r, 20))
    }
    expect(await secrets.get('ami/default')).toBe(SECRET)
    for (const channel of ['settings:get', 'settings:export', 'floor:snapshot', 'supervision:sessions', 'session:current', 'operators:list', 'softphone:config'] as const) {
      await call(channel, {})
    }
    await call('settings:test', {})
    const digest = (await call('softphone:digest', { realm: 'asterisk', nonce: 'abc123', opaque: null, algorithm: 'MD5', qop: 'auth', method: 'REGISTER', uri: 'sip:127.0.0.1', cnonce: 'deadbeef01', nc: '00000001' })) as { response: string }
    expect(digest.response).toMatch(/^[0-9a-f]{32}$/)
    // A wrong password: the failure is reported in words, without either password.
    await call('settings:set-secret', { account: 'ami', value: `${SECRET}-wrong` })
    const until = Date.now() + 5000
    while (services.floor.status().state !== 'reconnecting') {
      if (Date.now() > until) throw new Error('no reconnecting status after a wrong password')
      await new Promise((r) => setTimeout(r, 20))
    }
    expect(services.floor.status().message).toMatch(/rejected the user/)
    await call('settings:test', {})

    const everything = [...seen, ...printed].join('\n')
    expect(seen.length).toBeGreaterThan(20)
    for (const secret of [SECRET, SIP_PASSWORD]) expect(everything).not.toContain(secret)

    // And nothing on disk: every file of the store (database, WAL, shared memory).
    store.db.pragma('wal_checkpoint(PASSIVE)')
    for (const file of readdirSync(dir)) {
      const bytes = readFileSync(join(dir, file))
      for (const secret of [SECRET, SIP_PASSWORD]) expect(bytes.includes(Buffer.from(secret)), `${secret} in ${file}`).toBe(false)
    }
  })
})
