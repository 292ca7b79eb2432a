/**
 * Issue 13.7, 13.10 and 13.16 in the floor table, against the scripted fake main: a pause shown
 * beside the call state and which queues it covers; supervisors named when this machine knows the
 * operator, several of them fitting, one icon per mode; and a reconnecting floor marked once
 * (banner, dimmed table) with its clocks stopped. Screenshots at 1440 and 1024 wide, light and dark.
 */
import { type Locator, type Page, expect, test } from '@playwright/test'
import type { AgentRow } from '../../src/shared/floor'
import type { SupervisionSession } from '../../src/shared/supervision'
import { agent, talking } from './fixtures/floor-data'
import { installSoftphoneApi } from './fixtures/softphone-api'
import { appUrl, collectPageErrors, shootEachLook } from './harness'

function floor(now: number): AgentRow[] {
  return [
    // Paused in support while on a support call; still a member of sales (paused-on-call capture).
    talking('1001', 'Maria Lopez', now, 300, {
      id: 'call-maria',
      supervisors: [
        { extension: '2001', mode: 'whisper' },
        { extension: '2002', mode: 'listen' },
        { extension: '2003', mode: 'barge' }
      ]
    }),
    agent('1002', 'James Whitfield', 'paused', { pauseReason: 'lunch', pause: { reason: 'lunch', queues: ['sales', 'support'], active: [] } }),
    agent('1003', 'Aisha Rahman', 'paused', { pauseReason: 'break', pause: { reason: 'break', queues: ['sales'], active: ['support'] } }),
    talking('1004', 'Tomasz Nowak', now, 75, { id: 'call-tomasz', supervisors: [{ extension: '2002', mode: 'barge' }] }),
    agent('1005', 'Chloe Dubois', 'idle')
  ].map((row) =>
    row.extension === '1001' ? { ...row, pauseReason: 'coaching', pause: { reason: 'coaching', queues: ['support'], active: ['sales'] } } : row
  )
}

/** This machine's supervisor (2001, Sam Supervisor) whispering to Maria Lopez. */
function mySession(now: number): SupervisionSession {
  return {
    id: 'sess-1',
    operator: { id: 'op-1', name: 'Sam Supervisor' },
    supervisorExtension: '2001',
    agentExtension: '1001',
    agentName: 'Maria Lopez',
    agentChannel: 'PJSIP/1001-00000001',
    callId: 'call-maria',
    customer: '+442070001234',
    customerName: null,
    method: 'feature-codes',
    mode: 'whisper',
    phase: 'connected',
    token: 'es0123456789ab',
    legChannel: 'PJSIP/2001-00000009',
    startedAt: now - 60_000,
    answeredAt: now - 59_000,
    endedAt: null,
    endReason: null,
    error: null,
    modes: [{ at: now - 60_000, mode: 'whisper', how: 'initial' }]
  }
}

function cell(page: Page, extension: string, column: string): Locator {
  return page.getByRole('grid', { name: 'Agents' }).locator(`tbody tr[data-extension="${extension}"] td.col-${column}`)
}

async function open(page: Page): Promise<Awaited<ReturnType<typeof installSoftphoneApi>>> {
  const now = Date.now()
  const fake = await installSoftphoneApi(page, { floor: { rows: floor(now) }, sessions: [mySession(now)] })
  await page.goto(appUrl())
  await expect(page.getByRole('grid', { name: 'Agents' })).toBeVisible()
  return fake
}

let errors: string[] = []
test.beforeEach(({ page }) => {
  errors = collectPageErrors(page)
})
test.afterEach(() => {
  expect(errors).toEqual([])
})

test('13.7: a pause shows beside the call state, with its queues when not all of them; Paused counts every paused agent', async ({ page }) => {
  await open(page)
  const talkingPaused = cell(page, '1001', 'status')
  await expect(talkingPaused.locator('.status-badge')).toHaveText('Talking')
  await expect(talkingPaused.locator('.pause-reason')).toHaveText('paused (coaching) · support only')
  await expect(talkingPaused.locator('.pause-reason')).toHaveAttribute('title', 'Paused in support (coaching); still takes calls from sales')
  // Paused in every queue: the reason alone.
  await expect(cell(page, '1002', 'status').locator('.pause-reason')).toHaveText('lunch')
  await expect(cell(page, '1002', 'status').locator('.pause-reason')).toHaveAttribute('title', 'Paused in sales, support (lunch)')
  await expect(cell(page, '1003', 'status').locator('.pause-reason')).toHaveText('break · sales only')

  // Paused counts the talking agent too; Talking still counts it as talking.
  const legend = page.getByRole('list', { name: 'Agents by status' })
  await expect(legend.getByRole('listitem').filter({ hasText: 'Paused' })).toHaveText('Paused 3')
  await expect(legend.getByRole('listitem').filter({ hasText: 'Talking' })).toHaveText('Talking 2')
  const chips = page.getByRole('group', { name: 'Filter by status' })
  await expect(chips.getByRole('button', { name: /^Paused/ })).toHaveText('Paused 3')
  await chips.getByRole('button', { name: /^Paused/ }).click()
  await expect(page.getByRole('grid', { name: 'Agents' }).locator('tbody tr.floor-row')).toHaveCount(3)
  await expect(page.getByRole('grid', { name: 'Agents' }).locator('tbody tr[data-extension="1001"]')).toHaveCount(1)
})

