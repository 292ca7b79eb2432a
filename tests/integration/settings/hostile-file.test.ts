/**
 * Hostile settings files through the real import path (IPC handler → parser → SQLite store):
 * each is refused with a clear message, the handler never throws, and what was saved stays.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openStore, type Store } from '../../../src/main/app'
import type { CallContext } from '../../../src/main/ipc'
import { parseSettingsFile, settingsHandlers } from '../../../src/main/settings'
import type { SecretStore } from '../../../src/main/secrets'
import { DEFAULT_SETTINGS } from '../../../src/shared/settings'
import { FULL_SETTINGS } from '../../unit/store/fixtures'
import { useTempDirs } from '../store/temp-dir'

const tempDir = useTempDirs()
let store: Store

beforeEach(() => {
  store = openStore({ dir: tempDir() })
})
afterEach(() => store.close())

const noSecrets: SecretStore = {
  get: () => Promise.resolve(null),
  set: () => Promise.resolve(),
  delete: () => Promise.resolve(false)
}

function handlers(): ReturnType<typeof settingsHandlers> {
  return settingsHandlers({
    repository: store.settings,
    secrets: noSecrets,
    probeKeychain: () => Promise.resolve({ available: false, message: null }),
    applied: () => undefined,
    passwordSet: () => undefined,
    sampleAgent: () => null
  })
}

const envelope = (settings: string, extra = ''): string => `{"format":"earshot-settings","version":1,${extra}"settings":${settings}}`
const DEPTH = 20_000
/** The handlers do not look at the caller (the router checks scopes before them). */
const caller = {} as CallContext

const hostile: Array<[string, string]> = [
  ['20,000 nested arrays in a setting', envelope(`{"pbx":${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}}`)],
  ['20,000 nested objects in a setting', envelope(`{"pbx":${'{"a":'.repeat(DEPTH)}1${'}'.repeat(DEPTH)}}`)],
  ['20,000 nested objects beside the settings', envelope('{}', `"x":${'{"a":'.repeat(DEPTH)}1${'}'.repeat(DEPTH)},`)],
  ['20,000 nested arrays as the whole file', `${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}`]
]

describe('hostile settings files', () => {
  it.each(hostile)('refuses %s with a clear message, and never throws', (_what, text) => {
    const result = parseSettingsFile(text)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.errors.file).toMatch(/nested too deeply/)
  })

  it('keeps brackets inside strings out of the count', () => {
    const text = JSON.stringify({ format: 'earshot-settings', version: 1, settings: { ...FULL_SETTINGS, pbx: { ...FULL_SETTINGS.pbx, context: '['.repeat(1000) } } })
    const result = parseSettingsFile(text)
    // The context is refused by validation (by its field name), not as a nesting problem.
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.errors.file).toBeUndefined()
      expect(Object.keys(result.errors)).toEqual(['pbx.context'])
    }
  })

  it('through the import handler: refused, and the saved settings are untouched', async () => {
    const h = handlers()
    expect(store.settings.get()).toEqual(DEFAULT_SETTINGS)
    const saved = await h['settings:save']({ settings: FULL_SETTINGS }, caller)
    expect(saved.ok).toBe(true)
    for (const [, text] of hostile) {
      const result = await h['settings:import']({ text }, caller)
      expect(result.ok).toBe(false)
      if (!result.ok) expect(result.errors.file).toMatch(/nested too deeply/)
    }
    expect(store.settings.get()).toEqual(FULL_SETTINGS)
    // A good file still imports afterwards: the app kept running.
    const good = await h['settings:import']({ text: JSON.stringify({ format: 'earshot-settings', version: 1, settings: DEFAULT_SETTINGS }) }, caller)
    expect(good.ok).toBe(true)
    expect(store.settings.get()).toEqual(DEFAULT_SETTINGS)
  })
})
