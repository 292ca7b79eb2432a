/**
 * The desktop shell's channel and command through the real services (a real SQLite store in a
 * temporary folder, the real keychain of the test session): a ringing softphone reaches the shell's
 * hook only from a signed-in window with a valid request; the tray's Sign out reaches the window as
 * a validated stream.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createServices, openStore, type EarshotServices, type Store } from '../../../src/main/app'
import { IpcFailure } from '../../../src/main/ipc/router'
import { openKeychain } from '../../../src/main/secrets'

let dir: string
let store: Store
let services: EarshotServices
let rang: boolean[]

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'earshot-desktop-'))
  store = openStore({ dir })
  rang = []
  services = createServices({
    store,
    secrets: openKeychain({ service: `Earshot test ${randomBytes(6).toString('hex')}` }),
    startDemoPbx: () => Promise.reject(new Error('no demo in this test')),
    ringing: (ringing) => rang.push(ringing)
  })
  await services.signIn.firstAdmin({ name: 'Admin', extension: '2001', pin: '4812' })
})

afterEach(async () => {
  await services.stop()
  store.close()
  rmSync(dir, { recursive: true, force: true })
})

async function failure(request: unknown): Promise<string> {
  try {
    await services.router.invoke('desktop:ringing', request, { origin: 'test' })
  } catch (error) {
    if (error instanceof IpcFailure) return error.error.code
  }
  return 'ok'
}

describe('desktop:ringing', () => {
  it('tells the shell when an ordinary call starts and stops ringing', async () => {
    await services.router.invoke('desktop:ringing', { ringing: true }, { origin: 'test' })
    await services.router.invoke('desktop:ringing', { ringing: false }, { origin: 'test' })
    expect(rang).toEqual([true, false])
  })

  it('refuses a malformed request and a signed-out caller, and the shell hears nothing', async () => {
    expect(await failure({ ringing: 'yes' })).toBe('invalid-request')
    expect(await failure({ ringing: true, caller: '+442070001111' })).toBe('invalid-request')
    services.signIn.signOut()
    expect(await failure({ ringing: true })).toBe('forbidden')
    expect(rang).toEqual([])
  })
})

describe('the tray asking to sign out', () => {
  it('reaches every window as a desktop:command', () => {
    const seen: unknown[] = []
    services.router.addSink((channel, payload) => {
      if (channel === 'desktop:command') seen.push(payload)
    })
    services.requestSignOut()
    expect(seen).toEqual([{ command: 'sign-out' }])
  })
})
