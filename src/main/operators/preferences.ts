import type { Database } from 'better-sqlite3'
import type { z } from 'zod'
import { issueSentence } from '../../shared/settings'
import {
  AlertPreferences,
  DEFAULT_PREFERENCES,
  FloorPreferences,
  type OperatorPreferences,
  type PreferencesPatch
} from '../../shared/preferences'
import { OperatorError } from './repository'

const SECTIONS: { readonly [K in keyof OperatorPreferences]: z.ZodType<OperatorPreferences[K]> } = {
  floor: FloorPreferences,
  alerts: AlertPreferences
}
type Section = keyof OperatorPreferences

/**
 * Each operator's own choices on this machine, one row per operator and section. A row that does
 * not read (written by hand, or by a later Earshot) gives that section's defaults and stays as it
 * is until the operator saves the section again: reading never destroys what is stored.
 */
export class OperatorPreferencesRepository {
  private readonly now: () => number

  constructor(
    private readonly db: Database,
    options: { now?: () => number } = {}
  ) {
    this.now = options.now ?? Date.now
  }

  get(operatorId: string): OperatorPreferences {
    const rows = this.db.prepare('SELECT section, value FROM operator_preferences WHERE operator_id = ?').all(operatorId) as { section: string; value: string }[]
    const preferences: Record<string, unknown> = { ...DEFAULT_PREFERENCES }
    for (const { section, value } of rows) {
      if (!Object.hasOwn(SECTIONS, section)) continue
      const parsed = SECTIONS[section as Section].safeParse(parseJson(value))
      if (parsed.success) preferences[section] = parsed.data
    }
    return preferences as OperatorPreferences
  }

  /** Saves the sections given (each whole); the patch was validated against the contract already. */
  save(operatorId: string, patch: PreferencesPatch): OperatorPreferences {
    const write = this.db.prepare(
      'INSERT INTO operator_preferences (operator_id, section, value, updated_at) VALUES (?, ?, ?, ?) ' +
        'ON CONFLICT (operator_id, section) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at'
    )
    const at = this.now()
    this.db.transaction(() => {
      for (const section of Object.keys(SECTIONS) as Section[]) {
        const value = patch[section]
        if (value === undefined) continue
        const checked = SECTIONS[section].safeParse(value, { error: issueSentence })
        if (!checked.success) throw new OperatorError('invalid', checked.error.issues[0]?.message ?? 'This value is not valid.', section)
        write.run(operatorId, section, JSON.stringify(checked.data), at)
      }
    })()
    return this.get(operatorId)
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}
