/**
 * Screenshots for review (test-results/settings-*.png), 1280×800, each shot light and dark: the first-run
 * wizard, the settings page with a field error, Test connection with a failure, the sign-in
 * screen, the operators list and the operator's menu in the top bar; the page over saved settings
 * that no longer read (at 1440 and 1024).
 */
import { type Page, type TestInfo, expect, test } from '@playwright/test'
import { DEFAULT_SETTINGS, type MachineSettings } from '../../src/shared/settings'
import { NO_SOURCE, installFakeApi } from './fixtures/fake-api'
import { ADMIN, AGENT, WATCHER } from './fixtures/fake-console'
import { appUrl, collectPageErrors, shootEachLook } from './harness'

const CONFIGURED: MachineSettings = {
  ...DEFAULT_SETTINGS,
  pbx: { ...DEFAULT_SETTINGS.pbx, url: 'ami://pbx.example.com:5038', username: 'earshot', featureCodes: { listen: '*222', whisper: '*223', barge: '*224' } },
  softphone: { wsUrl: 'wss://pbx.example.com:8089/ws', extension: '2001', authUser: '', displayName: 'Alex' }
}

/** `settings-<name>-light.png` and `-dark.png`, at 1280×800. */
function shots(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  return shootEachLook(page, testInfo, { widths: [1280], height: 800 }, (_width, scheme) => `settings-${name}-${scheme}`)
}

async function openSettings(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: 'Settings' }).click()
  await expect(page.getByRole('heading', { level: 2, name: 'PBX management' })).toBeVisible()
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

  test('wizard', async ({ page }, testInfo) => {
    await installFakeApi(page, { connection: NO_SOURCE, console: { firstRun: true } })
    await page.goto(appUrl())
    await shots(page, testInfo, 'wizard-admin')
    await page.getByLabel('Name', { exact: true }).fill('Jordan Ellis')
    await page.getByLabel('SIP extension').fill('2001')
    await page.getByLabel('PIN', { exact: true }).fill('4321')
    await page.getByLabel('PIN again').fill('4321')
    await page.getByRole('button', { name: 'Create administrator' }).click()
    await page.getByLabel('AMI address', { exact: true }).fill('amis://pbx.example.com:5039')
    await page.getByLabel('AMI user', { exact: true }).fill('earshot')
    await page.getByRole('button', { name: 'Set password (AMI password)' }).click()
    await page.getByLabel('AMI password', { exact: true }).fill('secret')
    await page.getByRole('button', { name: 'Save password' }).click()
    await expect(page.locator('#setting-pbx-password-state')).toHaveText('Saved')
    await page.getByLabel('Listen code').fill('*222')
    await page.getByRole('heading', { level: 2, name: 'Connect to the PBX' }).click()
    await shots(page, testInfo, 'wizard')
    // The rest of the step: the supervision method, the codes, the step's buttons and the demo offer.
    await page.getByRole('button', { name: 'Try the demo floor instead' }).scrollIntoViewIfNeeded()
    await shots(page, testInfo, 'wizard-end')
  })

  test('settings with a field error', async ({ page }, testInfo) => {
    await installFakeApi(page, { console: { settings: CONFIGURED, secrets: { amiPassword: true, sipPassword: false } } })
    await page.goto(appUrl())
    await openSettings(page)
    const url = page.getByLabel('AMI address', { exact: true })
    await url.fill('http://pbx.example.com')
    await url.blur()
    await expect(url).toHaveAttribute('aria-invalid', 'true')
    await shots(page, testInfo, 'field-error')
  })

  test('saved settings that no longer read, at 1440 and 1024', async ({ page }, testInfo) => {
    const problem = 'The saved settings are not valid (softphone.wsUrl: Use wss:// for a PBX on the network; ws:// is allowed only to this computer).'
    await installFakeApi(page, { console: { settings: CONFIGURED, settingsProblem: problem, secrets: { amiPassword: true, sipPassword: false } } })
    await page.goto(appUrl())
    await openSettings(page)
    await expect(page.locator('.settings-repair')).toContainText(problem)
    await shootEachLook(page, testInfo, { widths: [1440, 1024], height: 800 }, (width, scheme) => `settings-repair-${String(width)}-${scheme}`)
  })

  test('Test connection with a failure', async ({ page }, testInfo) => {
    await installFakeApi(page, { console: { settings: CONFIGURED, secrets: { amiPassword: true, sipPassword: true } } })
    await page.goto(appUrl())
    await openSettings(page)
    await page.getByRole('navigation', { name: 'Settings sections' }).getByRole('button', { name: 'Test connection' }).click()
    await page.getByRole('region', { name: 'Test connection' }).getByRole('button', { name: 'Test connection' }).click()
    await expect(page.getByRole('list', { name: 'Test connection results' }).getByRole('listitem')).toHaveCount(6)
    await shots(page, testInfo, 'test-connection')
  })

  test('sign-in', async ({ page }, testInfo) => {
    await installFakeApi(page, { console: { operators: [ADMIN, WATCHER, AGENT], signedIn: null } })
    await page.goto(appUrl())
    await page.getByRole('radio', { name: 'Priya Shah' }).check()
    await page.getByLabel('PIN').fill('0000')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await expect(page.getByRole('alert')).toBeVisible()
    await shots(page, testInfo, 'sign-in')
  })

  test('operators', async ({ page }, testInfo) => {
    await installFakeApi(page, { console: { settings: CONFIGURED, operators: [ADMIN, WATCHER, AGENT] } })
    await page.goto(appUrl())
    await openSettings(page)
    await page.getByRole('navigation', { name: 'Settings sections' }).getByRole('button', { name: 'Operators' }).click()
    await page.getByRole('button', { name: 'Edit Maria Lopez' }).click()
    await expect(page.getByRole('form', { name: 'Edit Maria Lopez' })).toBeVisible()
    await shots(page, testInfo, 'operators')
    await page.getByRole('banner').getByRole('button', { name: /, signed in$/ }).click()
    await expect(page.getByRole('menu')).toBeVisible()
    await shots(page, testInfo, 'account-menu')
  })
})
