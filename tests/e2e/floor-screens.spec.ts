/**
 * Screenshots of the floor for review (test-results/floor-*.png): 1280×800 and 1920×1080, light
 * and dark, plus the welcome screen, the reconnecting state and the customer panel.
 */
import { type Page, expect, test } from '@playwright/test'
import { installFakeApi, NO_SOURCE } from './fixtures/fake-api'
import { ADMIN, AGENT, WATCHER } from './fixtures/fake-console'
import { busyFloor, call } from './fixtures/floor-data'
import { type Scheme, appUrl, collectPageErrors, shootEachLook } from './harness'

/** Focuses the grid from the keyboard (/ then Escape twice), so its focus ring shows, and selects the third row (Home, then down twice). */
async function focusThirdRow(page: Page): Promise<void> {
  const grid = page.getByRole('grid', { name: 'Agents' })
  await page.keyboard.press('/')
  await page.keyboard.press('Escape')
  await page.keyboard.press('Escape')
  await expect(grid).toBeFocused()
  await page.keyboard.press('Home')
  for (let i = 0; i < 2; i++) await page.keyboard.press('ArrowDown')
}

test('floor at 1280×800 and 1920×1080, light and dark', async ({ page }, testInfo) => {
  const errors = collectPageErrors(page)
  await page.setViewportSize({ width: 1280, height: 800 })
  // 60 agents, enough for 1920×1080 (the 1280 shots show 60 in their counts; they had a load of 48 of their own).
  await installFakeApi(page, { rows: busyFloor(Date.now(), 60) })
  await page.goto(appUrl())
  const grid = page.getByRole('grid', { name: 'Agents' })
  // The first page of a run on a loaded machine took over 5 s to show its grid.
  await expect(grid).toBeVisible({ timeout: 15_000 })
  await focusThirdRow(page)
  const name = (width: number, scheme: Scheme): string => `floor-${String(width)}-${scheme}`
  await shootEachLook(page, testInfo, { widths: [1280], height: 800 }, name)
  // Longest calls first: hold, supervisors, a second call and the ~ marker all in view.
  await page.setViewportSize({ width: 1920, height: 1080 })
  await grid.getByRole('columnheader', { name: 'Time' }).click()
  await focusThirdRow(page)
  await shootEachLook(page, testInfo, { widths: [1920], height: 1080 }, name)
  expect(errors).toEqual([])
})

// Time in state (issue 11): idle, paused and offline rows ticking, hold beside talk time, sorted by Time.
test('time in state at 1440 and 1024, light and dark', async ({ page }, testInfo) => {
  const errors = collectPageErrors(page)
  await page.setViewportSize({ width: 1440, height: 860 })
  await installFakeApi(page, { rows: busyFloor(Date.now(), 48) })
  await page.goto(appUrl())
  const grid = page.getByRole('grid', { name: 'Agents' })
  await expect(grid).toBeVisible({ timeout: 15_000 })
  await grid.getByRole('columnheader', { name: 'Time' }).click()
  await expect(grid.locator('tbody tr.floor-row').first().locator('td.col-time')).toContainText('Offline')
  await shootEachLook(page, testInfo, { widths: [1440, 1024], height: 860 }, (width, scheme) => `floor-time-in-state-${String(width)}-${scheme}`)
  expect(errors).toEqual([])
})

test('welcome, light and dark', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1280, height: 800 })
  await installFakeApi(page, { connection: NO_SOURCE })
  await page.goto(appUrl())
  await page.getByRole('button', { name: 'Connect to your PBX' }).click()
  await shootEachLook(page, testInfo, { widths: [1280], height: 800 }, (_width, scheme) => `floor-welcome-${scheme}`)
})

