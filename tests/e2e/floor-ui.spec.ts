/**
 * The live monitor against a scripted EarshotApi (fixtures/fake-api.ts): the fake owns the
 * server's truth and pushes deltas and connection statuses when the test says so.
 */
import { type Locator, type Page, expect, test } from '@playwright/test'
import type { AgentRow } from '../../src/shared/floor'
import { type FakeFloor, installFakeApi, NO_SOURCE } from './fixtures/fake-api'
import { agent, call, hugeFloor, ringing, talking } from './fixtures/floor-data'
import { appUrl, collectPageErrors, expectTimeSince, seconds } from './harness'

/** The floor fake answers no softphone:config, so the softphone is not set up and supervision says so. */
const SOFTPHONE = 'Your softphone is not registered: not set up'

function grid(page: Page): Locator {
  return page.getByRole('grid', { name: 'Agents' })
}

/** The agent's row (by extension). */
function row(page: Page, extension: string): Locator {
  return grid(page).locator(`tbody tr[data-extension="${extension}"]`)
}

function cell(page: Page, extension: string, column: 'agent' | 'status' | 'customer' | 'direction' | 'time' | 'controls'): Locator {
  return row(page, extension).locator(`td.col-${column}`)
}

/** Agent rows currently in the DOM (spacer rows excluded). */
function renderedRows(page: Page): Locator {
  return grid(page).locator('tbody tr.floor-row')
}

async function namesInOrder(page: Page): Promise<string[]> {
  return grid(page).locator('tbody tr.floor-row .agent-name').allTextContents()
}

/** A small floor covering every status (server time `now`). */
function smallFloor(now: number): AgentRow[] {
  return [
    talking('1001', 'Maria Lopez', now, 300, { customer: '+442070001111', id: 'call-maria' }),
    agent('1002', 'James Whitfield', 'idle'),
    ringing('1003', 'Aisha Rahman', now, 4, { customer: '+33144556677' }),
    agent('1004', 'Tomasz Nowak', 'paused', { pauseReason: 'Lunch' }),
    agent('1005', 'Chloe Dubois', 'offline'),
    talking('1006', 'Daniel Okafor', now, 1200, {
      customer: '+442079460000',
      customerName: 'Northwind Traders',
      direction: 'outbound',
      id: 'call-daniel'
    })
  ]
}

/**
 * Closes every toast at once, in the page. Toasts also expire on their own after 4 s, so clicking
 * one close button after another from the test races that timer on a slow machine (the click then
 * waits for a button that is gone).
 */
async function dismissToasts(page: Page): Promise<void> {
  await page.locator('.toast-close').evaluateAll((buttons) => {
    for (const close of buttons) (close as unknown as { click(): void }).click()
  })
  await expect(page.locator('.toast')).toHaveCount(0)
}

async function openFloor(page: Page, rows: (now: number) => AgentRow[], serverSkewMs = 0): Promise<FakeFloor> {
  const fake = await installFakeApi(page, { rows: rows(Date.now() + serverSkewMs), serverSkewMs })
  await page.goto(appUrl())
  await expect(grid(page)).toBeVisible()
  return fake
}

