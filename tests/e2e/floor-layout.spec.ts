/**
 * The floor and the records pages at the window sizes supervisors use (issue 13.14): the customer
 * panel never covers the row it belongs to; at 1024 px nothing scrolls sideways, and Listen,
 * Whisper and Barge are icons (their names in the tooltip and for screen readers) so the agents'
 * names keep their room.
 */
import { type Locator, type Page, expect, test } from '@playwright/test'
import { installFakeApi } from './fixtures/fake-api'
import { ADMIN, AGENT, WATCHER } from './fixtures/fake-console'
import { busyFloor } from './fixtures/floor-data'
import { CSV_PREVIEW, CSV_TEXT, auditEntries, calls, customers } from './fixtures/records-data'
import { appUrl, collectPageErrors } from './harness'

type Box = { x: number; y: number; width: number; height: number }

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height
}

async function box(locator: Locator): Promise<Box> {
  const found = await locator.boundingBox()
  if (found === null) throw new Error('not on screen')
  return found
}

/** How far the page scrolls sideways (0 when it fits). */
function sideways(page: Page): Promise<number> {
  return page.evaluate(() => {
    const root = (globalThis as unknown as { document: { scrollingElement: { scrollWidth: number; clientWidth: number } } }).document.scrollingElement
    return root.scrollWidth - root.clientWidth
  })
}

/** Whether an element's text is cut (an ellipsis): its content is wider than its box. */
function cut(locator: Locator): Promise<boolean> {
  return locator.evaluate((el) => {
    const e = el as unknown as { scrollWidth: number; clientWidth: number }
    return e.scrollWidth > e.clientWidth
  })
}

async function open(page: Page, who = ADMIN): Promise<void> {
  const now = Date.now()
  await installFakeApi(page, {
    rows: busyFloor(now),
    records: { customers: customers(now), calls: calls(now), audit: auditEntries(now), preview: CSV_PREVIEW },
    console: { operators: [ADMIN, WATCHER, AGENT], signedIn: who.id }
  })
  await page.goto(appUrl())
}

function row(page: Page, extension: string): Locator {
  return page.locator(`tr.floor-row[data-extension="${extension}"]`)
}

let errors: string[] = []
test.beforeEach(({ page }) => {
  errors = collectPageErrors(page)
})
test.afterEach(() => {
  expect(errors).toEqual([])
})

test('at 1440 px the customer panel sits beside the floor: the row’s Direction, Time and controls stay in view', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 860 })
  await open(page)
  await expect(page.getByRole('grid', { name: 'Agents' })).toBeVisible({ timeout: 15_000 })
  // Daniel Herrera (1006): talking, outgoing, the longest call; Clara Schmidt (1033): a named customer, on hold.
  for (const extension of ['1006', '1033']) {
    await row(page, extension).getByRole('button', { name: /^Customer details/ }).click()
    const panel = page.getByRole('dialog')
    await expect(panel).toBeVisible()
    const panelBox = await box(panel)
    for (const column of ['direction', 'time', 'controls']) {
      const cell = row(page, extension).locator(`td.col-${column}`)
      await expect(cell).toBeVisible()
      const cellBox = await box(cell)
      expect(overlaps(panelBox, cellBox), `the panel covers ${column} of ${extension}`).toBe(false)
      expect(cellBox.x + cellBox.width).toBeLessThanOrEqual(1440)
    }
    await expect(row(page, extension).getByRole('button', { name: 'Listen' })).toBeVisible()
    await panel.getByRole('button', { name: 'Close customer details' }).click()
    await expect(panel).toHaveCount(0)
  }
  expect(await sideways(page)).toBe(0)
})

