import { describe, expect, it } from 'vitest'
import { openStore } from '../../../src/main/app'
import { OperatorError } from '../../../src/main/operators'
import { DEFAULT_PREFERENCES, effectiveThresholds, type OperatorPreferences } from '../../../src/shared/preferences'
import { AlertThresholds, DEFAULT_SETTINGS } from '../../../src/shared/settings'
import { pauseThreshold } from '../../../src/renderer/alerts/pure/evaluate'
import { useTempDirs } from './temp-dir'

const tempDir = useTempDirs()

/** The first operator must be an admin; the operators under test come after. */
async function withAdmin(store: ReturnType<typeof openStore>): Promise<void> {
  await store.operators.create({ name: 'Admin', extension: '2000', scopes: ['configure-everything'], pin: '4812' })
}

const CHOSEN: OperatorPreferences = {
  floor: { density: 'compact', hiddenColumns: ['direction'], scope: { kind: 'queue', queue: 'support' } },
  alerts: { thresholds: { longCallSeconds: 600, pauseReasons: [{ reason: 'lunch', seconds: 1800 }] }, sound: true, notifications: false }
}

describe('OperatorPreferencesRepository (real SQLite file)', () => {
  it('gives the defaults until an operator saves, keeps each operator apart, and survives a reopen', async () => {
    const dir = tempDir()
    let store = openStore({ dir })
    await withAdmin(store)
    const ruth = await store.operators.create({ name: 'Ruth', extension: '2001', scopes: ['see-everyone'], pin: '4812' })
    const sam = await store.operators.create({ name: 'Sam', extension: '2002', scopes: ['see-everyone'], pin: '4812' })
    expect(store.preferences.get(ruth.id)).toEqual(DEFAULT_PREFERENCES)
    expect(store.preferences.save(ruth.id, CHOSEN)).toEqual(CHOSEN)
    // Saving one section leaves the other as it was.
    expect(store.preferences.save(ruth.id, { floor: DEFAULT_PREFERENCES.floor })).toEqual({ ...CHOSEN, floor: DEFAULT_PREFERENCES.floor })
    expect(store.preferences.get(sam.id)).toEqual(DEFAULT_PREFERENCES)
    store.close()
    store = openStore({ dir })
    try {
      expect(store.preferences.get(ruth.id)).toEqual({ ...CHOSEN, floor: DEFAULT_PREFERENCES.floor })
      store.operators.remove(sam.id)
      store.preferences.save(ruth.id, CHOSEN)
      const rows = store.db.prepare('SELECT operator_id FROM operator_preferences').all() as { operator_id: string }[]
      expect(new Set(rows.map((r) => r.operator_id))).toEqual(new Set([ruth.id]))
      store.operators.remove(ruth.id)
      expect(store.db.prepare('SELECT COUNT(*) AS n FROM operator_preferences').get()).toEqual({ n: 0 })
    } finally {
      store.close()
    }
  })

  it('reads a section that no longer parses as its defaults, and leaves the stored row untouched', async () => {
    const store = openStore({ dir: tempDir() })
    try {
      await withAdmin(store)
      const ruth = await store.operators.create({ name: 'Ruth', extension: '2001', scopes: [], pin: '4812' })
      store.preferences.save(ruth.id, CHOSEN)
      store.db.prepare("UPDATE operator_preferences SET value = '{\"density\":\"tiny\"' WHERE section = 'floor'").run()
      expect(store.preferences.get(ruth.id)).toEqual({ ...CHOSEN, floor: DEFAULT_PREFERENCES.floor })
      expect(store.db.prepare("SELECT value FROM operator_preferences WHERE section = 'floor'").get()).toEqual({ value: '{"density":"tiny"' })
    } finally {
      store.close()
    }
  })

  it('refuses an invalid section with a sentence, and writes none of the patch', async () => {
    const store = openStore({ dir: tempDir() })
    try {
      await withAdmin(store)
      const ruth = await store.operators.create({ name: 'Ruth', extension: '2001', scopes: [], pin: '4812' })
      const bad = { floor: CHOSEN.floor, alerts: { ...CHOSEN.alerts, thresholds: { queueWaitSeconds: 0 } } }
      expect(() => store.preferences.save(ruth.id, bad)).toThrow(OperatorError)
      expect(() => store.preferences.save(ruth.id, bad)).toThrow(/at least 1 second/)
      expect(store.preferences.get(ruth.id)).toEqual(DEFAULT_PREFERENCES)
    } finally {
      store.close()
    }
  })
})

describe('effectiveThresholds', () => {
  it("takes the operator's own threshold where given (null turns one off) and the machine's elsewhere", () => {
    const machine = DEFAULT_SETTINGS.alerts
    const own = { longCallSeconds: null, queueWaitSeconds: 30 }
    expect(effectiveThresholds(machine, own)).toEqual({ ...machine, longCallSeconds: null, queueWaitSeconds: 30 })
    expect(effectiveThresholds(machine, {})).toEqual(machine)
  })

  it("combines pause reasons per reason: the operator's figure replaces the machine's for that reason (ignoring case), the machine's others stay, the operator's own are added", () => {
    const machine = { ...DEFAULT_SETTINGS.alerts, pauseReasons: [{ reason: 'lunch', seconds: 3600 }, { reason: 'break', seconds: 900 }] }
    const own = { pauseReasons: [{ reason: 'Lunch', seconds: 600 }, { reason: 'training', seconds: 120 }] }
    const effective = effectiveThresholds(machine, own)
    expect(effective.pauseReasons).toEqual([{ reason: 'Lunch', seconds: 600 }, { reason: 'break', seconds: 900 }, { reason: 'training', seconds: 120 }])
    // As the evaluator reads it: an agent's " LUNCH" pause uses the operator's 600 s, a break the machine's.
    expect(pauseThreshold(effective, ' LUNCH')).toBe(600)
    expect(pauseThreshold(effective, 'break')).toBe(900)
    expect(pauseThreshold(effective, 'training')).toBe(120)
    expect(pauseThreshold(effective, 'coaching')).toBe(machine.longPauseSeconds)
    // The result is a valid list (each reason once), and an empty own list is the machine's.
    expect(AlertThresholds.safeParse(effective).success).toBe(true)
    expect(effectiveThresholds(machine, { pauseReasons: [] })).toEqual(machine)
  })

  it('reads a row named like an object\'s own property (constructor, toString) as no section: the defaults', async () => {
    const store = openStore({ dir: tempDir() })
    try {
      await withAdmin(store)
      const ruth = await store.operators.create({ name: 'Ruth', extension: '2001', scopes: ['see-everyone'], pin: '4812' })
      const insert = store.db.prepare('INSERT INTO operator_preferences (operator_id, section, value, updated_at) VALUES (?, ?, ?, 0)')
      for (const section of ['constructor', 'toString', '__proto__']) insert.run(ruth.id, section, '{}')
      expect(store.preferences.get(ruth.id)).toEqual(DEFAULT_PREFERENCES)
    } finally {
      store.close()
    }
  })
})
