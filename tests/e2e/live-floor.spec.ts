/**
 * The whole chain in real Chromium: browser host → IPC over WebSocket → FloorService → AmiClient
 * over loopback TCP → the demo PBX, which speaks the dialect of the real Asterisk captures.
 */
import { expect, test } from '@playwright/test'
import { type RunningHost, startHost } from './host'

let host: RunningHost | null = null
test.afterEach(async () => {
  await host?.stop()
  host = null
})

const row = (page: import('@playwright/test').Page, extension: string) => page.getByRole('row').filter({ hasText: extension })

test('the inbound-queue-answered scenario: the call appears, is answered, its timer runs, and it drops off', async ({ page }) => {
  host = await startHost(['--demo', '--scenario', 'inbound-queue-answered'])
  await page.goto(host.url)
  const grid = page.getByRole('grid', { name: 'Agents' })
  await expect(grid).toBeVisible()
  for (const name of ['Agent', 'Status', 'Customer', 'Direction', 'Time', 'Controls']) {
    await expect(page.getByRole('columnheader', { name })).toBeVisible()
  }
  await expect(row(page, '1004')).toContainText('Idle')

  // The scenario's caller reaches queue support at 1.5 s and 1001 answers (as in the capture).
  const agent = row(page, '1001')
  await expect(agent).toContainText('Talking', { timeout: 10_000 })
  await expect(agent).toContainText('020 7000 1111')
  await expect(agent).toContainText('Incoming')
  const time = agent.getByRole('gridcell').nth(4)
  const first = (await time.textContent()) ?? ''
  await expect(time).not.toHaveText(first, { timeout: 3_000 }) // ticks
  await expect(agent.getByRole('button', { name: /Listen/ })).toBeVisible()

  // The caller hangs up at 9.5 s: the row is idle again and the call is gone.
  await expect(agent).toContainText('Idle', { timeout: 12_000 })
  await expect(agent).not.toContainText('020 7000 1111')
  await expect(agent.getByRole('button', { name: /Listen/ })).toHaveCount(0)
})

test('the living demo floor: twelve agents (the supervisors\' phones are not agents), calls in progress', async ({ page }) => {
  host = await startHost(['--demo'])
  await page.goto(host.url)
  await expect(page.getByRole('grid', { name: 'Agents' })).toBeVisible()
  // The demo's roster leaves out the supervisors' phones 2001 and 2002.
  await expect(page.getByText('12 agents').first()).toBeVisible({ timeout: 10_000 })
  await expect(page.locator('tr[data-extension="2001"]')).toHaveCount(0)
  await expect(page.getByRole('row').filter({ hasText: 'Talking' }).first()).toBeVisible({ timeout: 20_000 })
})

test('AMI connection lost: reconnecting banner, then live again with no ghost rows', async ({ page }) => {
  test.setTimeout(60_000)
  host = await startHost(['--demo', '--scenario', 'spy-listen'])
  await page.goto(host.url)
  const agent = row(page, '1001')
  await expect(agent).toContainText('Talking', { timeout: 10_000 })
  await expect(agent).toContainText('2002')

  host.dropAmi()
  const banner = page.getByTestId('connection-banner')
  await expect(banner).toContainText(/Reconnecting/i)
  // The floor is marked once, not each row (issue 13.16); supervision waits for it to be live (13.8).
  await expect(page.getByRole('grid', { name: 'Agents' })).toHaveClass(/is-stale/)
  await expect(agent).not.toContainText(/Stale/i)
  await expect(agent.getByRole('button', { name: 'Listen' })).toHaveAttribute('aria-disabled', 'true')
  await expect(agent.getByRole('button', { name: 'Listen' })).toHaveAttribute('title', /^The connection to the PBX is down/)
  // While Earshot is away the supervisor (9.1 s) and the customer (12.4 s) hang up.
  await expect(banner).toBeHidden({ timeout: 20_000 })
  await expect(agent).toContainText('Idle', { timeout: 15_000 })
  await expect(page.getByRole('row').filter({ hasText: 'Talking' })).toHaveCount(0)
  await expect(page.getByRole('row').filter({ hasText: /Stale/i })).toHaveCount(0)
})

test('first run without a PBX: the welcome offers the demo floor, which then appears', async ({ page }) => {
  host = await startHost([])
  await page.goto(host.url)
  await page.getByRole('button', { name: /Try the demo floor/i }).click()
  await expect(page.getByRole('grid', { name: 'Agents' })).toBeVisible({ timeout: 10_000 })
  await expect(page.getByRole('row').filter({ hasText: /Idle|Talking|Ringing|Paused|Offline/ }).first()).toBeVisible()
})

test('search, filter, sort and keyboard selection on the demo PBX floor', async ({ page }) => {
  host = await startHost(['--demo', '--scenario', 'ringing-abandoned'])
  await page.goto(host.url)
  const agents = page.getByRole('grid', { name: 'Agents' }).getByRole('row').filter({ hasText: /Agent 10/ })
  await expect(agents).toHaveCount(4)
  await expect(row(page, '1003')).toContainText('break') // paused by the scenario's console

  await page.keyboard.press('/')
  await expect(page.getByRole('searchbox', { name: 'Search agents' }).or(page.getByLabel('Search agents'))).toBeFocused()
  await page.keyboard.type('1004')
  await expect(agents).toHaveCount(1)
  await page.getByLabel('Search agents').fill('')

  await page.getByRole('group', { name: 'Filter by status' }).getByRole('button', { name: /Paused/ }).click()
  await expect(agents).toHaveCount(1)
  await expect(agents.first()).toContainText('1003')
  await page.getByRole('group', { name: 'Filter by status' }).getByRole('button', { name: /All/ }).click()
  await expect(agents).toHaveCount(4)

  const header = page.getByRole('columnheader', { name: 'Agent' })
  await header.click()
  await expect(header).toHaveAttribute('aria-sort', 'descending')
  await expect(agents.first()).toContainText('1004')

  await page.getByRole('grid', { name: 'Agents' }).focus()
  await page.keyboard.press('ArrowDown')
  await expect(page.getByRole('row', { selected: true })).toHaveCount(1)
})