for (const width of [1024, 960] as const) {
  test(`at ${String(width)} px nothing scrolls sideways, the controls are icons with their names in tooltips, names keep their room`, async ({ page }) => {
    // A walk through every page: more than the default 30 s on a busy machine.
    test.setTimeout(120_000)
    await page.setViewportSize({ width, height: 768 })
    await open(page)
    await expect(page.getByRole('grid', { name: 'Agents' })).toBeVisible({ timeout: 15_000 })
    expect(await sideways(page)).toBe(0)

    const controls = row(page, '1006').getByRole('group', { name: /^Supervise/ })
    for (const name of ['Listen', 'Whisper', 'Barge'] as const) {
      const button = controls.getByRole('button', { name, exact: true })
      await expect(button).toBeVisible()
      // An icon: no wider than a square, the label not shown, its name in the tooltip.
      expect((await box(button)).width).toBeLessThanOrEqual(34)
      await expect(button.locator('.control-label')).toHaveText(name)
      expect((await box(button.locator('.control-label'))).width).toBeLessThanOrEqual(1)
      // Unavailable here (no softphone is set up): the name first, the reason below it.
      await expect(button).toHaveAttribute('title', new RegExp(`^${name}\\nYour softphone is not registered`))
    }

    // The agents' names are not cut short while the buttons are this small.
    for (const name of ['Amara Haddad', 'Aisha Hughes', 'Daniel Herrera', 'Clara Schmidt']) {
      const cell = page.locator('.agent-name', { hasText: name })
      await expect(cell).toBeVisible()
      expect(await cut(cell), `${name} is cut`).toBe(false)
    }

    // The customer panel over the floor still leaves the page where it was.
    await row(page, '1006').getByRole('button', { name: /^Customer details/ }).click()
    await expect(page.getByRole('dialog')).toBeVisible()
    expect(await sideways(page)).toBe(0)
    await page.getByRole('dialog').getByRole('button', { name: 'Close customer details' }).click()

    // The records pages fit too.
    const nav = page.getByRole('navigation', { name: 'Pages' })
    await nav.getByRole('button', { name: 'Call log' }).click()
    const callRows = page.getByRole('table', { name: 'Calls' }).locator('tbody tr')
    await expect(callRows).toHaveCount(8)
    expect(await sideways(page)).toBe(0)
    await callRows.first().click()
    await expect(page.getByRole('list', { name: /^Timeline of the call/ })).toBeVisible()
    expect(await sideways(page)).toBe(0)

    await nav.getByRole('button', { name: 'Customers' }).click()
    await expect(page.getByRole('table', { name: 'Customers' }).locator('tbody tr')).toHaveCount(4)
    expect(await sideways(page)).toBe(0)
    await page.getByRole('table', { name: 'Customers' }).getByRole('button', { name: 'Jane Cooper' }).click()
    await expect(page.getByRole('dialog', { name: 'Jane Cooper' })).toBeVisible()
    expect(await sideways(page)).toBe(0)
    await page.getByRole('dialog', { name: 'Jane Cooper' }).getByRole('button', { name: 'Close customer details' }).click()
    await page.getByRole('button', { name: 'Import…' }).click()
    await page.getByLabel('Customer file to import').setInputFiles({ name: 'crm-export.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV_TEXT) })
    await expect(page.getByRole('heading', { name: 'Which column is what?' })).toBeVisible()
    expect(await sideways(page)).toBe(0)

    await nav.getByRole('button', { name: 'Supervision audit' }).click()
    await expect(page.getByRole('table', { name: 'Supervision sessions' }).locator('tbody tr')).toHaveCount(3)
    expect(await sideways(page)).toBe(0)
    await nav.getByRole('button', { name: 'Settings' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible()
    expect(await sideways(page)).toBe(0)
  })
}

test('at 1024 px an agent’s call and the customer panel sit side by side', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 768 })
  await open(page, AGENT)
  const line = page.getByTestId('my-line')
  await expect(line).toBeVisible({ timeout: 15_000 })
  await line.getByRole('button', { name: /^Customer details/ }).click()
  const panel = page.getByRole('dialog')
  await expect(panel).toBeVisible()
  const call = line.getByRole('listitem').first()
  expect(overlaps(await box(panel), await box(call))).toBe(false)
  await expect(call.locator('.time')).toBeVisible()
  expect(await sideways(page)).toBe(0)
})

for (const width of [1024, 960] as const) {
  test(`at ${String(width)} px a call on hold keeps its whole hold time inside the Status column`, async ({ page }) => {
    await page.setViewportSize({ width, height: 768 })
    await open(page)
    await expect(page.getByRole('grid', { name: 'Agents' })).toBeVisible({ timeout: 15_000 })
    // Clara Schmidt (1033): talking, on hold, the hold seen begin.
    const status = row(page, '1033').locator('.status-cell')
    const hold = status.locator('.tag-hold')
    await expect(hold).toContainText(/On hold \d\d:\d\d/)
    // Nothing in the cell is cut off at its edge: the tag's border and its time stay in the column.
    expect(await cut(status), 'the status cell overflows').toBe(false)
    const cellBox = await box(status)
    for (const part of [hold, hold.locator('.time')]) {
      const partBox = await box(part)
      expect(partBox.x + partBox.width, 'the hold tag runs past the Status column').toBeLessThanOrEqual(cellBox.x + cellBox.width)
    }
    expect(await cut(hold.locator('.time')), 'the hold time is cut').toBe(false)
  })
}

for (const width of [1024, 960] as const) {
  test(`at ${String(width)} px the floor summary's figures are read in full, not cut to an ellipsis`, async ({ page }) => {
    await page.setViewportSize({ width, height: 768 })
    await open(page)
    await expect(page.getByRole('grid', { name: 'Agents' })).toBeVisible({ timeout: 15_000 })
    const summary = page.getByRole('region', { name: 'Floor summary' })
    // "22 talking · 9 ringing · 4 on hold" read "… · 4 o…" at 1024 px.
    await expect(summary).toContainText(/\d+ talking · \d+ ringing · \d+ on hold/)
    await expect(summary).toContainText('calls with a supervisor on them')
    const hints = summary.locator('.tile-hint')
    await expect(hints).toHaveCount(3)
    for (const hint of await hints.all()) {
      expect(await cut(hint), `"${await hint.innerText()}" is cut`).toBe(false)
      expect(await hint.evaluate((el) => (el as unknown as { scrollHeight: number; clientHeight: number }).scrollHeight <= (el as unknown as { clientHeight: number }).clientHeight)).toBe(true)
    }
  })
}

/** WCAG contrast ratio of an element's text colour against the background its box sits on. */
function contrast(locator: Locator): Promise<number> {
  return locator.evaluate((el) => {
    type Rgba = [number, number, number, number]
    const view = globalThis as unknown as { getComputedStyle(e: unknown): { color: string; backgroundColor: string } }
    const rgba = (css: string): Rgba => {
      const [r = 0, g = 0, b = 0, a = 1] = (css.match(/[\d.]+/g) ?? []).map(Number)
      return [r, g, b, a]
    }
    // The backgrounds from the element out to the first opaque one, translucent tints laid over it.
    const layers: Rgba[] = []
    let node = el as unknown as { parentElement: unknown } | null
    while (node !== null && layers.at(-1)?.[3] !== 1) {
      const found = rgba(view.getComputedStyle(node).backgroundColor)
      if (found[3] > 0) layers.push(found)
      node = node.parentElement as typeof node
    }
    const background = layers.reduceRight<Rgba>(
      (under, [r, g, b, a]) => [r * a + under[0] * (1 - a), g * a + under[1] * (1 - a), b * a + under[2] * (1 - a), 1],
      [255, 255, 255, 1]
    )
    const luminance = ([r, g, b]: Rgba): number => {
      const channel = (v: number): number => (v / 255 <= 0.03928 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4)
      return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    }
    const [a, b] = [luminance(rgba(view.getComputedStyle(el).color)), luminance(background)]
    return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05)
  })
}

