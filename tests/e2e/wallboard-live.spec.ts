/**
 * The wallboard against the real chain (browser host → FloorService → AMI → the living demo PBX,
 * whose queues are support (all twelve agents) and sales (six)): it follows the operator's scope
 * like the floor does, it covers the console without closing it (unsaved settings are still there
 * after it), and Settings → Wallboard lets an admin put customers on it.
 */
import { type Page, expect, test } from '@playwright/test'
import { type RunningHost, startHost } from './host'

let host: RunningHost | null = null
test.afterEach(async () => {
  await host?.stop()
  host = null
})

const board = (page: Page) => page.getByRole('main', { name: 'Wallboard' })

async function openDemo(page: Page): Promise<void> {
  host = await startHost(['--demo'])
  await page.goto(host.url)
  await expect(page.getByRole('grid', { name: 'Agents' })).toBeVisible({ timeout: 15_000 })
  await expect(page.locator('.table-count')).toHaveText('12 agents', { timeout: 10_000 })
}

async function openSettings(page: Page, section: string): Promise<void> {
  await page.getByRole('button', { name: 'Settings' }).first().click()
  await page.getByRole('navigation', { name: 'Settings sections' }).getByRole('button', { name: section }).click()
}

test('the wallboard shows the scope chosen on the floor: its agents, its queue, its name', async ({ page }) => {
  test.setTimeout(60_000)
  await openDemo(page)
  await page.keyboard.press('F11')
  await expect(board(page).locator('.wb-agent')).toHaveCount(12)
  await expect(board(page).locator('.wb-queue')).toHaveCount(2)
  await page.keyboard.press('Escape')

  await page.getByRole('combobox', { name: 'Show agents of' }).selectOption('queue:sales')
  await expect(page.locator('.table-count')).toHaveText('6 agents')
  await page.keyboard.press('F11')
  await expect(board(page).getByRole('heading', { name: 'Queue sales' })).toBeVisible()
  await expect(board(page).locator('.wb-agent')).toHaveCount(6)
  await expect(board(page).locator('.wb-queue')).toHaveCount(1)
  await expect(board(page).locator('.wb-queue')).toHaveAttribute('data-queue', 'sales')
})

test('the wallboard covers the console without closing it: a setting edited but not saved is still there after it', async ({ page }) => {
  test.setTimeout(60_000)
  await openDemo(page)
  await openSettings(page, 'Wallboard')
  const show = page.getByRole('radio', { name: /Show the matched customer/ })
  await show.check()
  await expect(page.getByText('Unsaved changes')).toBeVisible()
  await page.keyboard.press('F11')
  await expect(board(page)).toBeVisible()
  // Nothing under the board can be reached meanwhile.
  await expect(page.locator('.shell')).toHaveAttribute('inert', '')
  await page.keyboard.press('Escape')
  await expect(board(page)).toHaveCount(0)
  await expect(show).toBeChecked()
  await expect(page.getByText('Unsaved changes')).toBeVisible()
})

test('Settings → Wallboard: customers stay off the board until an admin shows them', async ({ page }) => {
  test.setTimeout(90_000)
  await openDemo(page)
  // Wait for a call with a customer on the floor (the living demo sends calls every few seconds).
  await expect(page.locator('.wb-agent-customer')).toHaveCount(0)
  await page.keyboard.press('F11')
  await expect(board(page).locator('.wb-talking').first()).toBeVisible({ timeout: 60_000 })
  await expect(board(page).locator('.wb-agent-customer')).toHaveCount(0)
  await page.keyboard.press('Escape')

  await openSettings(page, 'Wallboard')
  await expect(page.getByRole('radio', { name: /Hide them/ })).toBeChecked()
  await page.getByRole('radio', { name: /Show the matched customer/ }).check()
  await page.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(page.getByText('Unsaved changes')).toHaveCount(0)
  await page.keyboard.press('F11')
  await expect(board(page).locator('.wb-talking .wb-agent-customer').first()).toBeVisible({ timeout: 60_000 })
})
