/**
 * The user-data folder is named after productName, "Earshot". Earshot 0.1 ran without one, so its
 * folder was `earshot` (package.json's name). On a case-sensitive file system (Linux) the old folder
 * is moved once, at the first start of this version, when the new one does not exist yet; on macOS
 * and Windows the two names are the same folder and nothing happens. A failed move is reported and
 * Earshot starts with what it has (the old folder is left untouched).
 */
import { existsSync, renameSync } from 'node:fs'
import path from 'node:path'

export const LEGACY_USER_DATA_NAME = 'earshot'

export type UserDataMove = 'moved' | 'nothing-to-move' | 'kept-new' | { failed: string }

export function moveLegacyUserData(appData: string, userData: string): UserDataMove {
  const legacy = path.join(appData, LEGACY_USER_DATA_NAME)
  if (path.resolve(legacy) === path.resolve(userData) || !existsSync(legacy)) return 'nothing-to-move'
  // Same folder under another case (macOS, Windows), or this version already ran: leave both alone.
  if (existsSync(userData)) return 'kept-new'
  try {
    renameSync(legacy, userData)
    return 'moved'
  } catch (error) {
    return { failed: error instanceof Error ? error.message : String(error) }
  }
}