test('the status bar and the floor’s keyboard hints are readable: at least WCAG AA contrast (4.5:1), light and dark', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 860 })
  await open(page)
  await expect(page.getByRole('grid', { name: 'Agents' })).toBeVisible({ timeout: 15_000 })
  const statusbar = page.locator('footer.statusbar')
  await expect(statusbar).toContainText('Asterisk AMI: Live')
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme })
    for (const [what, text] of [
      ['the AMI connection', statusbar.getByText(/^Asterisk AMI:/)],
      ['the agent count', statusbar.getByText(/^\d+ agents$/)],
      ['where the page runs', statusbar.getByText('Desktop app')],
      ['the keyboard hints', page.locator('.table-footer .shortcuts')]
    ] as const) {
      expect(await contrast(text), `${what} in ${scheme}`).toBeGreaterThanOrEqual(4.5)
    }
  }
})

test('every status badge on the floor reads at WCAG AA contrast (4.5:1), light and dark', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 860 })
  await open(page)
  await expect(page.getByRole('grid', { name: 'Agents' })).toBeVisible({ timeout: 15_000 })
  // Each status's chip pressed in turn, so a row of it is drawn.
  const grid = page.getByRole('grid', { name: 'Agents' })
  for (const status of ['Idle', 'Ringing', 'Talking', 'Paused', 'Offline'] as const) {
    await page.getByRole('group', { name: 'Filter by status' }).getByRole('button', { name: new RegExp(`^${status}\\b`) }).click()
    const badge = grid.locator(`.status-badge.status-${status.toLowerCase()}`).first()
    await expect(badge).toHaveText(status)
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme })
      expect(await contrast(badge), `${status} in ${scheme}`).toBeGreaterThanOrEqual(4.5)
    }
  }
})

for (const width of [1024, 960] as const) {
  test(`at ${String(width)} px a named customer keeps their name; the number beside it gives way first`, async ({ page }) => {
    await page.setViewportSize({ width, height: 768 })
    await open(page)
    await expect(page.getByRole('grid', { name: 'Agents' })).toBeVisible({ timeout: 15_000 })
    // Clara Schmidt (1033) talks to Margie’s Travel (0834 116 18): it read "Margie’s Tr…  0834 116…".
    const customer = row(page, '1033').locator('td.col-customer')
    await expect(customer.locator('.customer-primary')).toHaveText('Margie’s Travel')
    // The text's own width against its box: an ellipsis is drawn for a fraction of a pixel short,
    // which scrollWidth (whole pixels) does not show.
    const short = await customer.locator('.customer-primary').evaluate((el) => {
      const doc = (globalThis as unknown as { document: { createRange(): { selectNodeContents(n: unknown): void; getBoundingClientRect(): { width: number } } } }).document
      const range = doc.createRange()
      range.selectNodeContents(el)
      return range.getBoundingClientRect().width - (el as unknown as { getBoundingClientRect(): { width: number } }).getBoundingClientRect().width
    })
    expect(short, 'the customer’s name is cut').toBeLessThanOrEqual(0)
    await expect(customer.locator('.customer-number')).toBeVisible()
  })
}
