import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { moveLegacyUserData } from '../../../src/main/desktop'

let appData: string
beforeEach(() => {
  appData = mkdtempSync(path.join(tmpdir(), 'earshot-appdata-'))
})
afterEach(() => rmSync(appData, { recursive: true, force: true }))

describe('the user-data folder moves once from `earshot` to `Earshot`', () => {
  it('moves the old folder, database and all, when the new one does not exist', () => {
    mkdirSync(path.join(appData, 'earshot'))
    writeFileSync(path.join(appData, 'earshot', 'earshot.db'), 'db')
    expect(moveLegacyUserData(appData, path.join(appData, 'Earshot'))).toBe('moved')
    expect(readFileSync(path.join(appData, 'Earshot', 'earshot.db'), 'utf8')).toBe('db')
  })

  it('never touches either folder once the new one exists', () => {
    mkdirSync(path.join(appData, 'earshot'))
    mkdirSync(path.join(appData, 'Earshot'))
    writeFileSync(path.join(appData, 'earshot', 'earshot.db'), 'old')
    writeFileSync(path.join(appData, 'Earshot', 'earshot.db'), 'new')
    const outcome = moveLegacyUserData(appData, path.join(appData, 'Earshot'))
    // On a case-insensitive file system the two names are one folder: nothing to move either way.
    expect(['kept-new', 'nothing-to-move']).toContain(outcome)
    expect(readFileSync(path.join(appData, 'Earshot', 'earshot.db'), 'utf8')).toBe('new')
  })

  it('has nothing to move on a fresh install, or when the data folder is elsewhere', () => {
    expect(moveLegacyUserData(appData, path.join(appData, 'Earshot'))).toBe('nothing-to-move')
    expect(existsSync(path.join(appData, 'Earshot'))).toBe(false)
  })

  it('reports a failed move and leaves the old folder as it was', () => {
    mkdirSync(path.join(appData, 'earshot'))
    writeFileSync(path.join(appData, 'earshot', 'earshot.db'), 'db')
    // The new folder's parent does not exist: rename fails.
    const outcome = moveLegacyUserData(appData, path.join(appData, 'missing', 'Earshot'))
    expect(outcome).toHaveProperty('failed')
    expect(readFileSync(path.join(appData, 'earshot', 'earshot.db'), 'utf8')).toBe('db')
  })
})
