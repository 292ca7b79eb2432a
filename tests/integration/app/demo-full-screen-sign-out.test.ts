/**
 * Review of d5a1929 (main undoes the wallboard's full screen on sign-out). The demo workspace's
 * sign-out (`session:sign-out` is role.leave() there) never changes a sign-in, so main's new undo
 * never runs; the wallboard's cleanup then asks `desktop:full-screen {on:false}` of this computer's
 * workspace, where nobody is signed in: refused. The first-run page is left full screen.
 */
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, expect, it } from 'vitest'
import { createServices, openStore } from '../../../src/main/app'
import { wallboardFullScreen } from '../../../src/main/desktop'
import { startDemoPbx } from '../../../src/main/demo-pbx'
import { openKeychain } from '../../../src/main/secrets'

const dir = mkdtempSync(join(tmpdir(), 'earshot-demo-fs-'))
const store = openStore({ dir })
// The Electron shell's full screen (the rule electron-desktop.ts applies), on a window of its own.
const shell = { full: false, byWallboard: false }
const services = createServices({
  store,
  secrets: openKeychain({ service: `Earshot test ${randomBytes(6).toString('hex')}` }),
  startDemoPbx: () => startDemoPbx({ speed: 4, seed: 7 }),
  fullScreen: (on) => {
    Object.assign(shell, wallboardFullScreen(shell, on))
    return true
  }
})
const call = (channel: string, request: unknown = {}): Promise<unknown> => services.router.invoke(channel, request, { origin: 'test' })

afterAll(async () => {
  await services.stop()
  store.close()
  rmSync(dir, { recursive: true, force: true })
})

it('signing out of the demo from the wallboard does not leave the first-run page full screen', async () => {
  await call('demo:start')
  expect(await call('desktop:full-screen', { on: true })).toEqual({ done: true })
  expect(shell.full).toBe(true)
  // SignInGate's signOut, then the console unmounts and useWallboardMode's cleanup speaks.
  await call('session:sign-out')
  const cleanup = await call('desktop:full-screen', { on: false }).then((r) => JSON.stringify(r), (e: unknown) => `refused: ${JSON.stringify((e as { error?: unknown }).error)}`)
  expect(shell.full, `cleanup: ${cleanup}`).toBe(false)
}, 60_000)