test('13.10: supervisors are named when known, several fit (+N), each mode has its own icon', async ({ page }) => {
  await open(page)
  const status = cell(page, '1001', 'status')
  const tags = status.locator('.tag-spy')
  // The first supervisor is this machine's operator, by name; the two others fold into "+2".
  await expect(tags).toHaveCount(1)
  await expect(tags.first()).toHaveText('Sam Supervisor')
  await expect(tags.first().locator('svg.icon-whisper')).toHaveCount(1)
  const more = status.locator('.tag-spy-more')
  await expect(more).toHaveText('+2')
  const title = 'Sam Supervisor (2001) whispering\n2002 listening\n2003 barging'
  await expect(status.locator('.supervisors')).toHaveAttribute('title', title)
  // Screen readers get every one of them (the chips themselves are hidden from them).
  await expect(status.locator('.supervisors .visually-hidden')).toHaveText(title.replace(/\n/g, ', '))
  // A name too long for the column ends in an ellipsis rather than being cut.
  await expect(tags.first().locator('.tag-spy-name')).toHaveCSS('text-overflow', 'ellipsis')

  const barge = cell(page, '1004', 'status').locator('.tag-spy')
  await expect(barge).toHaveText('2002')
  await expect(barge.locator('svg.icon-barge')).toHaveCount(1)
  await expect(barge.locator('svg.icon-listen')).toHaveCount(0)
})

test('13.16: reconnecting marks the floor once (banner, dimmed table), no row says Stale, and the clocks stop', async ({ page }) => {
  const fake = await open(page)
  const time = cell(page, '1004', 'time')
  // Ticking while live (its value depends on how long the page took to load).
  const before = await time.innerText()
  await expect(time).not.toHaveText(before)
  await fake.floor.setStatus({ source: 'pbx', state: 'reconnecting', message: 'Connection refused', retryAt: fake.floor.serverNow() + 8000, stale: true })
  const banner = page.getByTestId('connection-banner')
  await expect(banner).toContainText('Reconnecting to the PBX')
  await expect(banner).toContainText(/Showing the floor as of .*: talk times are stopped until Earshot is live again\./)
  await expect(page.getByRole('grid', { name: 'Agents' })).toHaveClass(/is-stale/)
  await expect(page.getByRole('grid', { name: 'Agents' }).locator('tbody').getByText('Stale', { exact: true })).toHaveCount(0)
  const frozen = await time.innerText()
  const longest = await page.getByTestId('longest-call').innerText()
  // Two ticks of the shared clock later, the stopped times still read the same.
  await page.waitForTimeout(2200)
  await expect(time).toHaveText(frozen)
  await expect(page.getByTestId('longest-call')).toHaveText(longest)
  await expect(time.locator('.time')).toHaveAttribute('title', /^Stopped: the talk time when Earshot last heard from the PBX$/)

  await fake.floor.setStatus({ source: 'pbx', state: 'live', message: null, retryAt: null, stale: false })
  await expect(page.getByRole('grid', { name: 'Agents' })).not.toHaveClass(/is-stale/)
  await expect(time).not.toHaveText(frozen)
})

test('screenshots: pause, supervisors, reconnecting, 1440 and 1024 wide, light and dark', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1440, height: 760 })
  const fake = await open(page)
  await expect(cell(page, '1001', 'status').locator('.tag-spy')).toHaveText('Sam Supervisor')
  const shots = (name: string): Promise<void> => shootEachLook(page, testInfo, { widths: [1440, 1024], height: 760 }, (width, scheme) => `${name}-${String(width)}-${scheme}`)
  await shots('floor-states')
  await fake.floor.setStatus({ source: 'pbx', state: 'reconnecting', message: 'Connection refused', retryAt: fake.floor.serverNow() + 8000, stale: true })
  await expect(page.getByRole('grid', { name: 'Agents' })).toHaveClass(/is-stale/)
  await shots('floor-states-stale')
})
