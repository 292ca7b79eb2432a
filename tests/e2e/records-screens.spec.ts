/**
 * Screenshots for review (test-results/records-*.png), 1280×800, light and dark (each step shot in both): the customer card
 * over the floor, the call log with a timeline open, the CSV import's mapping step and the
 * supervision audit.
 */
import { type Locator, type Page, type TestInfo, expect, test } from '@playwright/test'
import type { AgentRow } from '../../src/shared/floor'
import { installFakeApi } from './fixtures/fake-api'
import { ADMIN, AGENT, WATCHER } from './fixtures/fake-console'
import { agent, ringing, talking } from './fixtures/floor-data'
import { CSV_PREVIEW, CSV_TEXT, auditEntries, calls, customers } from './fixtures/records-data'
import { appUrl, collectPageErrors, shootEachLook } from './harness'

function floor(now: number): AgentRow[] {
  const maria = talking('1001', 'Maria Lopez', now, 190, { customer: '+442070001111', id: 'live-maria' })
  const mariaCall = maria.calls[0]
  if (mariaCall !== undefined) mariaCall.customerRecord = { id: 'cust-1', name: 'Jane Cooper', company: 'Acme Ltd' }
  const daniel = talking('1006', 'Daniel Okafor', now, 1260, { customer: '+442079460000', direction: 'outbound', id: 'live-daniel' })
  const danielCall = daniel.calls[0]
  if (danielCall !== undefined) danielCall.customerRecord = { id: 'cust-2', name: 'Northwind Traders', company: 'Northwind Traders' }
  return [
    maria,
    agent('1002', 'James Whitfield', 'idle'),
    ringing('1003', 'Aisha Rahman', now, 6, { customer: '+33144556677', id: 'live-aisha' }),
    agent('1004', 'Tomasz Nowak', 'paused', { pauseReason: 'Lunch' }),
    agent('1005', 'Chloe Dubois', 'offline'),
    daniel
  ]
}

async function open(page: Page, signedIn = ADMIN.id): Promise<void> {
  const now = Date.now()
  await installFakeApi(page, {
    rows: floor(now),
    records: {
      customers: customers(now),
      calls: calls(now),
      audit: auditEntries(now),
      crmTemplate: 'https://crm.example.com/lookup?phone={e164}',
      preview: CSV_PREVIEW,
      importResult: {
        imported: 4,
        duplicates: 0,
        errors: [{ line: 5, column: 'E-mail', message: 'This is not an email address.' }],
        warnings: [
          {
            line: 2,
            column: 'Office',
            number: '020 7946 0123',
            message: '020 7946 0123 is written without a country code, and no default country is set to read it by. Set one in Settings → Records and it is read again then; until then it is kept as typed and matches no call.'
          },
          { line: 7, column: 'Mobile', number: '12', message: "12 looks like an extension or a short code, not a customer's number. It is kept as typed and matches no call." }
        ]
      }
    },
    console: { operators: [ADMIN, WATCHER, AGENT], signedIn }
  })
  await page.goto(appUrl())
  if (signedIn === ADMIN.id) await expect(page.getByRole('grid', { name: 'Agents' })).toBeVisible()
}

/** `records-<name>-<scheme>.png` at 1280×800, light and dark. */
function shots(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  return shootEachLook(page, testInfo, { widths: [1280], height: 800 }, (_width, scheme) => `records-${name}-${scheme}`)
}

/** `records-<name>-<width>-<scheme>.png` at 1440 and 1024 px, light and dark. */
function shotsAtWidths(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  return shootEachLook(page, testInfo, { widths: [1440, 1024], height: 860 }, (width, scheme) => `records-${name}-${String(width)}-${scheme}`)
}

/** The call log with its first call's timeline open; its rows. */
async function openCallLogTimeline(page: Page): Promise<Locator> {
  await goTo(page, 'Call log')
  const rows = page.getByRole('table', { name: 'Calls' }).locator('tbody tr')
  await expect(rows).toHaveCount(8)
  await rows.first().click()
  await expect(page.getByRole('list', { name: /^Timeline of the call/ })).toBeVisible()
  return rows
}

/** From the customers page: Import…, the CSV chosen, at its mapping step. */
async function startImport(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Import…' }).click()
  await page.getByLabel('Customer file to import').setInputFiles({ name: 'crm-export.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV_TEXT) })
  await expect(page.getByRole('heading', { name: 'Which column is what?' })).toBeVisible()
}

async function goTo(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name }).click()
}

