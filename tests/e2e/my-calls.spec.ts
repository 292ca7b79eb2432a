/**
 * "My calls" (issue 13.13): what an operator without see-everyone (an agent) sees — their own
 * line and calls, the customer card, a softphone label that says whose it is — and none of the
 * supervisors' chrome (counters of other agents, search and filters, a table of one row, the
 * Controls column, supervisor tags).
 */
import { type Locator, type Page, expect, test } from '@playwright/test'
import type { SoftphoneConfig } from '../../src/shared/contract'
import type { AgentRow } from '../../src/shared/floor'
import { installFakeApi } from './fixtures/fake-api'
import { ADMIN, AGENT, type FakeOperator, WATCHER } from './fixtures/fake-console'
import { agent, call, talking } from './fixtures/floor-data'
import { appUrl, collectPageErrors } from './harness'

/** This desk's softphone is 2001 (a supervisor's extension); the agent signed in is 1001. Its ws:// address off this computer is refused without a connection attempt. */
const DESK_SOFTPHONE: SoftphoneConfig = { configured: true, wsUrl: 'ws://pbx.example.com:8088/ws', extension: '2001', domain: 'pbx.example.com', authUser: '2001', displayName: 'Desk 4', source: 'settings', passwordRevision: 'r1' }

function floor(now: number, maria: AgentRow = talkingMaria(now)): AgentRow[] {
  return [maria, agent('1002', 'James Whitfield', 'idle'), talking('1006', 'Daniel Okafor', now, 1200, { customer: '+442079460000', id: 'call-daniel' })]
}

/** Maria on a known customer's call, with a supervisor listening (main would not tell her: the fake strips it like main). */
function talkingMaria(now: number): AgentRow {
  const maria = talking('1001', 'Maria Lopez', now, 190, { customer: '+442070001111', id: 'call-maria', supervisors: [{ extension: '2002', mode: 'listen' }] })
  const first = maria.calls[0]
  if (first !== undefined) {
    first.customerRecord = { id: 'cust-1', name: 'Jane Cooper', company: 'Acme Ltd' }
    first.customerNumber = { e164: '+442070001111', display: '020 7000 1111' }
  }
  return maria
}

async function open(page: Page, rows: AgentRow[], who: FakeOperator = AGENT): Promise<void> {
  await installFakeApi(page, { rows, console: { operators: [ADMIN, WATCHER, AGENT], signedIn: who.id, softphone: DESK_SOFTPHONE } })
  await page.goto(appUrl())
  await expect(page.getByRole('heading', { level: 1, name: 'My calls' })).toBeVisible({ timeout: 15_000 })
}

function line(page: Page): Locator {
  return page.getByTestId('my-line')
}

function overlaps(a: { x: number; y: number; width: number; height: number }, b: { x: number; y: number; width: number; height: number }): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height
}

let errors: string[] = []
test.beforeEach(({ page }) => {
  errors = collectPageErrors(page)
})
test.afterEach(() => {
  expect(errors).toEqual([])
})

