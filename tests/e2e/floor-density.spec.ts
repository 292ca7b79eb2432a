/**
 * Density and the column picker against the real browser host: the choices are the operator's
 * preferences, saved by main, so they survive a reload. Screenshots for a look at 1440 and 1024.
 */
import { mkdirSync } from 'node:fs'
import { type Page, expect, test } from '@playwright/test'
import { type RunningHost, startHost } from './host'

const SHOTS = '/tmp/shots/wallboard'
let host: RunningHost | null = null
test.afterEach(async () => {
  await host?.stop()
  host = null
})

const grid = (page: Page) => page.getByRole('grid', { name: 'Agents' })
const firstRow = (page: Page) => grid(page).locator('tbody tr.floor-row').first()

test('compact density and a hidden column are remembered after a reload; Agent and Controls cannot be hidden', async ({ page }) => {
  test.setTimeout(60_000)
  host = await startHost(['--demo'])
  await page.goto(host.url)
  await expect(firstRow(page)).toBeVisible({ timeout: 10_000 })
  const comfortable = (await firstRow(page).boundingBox())?.height ?? 0

  await page.getByRole('button', { name: 'Compact' }).click()
  await expect(page.getByRole('button', { name: 'Compact' })).toHaveAttribute('aria-pressed', 'true')
  await expect.poll(async () => (await firstRow(page).boundingBox())?.height ?? 0).toBeLessThan(comfortable)

  await page.getByRole('button', { name: 'Columns' }).click()
  await expect(page.getByRole('checkbox', { name: /Agent/ })).toBeDisabled()
  await expect(page.getByRole('checkbox', { name: /Controls/ })).toBeDisabled()
  await page.getByRole('checkbox', { name: 'Direction' }).uncheck()
  await expect(page.getByRole('columnheader', { name: 'Direction' })).toHaveCount(0)
  await expect(grid(page).locator('td.col-direction')).toHaveCount(0)
  await page.keyboard.press('Escape')
  await expect(page.getByRole('checkbox', { name: 'Direction' })).toHaveCount(0)

  // Keyboard selection still works in the compact table.
  await grid(page).focus()
  await page.keyboard.press('ArrowDown')
  await expect(grid(page).locator('tbody tr.floor-row[aria-selected="true"]')).toHaveCount(1)

  mkdirSync(SHOTS, { recursive: true })
  for (const width of [1440, 1024]) {
    for (const scheme of ['light', 'dark'] as const) {
      await page.setViewportSize({ width, height: 900 })
      await page.emulateMedia({ colorScheme: scheme })
      await page.screenshot({ path: `${SHOTS}/floor-compact-no-direction-${width}-${scheme}.png` })
    }
  }

  await page.reload()
  await expect(firstRow(page)).toBeVisible({ timeout: 10_000 })
  await expect(page.getByRole('button', { name: 'Compact' })).toHaveAttribute('aria-pressed', 'true')
  await expect(page.getByRole('columnheader', { name: 'Direction' })).toHaveCount(0)
  for (const name of ['Agent', 'Status', 'Customer', 'Time', 'Controls']) {
    await expect(page.getByRole('columnheader', { name })).toBeVisible()
  }
  expect((await firstRow(page).boundingBox())?.height ?? 0).toBeLessThan(comfortable)
})