test.describe('light and dark', () => {
  let errors: string[] = []
  test.beforeEach(async ({ page }) => {
    errors = collectPageErrors(page)
    await page.setViewportSize({ width: 1280, height: 800 })
  })
  test.afterEach(() => {
    expect(errors).toEqual([])
  })

  test('customer card', async ({ page }, testInfo) => {
    await open(page)
    await page.getByRole('button', { name: 'Customer details: Jane Cooper' }).click()
    const card = page.getByRole('dialog', { name: 'Jane Cooper' })
    await expect(card.getByRole('list', { name: 'Recent calls' }).getByRole('listitem')).toHaveCount(3)
    await shots(page, testInfo, 'customer-card')
    await card.getByRole('list', { name: 'Recent calls' }).getByRole('button').first().click()
    await expect(card.getByRole('list', { name: /^Timeline of the call/ })).toBeVisible()
    await card.getByRole('list', { name: 'Recent calls' }).scrollIntoViewIfNeeded()
    await shots(page, testInfo, 'customer-card-timeline')
    await card.getByRole('button', { name: 'Close customer details' }).click()
    await page.getByRole('button', { name: 'Customer details: +33144556677' }).click()
    await page.getByRole('dialog', { name: '+33144556677' }).getByRole('button', { name: 'Create customer' }).click()
    await shots(page, testInfo, 'customer-create')
  })

  test('customer card for an operator who reads customers only (no edit, no notes), 1440 and 1024', async ({ page }, testInfo) => {
    await open(page, AGENT.id)
    await goTo(page, 'Customers')
    await page.getByRole('table', { name: 'Customers' }).getByRole('button', { name: 'Jane Cooper' }).click()
    const card = page.getByRole('dialog', { name: 'Jane Cooper' })
    await expect(card.getByText('Details', { exact: true })).toBeVisible()
    await expect(card.getByRole('button', { name: 'Edit details' })).toHaveCount(0)
    await shotsAtWidths(page, testInfo, 'customer-card-read-only')
  })

  test('call log with a timeline', async ({ page }, testInfo) => {
    await open(page)
    const rows = await openCallLogTimeline(page)
    await shots(page, testInfo, 'call-log')
    await rows.nth(3).click()
    await expect(page.getByText('Closed after a lost connection.')).toBeVisible()
    await shots(page, testInfo, 'call-log-lost')
  })

  test('import mapping step', async ({ page }, testInfo) => {
    await open(page)
    await goTo(page, 'Customers')
    await expect(page.getByRole('table', { name: 'Customers' }).locator('tbody tr')).toHaveCount(4)
    await shots(page, testInfo, 'customers')
    await startImport(page)
    await page.getByLabel('Use column “Office” as').selectOption('phone')
    await shots(page, testInfo, 'import-mapping')
  })

  test('supervision audit', async ({ page }, testInfo) => {
    await open(page)
    await goTo(page, 'Supervision audit')
    await expect(page.getByRole('table', { name: 'Supervision sessions' }).locator('tbody tr')).toHaveCount(3)
    await shots(page, testInfo, 'audit')
  })
})

/** Issue 13.14: the records pages at 1440 and 1024 px, light and dark (test-results/records-<page>-<width>-<scheme>.png). */
test('records pages, 1440 and 1024 wide, light and dark', async ({ page }, testInfo) => {
  test.setTimeout(90_000)
  const errors = collectPageErrors(page)
  await page.setViewportSize({ width: 1440, height: 860 })
  await open(page)
  await openCallLogTimeline(page)
  await shotsAtWidths(page, testInfo, 'call-log')
  await goTo(page, 'Customers')
  await expect(page.getByRole('table', { name: 'Customers' }).locator('tbody tr')).toHaveCount(4)
  await page.getByRole('table', { name: 'Customers' }).getByRole('button', { name: 'Jane Cooper' }).click()
  await expect(page.getByRole('dialog', { name: 'Jane Cooper' })).toBeVisible()
  await shotsAtWidths(page, testInfo, 'customers')
  await page.getByRole('dialog', { name: 'Jane Cooper' }).getByRole('button', { name: 'Close customer details' }).click()
  await startImport(page)
  await shotsAtWidths(page, testInfo, 'import')
  await page.getByRole('button', { name: /^Import \d+ rows$/ }).click()
  await expect(page.getByRole('list', { name: 'Numbers that could not be read' })).toBeVisible()
  await shotsAtWidths(page, testInfo, 'import-done')
  expect(errors).toEqual([])
})
