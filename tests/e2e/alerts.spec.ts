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

async function open(page: Page, withQueues = false, more?: (page: Page) => Promise<void>) {
  await page.addInitScript(() => {
    const log: NoticeLog['__notices'] = []
    ;(globalThis as unknown as NoticeLog).__notices = log
    ;(globalThis as unknown as NoticeLog).addEventListener('earshot:alert-notice', (event: Event) => log.push((event as CustomEvent<NoticeLog['__notices'][number]>).detail))
  })
  const now = Date.now()
  const fake = await installSoftphoneApi(page, { floor: { rows: floor(now), queues: withQueues ? queues(now) : [] } })
  await more?.(page)
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

test('alerts follow the scope shown: a caller waiting in a queue outside it raises none', async ({ page }) => {
  await open(page, true)
  await page.getByRole('group', { name: 'Alerts' }).getByRole('button', { name: 'Alerts', exact: true }).click()
  await expect(panel(page).locator('[data-alert-kind="queue-wait"]')).toHaveCount(1)
  // Sales' members: the caller waiting in support is not this scope's.
  await page.getByRole('combobox', { name: 'Show agents of' }).selectOption('queue:sales')
  await expect(panel(page).locator('[data-alert-kind="queue-wait"]')).toHaveCount(0)
  await expect(page.locator('.queue-tile[data-queue="support"]')).not.toHaveClass(/needs-attention/)
  await page.getByRole('combobox', { name: 'Show agents of' }).selectOption('all')
  await expect(panel(page).locator('[data-alert-kind="queue-wait"]')).toHaveCount(1)
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

type DesktopFake = { __desktop: { notified: Array<{ id: number; title: string }>; click(id: number): void }; earshot: unknown }

/**
 * Main's side of notifications, as the desktop app has it: `desktop:notify` shows one (recorded
 * here) and a click on it comes back as `desktop:command` show-alert with its id. Wraps the fake
 * API installed before it.
 */
async function desktopNotifications(page: Page): Promise<void> {
  await page.addInitScript(() => {
    type Listener = (payload: unknown) => void
    type Api = { invoke(channel: string, request: unknown): Promise<unknown>; on(channel: string, listener: Listener): () => void }
    const g = globalThis as unknown as DesktopFake
    const base = g.earshot as Api
    const commands = new Set<Listener>()
    const notified: Array<{ id: number; title: string }> = []
    g.__desktop = { notified, click: (id) => commands.forEach((listener) => listener({ command: 'show-alert', id })) }
    g.earshot = Object.freeze({
      invoke(channel: string, request: unknown): Promise<unknown> {
        if (channel !== 'desktop:notify') return base.invoke(channel, request)
        notified.push(request as { id: number; title: string })
        return Promise.resolve({ shown: true })
      },
      on(channel: string, listener: Listener): () => void {
        if (channel !== 'desktop:command') return base.on(channel, listener)
        commands.add(listener)
        return () => commands.delete(listener)
      }
    })
  })
}

test('alerts are judged on every page: an acknowledgement outlives a look at another page, a new alert notifies there, and its click brings the floor with the row', async ({ page }) => {
  // Playwright's clock, flowing with real time until the test jumps it past the notifications' gap.
  await page.clock.install()
  const { fake } = await open(page, false, desktopNotifications)
  const notified = () => page.evaluate(() => (globalThis as unknown as DesktopFake).__desktop.notified)
  await expect.poll(notified).toHaveLength(1)
  await page.getByRole('group', { name: 'Alerts' }).getByRole('button', { name: 'Alerts', exact: true }).click()
  await panel(page).locator('[data-alert-kind="long-pause"]').getByRole('button', { name: 'Acknowledge' }).click()
  await expect(row(page, '1001')).not.toHaveClass(/in-alert/)

  await page.getByRole('navigation').getByRole('button', { name: 'Customers' }).click()
  await expect(page.getByRole('grid', { name: 'Agents' })).toHaveCount(0)
  // Tomasz goes on a break that is already over break's 15 minutes (the PBX says since when).
  await fake.floor.change([agent('1004', 'Tomasz Nowak', 'paused', { pauseReason: 'Break', statusSince: fake.floor.serverNow() - 20 * MIN })])
  // One notification per 10 s at most: it comes once the gap since the first has passed.
  await page.clock.fastForward(10_000)
  await expect.poll(notified).toHaveLength(2)
  const [, second] = await notified()
  expect(second?.title).toBe('Long pause')

  await page.evaluate((id) => (globalThis as unknown as DesktopFake).__desktop.click(id), second?.id ?? -1)
  await expect(row(page, '1004')).toHaveAttribute('aria-selected', 'true')
  await expect(row(page, '1004')).toHaveClass(/in-alert/)
  // Maria's break is still acknowledged: not marked, not counted, not notified again.
  await expect(row(page, '1001')).not.toHaveClass(/in-alert/)
  await expect(chip(page)).toHaveText('Needs attention 2')
  expect(await notified()).toHaveLength(2)
})

test('the wallboard marks the agents and queues in alert, as the floor does', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 })
  await open(page, true)
  await expect(row(page, '1001')).toHaveClass(/in-alert/)
  await page.keyboard.press('F11')
  const board = page.getByRole('main', { name: 'Wallboard' })
  await expect(board.locator('.wb-agent[data-extension="1001"]')).toHaveClass(/wb-in-alert/)
  await expect(board.locator('.wb-agent[data-extension="1003"]')).toHaveClass(/wb-in-alert/)
  await expect(board.locator('.wb-agent[data-extension="1002"]')).not.toHaveClass(/wb-in-alert/)
  await expect(board.locator('.wb-queue[data-queue="support"]')).toHaveClass(/wb-in-alert/)
  await expect(board.locator('.wb-queue[data-queue="sales"]')).not.toHaveClass(/wb-in-alert/)
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme })
    await page.screenshot({ animations: 'disabled', path: `/tmp/shots/alerts/wallboard-alerts-1440-${scheme}.png` })
  }
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