test.describe('live floor', () => {
  let errors: string[] = []
  test.beforeEach(({ page }) => {
    errors = collectPageErrors(page)
  })
  test.afterEach(() => {
    // Console errors include CSP violations (the style attributes of the virtual spacers, say).
    expect(errors).toEqual([])
  })

  test('the table has exactly the six column headers', async ({ page }) => {
    await openFloor(page, smallFloor)
    await expect(grid(page).getByRole('columnheader')).toHaveText(['Agent', 'Status', 'Customer', 'Direction', 'Time', 'Controls'])
    for (const name of ['Agent', 'Status', 'Customer', 'Direction', 'Time', 'Controls']) {
      await expect(grid(page).getByRole('columnheader', { name, exact: true })).toHaveCount(1)
    }
    await expect(cell(page, '1001', 'agent')).toContainText('Maria Lopez')
    await expect(cell(page, '1001', 'agent')).toContainText('1001')
  })

  test('a ringing agent is told by colour, word and ring time, with no endless animation on the floor', async ({ page }) => {
    // A pulsing dot on every ringing row kept Chromium repainting every frame: on a floor of 1,000
    // agents at 2,000 events/s it was a quarter of the page's CPU (README, soak).
    const now = Date.now()
    await openFloor(page, () => smallFloor(now))
    await expect(cell(page, '1003', 'status')).toHaveText('Ringing')
    // Rang 4 s before the floor was made: its time counts from then, not from when it was shown.
    await expectTimeSince(cell(page, '1003', 'time'), now - 4000)
    // Typed by hand: the tests are compiled without the DOM's types.
    type Running = { effect: { getComputedTiming(): { iterations?: number }; target?: { className?: string } | null } | null }
    const endless = await page.evaluate(() =>
      (globalThis as unknown as { document: { getAnimations(): Running[] } }).document
        .getAnimations()
        .filter((a) => a.effect?.getComputedTiming().iterations === Infinity)
        .map((a) => a.effect?.target?.className ?? '?')
    )
    expect(endless).toEqual([])
  })

  test('a call appears, is answered and ticks, then ends and drops off (server clock an hour ahead)', async ({ page }) => {
    const skew = 3_600_000
    const fake = await openFloor(page, () => [agent('1001', 'Maria Lopez'), agent('1002', 'James Whitfield')], skew)
    await expect(cell(page, '1001', 'status')).toHaveText('Idle')
    await expect(cell(page, '1001', 'customer')).toHaveText('—')

    // Rings: it appears with the time since it began ringing (2 s before), not since it was shown.
    const ringingAt = fake.serverNow() - 2000
    await fake.change([
      agent('1001', 'Maria Lopez', 'ringing', {
        calls: [call('1001', { id: 'c1', startedAt: ringingAt, customer: '+442070001111', direction: 'inbound' })]
      })
    ])
    await expect(cell(page, '1001', 'status')).toHaveText('Ringing')
    await expect(cell(page, '1001', 'customer')).toHaveText('+442070001111')
    await expect(cell(page, '1001', 'direction')).toHaveText('Incoming')
    await expectTimeSince(cell(page, '1001', 'time'), ringingAt, ringingAt, () => fake.serverNow())
    await expect(cell(page, '1001', 'controls').getByRole('button')).toHaveCount(0)

    // Answered 65 s ago (server clock): Talking, talk time from answeredAt, corrected for the skew.
    const answeredAt = fake.serverNow() - 65_000
    await fake.change([
      agent('1001', 'Maria Lopez', 'talking', {
        calls: [call('1001', { id: 'c1', startedAt: ringingAt, answeredAt, customer: '+442070001111', customerName: 'Acme Ltd' })]
      })
    ])
    await expect(cell(page, '1001', 'status')).toHaveText('Talking')
    await expect(cell(page, '1001', 'customer')).toContainText('Acme Ltd')
    const time = cell(page, '1001', 'time')
    await expectTimeSince(time, answeredAt, answeredAt, () => fake.serverNow())
    const before = seconds(await time.innerText())
    await expect.poll(async () => seconds(await time.innerText()), { timeout: 3000 }).toBeGreaterThan(before)
    await expect(cell(page, '1001', 'controls').getByRole('button')).toHaveText(['Listen', 'Whisper', 'Barge'])

    // Hung up: the call drops off, the agent is idle again.
    await fake.change([agent('1001', 'Maria Lopez', 'idle')])
    await expect(cell(page, '1001', 'status')).toHaveText('Idle')
    await expect(cell(page, '1001', 'customer')).toHaveText('—')
    await expect(cell(page, '1001', 'time')).toHaveText('—')
    await expect(cell(page, '1001', 'controls').getByRole('button')).toHaveCount(0)

    // An agent removed from the floor leaves the table.
    await fake.change([], ['1002'])
    await expect(row(page, '1002')).toHaveCount(0)
    await expect(renderedRows(page)).toHaveCount(1)
  })

  test('time in state ticks on rows without a call, the hold time beside the talk time, and sorts longest first', async ({ page }) => {
    const fake = await openFloor(page, (now) => [
      agent('1001', 'Maria Lopez', 'idle', { statusSince: now - 760_000 }),
      agent('1002', 'James Whitfield', 'paused', { pauseReason: 'lunch', statusSince: now - 2_825_000 }),
      agent('1003', 'Aisha Rahman', 'offline', { statusSince: now - 7_391_000 }),
      agent('1004', 'Tomasz Nowak', 'idle'),
      talking('1005', 'Chloe Dubois', now, 300, { customer: '+442070001111', id: 'call-chloe' })
    ])
    // Idle 12:40, Paused · lunch 47:05, Offline 2:03:11 (the state's name is for screen readers: the
    // Status column shows it), read a few seconds later on a loaded machine.
    await expect(cell(page, '1001', 'time')).toHaveText(/^Idle 12:4\d$/)
    await expect(cell(page, '1002', 'time')).toHaveText(/^Paused · lunch 47:\d\d$/)
    await expect(cell(page, '1003', 'time')).toHaveText(/^Offline 2:03:\d\d$/)
    // Nothing tells when 1004 became idle: unknown, not invented.
    await expect(cell(page, '1004', 'time')).toHaveText('—')
    const idle = cell(page, '1001', 'time')
    const ticking = async (): Promise<number> => seconds(/[\d:]+$/.exec((await idle.innerText()).trim())?.[0] ?? '')
    const before = await ticking()
    expect(before).toBeGreaterThan(12 * 60)
    await expect.poll(ticking, { timeout: 3000 }).toBeGreaterThan(before)

    // On hold for 80 s: the hold time beside the status, the talk time in Time.
    const now = fake.serverNow()
    await fake.change([
      agent('1005', 'Chloe Dubois', 'talking', {
        statusSince: now - 300_000,
        calls: [{ ...call('1005', { id: 'call-chloe', startedAt: now - 302_000, answeredAt: now - 300_000, customer: '+442070001111', onHold: true }), heldSince: now - 80_000 }]
      })
    ])
    await expect(cell(page, '1005', 'status')).toContainText(/On hold 01:[23]\d/)
    await expect(cell(page, '1005', 'time')).toHaveText(/^05:[0-2]\d$/)

    // Sorted by Time, longest first: offline 2 h, paused 47 min, idle 12 min, the call 5 min, unknown last.
    await grid(page).getByRole('columnheader', { name: 'Time' }).click()
    await expect.poll(() => namesInOrder(page)).toEqual(['Aisha Rahman', 'James Whitfield', 'Maria Lopez', 'Chloe Dubois', 'Tomasz Nowak'])
  })

  test('a sequence gap takes a fresh snapshot; deltas during it are not lost', async ({ page }) => {
    const fake = await openFloor(page, () => [agent('1001', 'Maria Lopez'), agent('1002', 'James Whitfield'), agent('1003', 'Aisha Rahman')])
    expect(await fake.count('floor:snapshot')).toBe(1)
    const now = fake.serverNow()

    // seq 101 is lost on the way; 102 arrives: the renderer sees the gap and re-snapshots.
    await fake.loseChange([talking('1001', 'Maria Lopez', now, 30)])
    await expect(cell(page, '1001', 'status')).toHaveText('Idle')
    await fake.change([ringing('1002', 'James Whitfield', now, 1)])
    await expect.poll(() => fake.count('floor:snapshot')).toBe(2)
    await expect(cell(page, '1001', 'status')).toHaveText('Talking')
    await expect(cell(page, '1002', 'status')).toHaveText('Ringing')

    // Another gap, and deltas keep coming while that snapshot is on its way.
    await fake.holdSnapshots(true)
    await fake.loseChange([agent('1001', 'Maria Lopez', 'idle')])
    await fake.change([agent('1002', 'James Whitfield', 'paused', { pauseReason: 'Training' })])
    await expect.poll(() => fake.count('floor:snapshot')).toBe(3)
    await fake.change([ringing('1003', 'Aisha Rahman', now, 1)])
    // Nothing after the gap is applied before the snapshot.
    await expect(cell(page, '1002', 'status')).toHaveText('Ringing')
    await expect(cell(page, '1003', 'status')).toHaveText('Idle')
    await fake.holdSnapshots(false)
    await expect(cell(page, '1001', 'status')).toHaveText('Idle')
    await expect(cell(page, '1002', 'status')).toHaveText('PausedTraining')
    await expect(cell(page, '1003', 'status')).toHaveText('Ringing')

    // In sequence again: the next delta applies without another snapshot.
    await fake.change([talking('1003', 'Aisha Rahman', fake.serverNow(), 3)])
    await expect(cell(page, '1003', 'status')).toHaveText('Talking')
    expect(await fake.count('floor:snapshot')).toBe(3)
  })

  test('connecting, reconnecting with a countdown, stale rows, and live again', async ({ page }) => {
    const fake = await openFloor(page, smallFloor)
    const banner = page.getByTestId('connection-banner')
    const topbarStatus = page.getByRole('banner').getByRole('status')
    await expect(topbarStatus).toHaveText('Live · PBX')
    await expect(banner).toHaveCount(0)

    await fake.setStatus({ source: 'pbx', state: 'connecting', message: null, retryAt: null, stale: false })
    await expect(banner).toContainText('Connecting to the PBX…')
    await expect(topbarStatus).toHaveText('Connecting · PBX')

    await fake.setStatus({
      source: 'pbx',
      state: 'reconnecting',
      message: 'Connection refused by pbx.example.com:5038',
      retryAt: fake.serverNow() + 6000,
      stale: true
    })
    await expect(banner).toContainText('Reconnecting to the PBX')
    await expect(banner).toContainText('Connection refused by pbx.example.com:5038')
    const countdown = banner.locator('.countdown')
    await expect(countdown).toHaveText(/^Next attempt in [4-6] s$/)
    const first = Number(/\d+/.exec(await countdown.innerText())?.[0])
    await expect(countdown).toHaveText(`Next attempt in ${String(first - 1)} s`, { timeout: 2500 })
    await expect(topbarStatus).toHaveText('Reconnecting · PBX')

    // The floor is marked once (banner, dimmed table), not each row (issue 13.16).
    await expect(grid(page)).toHaveClass(/is-stale/)
    await expect(renderedRows(page).first()).toBeVisible()
    await expect(grid(page).locator('tbody').getByText('Stale', { exact: true })).toHaveCount(0)
    await expect(cell(page, '1001', 'agent')).toHaveCSS('opacity', '0.62')
    await expect(cell(page, '1001', 'status')).toHaveCSS('opacity', '0.62')

    await fake.setStatus({ source: 'pbx', state: 'live', message: null, retryAt: null, stale: false })
    await expect(banner).toHaveCount(0)
    await expect(grid(page)).not.toHaveClass(/is-stale/)
    await expect(grid(page).locator('tbody').getByText('Stale', { exact: true })).toHaveCount(0)
    await expect(topbarStatus).toHaveText('Live · PBX')
  })

  test('search by name, extension and customer number; filter by status; sort by any column', async ({ page }) => {
    await openFloor(page, smallFloor)
    const search = page.getByRole('searchbox', { name: 'Search agents' })

    await search.fill('maria')
    await expect.poll(() => namesInOrder(page)).toEqual(['Maria Lopez'])
    await search.fill('1004')
    await expect.poll(() => namesInOrder(page)).toEqual(['Tomasz Nowak'])
    await search.fill('44 55 66')
    await expect.poll(() => namesInOrder(page)).toEqual(['Aisha Rahman'])
    await search.fill('northwind')
    await expect.poll(() => namesInOrder(page)).toEqual(['Daniel Okafor'])
    await search.fill('nobody here')
    await expect(grid(page)).toContainText('No agents match')
    await expect(page.getByText('0 of 6 agents')).toBeVisible()
    await search.fill('')

    const chips = page.getByRole('group', { name: 'Filter by status' })
    await expect(chips.getByRole('button')).toHaveText(['All 6', 'Idle 1', 'Ringing 1', 'Talking 2', 'Paused 1', 'Offline 1'])
    await chips.getByRole('button', { name: /^Talking/ }).click()
    await expect(chips.getByRole('button', { name: /^Talking/ })).toHaveAttribute('aria-pressed', 'true')
    await expect.poll(() => namesInOrder(page)).toEqual(['Daniel Okafor', 'Maria Lopez'])
    await chips.getByRole('button', { name: /^Idle/ }).click()
    await expect.poll(() => namesInOrder(page)).toEqual(['Daniel Okafor', 'James Whitfield', 'Maria Lopez'])
    await chips.getByRole('button', { name: /^All/ }).click()
    await expect(chips.getByRole('button', { name: /^All/ })).toHaveAttribute('aria-pressed', 'true')
    await expect(renderedRows(page)).toHaveCount(6)

    const header = (name: string): Locator => grid(page).getByRole('columnheader', { name, exact: true })
    await expect(header('Agent')).toHaveAttribute('aria-sort', 'ascending')
    await expect(header('Time')).toHaveAttribute('aria-sort', 'none')
    expect(await namesInOrder(page)).toEqual(['Aisha Rahman', 'Chloe Dubois', 'Daniel Okafor', 'James Whitfield', 'Maria Lopez', 'Tomasz Nowak'])

    await header('Agent').click()
    await expect(header('Agent')).toHaveAttribute('aria-sort', 'descending')
    expect(await namesInOrder(page)).toEqual(['Tomasz Nowak', 'Maria Lopez', 'James Whitfield', 'Daniel Okafor', 'Chloe Dubois', 'Aisha Rahman'])

    // Time: longest first on the first click; agents without a call last.
    await header('Time').click()
    await expect(header('Time')).toHaveAttribute('aria-sort', 'descending')
    await expect(header('Agent')).toHaveAttribute('aria-sort', 'none')
    expect((await namesInOrder(page)).slice(0, 3)).toEqual(['Daniel Okafor', 'Maria Lopez', 'Aisha Rahman'])

    await header('Status').click()
    await expect(header('Status')).toHaveAttribute('aria-sort', 'ascending')
    expect(await namesInOrder(page)).toEqual(['Aisha Rahman', 'Daniel Okafor', 'Maria Lopez', 'Tomasz Nowak', 'James Whitfield', 'Chloe Dubois'])

    await header('Customer').click()
    // By name when the PBX knows it, else by number: "+33…" < "+44…" < "Northwind Traders".
    expect((await namesInOrder(page)).slice(0, 3)).toEqual(['Aisha Rahman', 'Maria Lopez', 'Daniel Okafor'])
    await header('Direction').click()
    expect((await namesInOrder(page)).slice(0, 3)).toEqual(['Aisha Rahman', 'Maria Lopez', 'Daniel Okafor'])
    await header('Controls').click()
    await expect(header('Controls')).toHaveAttribute('aria-sort', 'ascending')
    expect((await namesInOrder(page)).slice(0, 2)).toEqual(['Daniel Okafor', 'Maria Lopez'])
  })

  test('a key pressed the moment the rows are drawn acts on the rows drawn', async ({ page }) => {
    // The search filters in a deferred render. A key that came between drawing its rows and
    // React's later effects moved the selection in the rows before (CI: Esc, then ↓ selected
    // Chloe, the first agent matching "l", not Aisha). Here ↓ comes in the very task that drew them.
    await openFloor(page, smallFloor)
    await page.keyboard.press('/')
    await page.keyboard.type('l')
    await expect(renderedRows(page)).toHaveCount(4)
    await grid(page).evaluate((table) => {
      // Typed by hand: the tests are compiled without the DOM's types.
      const page = globalThis as unknown as {
        document: { dispatchEvent(event: unknown): boolean }
        KeyboardEvent: new (type: string, init: object) => unknown
        MutationObserver: new (cb: () => void) => { observe(node: unknown, options: object): void; disconnect(): void }
      }
      const observer = new page.MutationObserver(() => {
        if ((table as unknown as { querySelectorAll(selector: string): { length: number } }).querySelectorAll('tbody tr.floor-row').length !== 6) return
        observer.disconnect()
        page.document.dispatchEvent(new page.KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }))
      })
      observer.observe(table, { childList: true, subtree: true })
    })
    await page.keyboard.press('Escape')
    await expect(renderedRows(page)).toHaveCount(6)
    // Sorted by name, Aisha first; and the only row selected.
    await expect(row(page, '1003')).toHaveAttribute('aria-selected', 'true')
    await expect(grid(page).locator('tbody tr[aria-selected="true"]')).toHaveCount(1)
  })

  test('keyboard: / searches, arrows select, L W B take the supervision path, Enter opens the customer', async ({ page }) => {
    await openFloor(page, smallFloor)
    const search = page.getByRole('searchbox', { name: 'Search agents' })
    const toasts = page.locator('.toast')

    await page.keyboard.press('/')
    await expect(search).toBeFocused()
    await page.keyboard.type('l')
    await expect(search).toHaveValue('l')
    await expect(toasts).toHaveCount(0)
    // Esc clears the box and leaves it (13.9): the next key acts on the floor, not the box.
    await page.keyboard.press('Escape')
    await expect(search).toHaveValue('')
    await expect(search).not.toBeFocused()
    await expect(renderedRows(page)).toHaveCount(6)

    // Sorted by name: Aisha, Chloe, Daniel, James, Maria, Tomasz.
    await page.keyboard.press('ArrowDown')
    await expect(row(page, '1003')).toHaveAttribute('aria-selected', 'true')
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('ArrowDown')
    await expect(row(page, '1006')).toHaveAttribute('aria-selected', 'true')
    await expect(grid(page).locator('tbody tr[aria-selected="true"]')).toHaveCount(1)

    for (const key of ['l', 'W', 'b']) {
      await page.keyboard.press(key)
      await expect(toasts).toHaveText([SOFTPHONE])
    }

    // The disabled buttons explain themselves and, clicked, take the same path.
    const listen = cell(page, '1006', 'controls').getByRole('button', { name: 'Listen' })
    await expect(listen).toBeDisabled()
    // The mode's name first (the tooltip is its label where the buttons are icons), then why.
    await expect(listen).toHaveAttribute('title', `Listen\n${SOFTPHONE}`)
    await dismissToasts(page)
    // aria-disabled (not `disabled`): a user can still click it; Playwright needs `force` to.
    await listen.click({ force: true })
    await expect(toasts).toHaveText([SOFTPHONE])

    await page.keyboard.press('ArrowUp')
    await expect(row(page, '1005')).toHaveAttribute('aria-selected', 'true')
    await page.keyboard.press('l')
    await expect(toasts.filter({ hasText: 'Listen needs a call in progress: Chloe Dubois is not talking' })).toHaveCount(1)

    // Arrows work from the search box too, on the filtered rows, and take the focus to the table
    // so L / W / B / Enter act on the row instead of typing into the box (13.9).
    await page.keyboard.press('/')
    await page.keyboard.type('northwind')
    await page.keyboard.press('ArrowDown')
    await expect(row(page, '1006')).toHaveAttribute('aria-selected', 'true')
    await expect(search).not.toBeFocused()
    await expect(grid(page)).toBeFocused()
    await dismissToasts(page)
    await page.keyboard.press('l')
    await expect(search).toHaveValue('northwind')
    await expect(row(page, '1006')).toBeVisible()
    await expect(toasts).toHaveText([SOFTPHONE])

    await page.keyboard.press('Enter')
    const panel = page.getByRole('dialog', { name: 'Northwind Traders' })
    await expect(panel).toBeVisible()
    await expect(panel).toContainText('+442079460000')
    await expect(panel).toContainText('Daniel Okafor')
    await page.keyboard.press('Escape')
    await expect(panel).toHaveCount(0)
  })

  test('the customer button opens a details panel for that number', async ({ page }) => {
    await openFloor(page, smallFloor)
    await cell(page, '1001', 'customer').getByRole('button', { name: 'Customer details: +442070001111' }).click()
    const panel = page.getByRole('dialog', { name: '+442070001111' })
    await expect(panel).toBeVisible()
    await expect(panel).toContainText('Maria Lopez')
    await expect(panel).toContainText('Talk time')
    await expect(panel).toContainText('Customer record')
    await panel.getByRole('button', { name: 'Close customer details' }).click()
    await expect(panel).toHaveCount(0)
  })

  test('Listen / Whisper / Barge only on talking rows; hold, supervisors, +1 call, ~ and pause reason shown', async ({ page }) => {
    await openFloor(page, (now) => [
      ...smallFloor(now),
      agent('1007', 'Priya Sharma', 'talking', {
        calls: [
          call('1007', {
            startedAt: now - 100_000,
            answeredAt: now - 95_000,
            answeredAtApprox: true,
            onHold: true,
            supervisors: [{ extension: '2002', mode: 'listen' }]
          }),
          call('1007', { startedAt: now - 5000, customer: '+442070009999' })
        ]
      })
    ])
    for (const extension of ['1001', '1006', '1007']) {
      const buttons = cell(page, extension, 'controls').getByRole('button')
      await expect(buttons).toHaveText(['Listen', 'Whisper', 'Barge'])
      for (const name of ['Listen', 'Whisper', 'Barge']) {
        const button = buttons.filter({ hasText: name })
        await expect(button).toBeDisabled()
        await expect(button).toHaveAttribute('title', `${name}\n${SOFTPHONE}`)
      }
    }
    for (const extension of ['1002', '1003', '1004', '1005']) {
      await expect(cell(page, extension, 'controls').getByRole('button')).toHaveCount(0)
    }
    await expect(cell(page, '1007', 'status')).toContainText('On hold')
    await expect(cell(page, '1007', 'status')).toContainText('2002 listening')
    await expect(cell(page, '1007', 'customer')).toContainText('+1 call')
    // Answered ~90 s before the page loaded; a loaded machine may take a few seconds to get here.
    await expect(cell(page, '1007', 'time')).toHaveText(/^~01:[3-5]\d$/)
    // Issue 13.5: the estimate's reason holds for a drop too, not only for joining mid-call.
    await expect(cell(page, '1007', 'time').locator('span.time').first()).toHaveAttribute('title', /did not hear the answer.*connection to the PBX was down/)
    await expect(cell(page, '1004', 'status')).toHaveText('PausedLunch')
    await expect(cell(page, '1005', 'status')).toHaveText('Offline')
    await expect(cell(page, '1006', 'direction')).toHaveText('Outgoing')
    await expect(cell(page, '1006', 'customer')).toContainText('Northwind Traders')

    // Counters: agents by status, calls in progress, the longest call (ticking).
    const summary = page.getByRole('region', { name: 'Floor summary' })
    await expect(summary.getByRole('list', { name: 'Agents by status' })).toHaveText(/Idle 1.*Ringing 1.*Talking 3.*Paused 1.*Offline 1/)
    await expect(summary).toContainText('Calls in progress5')
    const longest = page.getByTestId('longest-call')
    await expect(longest).toHaveText(/^20:[0-5]\d$/) // ~20 min; a loaded machine may take seconds to get here
    const before = seconds(await longest.innerText())
    await expect.poll(async () => seconds(await longest.innerText()), { timeout: 3000 }).toBeGreaterThan(before)
  })

  test('1,000 agents: only a few rows in the DOM, and scrolling and keys reach every row', async ({ page }) => {
    const fake = await openFloor(page, (now) => hugeFloor(now, 1000))
    await expect(grid(page)).toHaveAttribute('aria-rowcount', '1001')
    await expect(page.getByRole('region', { name: 'Agents on the floor' }).getByText('1000 agents', { exact: true })).toBeVisible()
    const inDom = await renderedRows(page).count()
    expect(inDom).toBeGreaterThan(5)
    expect(inDom).toBeLessThan(60)

    // Scroll with the wheel to the end.
    await grid(page).locator('tbody').hover()
    for (let i = 0; i < 6; i++) await page.mouse.wheel(0, 10_000)
    await expect(grid(page).getByText('Agent 0999', { exact: true })).toBeVisible()
    await expect(grid(page).getByText('Agent 0000', { exact: true })).toHaveCount(0)
    expect(await renderedRows(page).count()).toBeLessThan(60)

    // Home / End / arrows move the selection and scroll it into view.
    await page.keyboard.press('Home')
    await expect(row(page, '10000')).toHaveAttribute('aria-selected', 'true')
    await expect(row(page, '10000')).toBeInViewport()
    for (let i = 0; i < 30; i++) await page.keyboard.press('ArrowDown')
    await expect(row(page, '10030')).toHaveAttribute('aria-selected', 'true')
    await expect(row(page, '10030')).toBeInViewport()
    await page.keyboard.press('End')
    await expect(row(page, '10999')).toBeInViewport()

    // A delta for a visible row shows up; rows far away are not rendered at all.
    await fake.change([ringing('10999', 'Agent 0999', fake.serverNow(), 1)])
    await expect(cell(page, '10999', 'status')).toHaveText('Ringing')
    expect(await renderedRows(page).count()).toBeLessThan(60)
  })
})

