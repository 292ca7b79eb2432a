/**
 * The first minute on the real browser host and demo PBX, before any admin exists: first run →
 * Try the demo floor → the floor, marked Demo on every page → Settings says the built-in demo PBX
 * is connected (no blank PBX fields, no Test connection to fail) → Leave the demo → first run
 * again, and earshot.db exactly as before. Screenshots (test-results/first-minute-*.png) at 1440
 * and 1024 px, light and dark: first run, the demo floor, Settings during the demo, and an admin's
 * welcome page with "Connect to your PBX" open (the least AMI privileges).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { expect, type Page, type TestInfo, test } from '@playwright/test'
import { managerConfUser } from '../../src/shared/ami-privileges'
import { collectPageErrors, shootEachLook } from './harness'
import { type RunningHost, startHost } from './host'

let host: RunningHost | null = null
let dataDir = ''
test.beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'earshot-first-minute-'))
})
test.afterEach(async () => {
  await host?.stop()
  host = null
  rmSync(dataDir, { recursive: true, force: true })
})

/** Every row of every table in the host's earshot.db, read through a connection of the test's own. */
function dump(dir: string): string {
  const db = new Database(path.join(dir, 'earshot.db'), { readonly: true })
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]
    return JSON.stringify(tables.map(({ name }) => [name, db.prepare(`SELECT * FROM "${name}"`).all()]))
  } finally {
    db.close()
  }
}

/** `first-minute-<name>-<width>-<scheme>.png` at 1440 and 1024 px, light and dark; the page is left at 1024 px. */
function shots(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  return shootEachLook(page, testInfo, { widths: [1440, 1024], height: 860 }, (width, scheme) => `first-minute-${name}-${String(width)}-${scheme}`)
}

// Each flow runs once, at 1024 px (the narrower window, where a control would be the first to go),
// and is shot in every look on the way.
test('before any admin: demo, its mark, Settings says demo, leave, nothing kept (shots at 1440 and 1024 px, light and dark)', async ({ page }, testInfo) => {
  test.setTimeout(90_000)
  const errors = collectPageErrors(page)
  await page.setViewportSize({ width: 1024, height: 860 })
  host = await startHost(['--data-dir', dataDir], { signedIn: false })
  const before = dump(dataDir)
  await page.goto(host.url)

  await expect(page.getByRole('heading', { level: 1, name: 'Set up Earshot' })).toBeVisible()
  await shots(page, testInfo, 'first-run')
  await page.getByRole('button', { name: 'Try the demo floor', exact: true }).click()

  const topbar = page.getByRole('banner')
  await expect(page.getByRole('grid', { name: 'Agents' })).toBeVisible({ timeout: 20_000 })
  await expect(topbar.getByText('Demo', { exact: true })).toBeVisible()
  await expect(topbar).toContainText('Demo supervisor')
  await expect(page.getByText('Demo floor · simulated calls')).toBeVisible()
  await expect(page.getByTestId('softphone-status')).toHaveAttribute('data-state', 'registered', { timeout: 30_000 })
  await shots(page, testInfo, 'demo-floor')

  // Settings: the PBX page names the built-in demo instead of blank fields; Test connection the same.
  await page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: 'Settings' }).click()
  const note = page.getByRole('note')
  await expect(note).toContainText('The built-in demo PBX is connected')
  await expect(note).toContainText('not a PBX of yours')
  await expect(page.getByLabel('AMI address')).toHaveCount(0)
  await expect(topbar.getByText('Demo', { exact: true })).toBeVisible()
  await shots(page, testInfo, 'settings-demo')
  await page.getByRole('button', { name: /^Test connection/ }).click()
  await expect(note).toContainText('The built-in demo needs no test')
  await expect(page.getByRole('button', { name: 'Run test' })).toHaveCount(0)

  await note.getByRole('button', { name: 'Leave the demo' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Set up Earshot' })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Create administrator' })).toBeVisible()
  await expect(page.getByText('Demo', { exact: true })).toHaveCount(0)
  expect(dump(dataDir)).toBe(before)
  expect(errors).toEqual([])
})

test("an admin's welcome page: Connect to your PBX asks for the least privileges (shots at 1440 and 1024 px, light and dark)", async ({ page }, testInfo) => {
  const errors = collectPageErrors(page)
  await page.setViewportSize({ width: 1024, height: 860 })
  host = await startHost(['--data-dir', dataDir])
  await page.goto(host.url)
  await expect(page.getByRole('heading', { name: 'Welcome to Earshot' })).toBeVisible()
  await page.getByRole('button', { name: 'Connect to your PBX' }).click()
  const panel = page.getByRole('region', { name: 'Connecting to your PBX' })
  await expect(panel.locator('pre')).toHaveText(managerConfUser())
  await expect(panel).not.toContainText('system, call, agent, user, config, command')
  await shots(page, testInfo, 'welcome-connect')
  expect(errors).toEqual([])
})
