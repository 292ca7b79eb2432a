/**
 * Settings → Alerts against the real chain (browser host → main's settings → the floor's alerts,
 * with the living demo PBX whose callers wait in queues support and sales): the machine's
 * thresholds with their defaults, a bad figure refused at its field, and a saved queue-wait limit
 * that raises a queue's alert (its tile marked) and clears it when nobody waits too long any more;
 * an operator's own limits, single and per pause reason, honoured, kept and given up.
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

test("an operator's own limit for a pause reason replaces the computer's for that reason: it raises long pauses the computer's would not, is kept after a reload, and is removed", async ({ page }) => {
  test.setTimeout(150_000)
  // 60 agents: someone is always on lunch or in training. The demo's pauses last at most 5 minutes,
  // under every limit this computer has (lunch 60 min, break 15, any other reason 20): no long pause
  // is ever the computer's doing here.
  host = await startHost(['--demo', '--agents', '60'])
  await page.goto(host.url)
  await expect(page.getByRole('grid', { name: 'Agents' })).toBeVisible({ timeout: 15_000 })
  const panel = page.getByRole('complementary', { name: 'Alerts' })
  const openPanel = async (): Promise<void> => {
    if ((await panel.count()) === 0) await page.getByRole('button', { name: 'Alerts', exact: true }).click()
    await expect(panel).toBeVisible()
    const limits = panel.locator('details.own-limits')
    if ((await limits.getAttribute('open')) === null) await limits.locator('summary').click()
  }
  const longPauses = panel.locator('[data-alert-kind="long-pause"]')
  await openPanel()
  const lunch = panel.getByRole('textbox', { name: 'lunch pause limit (s)' })
  const breakLimit = panel.getByRole('textbox', { name: 'break pause limit (s)' })
  // The computer's reasons, each with its figure greyed; nothing of the operator's yet.
  await expect(lunch).toHaveValue('')
  await expect(lunch).toHaveAttribute('placeholder', '3600')
  await expect(breakLimit).toHaveAttribute('placeholder', '900')
  await expect(longPauses).toHaveCount(0)

  // Refused at the field, and nothing stored.
  await lunch.fill('1.5')
  await lunch.press('Enter')
  await expect(lunch).toHaveAttribute('aria-invalid', 'true')
  await expect(panel.getByText('A whole number from 1 to 86400, or empty')).toBeVisible()
  await expect(panel.locator('summary')).toHaveText('Your limits')

  // Lunch after 1 s: the operator's figure raises the long pauses the computer's would not.
  await lunch.fill('1')
  await lunch.press('Enter')
  await expect(lunch).not.toHaveAttribute('aria-invalid', 'true')
  await expect(panel.locator('summary')).toHaveText('Your limits (some are your own)')
  await expect(longPauses.first()).toBeVisible({ timeout: 60_000 })

  // A reason of their own: a duplicate and an empty name are refused at the field, then training after 1 s.
  await panel.getByRole('button', { name: 'Add a pause reason' }).click()
  const newReason = panel.getByRole('textbox', { name: 'New pause reason', exact: true })
  const newLimit = panel.getByRole('textbox', { name: 'New pause reason limit (s)' })
  await newReason.fill('LUNCH')
  await newLimit.fill('5')
  await newLimit.press('Enter')
  await expect(panel.getByText('LUNCH is listed already: give it your limit there.')).toBeVisible()
  mkdirSync(SHOTS, { recursive: true })
  await page.setViewportSize({ width: 1024, height: 900 })
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme })
    await newLimit.scrollIntoViewIfNeeded()
    await page.screenshot({ path: `${SHOTS}/own-pause-limits-adding-1024-${scheme}.png` })
  }
  await newReason.fill(' ')
  await newLimit.press('Enter')
  await expect(panel.getByText('Name the pause reason as agents give it (e.g. lunch).')).toBeVisible()
  await newReason.fill('training')
  await newLimit.fill('1')
  await newLimit.press('Enter')
  const training = panel.getByRole('textbox', { name: 'training pause limit (s)' })
  await expect(training).toHaveValue('1')
  // Its placeholder: what a training pause gets without it (this computer's Long pause).
  await expect(training).toHaveAttribute('placeholder', '1200')
  for (const width of [1440, 1024]) {
    await page.setViewportSize({ width, height: 900 })
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme })
      await panel.locator('.own-pause-limits').scrollIntoViewIfNeeded()
      await page.screenshot({ path: `${SHOTS}/own-pause-limits-${String(width)}-${scheme}.png` })
    }
  }

  // Kept: after a reload the figures are back and still honoured.
  await page.reload()
  await expect(page.getByRole('grid', { name: 'Agents' })).toBeVisible({ timeout: 15_000 })
  await openPanel()
  await expect(lunch).toHaveValue('1')
  await expect(training).toHaveValue('1')
  await expect(breakLimit).toHaveValue('')
  await expect(longPauses.first()).toBeVisible({ timeout: 30_000 })

  // Removed: emptying lunch goes back to the computer's 60 minutes, Remove drops training; the long pauses end.
  await lunch.fill('')
  await lunch.press('Enter')
  await panel.getByRole('button', { name: 'Remove your pause reason training' }).click()
  await expect(training).toHaveCount(0)
  await expect(panel.locator('summary')).toHaveText('Your limits')
  await expect(longPauses).toHaveCount(0)
  // While agents are still paused (the demo's floor has some on a pause at every moment).
  await expect(page.getByRole('grid', { name: 'Agents' }).getByText(/Paused · (lunch|training)/).first()).toBeVisible()
})
