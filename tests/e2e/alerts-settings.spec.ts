/**
 * Settings → Alerts against the real chain (browser host → main's settings → the floor's alerts,
 * with the living demo PBX whose callers wait in queues support and sales): the machine's
 * thresholds with their defaults, a bad figure refused at its field, and a saved queue-wait limit
 * that raises a queue's alert (its tile marked) and clears it when nobody waits too long any more.
 */
import { mkdirSync } from 'node:fs'
import { type Page, expect, test } from '@playwright/test'
import { type RunningHost, startHost } from './host'

let host: RunningHost | null = null
test.afterEach(async () => {
  await host?.stop()
  host = null
})

const SHOTS = '/tmp/shots/alerts-settings'
const strip = (page: Page) => page.getByRole('region', { name: 'Queues' })

test('an admin sets the thresholds; a queue wait past the saved limit marks the tile, and the mark goes when nobody waits too long', async ({ page }) => {
  test.setTimeout(150_000)
  host = await startHost(['--demo'])
  await page.goto(host.url)
  await expect(page.getByRole('grid', { name: 'Agents' })).toBeVisible({ timeout: 15_000 })

  await page.getByRole('button', { name: 'Settings' }).first().click()
  await page.getByRole('navigation', { name: 'Settings sections' }).getByRole('button', { name: 'Alerts' }).click()
  const longCall = page.getByRole('textbox', { name: 'Long call (seconds)' })
  await expect(longCall).toHaveValue('1200')
  await expect(page.getByText(/Default 1200 s \(20 min\); empty: off\./).first()).toBeVisible()
  await expect(page.getByRole('textbox', { name: 'Reason' }).first()).toHaveValue('lunch')
  mkdirSync(SHOTS, { recursive: true })
  for (const width of [1440, 1024]) {
    await page.setViewportSize({ width, height: 900 })
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme })
      await page.screenshot({ path: `${SHOTS}/settings-alerts-${String(width)}-${scheme}.png` })
    }
  }

  // Not a number: refused with the schema's words at the field, and nothing is saved.
  await longCall.fill('12a')
  await longCall.blur()
  await expect(page.getByText('Give the long call threshold in whole seconds, or turn it off.')).toBeVisible()
  await expect(longCall).toHaveValue('12a')
  await longCall.fill('1200')

  // A short queue wait, and no alert for the demo's offline queue member (it would mark the tile for good).
  await page.getByRole('textbox', { name: 'Caller waiting in a queue (seconds)' }).fill('3')
  await page.getByRole('checkbox', { name: /member of a queue goes offline/ }).uncheck()
  await page.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(page.getByText('Unsaved changes')).toHaveCount(0)

  await page.getByRole('button', { name: 'Monitor' }).first().click()
  const marked = strip(page).locator('button[data-queue].needs-attention')
  await expect(marked.first()).toBeVisible({ timeout: 90_000 })
  const queue = (await marked.first().getAttribute('data-queue')) ?? ''
  // The caller is answered or gives up: that queue's mark goes (callers come and go, so allow a while).
  await expect(strip(page).locator(`button[data-queue="${queue}"]`)).not.toHaveClass(/needs-attention/, { timeout: 60_000 })
})

test("an operator's own limit replaces the computer's, is kept after a reload, and goes back to the computer's", async ({ page }) => {
  test.setTimeout(150_000)
  host = await startHost(['--demo'])
  await page.goto(host.url)
  await expect(page.getByRole('grid', { name: 'Agents' })).toBeVisible({ timeout: 15_000 })
  const panel = page.getByRole('complementary', { name: 'Alerts' })
  const openPanel = async (): Promise<void> => {
    if ((await panel.count()) === 0) await page.getByRole('button', { name: 'Alerts', exact: true }).click()
    await expect(panel).toBeVisible()
    const limits = panel.locator('details.own-limits')
    if ((await limits.getAttribute('open')) === null) await limits.locator('summary').click()
  }
  await openPanel()
  const wait = panel.getByRole('textbox', { name: 'Caller waiting (s)' })
  // Empty shows the computer's (60 s) as the placeholder.
  await expect(wait).toHaveValue('')
  await expect(wait).toHaveAttribute('placeholder', '60')
  await wait.fill('x')
  await wait.press('Enter')
  await expect(panel.getByText('A whole number, or empty')).toBeVisible()
  await wait.fill('3')
  await wait.press('Enter')
  await expect(panel.getByText('A whole number, or empty')).toHaveCount(0)
  await expect(panel.locator('summary')).toHaveText('Your limits (some are your own)')
  // Honoured: a caller waiting 3 s is an alert (the computer's 60 s would take a minute).
  await expect(panel.locator('[data-alert-kind="queue-wait"]').first()).toBeVisible({ timeout: 60_000 })
  mkdirSync(SHOTS, { recursive: true })
  for (const width of [1440, 1024]) {
    await page.setViewportSize({ width, height: 900 })
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme })
      await page.screenshot({ path: `${SHOTS}/own-limits-${String(width)}-${scheme}.png` })
    }
  }

  await page.reload()
  await expect(page.getByRole('grid', { name: 'Agents' })).toBeVisible({ timeout: 15_000 })
  await openPanel()
  await expect(wait).toHaveValue('3')
  await panel.getByRole('button', { name: 'Use this computer’s limits' }).click()
  await expect(wait).toHaveValue('')
  await expect(panel.locator('summary')).toHaveText('Your limits')
})
