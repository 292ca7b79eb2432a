/**
 * Test connection tries the softphone's SIP credentials itself (issue 13.4): against the demo
 * PBX's registrar, which challenges every REGISTER as Asterisk does, while the softphone holds a
 * valid registration made with the right password. A wrong password used to pass ("Softphone
 * registered") because that registration was still there; the check is a REGISTER without a
 * Contact, which the registrar authenticates but binds nothing with, so the live registration is
 * left exactly as it was. A stored SIP password is tried only at the address it was saved for.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { WebSocketServer } from 'ws'
import { openStore, type Store } from '../../../src/main/app'
import { type DemoPbx, startDemoPbx } from '../../../src/main/demo-pbx'
import { settingsHandlers } from '../../../src/main/settings'
import type { SecretStore } from '../../../src/main/secrets'
import type { TestStep } from '../../../src/shared/contract'
import { DEFAULT_SETTINGS, type MachineSettings } from '../../../src/shared/settings'
import { Softphone } from '../demo-pbx/support/softphone'
import { useTempDirs } from '../store/temp-dir'

const RIGHT = 'right-sip-password-2001'
const WRONG = 'wrong-sip-password-2001'

interface Registrations {
  contacts: Array<{ extension: string; uri: string; websocket: number }>
  websockets: number
  removed: Array<{ extension: string; uri: string; how: string }>
}

const tempDir = useTempDirs()
let pbx: DemoPbx
let store: Store
let phone: Softphone | null = null
let stranger: WebSocketServer | null = null

beforeEach(async () => {
  pbx = await startDemoPbx({ scenario: 'queue-pause', consoleActions: 'client', sipPasswords: { '2001': RIGHT } })
  store = openStore({ dir: tempDir() })
})

afterEach(async () => {
  await phone?.stop()
  phone = null
  await new Promise<void>((resolve) => (stranger === null ? resolve() : stranger.close(() => resolve())))
  stranger = null
  store.close()
  await pbx.stop()
})

/** An in-memory keychain. */
function memoryKeychain(): SecretStore {
  const values = new Map<string, string>()
  return {
    get: (account) => Promise.resolve(values.get(account) ?? null),
    set: (account, value) => Promise.resolve(void values.set(account, value)),
    delete: (account) => Promise.resolve(values.delete(account))
  }
}

function settings(wsUrl: string): MachineSettings {
  return {
    ...DEFAULT_SETTINGS,
    pbx: { ...DEFAULT_SETTINGS.pbx, url: pbx.url, username: pbx.username, featureCodes: { listen: '555', whisper: '556', barge: '557' } },
    softphone: { ...DEFAULT_SETTINGS.softphone, wsUrl, extension: '2001' }
  }
}

/** The settings page's handlers on a store whose saved settings point at the demo PBX, with the SIP password `sip` stored for its address. */
async function page(sip: string) {
  expect(store.settings.save(settings(pbx.sip.url)).ok).toBe(true)
  const handlers = settingsHandlers({
    repository: store.settings,
    secrets: memoryKeychain(),
    probeKeychain: () => Promise.resolve({ available: true, message: null }),
    applied: () => undefined,
    passwordSet: () => undefined,
    sampleAgent: () => '1001'
  })
  const caller = { origin: 'test', operator: null }
  await handlers['settings:set-secret']({ account: 'ami', value: pbx.secret }, caller)
  await handlers['settings:set-secret']({ account: 'sip', value: sip, address: pbx.sip.url }, caller)
  return {
    test: async (form: MachineSettings, typed: { sipPassword?: string } = {}): Promise<TestStep[]> => (await handlers['settings:test']({ settings: form, ...typed }, caller)).steps
  }
}

/** The softphone registered with the right password, as it was before the password was changed. */
async function registeredSoftphone(): Promise<Registrations> {
  phone = new Softphone(pbx.sip.url, '2001', RIGHT)
  await phone.register()
  const now = await registrations()
  expect(now.contacts.map((c) => c.extension)).toEqual(['2001'])
  return now
}

async function registrations(): Promise<Registrations> {
  const res = await fetch(pbx.sip.reportUrl.replace('/demo/supervision', '/demo/registrations'))
  return (await res.json()) as Registrations
}

const byId = (steps: TestStep[]) => Object.fromEntries(steps.map((s) => [s.id, s]))
/** Steps about the softphone that passed, other than its WebSocket answering. */
const softphonePasses = (steps: TestStep[]) => steps.filter((s) => s.id !== 'websocket' && /softphone|sip/i.test(`${s.id} ${s.label}`) && s.status === 'ok')

describe('Test connection: the softphone SIP login (issue 13.4)', { timeout: 30_000 }, () => {
  it('the right password passes, and the softphone’s registration is left exactly as it was', async () => {
    const { test } = await page(RIGHT)
    const before = await registeredSoftphone()
    const steps = await test(settings(pbx.sip.url))
    expect(byId(steps)['sip-login']).toMatchObject({ status: 'ok', detail: expect.stringContaining('The PBX accepted extension 2001 with this password') as unknown })
    expect(byId(steps)['sip-login']?.detail).toContain('One phone is registered on 2001 now.')
    // A query binds nothing: the same contact over the same socket, nothing removed, no socket left over.
    await expect.poll(() => registrations()).toEqual(before)
    expect(JSON.stringify(steps)).not.toContain(RIGHT)
  })

  it('a wrong password fails, though the softphone is still registered with the old one', async () => {
    const { test } = await page(WRONG)
    const before = await registeredSoftphone()
    const steps = await test(settings(pbx.sip.url))
    expect(softphonePasses(steps)).toEqual([])
    expect(byId(steps)['sip-login']).toMatchObject({
      status: 'fail',
      detail: 'The PBX refused the password of extension 2001 (401 Unauthorized): the softphone cannot register with it. Set the SIP password again (Settings → Softphone).'
    })
    expect(byId(steps)['sip-login']?.fix).toContain('username = 2001')
    await expect.poll(() => registrations()).toEqual(before)
    expect(JSON.stringify(steps)).not.toContain(WRONG)
  })

  it('a password typed for the test is tried instead of the stored one', async () => {
    const { test } = await page(WRONG)
    expect(byId(await test(settings(pbx.sip.url), { sipPassword: RIGHT }))['sip-login']?.status).toBe('ok')
  })

  it('another WebSocket address in the form, no password typed: not checked, says why, and nothing is sent there', async () => {
    const { test } = await page(RIGHT)
    await registeredSoftphone()
    // Another SIP WebSocket server: it records what it is sent and answers nothing.
    const received: string[] = []
    stranger = new WebSocketServer({ host: '127.0.0.1', port: 0, handleProtocols: () => 'sip' })
    stranger.on('connection', (ws) => ws.on('message', (data: Buffer) => received.push(data.toString('utf8'))))
    await new Promise<void>((resolve) => stranger?.once('listening', () => resolve()))
    const elsewhere = `ws://127.0.0.1:${String((stranger.address() as { port: number }).port)}/ws`

    const steps = await test(settings(elsewhere))
    expect(byId(steps).websocket?.status).toBe('ok')
    expect(softphonePasses(steps)).toEqual([])
    expect(byId(steps)['sip-login']).toMatchObject({
      status: 'warn',
      detail: `Not checked: The saved SIP password is for ${pbx.sip.url} and is not sent to ${elsewhere}: set the SIP password for this address (Settings → Softphone), then test again.`
    })
    expect(received).toEqual([])
  })
})
