/**
 * Records against the fake API (fixtures/fake-records.ts): the customer card from the floor's
 * Customer column (matched and unmatched), the call log's filters and timelines, the supervision
 * audit and its export, and the customers page with CSV/vCard import. Every request the UI sends
 * is read back from the fake.
 */
import { readFile } from 'node:fs/promises'
import { type Locator, type Page, expect, test } from '@playwright/test'
import type { AgentRow } from '../../src/shared/floor'
import { installFakeApi } from './fixtures/fake-api'
import { ADMIN, AGENT, WATCHER } from './fixtures/fake-console'
import { FakeRecords, type FakeRecordsConfig } from './fixtures/fake-records'
import { agent, ringing, talking } from './fixtures/floor-data'
import { CSV_PREVIEW, CSV_TEXT, auditEntries, calls, customers } from './fixtures/records-data'
import { appUrl, collectPageErrors } from './harness'
import { HTTP_REFUSED } from '../../src/shared/links'

function floor(now: number): AgentRow[] {
  const maria = talking('1001', 'Maria Lopez', now, 190, { customer: '+442070001111', id: 'live-maria' })
  const mariaCall = maria.calls[0]
  if (mariaCall !== undefined) mariaCall.customerRecord = { id: 'cust-1', name: 'Jane Cooper', company: 'Acme Ltd' }
  return [
    maria,
    agent('1002', 'James Whitfield', 'idle'),
    ringing('1003', 'Aisha Rahman', now, 6, { customer: '+33144556677', id: 'live-aisha' }),
    talking('1006', 'Daniel Okafor', now, 45, { customer: '+442079460000', customerName: 'NORTHWIND', direction: 'outbound', id: 'live-daniel' })
  ]
}

function records(now: number, extra: Partial<FakeRecordsConfig> = {}): Partial<FakeRecordsConfig> {
  return { customers: customers(now), calls: calls(now), audit: auditEntries(now), ...extra }
}

async function open(page: Page, options: { records?: Partial<FakeRecordsConfig>; signedIn?: typeof ADMIN } = {}): Promise<FakeRecords> {
  const now = Date.now()
  const who = options.signedIn ?? ADMIN
  await installFakeApi(page, { rows: floor(now), records: options.records ?? records(now), console: { operators: [ADMIN, WATCHER, AGENT], signedIn: who.id } })
  await page.goto(appUrl())
  // The live floor, or an agent's own line ("My calls").
  await expect(who === AGENT ? page.getByTestId('my-line') : page.getByRole('grid', { name: 'Agents' })).toBeVisible()
  return new FakeRecords(page)
}

function nav(page: Page): Locator {
  return page.getByRole('navigation', { name: 'Pages' })
}

async function goTo(page: Page, name: 'Call log' | 'Customers' | 'Supervision audit'): Promise<void> {
  await nav(page).getByRole('button', { name }).click()
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible()
}

function customerCell(page: Page, extension: string): Locator {
  return page.getByRole('grid', { name: 'Agents' }).locator(`tbody tr[data-extension="${extension}"] td.col-customer`)
}

/** The last request sent on a channel. */
async function last(fake: FakeRecords, channel: string): Promise<unknown> {
  const sent = await fake.calls(channel)
  return sent[sent.length - 1]
}

let errors: string[] = []
test.beforeEach(({ page }) => {
  errors = collectPageErrors(page)
})
test.afterEach(() => {
  expect(errors).toEqual([])
})

