/**
 * The permission matrix, enforced in main: every IPC channel × every scope set, through the real
 * services (a real SQLite store in a temporary folder, the real keychain of the test session).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServices, type EarshotServices } from '../../../src/main/app'
import { IpcFailure } from '../../../src/main/ipc/router'
import { openKeychain } from '../../../src/main/secrets'
import { openStore, type Store } from '../../../src/main/app'
import { INVOKE_CHANNELS, type InvokeChannel } from '../../../src/shared/contract'
import type { Scope } from '../../../src/shared/settings'

type Who = 'signed out' | 'no scopes' | 'see-everyone' | 'configure-everything' | 'both'
const WHO: readonly Who[] = ['signed out', 'no scopes', 'see-everyone', 'configure-everything', 'both']
const SCOPES: Record<Exclude<Who, 'signed out'>, Scope[]> = {
  'no scopes': [],
  'see-everyone': ['see-everyone'],
  'configure-everything': ['configure-everything'],
  both: ['see-everyone', 'configure-everything']
}

const ANYONE: readonly Who[] = WHO
const SIGNED_IN: readonly Who[] = ['no scopes', 'see-everyone', 'configure-everything', 'both']
const ADMINS: readonly Who[] = ['configure-everything', 'both']

/** Who may call each channel: the product's rule, written out (not read from the contract). */
const EXPECTED: Record<InvokeChannel, readonly Who[]> = {
  'session:current': ANYONE,
  'session:sign-in': ANYONE,
  'setup:first-admin': ANYONE,
  'session:sign-out': SIGNED_IN,
  'floor:snapshot': SIGNED_IN,
  'supervision:sessions': SIGNED_IN,
  'softphone:config': SIGNED_IN,
  'softphone:digest': SIGNED_IN,
  'demo:start': ADMINS,
  'supervision:start': ADMINS,
  'supervision:switch': ADMINS,
  'supervision:end': ADMINS,
  'operators:list': ADMINS,
  'operators:create': ADMINS,
  'operators:update': ADMINS,
  'operators:remove': ADMINS,
  'settings:get': ADMINS,
  'settings:save': ADMINS,
  'settings:set-secret': ADMINS,
  'settings:test': ADMINS,
  'settings:export': ADMINS,
  'settings:import': ADMINS,
  'customers:card': SIGNED_IN,
  'customers:search': SIGNED_IN,
  'customers:save': SIGNED_IN,
  'customers:open-crm': SIGNED_IN,
  'customers:delete': ADMINS,
  'customers:import-preview': ADMINS,
  'customers:import-csv': ADMINS,
  'customers:import-vcard': ADMINS,
  'customers:export': ADMINS,
  'calllog:list': SIGNED_IN,
  'calllog:get': SIGNED_IN,
  'calllog:export': SIGNED_IN,
  'audit:list': ADMINS,
  'audit:export': ADMINS
}

const PIN = '4812'
let dir: string
let store: Store
let services: EarshotServices
const ids = new Map<Who, string>()
const demoStops: (() => Promise<void>)[] = []

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'earshot-perm-'))
  store = openStore({ dir })
  services = createServices({
    store,
    secrets: openKeychain({ service: `Earshot test ${randomBytes(6).toString('hex')}` }),
    // A demo that never starts: whether demo:start may run is all this test asks.
    startDemoPbx: () => Promise.reject(new Error('no demo in this test'))
  })
  await services.signIn.firstAdmin({ name: 'Admin', extension: '2001', pin: PIN })
  for (const who of WHO) {
    if (who === 'signed out') continue
    const op = await store.operators.create({ name: `Op ${who}`, extension: `10${ids.size + 10}`, scopes: SCOPES[who], pin: PIN })
    ids.set(who, op.id)
  }
})

afterAll(async () => {
  await services.stop()
  for (const stop of demoStops) await stop()
  store.close()
  rmSync(dir, { recursive: true, force: true })
})

async function as(who: Who): Promise<void> {
  const id = ids.get(who)
  if (id === undefined) services.signIn.signOut()
  else await services.signIn.signIn(id, PIN)
}

/** 'forbidden', or anything else (ok, or a refusal for another reason: invalid request, not connected...). */
async function outcome(channel: InvokeChannel): Promise<'forbidden' | 'let through'> {
  try {
    await services.router.invoke(channel, {}, { origin: 'test' })
  } catch (error) {
    if (error instanceof IpcFailure && error.error.code === 'forbidden') return 'forbidden'
  }
  return 'let through'
}

describe('the permission matrix', () => {
  it('covers every channel of the contract', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...INVOKE_CHANNELS].sort())
  })

  for (const who of WHO) {
    it(`${who}: each channel allowed or refused as the product says`, async () => {
      const got: Record<string, string> = {}
      const want: Record<string, string> = {}
      for (const channel of INVOKE_CHANNELS) {
        // A call may change who is signed in (session:sign-out): sign in again before each.
        await as(who)
        got[channel] = await outcome(channel)
        want[channel] = EXPECTED[channel].includes(who) ? 'let through' : 'forbidden'
      }
      expect(got).toEqual(want)
    })
  }

  it('refuses in words that say what is missing', async () => {
    await as('see-everyone')
    await expect(services.router.invoke('settings:get', {}, { origin: 'test' })).rejects.toMatchObject({
      error: { code: 'forbidden', message: 'Op see-everyone does not have the configure-everything scope (settings and Listen/Whisper/Barge). Ask an admin.' }
    })
    await as('signed out')
    await expect(services.router.invoke('floor:snapshot', {}, { origin: 'test' })).rejects.toMatchObject({ error: { code: 'forbidden', message: 'Sign in first: this needs an operator.' } })
  })

  it('a wrong PIN does not sign in, and changing scopes applies at once', async () => {
    await as('signed out')
    await expect(services.signIn.signIn(ids.get('both') ?? '', '0000')).rejects.toThrow('Wrong PIN')
    expect(services.signIn.current()).toBeNull()
    await as('both')
    expect(await outcome('settings:get')).toBe('let through')
    store.operators.setScopes(ids.get('both') ?? '', ['see-everyone'])
    expect(await outcome('settings:get')).toBe('forbidden')
    store.operators.setScopes(ids.get('both') ?? '', ['see-everyone', 'configure-everything'])
  })
})
