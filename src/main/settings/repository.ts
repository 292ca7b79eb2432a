import type { Database } from 'better-sqlite3'
import {
  SETTINGS_SECTIONS,
  validateSettings,
  withDefaults,
  type MachineSettings,
  type SettingsValidation
} from '../../shared/settings'
import { StoreError } from '../store'

/**
 * The machine settings, one row per section (`pbx`, `softphone`, `floor`, `records`) holding that
 * section's JSON. Sections or keys an older Earshot did not write read as their defaults. Only
 * validated settings are written, and the schema has no field for a password, so none can land here.
 */
export class SettingsRepository {
  private readonly now: () => number

  constructor(
    private readonly db: Database,
    options: { now?: () => number } = {}
  ) {
    this.now = options.now ?? Date.now
  }

  get(): MachineSettings {
    const rows = this.db.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[]
    const stored: Record<string, unknown> = {}
    for (const { key, value } of rows) {
      // Rows this Earshot has no section for are left alone (and not read).
      if ((SETTINGS_SECTIONS as readonly string[]).includes(key)) stored[key] = JSON.parse(value) as unknown
    }
    const result = validateSettings(withDefaults(stored))
    if (result.ok) return result.settings
    const [path = '', problem = ''] = Object.entries(result.errors)[0] ?? []
    throw new StoreError('corrupt', `The saved settings are not valid (${path}: ${problem}). The database may have been edited by hand; save the settings again to repair them.`)
  }

  /**
   * The address a stored password belongs to (`secret-address/<account>` rows, beside the
   * sections): null for a password stored before Earshot recorded it, '' for one stored while no
   * address was saved.
   */
  secretAddress(account: string): string | null {
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(`secret-address/${account}`) as { value: string } | undefined
    return row === undefined ? null : (JSON.parse(row.value) as string)
  }

  bindSecret(account: string, address: string): void {
    this.db
      .prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at')
      .run(`secret-address/${account}`, JSON.stringify(address), this.now())
  }

  unbindSecret(account: string): void {
    this.db.prepare('DELETE FROM settings WHERE key = ?').run(`secret-address/${account}`)
  }

  /** Validates, then writes every section in one transaction; nothing is written when anything is invalid. */
  save(input: unknown): SettingsValidation {
    const result = validateSettings(input)
    if (!result.ok) return result
    const at = this.now()
    const upsert = this.db.prepare(
      'INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at'
    )
    this.db.transaction(() => {
      for (const section of SETTINGS_SECTIONS) upsert.run(section, JSON.stringify(result.settings[section]), at)
    }).immediate()
    return result
  }
}