test.describe('first run', () => {
  test('welcome: the PBX choice explains, the demo choice invokes demo:start and the floor appears', async ({ page }) => {
    const errors = collectPageErrors(page)
    const fake = await installFakeApi(page, {
      connection: NO_SOURCE,
      rows: [],
      demoRows: smallFloor(Date.now())
    })
    await page.goto(appUrl())
    await expect(page.getByRole('heading', { level: 2, name: 'Welcome to Earshot' })).toBeVisible()
    await expect(page.getByRole('banner').getByRole('status')).toHaveText('Not connected')
    await expect(grid(page)).toHaveCount(0)

    await page.getByRole('button', { name: 'Connect to your PBX' }).click()
    const info = page.getByRole('region', { name: 'Connecting to your PBX' })
    await expect(info).toContainText('Asterisk Manager Interface')
    await expect(info).toContainText('Test connection')
    expect(await fake.count('demo:start')).toBe(0)

    await page.getByRole('button', { name: 'Try the demo floor' }).click()
    await expect.poll(() => fake.count('demo:start')).toBe(1)
    await expect(grid(page)).toBeVisible()
    await expect(renderedRows(page)).toHaveCount(6)
    await expect(page.getByRole('banner').getByRole('status')).toHaveText('Live · Demo floor')
    await expect(page.getByText('Demo floor · simulated calls')).toBeVisible()
    await expect(page.getByRole('heading', { level: 1, name: 'Live floor' })).toBeVisible()
    expect(errors).toEqual([])
  })
})
