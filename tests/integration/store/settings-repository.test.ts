import { describe, expect, it } from 'vitest'
import { StoreError } from '../../../src/main/store'
import { openStore } from '../../../src/main/app'
import { DEFAULT_SETTINGS } from '../../../src/shared/settings'
import { FULL_SETTINGS } from '../../unit/store/fixtures'
import { useTempDirs } from './temp-dir'

const tempDir = useTempDirs()

describe('SettingsRepository', () => {
  it('reads the defaults until something is saved, then what was saved', () => {
    const store = openStore({ dir: tempDir(), now: () => 1_800_000_000_000 })
    try {
      expect(store.settings.get()).toEqual(DEFAULT_SETTINGS)
      expect(store.settings.save(FULL_SETTINGS)).toEqual({ ok: true, settings: FULL_SETTINGS })
      expect(store.settings.get()).toEqual(FULL_SETTINGS)
      const rows = store.db.prepare('SELECT key, updated_at FROM settings ORDER BY key').all()
      // One row per settings section (floor, pbx, records, softphone, updates…).
      expect(rows).toEqual(Object.keys(DEFAULT_SETTINGS).sort().map((key) => ({ key, updated_at: 1_800_000_000_000 })))
    } finally {
      store.close()
    }
  })

  it('writes nothing when any field is invalid, and says which', () => {
    const store = openStore({ dir: tempDir() })
    try {
      store.settings.save(FULL_SETTINGS)
      const bad = { ...FULL_SETTINGS, pbx: { ...FULL_SETTINGS.pbx, url: 'ami://new-pbx:5038' }, records: { ...FULL_SETTINGS.records, defaultRegion: 'gb' } }
      const result = store.settings.save(bad)
      expect(result).toEqual({ ok: false, errors: { 'records.defaultRegion': expect.stringMatching(/two-letter country code/) as unknown } })
      expect(store.settings.get()).toEqual(FULL_SETTINGS)
    } finally {
      store.close()
    }
  })

  it('refuses a password field outright', () => {
    const store = openStore({ dir: tempDir() })
    try {
      const result = store.settings.save({ ...FULL_SETTINGS, softphone: { ...FULL_SETTINGS.softphone, password: 'hunter2' } })
      expect(result).toEqual({ ok: false, errors: { 'softphone.password': "Earshot has no setting called 'password'." } })
      expect(store.db.prepare('SELECT count(*) AS n FROM settings').get()).toEqual({ n: 0 })
    } finally {
      store.close()
    }
  })

  it('fills keys missing from a stored section with defaults (written by an older Earshot)', () => {
    const store = openStore({ dir: tempDir() })
    try {
      store.db.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('pbx', ?, 0)").run(JSON.stringify({ url: 'ami://pbx:5038', username: 'earshot' }))
      store.db.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('from-the-future', '{}', 0)").run()
      expect(store.settings.get()).toEqual({ ...DEFAULT_SETTINGS, pbx: { ...DEFAULT_SETTINGS.pbx, url: 'ami://pbx:5038', username: 'earshot' } })
    } finally {
      store.close()
    }
  })

  it('reports settings edited into an invalid state as a corrupt store, naming the field', () => {
    const store = openStore({ dir: tempDir() })
    try {
      store.db.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('softphone', ?, 0)").run(JSON.stringify({ wsUrl: 'ws://pbx.example.com/ws' }))
      expect(() => store.settings.get()).toThrow(StoreError)
      expect(() => store.settings.get()).toThrow(/softphone\.wsUrl: ws:\/\/ is allowed only to this computer/)
    } finally {
      store.close()
    }
  })

  it('hands out one frozen copy while the rows read the same, and reads them again once they change (a save, or an edit by hand)', () => {
    const store = openStore({ dir: tempDir() })
    try {
      const first = store.settings.get()
      expect(store.settings.get()).toBe(first)
      expect(Object.isFrozen(first.pbx)).toBe(true)
      expect(() => {
        ;(first.pbx as { url: string }).url = 'ami://elsewhere:5038'
      }).toThrow(TypeError)
      store.settings.save({ ...FULL_SETTINGS })
      const saved = store.settings.get()
      expect(saved).toEqual(FULL_SETTINGS)
      store.db.prepare("UPDATE settings SET value = ? WHERE key = 'pbx'").run(JSON.stringify({ ...FULL_SETTINGS.pbx, username: 'by-hand' }))
      expect(store.settings.get().pbx.username).toBe('by-hand')
    } finally {
      store.close()
    }
  })
})
