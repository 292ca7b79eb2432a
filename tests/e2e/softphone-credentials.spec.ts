/**
 * A new SIP password makes the softphone register again with it (issue 13.4). Before, the
 * softphone kept the registration made with the old password: right after a wrong one was saved
 * the status bar still said Registered (and Test connection passed), until the next refresh
 * minutes later. The real browser host (the admin sets everything up on the settings page) and
 * the demo PBX's registrar, started here with a known password, which challenges every REGISTER.
 */
import { expect, type Locator, type Page, test } from '@playwright/test'
import { type DemoPbx, startDemoPbx } from '../../src/main/demo-pbx'
import { type RunningHost, startHost } from './host'

const RIGHT = 'right-sip-password-2001'
const WRONG = 'wrong-sip-password-2001'

let host: RunningHost | null = null
let pbx: DemoPbx | null = null
test.afterEach(async () => {
  await host?.stop()
  host = null
  await pbx?.stop()
  pbx = null
})

interface Registrations {
  contacts: Array<{ extension: string; uri: string; websocket: number }>
  websockets: number
  removed: Array<{ extension: string; uri: string; how: string }>
}

async function registrations(demo: DemoPbx): Promise<Registrations> {
  const res = await fetch(demo.sip.reportUrl.replace('/demo/supervision', '/demo/registrations'))
  return (await res.json()) as Registrations
}

const field = (page: Page, label: string): Locator => page.getByLabel(label, { exact: true })
const section = (page: Page, name: string): Locator => page.getByRole('navigation', { name: 'Settings sections' }).getByRole('button', { name: new RegExp(`^${name}`) })

/** Settings → the password field's Set password / Replace → type → Save password. */
async function setPassword(page: Page, what: 'AMI password' | 'SIP password', value: string): Promise<void> {
  await page.getByRole('button', { name: new RegExp(`^(Set password|Replace) \\(${what}\\)$`) }).click()
  await page.getByLabel(new RegExp(`^(New )?${what}$`)).fill(value)
  await page.getByRole('button', { name: 'Save password' }).click()
  await expect(page.locator('.secret-note')).toHaveText('Saved in the keychain')
}

test('storing a new SIP password re-registers the softphone: a wrong one takes the old registration down and shows the 401 at once, the right one registers again', async ({ page }) => {
  test.setTimeout(120_000)
  const demo = (pbx = await startDemoPbx({ agents: 4, sipPasswords: { '2001': RIGHT } }))
  host = await startHost([])
  await page.goto(host.url)
  const status = page.getByTestId('softphone-status')

  // The admin sets the PBX and the softphone up on the settings page.
  await page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: 'Settings' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible()
  await field(page, 'AMI address').fill(demo.url)
  await field(page, 'AMI user').fill(demo.username)
  await setPassword(page, 'AMI password', demo.secret)
  await section(page, 'Softphone').click()
  await field(page, 'WebSocket address').fill(demo.sip.url)
  await field(page, 'SIP extension').fill('2001')
  await setPassword(page, 'SIP password', RIGHT)
  await page.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(status).toHaveAttribute('data-state', 'registered', { timeout: 30_000 })
  await expect.poll(async () => (await registrations(demo)).contacts.length, { timeout: 15_000 }).toBe(1)
  const first = await registrations(demo)
  expect(first.contacts.map((c) => c.extension)).toEqual(['2001'])
  const old = first.contacts[0]?.uri ?? ''

  // Replace the SIP password with a wrong one: the PBX refuses it now, not at the next refresh.
  await setPassword(page, 'SIP password', WRONG)
  await expect(status).toHaveAttribute('data-state', 'failed', { timeout: 30_000 })
  await expect(status).toContainText('401')
  await expect.poll(async () => (await registrations(demo)).contacts, { timeout: 15_000 }).toEqual([])
  expect((await registrations(demo)).removed.map((r) => r.uri)).toContain(old)

  // Test connection says so too.
  await section(page, 'Test connection').click()
  await page.getByRole('group', { name: 'Test connection' }).getByRole('button', { name: 'Test connection', exact: true }).click()
  const login = page.getByRole('list', { name: 'Test connection results' }).locator('[data-step="sip-login"]')
  await expect(login).toHaveAttribute('data-status', 'fail', { timeout: 30_000 })
  await expect(login).toContainText('The PBX refused the password of extension 2001')

  // The right one again: registered again, with a new contact, and no socket left over.
  await section(page, 'Softphone').click()
  await setPassword(page, 'SIP password', RIGHT)
  await expect(status).toHaveAttribute('data-state', 'registered', { timeout: 30_000 })
  await expect.poll(async () => (await registrations(demo)).contacts.map((c) => c.extension), { timeout: 15_000 }).toEqual(['2001'])
  expect((await registrations(demo)).contacts[0]?.uri).not.toBe(old)
  await expect.poll(async () => (await registrations(demo)).websockets, { timeout: 15_000 }).toBe(1)
})