test('an agent sees their line and call, and none of the supervisors’ chrome', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 860 })
  await open(page, floor(Date.now()))
  await expect(line(page).getByRole('heading', { name: 'Maria Lopez' })).toBeVisible()
  await expect(line(page)).toContainText('Extension 1001')
  await expect(line(page).locator('.avatar')).toHaveText('ML')
  const myCall = line(page).getByRole('list', { name: 'Your call' }).getByRole('listitem')
  await expect(myCall).toHaveCount(1)
  await expect(myCall).toContainText('Incoming')
  await expect(myCall).toContainText('Jane Cooper')
  await expect(myCall).toContainText('Acme Ltd · 020 7000 1111')
  await expect(line(page).locator('.my-line-state')).toContainText('Talking')
  await expect(myCall.locator('.time')).toHaveText(/^0[3-4]:\d\d$/)

  // Nothing of the supervisors' floor.
  await expect(page.getByRole('grid')).toHaveCount(0)
  await expect(page.getByRole('columnheader', { name: 'Controls' })).toHaveCount(0)
  await expect(page.getByRole('region', { name: 'Floor summary' })).toHaveCount(0)
  await expect(page.getByText('Supervised', { exact: true })).toHaveCount(0)
  await expect(page.getByRole('group', { name: 'Filter by status' })).toHaveCount(0)
  await expect(page.getByRole('searchbox')).toHaveCount(0)
  for (const name of ['Listen', 'Whisper', 'Barge']) await expect(page.getByRole('button', { name })).toHaveCount(0)
  // Who is listening is not hers to see.
  await expect(page.locator('.tag-spy, .supervisors')).toHaveCount(0)
  await expect(page.locator('.content')).not.toContainText('2002')
  await expect(page.locator('.content')).not.toContainText(/listening|monitor/i)

  // The status bar counts no agents ("1 agents"), and the softphone is the desk's, not hers.
  const statusbar = page.locator('.statusbar')
  await expect(statusbar).not.toContainText(/\d+ agents?\b/)
  const softphone = page.getByTestId('softphone-status')
  await expect(softphone).toContainText('Desk softphone 2001')
  await expect(softphone).toHaveAttribute('title', /your own extension is 1001/)

  // The customer card opens beside her line, covering none of the call.
  await page.getByRole('button', { name: 'Customer details: Jane Cooper' }).click()
  const card = page.getByRole('dialog', { name: 'Jane Cooper' })
  await expect(card).toBeVisible()
  const cardBox = await card.boundingBox()
  const callBox = await myCall.boundingBox()
  expect(cardBox).not.toBeNull()
  expect(callBox).not.toBeNull()
  if (cardBox !== null && callBox !== null) expect(overlaps(cardBox, callBox)).toBe(false)
  // Hers to read, not to create or edit (main refuses an operator without scopes), and no notes.
  await expect(card.getByRole('button', { name: /^(Create customer|Edit details)$/ })).toHaveCount(0)
  await expect(card.getByRole('textbox', { name: 'Notes' })).toHaveCount(0)
  await card.getByRole('button', { name: 'Close customer details' }).click()
  await expect(card).toHaveCount(0)

  // Her earlier calls: one click to the call log.
  await line(page).locator('..').getByRole('button', { name: 'Call log' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Call log' })).toBeVisible()
})

test('an agent with no call, paused in one queue; a second call on hold; an extension that is not on the floor', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 768 })
  const now = Date.now()
  const paused = agent('1001', 'Ben (agent)', 'paused', { pause: { reason: 'Lunch', queues: ['sales'], active: ['support'] } })
  const fake = await installFakeApi(page, { rows: floor(now, paused), console: { operators: [ADMIN, WATCHER, { ...AGENT, name: 'Ben (agent)' }], signedIn: AGENT.id } })
  await page.goto(appUrl())
  await expect(line(page).getByRole('heading', { name: 'Ben (agent)' })).toBeVisible({ timeout: 15_000 })
  await expect(line(page).locator('.avatar')).toHaveText('B')
  await expect(line(page)).toContainText('Paused')
  await expect(line(page)).toContainText('Lunch · sales only')
  await expect(line(page)).toContainText('No call right now. Paused in sales: only calls from support and direct calls ring you.')

  // Two calls: each its own line, the one on hold says so.
  const busy = talkingMaria(now)
  busy.name = 'Ben (agent)'
  busy.calls.push(call('1001', { startedAt: now - 95_000, answeredAt: now - 90_000, onHold: true, customer: '+441632960961', direction: 'outbound' }))
  await fake.change([busy])
  const calls = line(page).getByRole('list', { name: 'Your calls' }).getByRole('listitem')
  await expect(calls).toHaveCount(2)
  await expect(calls.nth(1)).toContainText('Outgoing')
  await expect(calls.nth(1)).toContainText('On hold')
  await expect(calls.nth(1)).toContainText('+441632960961')

  // The PBX no longer lists the extension.
  await fake.change([], ['1001'])
  await expect(line(page).getByRole('heading', { name: 'Extension 1001 is not on the floor' })).toBeVisible()
})

test('see-everyone still gets the live floor; one agent is "1 agent"', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 860 })
  const now = Date.now()
  await installFakeApi(page, { rows: [talkingMaria(now)], console: { operators: [ADMIN, WATCHER, AGENT], signedIn: WATCHER.id } })
  await page.goto(appUrl())
  await expect(page.getByRole('heading', { level: 1, name: 'Live floor' })).toBeVisible({ timeout: 15_000 })
  await expect(page.getByRole('grid', { name: 'Agents' })).toBeVisible()
  await expect(page.locator('.table-count')).toHaveText('1 agent')
  await expect(page.locator('.statusbar')).toContainText('1 agent')
  await expect(page.locator('.statusbar')).not.toContainText('1 agents')
  // Supervisors see who is listening.
  await expect(page.locator('.supervisors')).toHaveCount(1)
})