test('reconnecting and customer panel, light and dark', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1280, height: 800 })
  const fake = await installFakeApi(page, { rows: busyFloor(Date.now()) })
  await page.goto(appUrl())
  await expect(page.getByRole('grid', { name: 'Agents' })).toBeVisible()
  await fake.setStatus({
    source: 'pbx',
    state: 'reconnecting',
    message: 'Connection refused by pbx.example.com:5038',
    retryAt: fake.serverNow() + 8000,
    stale: true
  })
  await page.getByRole('button', { name: /^Customer details/ }).first().click()
  await shootEachLook(page, testInfo, { widths: [1280], height: 800 }, (_width, scheme) => `floor-reconnecting-${scheme}`)
})

/** Issue 14.12: the call log cannot be written (a full disk); the banner says why and how many calls wait, and goes when writing works. */
test('call log cannot be written, 1440 and 1024 wide, light and dark', async ({ page }, testInfo) => {
  const errors = collectPageErrors(page)
  await page.setViewportSize({ width: 1440, height: 800 })
  const fake = await installFakeApi(page, { rows: busyFloor(Date.now()), callLog: { failing: 'the disk is full (SQLITE_FULL)', waiting: 3, dropped: 0 } })
  await page.goto(appUrl())
  const banner = page.getByTestId('calllog-banner')
  await expect(banner.getByRole('alert')).toHaveText(/^The call log cannot be written:\s*the disk is full \(SQLITE_FULL\); 3 calls waiting\.$/)
  await fake.setCallLog({ failing: 'the disk is full (SQLITE_FULL)', waiting: 5000, dropped: 12 })
  await expect(banner).toContainText('5000 calls waiting; 12 older calls could not be kept.')
  await shootEachLook(page, testInfo, { widths: [1440, 1024], height: 800 }, (width, scheme) => `floor-calllog-${String(width)}-${scheme}`)
  await fake.setCallLog({ failing: null, waiting: 0, dropped: 0 })
  await expect(banner).toHaveCount(0)
  expect(errors).toEqual([])
})

/**
 * Issues 13.13 and 13.14: the supervisor's floor and an agent's "My calls", each with the customer
 * panel open, at 1440 and 1024 px, light and dark (test-results/floor-{supervisor,agent}-*.png).
 */
for (const who of [ADMIN, AGENT]) {
  const role = who === AGENT ? 'agent' : 'supervisor'
  test(`${role} floor with the customer panel, 1440 and 1024 wide, light and dark`, async ({ page }, testInfo) => {
    const errors = collectPageErrors(page)
    await page.setViewportSize({ width: 1440, height: 860 })
    const now = Date.now()
    const rows = busyFloor(now)
    // Maria (1001, the agent) on a second call, with a supervisor she is not told about.
    const maria = rows[0]
    if (maria !== undefined) maria.calls.push(call('1001', { startedAt: now - 95_000, answeredAt: now - 90_000, onHold: true, customer: '+441632960961', direction: 'outbound' }))
    await installFakeApi(page, { rows, console: { operators: [ADMIN, WATCHER, AGENT], signedIn: who.id } })
    await page.goto(appUrl())
    const detailsButton =
      who === AGENT
        ? page.getByTestId('my-line').getByRole('button', { name: /^Customer details/ }).first()
        : page.locator('tr.floor-row[data-extension="1006"]').getByRole('button', { name: /^Customer details/ })
    await expect(who === AGENT ? page.getByTestId('my-line') : page.getByRole('grid', { name: 'Agents' })).toBeVisible({ timeout: 15_000 })
    const looks = { widths: [1440, 1024], height: 860 }
    await shootEachLook(page, testInfo, looks, (width, scheme) => `floor-${role}-${String(width)}-${scheme}`)
    await page.setViewportSize({ width: 1440, height: 860 })
    await detailsButton.click()
    await expect(page.getByRole('dialog')).toBeVisible()
    await shootEachLook(page, testInfo, looks, (width, scheme) => `floor-${role}-${String(width)}-${scheme}-panel`)
    expect(errors).toEqual([])
  })
}
