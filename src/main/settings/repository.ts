import type { Database, Statement } from 'better-sqlite3'
import {
  DEFAULT_SETTINGS,
  SETTINGS_SECTIONS,
  validateSettings,
  withDefaults,
  type MachineSettings,
  type SettingsValidation
} from '../../shared/settings'
import { StoreError } from '../store'

/** The saved settings as the settings page reads them (see `SettingsRepository.read`). */
export interface SettingsRead {
  settings: MachineSettings
  /** What was wrong with them, in words; null when nothing was. */
  problem: string | null
  /** The sections read as their defaults because what was saved did not read. */
  reset: ReadonlySet<string>
}

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

  /**
   * The saved settings, checked. Main reads them many times a second on a busy floor (each call
   * logged reads the default country, say), so the checked form is kept, frozen, for as long as the
   * rows read the same: re-parsing and re-validating every time was ~8 % of main's work in the soak.
   */
  get(): MachineSettings {
    const { settings, problem } = this.read()
    if (problem !== null) throw new StoreError('corrupt', `${problem} The database may have been edited by hand; save the settings again to repair them.`)
    return settings
  }

  /**
   * The saved settings for the settings page, which must open to repair them: a section that no
   * longer reads or validates (edited by hand, or saved before a rule was tightened) reads as its
   * defaults, and `problem` says what was wrong (null: nothing). Everything else reads `get`,
   * which refuses such settings.
   */
  read(): SettingsRead {
    // Prepared once (on first use: the table is there once the store opened): compiling it at every read showed in the soak.
    this.readAll ??= this.db.prepare('SELECT key, value FROM settings')
    const rows = this.readAll.all() as { key: string; value: string }[]
    const stored: Record<string, unknown> = {}
    const raw: string[] = []
    for (const { key, value } of rows) {
      // Rows this Earshot has no section for are left alone (and not read).
      if (!(SETTINGS_SECTIONS as readonly string[]).includes(key)) continue
      raw.push(key, value)
      stored[key] = value
    }
    const text = JSON.stringify(raw)
    if (this.checked?.text === text) return this.checked
    let problem: string | null = null
    const reset = new Set<string>()
    // The table holds JSON only (its CHECK): what may be wrong is the shape.
    for (const key of Object.keys(stored)) stored[key] = JSON.parse(stored[key] as string) as unknown
    let result = validateSettings(withDefaults(stored))
    // Each section at fault reads as its defaults, one after another: the others keep what was saved.
    while (!result.ok) {
      const [path = '', message = ''] = Object.entries(result.errors)[0] ?? []
      problem ??= `${path}: ${message}`
      const section = path.split('.')[0] ?? ''
      if (!Object.hasOwn(stored, section)) break
      reset.add(section)
      delete stored[section]
      result = validateSettings(withDefaults(stored))
    }
    const settings = result.ok ? result.settings : DEFAULT_SETTINGS
    if (!result.ok) for (const section of SETTINGS_SECTIONS) reset.add(section)
    this.checked = { text, settings: deepFreeze(settings), problem: problem === null ? null : `The saved settings are not valid (${problem}).`, reset }
    return this.checked
  }

  private readAll: Statement | null = null

  /** The last settings read, with the rows they were read from. */
  private checked: (SettingsRead & { text: string }) | null = null

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

/** Freezes an object and everything in it: settings handed out are shared, so nobody may change them. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const inner of Object.values(value)) deepFreeze(inner)
  }
  return value
}