test.describe('customer card', () => {
  test('a matched call names the customer; the card shows the record and recent calls; notes are saved; CRM opens', async ({ page, context }) => {
    const fake = await open(page, { records: records(Date.now(), { crmTemplate: 'https://crm.example.com/lookup?phone={e164}' }) })
    const cell = customerCell(page, '1001')
    await expect(cell.locator('.customer-primary')).toHaveText('Jane Cooper')
    await expect(cell.locator('.customer-company')).toHaveText('Acme Ltd')
    // Unmatched calls keep the PBX's name or the number.
    await expect(customerCell(page, '1006').locator('.customer-primary')).toHaveText('NORTHWIND')

    await cell.getByRole('button', { name: 'Customer details: Jane Cooper' }).click()
    const card = page.getByRole('dialog', { name: 'Jane Cooper' })
    await expect(card).toBeVisible()
    expect(await fake.calls('customers:card')).toEqual([{ number: '+442070001111', customerId: 'cust-1' }])
    await expect(card).toContainText('Acme Ltd')
    await expect(card).toContainText('+44 20 7000 1111')
    await expect(card).toContainText('07700 900123')
    await expect(card.getByRole('link', { name: 'jane.cooper@acme.example' })).toHaveAttribute('href', 'mailto:jane.cooper@acme.example')
    await expect(card.getByRole('link', { name: 'https://crm.example.com/customers/1' })).toHaveAttribute('target', '_blank')
    // The call in progress, from the floor.
    await expect(card.getByRole('region', { name: 'Current call' })).toContainText('Maria Lopez')
    // Keys pressed in the card stay in it: no Listen (L) on the selected row.
    await card.getByRole('button', { name: 'Edit details' }).focus()
    await page.keyboard.press('l')
    await page.keyboard.press('ArrowDown')
    await expect(page.locator('.toast')).toHaveCount(0)
    await expect(page.getByRole('grid', { name: 'Agents' }).locator('tbody tr[aria-selected="true"]')).toHaveAttribute('data-extension', '1001')

    // Recent calls with any of the customer's numbers, newest first: call-08, call-07, call-04.
    const recent = card.getByRole('list', { name: 'Recent calls' }).getByRole('listitem')
    await expect(recent).toHaveCount(3)
    await expect(recent.nth(0)).toContainText('Maria Lopez · 1001')
    await expect(recent.nth(0)).toContainText('Answered')
    await expect(recent.nth(0)).toContainText('05:12')
    await expect(recent.nth(1)).toContainText('Not answered')
    await expect(recent.nth(2)).toContainText('Abandoned')
    // A recent call opens its timeline in place.
    const first = recent.nth(0).getByRole('button')
    await expect(first).toHaveAttribute('aria-expanded', 'false')
    await first.click()
    await expect(first).toHaveAttribute('aria-expanded', 'true')
    const timeline = recent.nth(0).getByRole('list', { name: /^Timeline of the call/ })
    await expect(timeline).toContainText('Put on hold')
    await expect(timeline).toContainText('Supervisor Alex Morgan (2001) joined, listening')
    expect(await fake.calls('calllog:get')).toEqual([{ id: 'call-08' }])

    // Notes: edited and saved with the rest of the record as it is.
    const notes = card.getByRole('textbox', { name: 'Notes' })
    await expect(notes).toHaveValue('Prefers email. Contract renewal in March.')
    await expect(card.getByRole('button', { name: 'Save notes' })).toBeDisabled()
    await notes.fill('Prefers email. Renewal moved to April; send the new quote.')
    await card.getByRole('button', { name: 'Save notes' }).click()
    await expect(card.getByRole('status').filter({ hasText: 'Notes saved.' })).toBeVisible()
    expect(await last(fake, 'customers:save')).toEqual({
      id: 'cust-1',
      input: {
        name: 'Jane Cooper',
        company: 'Acme Ltd',
        email: 'jane.cooper@acme.example',
        externalUrl: 'https://crm.example.com/customers/1',
        notes: 'Prefers email. Renewal moved to April; send the new quote.',
        phones: ['+44 20 7000 1111', '07700 900123']
      }
    })
    expect((await fake.customers()).find((c) => c.id === 'cust-1')?.notes).toBe('Prefers email. Renewal moved to April; send the new quote.')

    // main's field error appears next to the notes.
    await fake.queueSaveErrors([{ notes: 'Keep the notes to 10,000 characters.' }])
    await notes.fill('Too long, says main')
    await card.getByRole('button', { name: 'Save notes' }).click()
    await expect(notes).toHaveAttribute('aria-invalid', 'true')
    await expect(card.getByText('Keep the notes to 10,000 characters.')).toBeVisible()
    const describedBy = (await notes.getAttribute('aria-describedby')) ?? ''
    await expect(page.locator(`[id="${describedBy}"]`)).toHaveText('Keep the notes to 10,000 characters.')

    // Open in CRM: the browser host cannot reach the OS browser, so the page opens here.
    await context.route('https://crm.example.com/**', (route) => route.fulfill({ contentType: 'text/html', body: '<title>CRM</title>' }))
    const opened = context.waitForEvent('page')
    await card.getByRole('button', { name: 'Open in CRM' }).click()
    const crm = await opened
    await crm.waitForURL('https://crm.example.com/**')
    expect(crm.url()).toBe('https://crm.example.com/lookup?phone=%2B442070001111')
    await crm.close()
    expect(await fake.calls('customers:open-crm')).toEqual([{ number: '+442070001111' }])

    await card.getByRole('button', { name: 'Close customer details' }).click()
    await expect(card).toHaveCount(0)
  })

  test('an unmatched number offers "Create customer" with the number filled in; field errors sit by their fields', async ({ page }) => {
    const fake = await open(page)
    await customerCell(page, '1003').getByRole('button', { name: 'Customer details: +33144556677' }).click()
    const card = page.getByRole('dialog', { name: '+33144556677' })
    await expect(card).toContainText('+33144556677 is not in your customers.')
    expect(await fake.calls('customers:card')).toEqual([{ number: '+33144556677', customerId: null }])
    // The number's earlier calls are there even without a record.
    await expect(card.getByRole('list', { name: 'Recent calls' }).getByRole('listitem')).toHaveCount(1)
    await expect(card.getByRole('button', { name: 'Open in CRM' })).toHaveCount(0)

    await card.getByRole('button', { name: 'Create customer' }).click()
    const form = card.getByRole('form', { name: 'Create customer' })
    await expect(form.getByRole('textbox', { name: 'Phone number 1' })).toHaveValue('+33144556677')
    await expect(form.getByRole('textbox', { name: 'Name' })).toBeFocused()

    // Name left empty: said before asking main.
    await form.getByRole('button', { name: 'Create customer' }).click()
    await expect(form.getByRole('textbox', { name: 'Name' })).toHaveAttribute('aria-invalid', 'true')
    expect(await fake.calls('customers:save')).toEqual([])

    await form.getByRole('textbox', { name: 'Name' }).fill('Claire Martin')
    await form.getByRole('textbox', { name: 'Email' }).fill('claire@')
    await form.getByRole('button', { name: 'Add another number' }).click()
    await form.getByRole('textbox', { name: 'Phone number 2' }).fill('abc')
    await fake.queueSaveErrors([{ email: 'This is not an email address.', 'phones.1': 'This is not a phone number.' }])
    await form.getByRole('button', { name: 'Create customer' }).click()
    await expect(form.getByRole('textbox', { name: 'Email' })).toHaveAttribute('aria-invalid', 'true')
    await expect(form.getByRole('textbox', { name: 'Phone number 2' })).toHaveAttribute('aria-invalid', 'true')
    await expect(form.getByRole('textbox', { name: 'Phone number 1' })).not.toHaveAttribute('aria-invalid', 'true')
    await expect(form).toContainText('This is not an email address.')
    await expect(form).toContainText('This is not a phone number.')

    await form.getByRole('textbox', { name: 'Email' }).fill('claire@martin.example')
    await form.getByRole('button', { name: 'Remove phone number 2' }).click()
    await form.getByRole('button', { name: 'Create customer' }).click()
    await expect(page.getByRole('dialog', { name: 'Claire Martin' })).toBeVisible()
    expect(await last(fake, 'customers:save')).toEqual({
      id: null,
      input: { name: 'Claire Martin', company: '', email: 'claire@martin.example', externalUrl: '', notes: '', phones: ['+33144556677'] }
    })
    // The card now shows the new record.
    expect(await last(fake, 'customers:card')).toEqual({ number: '+33144556677', customerId: 'cust-new-1' })
    await expect(page.getByRole('dialog', { name: 'Claire Martin' }).getByRole('textbox', { name: 'Notes' })).toBeVisible()
  })
})

