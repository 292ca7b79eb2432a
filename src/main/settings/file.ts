import { validateSettings, withDefaults, type MachineSettings, type SettingsErrors } from '../../shared/settings'

/**
 * Settings as a file an admin can keep or copy to another console. It never carries a secret:
 * the settings have no password fields, and a file that has anything named like one is refused.
 */
export const SETTINGS_FILE_FORMAT = 'earshot-settings'
export const SETTINGS_FILE_VERSION = 1

/** Big enough for any real settings (a CA bundle included), small enough to parse without worry. */
const MAX_FILE_CHARS = 1024 * 1024
/**
 * Real settings nest 5 levels (file → settings → floor → agents → queues). The checks after
 * JSON.parse walk the value recursively, so a file nested thousands deep would overflow the stack.
 */
const MAX_DEPTH = 32

/** Deepest nesting of `[`/`{` in JSON text, counting only brackets outside strings; stops past `limit`. */
function nestingDepth(text: string, limit: number): number {
  let depth = 0
  let deepest = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === 0x5c) i++ // backslash: the next character is escaped
      else if (c === 0x22) inString = false
    } else if (c === 0x22) {
      inString = true
    } else if (c === 0x5b || c === 0x7b) {
      depth++
      if (depth > deepest) deepest = depth
      if (deepest > limit) return deepest
    } else if (c === 0x5d || c === 0x7d) {
      depth--
    }
  }
  return deepest
}

export type SettingsFileResult = { ok: true; settings: MachineSettings; exportedAt: string | null } | { ok: false; errors: SettingsErrors }

export function exportSettings(settings: MachineSettings, now: Date = new Date()): string {
  const file = { format: SETTINGS_FILE_FORMAT, version: SETTINGS_FILE_VERSION, exportedAt: now.toISOString(), settings }
  return `${JSON.stringify(file, null, 2)}\n`
}

/** Words that name a secret, matched against each word of a key (`sipPassword`, `ami_secret`, `pin`, `pinHash`); "password" and "secret" anywhere in a key. */
const SECRET_WORDS = new Set(['passwd', 'pin', 'pincode', 'passcode', 'token', 'credential', 'credentials', 'apikey'])

function looksSecret(key: string): boolean {
  const lower = key.toLowerCase()
  if (lower.includes('password') || lower.includes('secret')) return true
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
  return words.some((word) => SECRET_WORDS.has(word))
}

/** Dotted paths of every key, at any depth, that looks like it holds a secret. */
function secretPaths(value: unknown, path: string[] = []): string[] {
  if (typeof value !== 'object' || value === null) return []
  const found: string[] = []
  for (const [key, child] of Object.entries(value)) {
    const at = [...path, key]
    if (looksSecret(key)) found.push(at.join('.'))
    found.push(...secretPaths(child, at))
  }
  return found
}

const fail = (errors: SettingsErrors): SettingsFileResult => ({ ok: false, errors })

/**
 * Reads an exported settings file. Never throws; on any problem returns every error found under
 * `file` (the file as a whole) or the setting's dotted path, so nothing is ever half-applied.
 */
export function parseSettingsFile(text: string): SettingsFileResult {
  if (text.length > MAX_FILE_CHARS) return fail({ file: 'This file is too large to be Earshot settings (1 MB at most).' })
  if (nestingDepth(text, MAX_DEPTH) > MAX_DEPTH) {
    return fail({ file: `This file is nested too deeply to be Earshot settings (${MAX_DEPTH} levels at most); export the settings again.` })
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch {
    return fail({ file: 'This file is not valid JSON, so it cannot be Earshot settings; export the settings again.' })
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return fail({ file: 'This is not an Earshot settings file.' })
  const doc = parsed as Record<string, unknown>
  if (doc.format !== SETTINGS_FILE_FORMAT) return fail({ file: 'This is not an Earshot settings file (it has no "format": "earshot-settings").' })
  if (typeof doc.version !== 'number' || !Number.isInteger(doc.version) || doc.version < 1) {
    return fail({ file: 'This settings file has no valid version number; export the settings again.' })
  }
  if (doc.version > SETTINGS_FILE_VERSION) {
    return fail({
      file: `This file was exported by a newer Earshot (settings format ${doc.version}); this Earshot reads format ${SETTINGS_FILE_VERSION}. Update Earshot to import it.`
    })
  }
  const secrets = secretPaths(doc)
  if (secrets.length > 0) {
    const errors: SettingsErrors = {}
    for (const at of secrets) {
      errors[at.replace(/^settings\./, '')] =
        'This file contains a password, secret or PIN. Earshot settings files never carry secrets, so it was not imported: remove it and enter passwords in Earshot itself.'
    }
    return fail(errors)
  }
  if (typeof doc.settings !== 'object' || doc.settings === null || Array.isArray(doc.settings)) {
    return fail({ file: 'This settings file has no settings in it.' })
  }
  const result = validateSettings(withDefaults(doc.settings))
  if (!result.ok) return result
  return { ok: true, settings: result.settings, exportedAt: typeof doc.exportedAt === 'string' ? doc.exportedAt : null }
}
