/**
 * Review of 7df3989 (the wallboard's full screen owned by the desktop shell). Signing out while
 * the wallboard shows (the tray's Sign out, or Sign out from the menu: the console underneath is
 * inert) signs the operator out in main first (SignInGate: session:sign-out, then the gate
 * unmounts the console); only then does useWallboardMode's cleanup send desktop:full-screen
 * {on:false}. That channel needs a signed-in operator, so main refuses it, and the sign-in screen
 * is left in a full-screen window (and the shell still believes the wallboard owns it).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeAll, expect, it } from 'vitest'
import { type LoadedMain, ensureBuilt, loadBuiltMain } from '../../support/built-shell'
import type { ElectronStandIn } from '../../support/electron-stand-in'

const APP_FRAME = { senderFrame: { url: 'app://earshot/index.html', parent: null } }
let loaded: LoadedMain | null = null
let dataDir = ''

beforeAll(() => {
  ensureBuilt()
}, 180_000)

afterEach(() => {
  loaded?.unload()
  loaded = null
  if (dataDir !== '') rmSync(dataDir, { recursive: true, force: true })
  dataDir = ''
})

async function invoke(electron: ElectronStandIn, channel: string, request: unknown = {}): Promise<unknown> {
  const handler = electron.invokeHandlers.get(channel)
  if (handler === undefined) throw new Error(`no handler for ${channel}`)
  return (handler as (event: unknown, request: unknown) => Promise<unknown>)(APP_FRAME, request)
}

it('signing out from the wallboard does not leave the sign-in screen in a full-screen window', async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'earshot-fs-'))
  loaded = loadBuiltMain({ userData: path.join(dataDir, 'user-data') }, { EARSHOT_DATA_DIR: dataDir })
  const { electron } = loaded
  await electron.becomeReady()
  const window = electron.windows[0]
  if (window === undefined) throw new Error('no window')
  await invoke(electron, 'setup:first-admin', { name: 'Ruth', extension: '2001', pin: '4812' })
  // F11: the wallboard comes, the shell makes the window full screen.
  expect(await invoke(electron, 'desktop:full-screen', { on: true })).toEqual({ ok: true, response: { done: true } })
  expect(window.isFullScreen()).toBe(true)
  // Sign out (SignInGate's signOut), then the console unmounts and the hook's cleanup speaks.
  expect(await invoke(electron, 'session:sign-out', {})).toMatchObject({ ok: true })
  const cleanup = await invoke(electron, 'desktop:full-screen', { on: false })
  expect(window.isFullScreen(), `cleanup answered ${JSON.stringify(cleanup)}`).toBe(false)
})
