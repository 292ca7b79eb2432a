/**
 * "Try the demo floor" before any admin exists, through the real services, the demo PBX on
 * loopback and a real SQLite file: a throwaway demo supervisor is signed in and sees the demo
 * floor; main refuses it everything that would configure this computer or reach a real PBX;
 * leaving returns to first run, and earshot.db is exactly as it was.
 */
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServices, type EarshotServices, openStore, type Store } from '../../../src/main/app'
import { startDemoPbx } from '../../../src/main/demo-pbx'
import { IpcFailure } from '../../../src/main/ipc'
import { openKeychain } from '../../../src/main/secrets'
import type { InvokeChannel, InvokeRequest, InvokeResponse, SignInState } from '../../../src/shared/contract'
import { DEFAULT_SETTINGS } from '../../../src/shared/settings'
import { waitFor } from '../../support/wait'

let dir: string
let store: Store
let services: EarshotServices
const states: SignInState[] = []

const call = <C extends InvokeChannel>(channel: C, request: InvokeRequest<C>): Promise<InvokeResponse<C>> =>
  services.router.invoke(channel, request, { origin: 'test' }) as Promise<InvokeResponse<C>>

async function refusal(channel: InvokeChannel, request: unknown): Promise<string> {
  try {
    await services.router.invoke(channel, request, { origin: 'test' })
  } catch (error) {
    if (error instanceof IpcFailure && error.error.code === 'forbidden') return error.error.message
    return `not forbidden: ${String(error)}`
  }
  return 'let through'
}

/** Every row of every table of the file, read by a connection of its own (what is on the disk). */
function dump(): string {
  const db = new Database(store.file, { readonly: true })
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]
    return JSON.stringify(tables.map(({ name }) => [name, db.prepare(`SELECT * FROM "${name}"`).all()]))
  } finally {
    db.close()
  }
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'earshot-demo-first-'))
  store = openStore({ dir })
  services = createServices({
    store,
    secrets: openKeychain({ service: `Earshot test ${randomBytes(6).toString('hex')}` }),
    startDemoPbx: () => startDemoPbx({ speed: 4, seed: 7 })
  })
  services.router.addSink((channel, payload) => {
    if (channel === 'session:state') states.push(payload as SignInState)
  })
})

afterAll(async () => {
  await services.stop()
  store.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('the demo floor before any admin exists', () => {
  it('runs as a throwaway demo supervisor, refused all configuration, and leaves nothing behind', async () => {
    const before = dump()
    expect((await call('session:current', {})).firstRun).toBe(true)

    await call('demo:start', {})
    const inDemo = await call('session:current', {})
    expect(inDemo.operator?.name).toBe('Demo supervisor')
    expect(states.at(-1)?.operator?.name).toBe('Demo supervisor')
    const floor = await waitFor(async () => {
      const snapshot = await call('floor:snapshot', {})
      return snapshot.connection.source === 'demo' && snapshot.connection.state === 'live' && snapshot.rows.length > 0 && snapshot
    }, 'the live demo floor', 15_000)
    expect(floor.rows.length).toBeGreaterThan(0)
    expect((await call('softphone:config', {})).configured).toBe(true)

    // Main refuses the demo operator whatever configures this computer or could reach a real PBX.
    const settings = { ...DEFAULT_SETTINGS, pbx: { ...DEFAULT_SETTINGS.pbx, url: 'ami://127.0.0.1:5038', username: 'earshot' } }
    const refused: Array<[InvokeChannel, unknown]> = [
      ['settings:save', { settings }],
      ['settings:set-secret', { account: 'ami', value: 'hunter22' }],
      ['settings:test', { settings, amiPassword: 'hunter22' }],
      ['settings:import', { text: '{}' }],
      ['operators:create', { name: 'Mallory', extension: '1001', scopes: ['configure-everything'], pin: '1234' }],
      ['operators:update', { id: inDemo.operator?.id ?? '', scopes: [] }],
      ['operators:remove', { id: inDemo.operator?.id ?? '' }],
      ['setup:first-admin', { name: 'Mallory', extension: '1001', pin: '1234' }],
      ['session:sign-in', { operatorId: inDemo.operator?.id ?? '', pin: '1234' }]
    ]
    for (const [channel, request] of refused) expect([channel, await refusal(channel, request)]).toEqual([channel, expect.stringMatching(/^Not on the demo floor: leave the demo first/)])

    // What it may do lands in the demo's memory store: a customer, the calls the demo plays.
    const saved = await call('customers:save', { id: null, input: { name: 'Demo Caller', phones: ['+442070001111'] } })
    expect(saved.ok).toBe(true)
    await waitFor(async () => (await call('calllog:list', {})).total > 0, 'a demo call in the demo call log', 30_000)
    // Nothing of it on the disk meanwhile.
    expect(dump()).toBe(before)

    await call('demo:leave', {})
    const after = await call('session:current', {})
    expect(after).toMatchObject({ firstRun: true, operator: null, operators: [] })
    expect(states.at(-1)).toMatchObject({ firstRun: true, operator: null })
    await expect(call('floor:snapshot', {})).rejects.toMatchObject({ error: { code: 'forbidden' } })
    expect(dump()).toBe(before)
  }, 60_000)

  it('once an admin exists, a signed-out console cannot start the demo', async () => {
    await services.signIn.firstAdmin({ name: 'Admin', extension: '2001', pin: '1357' })
    services.signIn.signOut()
    expect(await refusal('demo:start', {})).toBe('Sign in first: an administrator starts the demo.')
  })
})
