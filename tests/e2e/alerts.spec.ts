/**
 * Issue 11 §3, against the scripted fake main: an alert raised when a threshold is crossed (row
 * marked, "Needs attention" chip, alerts panel, a notification seen through the window event every
 * notice is announced with) and cleared when its condition ends; acknowledge and snooze.
 * Screenshots of the floor with rows in alert and the panel open, 1440 and 1024, light and dark.
 */
import { type Page, expect, test } from '@playwright/test'
import type { AgentRow, QueueView } from '../../src/shared/floor'
import { agent, talking } from './fixtures/floor-data'
import { installSoftphoneApi } from './fixtures/softphone-api'
import { appUrl, collectPageErrors } from './harness'

const MIN = 60_000

function floor(now: number): AgentRow[] {
  return [
    // On a break for 16 minutes: over break's own 15-minute threshold.
    agent('1001', 'Maria Lopez', 'paused', { pauseReason: 'Break', statusSince: now - 16 * MIN }),
    // On lunch for 16 minutes: under lunch's 60.
    agent('1002', 'James Whitfield', 'paused', { pauseReason: 'lunch', statusSince: now - 16 * MIN }),
    // A 25-minute call, on hold for 4 minutes: a long call and a long hold.
    talking('1003', 'Aisha Rahman', now, 25 * 60, { id: 'call-aisha', onHold: true, customerName: 'Private Customer' }),
    agent('1004', 'Tomasz Nowak', 'idle', { statusSince: now - 5 * MIN })
  ].map((row) => (row.extension === '1003' ? { ...row, calls: row.calls.map((c) => ({ ...c, heldSince: now - 4 * MIN })) } : row))
}

type NoticeLog = { __notices: Array<{ title: string; body: string; extension: string | null }>; addEventListener(type: string, listener: (event: Event) => void): void }

/** Two queues: in `support` a caller has waited 2 minutes (over the 60 s default), `sales` is calm. */
function queues(now: number): QueueView[] {
  const queue = (name: string, callers: QueueView['callers']): QueueView => ({
    name, strategy: 'rrmemory', waiting: callers.length, longestWaitSince: callers[0]?.joinedAt ?? null, callers, members: ['1004'],
    available: 1, busy: 0, paused: 0, offline: 0, answered: 0, abandoned: 0, answeredSeen: 0, abandonedSeen: 0, serviceLevelSeconds: null, serviceLevelPercent: null
  })
  return [queue('support', [{ id: 'c.1', number: '+442070020001', name: null, position: 1, joinedAt: now - 2 * MIN, joinedAtApprox: false }]), queue('sales', [])]
}

async function open(page: Page, withQueues = false) {
  await page.addInitScript(() => {
    const log: NoticeLog['__notices'] = []
    ;(globalThis as unknown as NoticeLog).__notices = log
    ;(globalThis as unknown as NoticeLog).addEventListener('earshot:alert-notice', (event: Event) => log.push((event as CustomEvent<NoticeLog['__notices'][number]>).detail))
  })
  const now = Date.now()
  const fake = await installSoftphoneApi(page, { floor: { rows: floor(now), queues: withQueues ? queues(now) : [] } })
  await page.goto(appUrl())
  await expect(page.getByRole('grid', { name: 'Agents' })).toBeVisible()
  return { fake, now }
}

const notices = (page: Page) => page.evaluate(() => (globalThis as unknown as NoticeLog).__notices)
const chip = (page: Page) => page.getByRole('group', { name: 'Alerts' }).getByRole('button', { name: /^Needs attention/ })
const row = (page: Page, extension: string) => page.getByRole('grid', { name: 'Agents' }).locator(`tbody tr[data-extension="${extension}"]`)
const panel = (page: Page) => page.getByRole('complementary', { name: 'Alerts' })

let errors: string[] = []
test.beforeEach(({ page }) => {
  errors = collectPageErrors(page)
})
test.afterEach(() => {
  expect(errors).toEqual([])
})