test.describe('numbers on the floor (issue 13.11, 13.12)', () => {
  async function openWith(page: Page): Promise<void> {
    const now = Date.now()
    const read = talking('1007', 'Amara Eze', now, 30, { customer: '02077797198', direction: 'outbound', id: 'live-amara' })
    const readCall = read.calls[0]
    if (readCall !== undefined) readCall.customerNumber = { e164: '+442077797198', display: '020 7779 7198' }
    const unread = talking('1008', 'Hugo Moreau', now, 20, { customer: '15551230000', direction: 'outbound', id: 'live-hugo' })
    const unreadCall = unread.calls[0]
    if (unreadCall !== undefined) unreadCall.customerNumber = { e164: null, display: '15551230000' }
    const internal = talking('1009', 'Ines Costa', now, 10, { customer: '2001', customerName: 'Supervisor 2001', direction: 'outbound', id: 'live-ines' })
    const internalCall = internal.calls[0]
    if (internalCall !== undefined) internalCall.internal = { extension: '2001', name: 'Sam Supervisor' }
    await installFakeApi(page, { rows: [read, unread, internal], records: records(now), console: { operators: [ADMIN, WATCHER, AGENT], signedIn: ADMIN.id } })
    await page.goto(appUrl())
    await expect(page.getByRole('grid', { name: 'Agents' })).toBeVisible()
  }

  test('the number is shown as main read it, the card says "Called" and Create customer offers the read number and no name', async ({ page }) => {
    await openWith(page)
    const cell = customerCell(page, '1007')
    await expect(cell.locator('.customer-primary')).toHaveText('020 7779 7198')
    await cell.getByRole('button', { name: 'Customer details: 020 7779 7198' }).click()
    const card = page.getByRole('dialog', { name: '020 7779 7198' })
    await expect(card.locator('.customer-panel-kicker')).toHaveText('Called')
    await card.getByRole('button', { name: 'Create customer' }).click()
    await expect(card.getByLabel('Name', { exact: true })).toHaveValue('')
    await expect(card.getByLabel('Phone number 1')).toHaveValue('+442077797198')
    await expect(card.locator('.unreadable-number')).toHaveCount(0)
  })

  test('a number the default country cannot read says so, with the way to the setting', async ({ page }) => {
    await openWith(page)
    await customerCell(page, '1008').getByRole('button', { name: 'Customer details: 15551230000' }).click()
    const card = page.getByRole('dialog', { name: '15551230000' })
    await expect(card.locator('.unreadable-number')).toContainText('cannot read this number with the default country')
    await card.getByRole('button', { name: 'Set the default country' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible()
    await expect(page.getByLabel('Default country')).toBeVisible()
  })

  test('an internal call names the colleague and their extension, with no customer card', async ({ page }) => {
    await openWith(page)
    const cell = customerCell(page, '1009')
    await expect(cell.locator('.customer-primary')).toHaveText('Sam Supervisor')
    await expect(cell.locator('.customer-number')).toHaveText('Internal · 2001')
    await expect(cell.getByText('Internal call to Sam Supervisor (2001)')).toHaveCount(1)
    await expect(cell.getByRole('button')).toHaveCount(0)
  })
})

test.describe('call log', () => {
  test('filters send the right calllog:list filter, the list follows, a row opens its timeline in words', async ({ page }) => {
    const fake = await open(page)
    await goTo(page, 'Call log')
    const table = page.getByRole('table', { name: 'Calls' })
    const rows = table.locator('tbody tr')
    await expect(rows).toHaveCount(8)
    await expect(page.getByRole('status').filter({ hasText: '8 calls' })).toBeVisible()
    expect(await fake.calls('calllog:list')).toEqual([{ limit: 50, offset: 0 }])
    // Newest first.
    await expect(rows.first()).toContainText('Maria Lopez')
    await expect(rows.first()).toContainText('Monitored')
    await expect(rows.nth(3)).toContainText('Connection lost')

    const filters = page.getByRole('search', { name: 'Filter the call log' })
    await filters.getByLabel('Direction').selectOption('inbound')
    await expect.poll(() => last(fake, 'calllog:list')).toEqual({ direction: 'inbound', limit: 50, offset: 0 })
    await expect(rows).toHaveCount(6)

    await filters.getByLabel('Outcome').selectOption('answered')
    await filters.getByLabel('Monitored only').check()
    await expect.poll(() => last(fake, 'calllog:list')).toEqual({ direction: 'inbound', outcome: 'answered', monitoredOnly: true, limit: 50, offset: 0 })
    await expect(rows).toHaveCount(1)

    await filters.getByLabel('Monitored only').uncheck()
    await filters.getByLabel('Agent').selectOption('1001')
    await filters.getByLabel('Customer number').fill('+442070001111')
    await expect
      .poll(() => last(fake, 'calllog:list'))
      .toEqual({ agentExtension: '1001', customerNumber: '+442070001111', direction: 'inbound', outcome: 'answered', limit: 50, offset: 0 })
    await expect(rows).toHaveCount(1)

    // Dates: from the start of "from" to the end of "to", in local time.
    const today = new Date()
    const ymd = (d: Date): string => `${String(d.getFullYear())}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
    const weekAgo = new Date(today.getFullYear(), today.getMonth(), today.getDate() - 7)
    await page.getByRole('button', { name: 'Clear filters' }).first().click()
    await expect(rows).toHaveCount(8)
    await filters.getByLabel('From', { exact: true }).fill(ymd(weekAgo))
    await filters.getByLabel('To', { exact: true }).fill(ymd(today))
    await expect.poll(() => last(fake, 'calllog:list')).toEqual({
      from: weekAgo.getTime(),
      to: new Date(today.getFullYear(), today.getMonth(), today.getDate() + 1).getTime(),
      limit: 50,
      offset: 0
    })
    await expect(rows).toHaveCount(8)

    // A row opens its timeline beside the list.
    await rows.first().click()
    const detail = page.getByRole('complementary', { name: '+442070001111' })
    await expect(detail).toBeVisible()
    expect(await last(fake, 'calllog:get')).toEqual({ id: 'call-08' })
    const events = detail.getByRole('list', { name: /^Timeline of the call/ }).getByRole('listitem')
    await expect(events).toHaveText([
      /The agent’s phone rang/,
      /Answered/,
      /Put on hold/,
      /Taken off hold/,
      /Supervisor Alex Morgan \(2001\) joined, listening/,
      /Supervisor Alex Morgan \(2001\) switched to whispering/,
      /Supervisor Alex Morgan \(2001\) left.*They were whispering/,
      /The agent transferred the call to 1004 \(attended transfer\).*Result: Success/,
      /Hung up.*Normal clearing \(cause 16\)/
    ])
    await expect(rows.first()).toHaveAttribute('aria-current', 'true')

    // The call closed when the connection was lost says so.
    await rows.nth(3).getByRole('button').click()
    await expect(page.getByText('Closed after a lost connection.')).toBeVisible()
    await expect(page.getByRole('list', { name: /^Timeline of the call/ }).getByRole('listitem')).toHaveText([
      /Answered \(about this time\).*its connection to the PBX was down.*estimate/,
      /Connection to the PBX lost.*gone when Earshot reconnected: it ended at or after this time\./
    ])
    // The note agrees with the timeline (issue 13.15): the call outlived the lost connection.
    await expect(page.locator('.records-resync')).toHaveText(
      'Closed after a lost connection. Earshot lost its connection to the PBX during this call, and the call was gone when it reconnected: it ended at or after the time the connection was lost, so its talk time is at least the time shown.'
    )

    // Export the current filter as CSV.
    const download = page.waitForEvent('download')
    await page.getByRole('button', { name: 'Export CSV' }).click()
    const file = await download
    expect(file.suggestedFilename()).toBe('earshot-call-log.csv')
    expect(await last(fake, 'calllog:export')).toEqual({ from: weekAgo.getTime(), to: new Date(today.getFullYear(), today.getMonth(), today.getDate() + 1).getTime() })
  })

  test('an operator without see-everyone has no agent filter, no audit and no admin actions', async ({ page }) => {
    const fake = await open(page, { signedIn: AGENT })
    await expect(nav(page).getByRole('button')).toHaveText(['My calls', 'Call log', 'Customers'])
    await goTo(page, 'Call log')
    const filters = page.getByRole('search', { name: 'Filter the call log' })
    await expect(filters.getByLabel('Direction')).toBeVisible()
    await expect(filters.getByLabel('Agent')).toHaveCount(0)
    // Whether their calls were supervised is not theirs to know (main does not say, nor filter on it).
    await expect(filters.getByLabel('Monitored only')).toHaveCount(0)
    // Main keeps them to their own calls (Maria's).
    await expect(page.getByRole('table', { name: 'Calls' }).locator('tbody tr')).toHaveCount(2)
    await goTo(page, 'Customers')
    // Customers are theirs to read, not to create or edit (main refuses both without see-everyone or configure-everything).
    await expect(page.getByRole('button', { name: 'New customer' })).toHaveCount(0)
    await expect(page.getByRole('button', { name: 'Import…' })).toHaveCount(0)
    await expect(page.getByRole('button', { name: 'Export CSV' })).toHaveCount(0)
    await page.getByRole('table', { name: 'Customers' }).getByRole('button', { name: 'Jane Cooper' }).click()
    await expect(page.getByRole('dialog', { name: 'Jane Cooper' }).getByText('Details', { exact: true })).toBeVisible()
    await expect(page.getByRole('dialog', { name: 'Jane Cooper' }).getByRole('button', { name: 'Edit details' })).toHaveCount(0)
    await expect(page.getByRole('dialog', { name: 'Jane Cooper' }).getByRole('textbox', { name: 'Notes' })).toHaveCount(0)
    await expect(page.getByRole('dialog', { name: 'Jane Cooper' }).getByRole('button', { name: 'Delete…' })).toHaveCount(0)
    const forbidden = (await page.evaluate(() => (globalThis as unknown as { __fakeFloor: { invocations: Array<{ channel: string }> } }).__fakeFloor.invocations)).filter(
      (i) => i.channel.startsWith('audit:') || i.channel === 'operators:list' || i.channel === 'customers:export'
    )
    expect(forbidden).toEqual([])
    void fake
  })
})

test.describe('supervision audit', () => {
  test('lists sessions with their mode changes, filters by operator and agent, and exports the fake’s CSV', async ({ page }) => {
    const csv = 'started,operator,agent,method,modes\r\n2026-11-24T10:00:00Z,Alex Morgan,1001,feature-codes,listen>whisper(dtmf)\r\n'
    const fake = await open(page, { records: records(Date.now(), { exports: { customers: { fileName: 'c.csv', text: '' }, calllog: { fileName: 'l.csv', text: '' }, audit: { fileName: 'earshot-supervision-audit-2026-11-24.csv', text: csv } } }) })
    await expect(nav(page).getByRole('button')).toHaveText(['Monitor', 'Call log', 'Customers', 'Supervision audit', 'Settings'])
    await goTo(page, 'Supervision audit')
    const rows = page.getByRole('table', { name: 'Supervision sessions' }).locator('tbody tr')
    await expect(rows).toHaveCount(3)
    expect(await fake.calls('audit:list')).toEqual([{}])
    const first = rows.first()
    await expect(first).toContainText('Alex Morgan')
    await expect(first).toContainText('Extension 2001')
    await expect(first).toContainText('Maria Lopez')
    await expect(first).toContainText('Feature codes')
    await expect(first).toContainText('The supervisor hung up')
    await expect(first.getByRole('list', { name: 'Mode changes' }).getByRole('listitem')).toHaveText([/Listen.*started/, /Whisper.*DTMF/, /Barge.*called again/])
    await expect(rows.nth(1)).toContainText('Direct ChanSpy')

    const filters = page.getByRole('search', { name: 'Filter the supervision audit' })
    await filters.getByLabel('Operator').selectOption({ label: 'Alex Morgan (2001)' })
    await expect.poll(() => last(fake, 'audit:list')).toEqual({ operatorId: 'op-admin' })
    await expect(rows).toHaveCount(2)
    await filters.getByLabel('Agent').selectOption('1003')
    await expect.poll(() => last(fake, 'audit:list')).toEqual({ operatorId: 'op-admin', agentExtension: '1003' })
    await expect(rows).toHaveCount(1)

    const download = page.waitForEvent('download')
    await page.getByRole('button', { name: 'Export CSV' }).click()
    const file = await download
    expect(file.suggestedFilename()).toBe('earshot-supervision-audit-2026-11-24.csv')
    const saved = await file.path()
    expect(await readFile(saved, 'utf8')).toBe(csv)
    expect(await last(fake, 'audit:export')).toEqual({ operatorId: 'op-admin', agentExtension: '1003' })
    await expect(page.getByRole('status').filter({ hasText: 'Exported the sessions matching the filters' })).toBeVisible()
  })

  test('hidden for an operator without configure-everything', async ({ page }) => {
    const fake = await open(page, { signedIn: WATCHER })
    await expect(nav(page).getByRole('button')).toHaveText(['Monitor', 'Call log', 'Customers'])
    await expect(page.getByRole('button', { name: 'Supervision audit' })).toHaveCount(0)
    expect(await fake.calls('audit:list')).toEqual([])
  })
})

test.describe('customers', () => {
  test('a customer with more numbers shows the first and a separate "1 more" that is not part of it', async ({ page }) => {
    const now = Date.now()
    const us = { ...customers(now)[0]!, id: 'cust-us', name: 'Uma Stone', phones: [{ raw: '+1 415 555 0100', e164: '+14155550100' }, { raw: '+1 415 555 0101', e164: '+14155550101' }] }
    await open(page, { records: records(now, { customers: [us] }) })
    await goTo(page, 'Customers')
    const cell = page.getByRole('row').filter({ hasText: 'Uma Stone' }).getByRole('cell').nth(2)
    await expect(cell.locator('.phone-first')).toHaveText('+1 415 555 0100')
    const more = cell.locator('.tag-more-numbers')
    await expect(more).toContainText('1 more')
    await expect(more).toHaveAttribute('title', 'Also +1 415 555 0101')
    // Nothing that reads as digits of the number follows it: no "+1" after "0100".
    expect((await cell.innerText()).replace(/\s+/g, ' ')).not.toMatch(/\d\s*\+\d/)
    // Said as words to a screen reader.
    await expect(cell.getByText('and 1 more number')).toHaveCount(1)
  })

  test("web pages follow the link policy: https opens, an http:// page stored earlier is shown with the reason, not opened", async ({ page }) => {
    const now = Date.now()
    const [jane, northwind] = customers(now)
    const oldHttp = { ...northwind!, externalUrl: 'http://northwind.example/orders' }
    await open(page, { records: records(now, { customers: [jane!, oldHttp] }) })
    await goTo(page, 'Customers')
    const table = page.getByRole('table', { name: 'Customers' })

    await table.getByRole('button', { name: 'Northwind Traders' }).click()
    const card = page.getByRole('dialog', { name: 'Northwind Traders' })
    await expect(card.locator('.link-refused')).toContainText('http://northwind.example/orders')
    await expect(card.locator('.link-refused')).toContainText(`Not opened: ${HTTP_REFUSED}`)
    await expect(card.getByRole('link', { name: 'http://northwind.example/orders' })).toHaveCount(0)
    await expect(card.getByRole('link', { name: 'orders@northwind.example' })).toHaveAttribute('href', 'mailto:orders@northwind.example')
    await card.getByRole('button', { name: 'Close customer details' }).click()

    await table.getByRole('button', { name: 'Jane Cooper' }).click()
    const link = page.getByRole('dialog', { name: 'Jane Cooper' }).getByRole('link', { name: 'https://crm.example.com/customers/1' })
    await expect(link).toHaveAttribute('href', 'https://crm.example.com/customers/1')
    await expect(link).toHaveAttribute('target', '_blank')
  })

  test('CSV import: the preview shows the file, a mapping change is sent, rows with problems are listed by line', async ({ page }) => {
    const fake = await open(page, {
      records: records(Date.now(), {
        preview: CSV_PREVIEW,
        importResult: {
          imported: 3,
          duplicates: 1,
          errors: [
            { line: 3, column: 'E-mail', message: 'This is not an email address.' },
            { line: 7, column: 'Mobile', message: 'The phone number 12 is too short.' }
          ],
          warnings: [
            {
              line: 2,
              column: 'Office',
              number: '020 7946 0123',
              message: '020 7946 0123 is written without a country code, and no default country is set to read it by. Set one in Settings → Records and it is read again then; until then it is kept as typed and matches no call.'
            }
          ]
        }
      })
    })
    await goTo(page, 'Customers')
    await page.getByRole('button', { name: 'Import…' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Import customers' })).toBeVisible()
    await page.getByLabel('Customer file to import').setInputFiles({ name: 'crm-export.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV_TEXT) })
    await expect(page.getByRole('heading', { name: 'Which column is what?' })).toBeVisible()
    expect(await fake.calls('customers:import-preview')).toEqual([{ text: CSV_TEXT }])
    await expect(page.getByText('This file is not UTF-8')).toHaveCount(0)

    const table = page.getByRole('table', { name: 'First rows of crm-export.csv' })
    await expect(table.locator('thead .preview-header')).toHaveText(['First name', 'Last name', 'Company', 'Mobile', 'Office', 'E-mail'])
    await expect(table.locator('tbody tr')).toHaveCount(6)
    await expect(table.locator('tbody tr').first()).toContainText('Oliver')
    await expect(page.getByText('crm-export.csv · 6 rows')).toBeVisible()
    // main's suggestion.
    await expect(table.getByLabel('Use column “First name” as')).toHaveValue('name')
    await expect(table.getByLabel('Use column “Last name” as')).toHaveValue('name')
    await expect(table.getByLabel('Use column “Office” as')).toHaveValue('')
    await expect(page.getByRole('list', { name: 'What will be imported' })).toContainText('Name from First name + Last name')

    // Office is a phone column too; Company is not imported.
    await table.getByLabel('Use column “Office” as').selectOption('phone')
    await table.getByLabel('Use column “Company” as').selectOption('')
    await expect(page.getByRole('list', { name: 'What will be imported' })).toContainText('Phone numbers from Mobile, Office')

    // Without a header row, the titles become data and the columns are numbered; back again.
    await page.getByLabel('The first row holds column titles').uncheck()
    await expect(table.locator('thead .preview-header').first()).toHaveText('Column 1')
    await expect(table.locator('tbody tr').first()).toContainText('First name')
    await expect(page.getByText('crm-export.csv · 7 rows')).toBeVisible()
    await page.getByLabel('The first row holds column titles').check()

    // No name column: the import waits.
    await table.getByLabel('Use column “First name” as').selectOption('')
    await table.getByLabel('Use column “Last name” as').selectOption('')
    await expect(page.getByRole('button', { name: 'Import 6 rows' })).toBeDisabled()
    await expect(page.getByText('Choose the column (or columns) with the name.')).toBeVisible()
    await table.getByLabel('Use column “First name” as').selectOption('name')
    await table.getByLabel('Use column “Last name” as').selectOption('name')

    await page.getByRole('button', { name: 'Import 6 rows' }).click()
    await expect(page.getByRole('heading', { name: 'Imported 3 customers; 2 rows had problems' })).toBeVisible()
    await expect(page.getByText('From crm-export.csv. 1 row was already in the directory exactly as in the file, and was skipped.')).toBeVisible()
    expect(await fake.calls('customers:import-csv')).toEqual([
      { text: CSV_TEXT, mapping: { delimiter: ',', hasHeader: true, name: [0, 1], company: null, phones: [3, 4], email: 5, notes: null, url: null } }
    ])
    // Each problem names its line and its column (issue 13.11).
    await expect(page.getByRole('list', { name: 'Problems in the file' }).getByRole('listitem')).toHaveText([
      /Line 3\s*·\s*E-mail\s*This is not an email address\./,
      /Line 7\s*·\s*Mobile\s*The phone number 12 is too short\./
    ])
    // And the numbers imported as typed, because they could not be read, are listed with why (and for an admin, where to fix it).
    await expect(page.getByRole('heading', { name: '1 number could not be read' })).toBeVisible()
    const unread = page.getByRole('list', { name: 'Numbers that could not be read' }).getByRole('listitem')
    await expect(unread).toHaveText([/Line 2\s*·\s*Office\s*020 7946 0123 is written without a country code/])
    await expect(page.getByRole('button', { name: 'Set the default country' })).toBeVisible()
    const searchesBefore = (await fake.calls('customers:search')).length
    await page.getByRole('button', { name: 'Done' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Customers' })).toBeVisible()
    await expect.poll(async () => (await fake.calls('customers:search')).length).toBeGreaterThan(searchesBefore)
  })

  test('a CSV Excel saved on Windows (Windows-1252) is read as such, and the preview says so', async ({ page }) => {
    const fake = await open(page, { records: records(Date.now(), { preview: CSV_PREVIEW }) })
    await goTo(page, 'Customers')
    await page.getByRole('button', { name: 'Import…' }).click()
    const text = 'Name,Phone,Notes\r\nJürgen Müller,030 12345678,“VIP” – pays in €\r\n'
    const cp1252 = Buffer.from(text.replace('“', '\x93').replace('”', '\x94').replace('–', '\x96').replace('€', '\x80'), 'latin1')
    await page.getByLabel('Customer file to import').setInputFiles({ name: 'excel.csv', mimeType: 'text/csv', buffer: cp1252 })
    await expect(page.getByRole('heading', { name: 'Which column is what?' })).toBeVisible()
    expect(await fake.calls('customers:import-preview')).toEqual([{ text }])
    await expect(page.getByRole('status').filter({ hasText: 'This file is not UTF-8, so it was read as Windows-1252' })).toBeVisible()
  })

  test('vCard import goes straight to main; search, open, delete with a confirmation, export', async ({ page }) => {
    const fake = await open(page, {
      records: records(Date.now(), {
        vcardResult: { imported: 2, duplicates: 0, errors: [{ line: 9, message: 'A card without a name (FN or N).' }], warnings: [] },
        exports: { customers: { fileName: 'earshot-customers-2026-11-24.csv', text: 'name\r\nJane Cooper\r\n' }, calllog: { fileName: 'l.csv', text: '' }, audit: { fileName: 'a.csv', text: '' } }
      })
    })
    await goTo(page, 'Customers')
    const rows = page.getByRole('table', { name: 'Customers' }).locator('tbody tr')
    await expect(rows).toHaveCount(4)
    expect(await fake.calls('customers:search')).toEqual([{ query: '', limit: 100, offset: 0 }])

    await page.getByRole('searchbox', { name: 'Search customers' }).fill('acme')
    await expect.poll(() => last(fake, 'customers:search')).toEqual({ query: 'acme', limit: 100 })
    await expect(rows).toHaveCount(1)
    await rows.first().getByRole('button', { name: 'Jane Cooper' }).click()
    const card = page.getByRole('dialog', { name: 'Jane Cooper' })
    await expect(card).toBeVisible()
    expect(await last(fake, 'customers:card')).toEqual({ number: null, customerId: 'cust-1' })

    await card.getByRole('button', { name: 'Delete…' }).click()
    const confirm = page.getByRole('alertdialog', { name: 'Delete Jane Cooper?' })
    await expect(confirm).toBeVisible()
    await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused()
    await page.keyboard.press('Escape')
    await expect(confirm).toHaveCount(0)
    await expect(card).toBeVisible()
    expect(await fake.calls('customers:delete')).toEqual([])
    await card.getByRole('button', { name: 'Delete…' }).click()
    await confirm.getByRole('button', { name: 'Delete customer' }).click()
    await expect(card).toHaveCount(0)
    expect(await fake.calls('customers:delete')).toEqual([{ id: 'cust-1' }])
    await expect(page.getByText('No customers match')).toBeVisible()

    const download = page.waitForEvent('download')
    await page.getByRole('button', { name: 'Export CSV' }).click()
    const file = await download
    expect(file.suggestedFilename()).toBe('earshot-customers-2026-11-24.csv')
    expect(await readFile(await file.path(), 'utf8')).toBe('name\r\nJane Cooper\r\n')

    const vcard = 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Souza\r\nTEL:+55 11 3000 0000\r\nEND:VCARD\r\n'
    await page.getByRole('button', { name: 'Import…' }).click()
    await page.getByLabel('Customer file to import').setInputFiles({ name: 'contacts.vcf', mimeType: 'text/vcard', buffer: Buffer.from(vcard) })
    await expect(page.getByRole('heading', { name: 'Imported 2 customers; 1 row had problems' })).toBeVisible()
    expect(await fake.calls('customers:import-vcard')).toEqual([{ text: vcard }])
    expect(await fake.calls('customers:import-preview')).toEqual([])
    await expect(page.getByRole('list', { name: 'Problems in the file' })).toContainText('Line 9')
  })

  test('New customer from the customers page', async ({ page }) => {
    const fake = await open(page)
    await goTo(page, 'Customers')
    await page.getByRole('button', { name: 'New customer' }).click()
    const card = page.getByRole('dialog', { name: 'New customer' })
    await card.getByRole('textbox', { name: 'Name' }).fill('Ana Souza')
    await card.getByRole('textbox', { name: 'Company' }).fill('Souza Importação')
    await card.getByRole('textbox', { name: 'Phone number 1' }).fill('+55 11 3000 0000')
    await card.getByRole('button', { name: 'Create customer' }).click()
    await expect(page.getByRole('dialog', { name: 'Ana Souza' })).toBeVisible()
    expect(await last(fake, 'customers:save')).toMatchObject({ id: null, input: { name: 'Ana Souza', company: 'Souza Importação', phones: ['+55 11 3000 0000'] } })
    await expect(page.getByRole('table', { name: 'Customers' }).locator('tbody tr')).toHaveCount(5)
  })
})
