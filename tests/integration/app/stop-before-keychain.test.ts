/**
 * Earshot quits (its services stopped, the database closed) while the first keychain probe is still
 * out, as it can when the window closes during start-up: the probe's answer arriving afterwards
 * must not reach for the closed database (an unhandled rejection in main).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, expect, it } from 'vitest'
import { createServices, openStore } from '../../../src/main/app'
import type { SecretStore } from '../../../src/main/secrets'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

it('a keychain probe that answers after the services stopped and the store closed does nothing', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'earshot-stop-probe-'))
  dirs.push(dir)
  const store = openStore({ dir })
  let answer: (value: string | null) => void = () => undefined
  const slowKeychain: SecretStore = {
    get: () => new Promise((resolve) => (answer = resolve)),
    set: () => Promise.resolve(),
    delete: () => Promise.resolve(false)
  }
  const rejections: unknown[] = []
  const onRejection = (reason: unknown): void => void rejections.push(reason)
  process.on('unhandledRejection', onRejection)
  try {
    const services = createServices({ store, secrets: slowKeychain, startDemoPbx: () => Promise.reject(new Error('no demo here')) })
    await services.stop()
    store.close()
    answer(null)
    // The probe's continuation and anything it would start have run by then.
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(rejections).toEqual([])
  } finally {
    process.off('unhandledRejection', onRejection)
  }
})