test('an alert is raised (row marked, chip, panel, one notification without the customer) and clears when its condition ends', async ({ page }) => {
  const { fake } = await open(page)
  await expect(chip(page)).toHaveText('Needs attention 2')
  await expect(row(page, '1001')).toHaveClass(/in-alert/)
  await expect(row(page, '1003')).toHaveClass(/in-alert/)
  await expect(row(page, '1002')).not.toHaveClass(/in-alert/)

  // The three alerts present at once: one notification standing for all of them.
  await expect.poll(() => notices(page)).toHaveLength(1)
  const [notice] = await notices(page)
  expect(notice?.title).toBe('3 alerts')
  expect(notice?.body).toContain('Maria Lopez (1001)')
  expect(JSON.stringify(notice)).not.toMatch(/Private Customer|2070001234/)

  // The chip shows only the agents in alert.
  await chip(page).click()
  await expect(page.getByRole('grid', { name: 'Agents' }).locator('tbody tr.floor-row')).toHaveCount(2)
  await chip(page).click()
  await expect(page.getByRole('grid', { name: 'Agents' }).locator('tbody tr.floor-row')).toHaveCount(4)

  await page.getByRole('group', { name: 'Alerts' }).getByRole('button', { name: 'Alerts', exact: true }).click()
  const items = panel(page).locator('.alert-item')
  await expect(items).toHaveCount(3)
  await expect(panel(page).locator('[data-alert-kind="long-pause"]')).toContainText('Long pause · Maria Lopez (1001)')
  await expect(panel(page).locator('[data-alert-kind="long-pause"]')).toContainText(/since .+ · 16:\d\d/)

  // Maria comes back from her break: her alert ends by itself.
  await fake.floor.change([agent('1001', 'Maria Lopez', 'idle', { statusSince: fake.floor.serverNow() })])
  await expect(items).toHaveCount(2)
  await expect(row(page, '1001')).not.toHaveClass(/in-alert/)
  await expect(chip(page)).toHaveText('Needs attention 1')
  expect(await notices(page)).toHaveLength(1)
})

test('a queue with a caller waiting too long is marked on its tile; Sort by attention puts agents in alert first, longest first', async ({ page }) => {
  await open(page, true)
  const tile = (name: string) => page.locator(`.queue-tile[data-queue="${name}"]`)
  await expect(tile('support')).toHaveClass(/needs-attention/)
  await expect(tile('support')).toContainText('Needs attention')
  await expect(tile('sales')).not.toHaveClass(/needs-attention/)

  const order = () => page.getByRole('grid', { name: 'Agents' }).locator('tbody tr.floor-row').evaluateAll((rows) => rows.map((r) => (r as unknown as { dataset: { extension?: string } }).dataset.extension))
  const sort = page.getByRole('group', { name: 'Alerts' }).getByRole('button', { name: 'Sort by attention' })
  const usual = await order()
  await sort.click()
  await expect(sort).toHaveAttribute('aria-pressed', 'true')
  // Aisha's call began 25 minutes ago, Maria's break 16: then the others in the usual order.
  await expect.poll(order).toEqual(['1003', '1001', '1002', '1004'])
  await sort.click()
  expect(usual).not.toEqual(['1003', '1001', '1002', '1004'])
  await expect.poll(order).toEqual(usual)
})

test('acknowledge and snooze quiet an alert (no mark, not counted) while it stays listed', async ({ page }) => {
  await open(page)
  await page.getByRole('group', { name: 'Alerts' }).getByRole('button', { name: 'Alerts', exact: true }).click()
  const pause = panel(page).locator('[data-alert-kind="long-pause"]')
  const hold = panel(page).locator('[data-alert-kind="long-hold"]')
  const call = panel(page).locator('[data-alert-kind="long-call"]')

  await pause.getByRole('button', { name: 'Acknowledge' }).click()
  await expect(pause).toContainText('acknowledged')
  await expect(row(page, '1001')).not.toHaveClass(/in-alert/)
  await expect(chip(page)).toHaveText('Needs attention 1')

  await hold.getByRole('button', { name: 'Snooze 15 minutes' }).click()
  await expect(hold).toContainText('snoozed')
  // Aisha's long call is still open: her row stays marked.
  await expect(row(page, '1003')).toHaveClass(/in-alert/)
  await call.getByRole('button', { name: 'Snooze 5 minutes' }).click()
  await expect(row(page, '1003')).not.toHaveClass(/in-alert/)
  await expect(chip(page)).toHaveText('Needs attention 0')
  await expect(panel(page).locator('.alert-item')).toHaveCount(3)
})

test('screenshots: rows in alert with the alerts panel open, 1440 and 1024, light and dark', async ({ page }) => {
  await open(page)
  await page.getByRole('group', { name: 'Alerts' }).getByRole('button', { name: 'Alerts', exact: true }).click()
  await expect(panel(page).locator('.alert-item')).toHaveCount(3)
  for (const width of [1440, 1024]) {
    for (const scheme of ['light', 'dark'] as const) {
      await page.setViewportSize({ width, height: 800 })
      await page.emulateMedia({ colorScheme: scheme })
      await page.screenshot({ animations: 'disabled', path: `/tmp/shots/alerts/floor-alerts-${String(width)}-${scheme}.png` })
    }
  }
})
