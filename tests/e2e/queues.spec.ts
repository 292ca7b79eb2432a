/**
 * Issue 11 §2 against the real chain (browser host → FloorService → AMI → the living demo PBX,
 * whose callers wait in queues support (all twelve agents) and sales (six of them)): the queue
 * strip with the longest wait ticking, a tile narrowing the floor and its counters to the queue's
 * members with the waiting callers listed, and the operator's scope remembered across a reload
 * (stored in their preferences in main's SQLite).
 */
import { type Page, expect, test } from '@playwright/test'
import { type RunningHost, startHost } from './host'

let host: RunningHost | null = null
test.afterEach(async () => {
  await host?.stop()
  host = null
})

const strip = (page: Page) => page.getByRole('region', { name: 'Queues' })
const tile = (page: Page, queue: string) => strip(page).locator(`button[data-queue="${queue}"]`)
const footerCount = (page: Page) => page.locator('.table-count')

async function openDemo(page: Page): Promise<void> {
  host = await startHost(['--demo'])
  await page.goto(host.url)
  await expect(page.getByRole('grid', { name: 'Agents' })).toBeVisible({ timeout: 15_000 })
  await expect(footerCount(page)).toHaveText('12 agents', { timeout: 10_000 })
}

test('the queue strip shows waiting callers with the longest wait ticking; a tile narrows the floor to its members and lists its callers', async ({ page }) => {
  test.setTimeout(90_000)
  await openDemo(page)
  await expect(tile(page, 'support')).toBeVisible()
  await expect(tile(page, 'sales')).toBeVisible()

  // Wait for a caller to be waiting in some queue (the living demo sends callers every few seconds).
  const waitingTile = strip(page).locator('button.has-waiting').first()
  await expect(waitingTile).toBeVisible({ timeout: 60_000 })
  const queue = (await waitingTile.getAttribute('data-queue')) ?? ''
  const longest = tile(page, queue).getByTestId('queue-longest')
  await expect(longest).toHaveText(/^~?\d\d:\d\d$/)

  await tile(page, queue).click()
  await expect(tile(page, queue)).toHaveAttribute('aria-pressed', 'true')
  const panel = page.getByRole('region', { name: `Callers waiting in ${queue}` })
  await expect(panel).toBeVisible()
  // The caller may be answered meanwhile; while someone waits, the panel lists them with a ticking wait.
  if ((await panel.getByTestId('queue-caller').count()) > 0) await expect(panel.getByTestId('queue-caller').first()).toContainText(/\d\d:\d\d/)
  // The panel and the tile agree (read together: callers come and go between two separate reads).
  await expect.poll(async () => await panel.getByTestId('queue-caller').count() === Number(await tile(page, queue).getByTestId('queue-waiting').textContent())).toBe(true)

  // sales has six members: the floor, its footer and the status chips count only them.
  await tile(page, 'sales').click()
  await expect(footerCount(page)).toHaveText('6 agents')
  await expect(page.getByRole('grid', { name: 'Agents' }).locator('tbody tr[data-extension]')).toHaveCount(6)
  await expect(page.locator('.chip-all .chip-count')).toHaveText('6')
  await expect(page.getByRole('combobox', { name: 'Show agents of' })).toHaveValue('queue:sales')

  // Clicking it again returns to everyone.
  await tile(page, 'sales').click()
  await expect(footerCount(page)).toHaveText('12 agents')
  await expect(page.getByRole('region', { name: /Callers waiting in/ })).toHaveCount(0)
})

test('the longest wait ticks', async ({ page }) => {
  test.setTimeout(90_000)
  await openDemo(page)
  await expect(strip(page).locator('button.has-waiting').first()).toBeVisible({ timeout: 60_000 })
  // Read every tile's figure at once (a caller may be answered between two reads of one tile, which
  // is why this pins no tile): the wait ticks when some queue's longest wait grows between two reads.
  const seconds = (wait: string | undefined): number | null => {
    const m = /^~?(\d\d):(\d\d)$/.exec(wait ?? '')
    return m ? Number(m[1]) * 60 + Number(m[2]) : null
  }
  // One read of every tile, in the strip's (stable, by name) order.
  const readings = async (): Promise<(number | null)[]> => (await strip(page).getByTestId('queue-longest').allTextContents()).map(seconds)
  let before = await readings()
  await expect.poll(async () => {
    const now = await readings()
    const grew = now.some((wait, i) => wait !== null && (before[i] ?? null) !== null && wait > (before[i] ?? 0))
    before = now
    return grew
  }, { timeout: 30_000, intervals: [1_100] }).toBe(true)
})

test('the scope chosen on the toolbar is remembered after a reload', async ({ page }) => {
  test.setTimeout(60_000)
  await openDemo(page)
  await page.getByRole('combobox', { name: 'Show agents of' }).selectOption('queue:sales')
  await expect(footerCount(page)).toHaveText('6 agents')
  await page.reload()
  await expect(page.getByRole('grid', { name: 'Agents' })).toBeVisible({ timeout: 15_000 })
  await expect(page.getByRole('combobox', { name: 'Show agents of' })).toHaveValue('queue:sales', { timeout: 10_000 })
  await expect(footerCount(page)).toHaveText('6 agents')
  await expect(tile(page, 'sales')).toHaveAttribute('aria-pressed', 'true')
})

test('Settings → Teams: an admin names a team; it is checked, saved, and offered on the floor, narrowing it to its agents', async ({ page }) => {
  test.setTimeout(60_000)
  await openDemo(page)
  await page.getByRole('link', { name: 'Settings' }).or(page.getByRole('button', { name: 'Settings' })).first().click()
  await page.getByRole('navigation', { name: 'Settings sections' }).getByRole('button', { name: 'Teams' }).click()
  await page.getByRole('button', { name: 'Add a team' }).click()
  // An unnamed team is refused with the schema's words, at the field.
  await page.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(page.getByText('Name the team.')).toBeVisible()

  await page.getByRole('textbox', { name: 'Team name' }).fill('Early shift')
  const extensions = page.getByRole('textbox', { name: 'Extensions' })
  await extensions.fill('1001 1003')
  await extensions.press('Enter')
  await page.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(page.getByText('Unsaved changes')).toHaveCount(0)

  await page.getByRole('link', { name: 'Monitor' }).or(page.getByRole('button', { name: 'Monitor' })).first().click()
  const picker = page.getByRole('combobox', { name: 'Show agents of' })
  await picker.selectOption({ label: 'Early shift' })
  await expect(footerCount(page)).toHaveText('2 agents')
  await expect(page.getByRole('grid', { name: 'Agents' }).locator('tbody tr[data-extension]')).toHaveCount(2)
})
