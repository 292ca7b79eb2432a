/**
 * First run, sign-in, switching operator, and what each scope sees — against the fake main
 * (fixtures/fake-console.ts over fixtures/fake-api.ts), which records what the UI sent.
 */
import { type Locator, type Page, expect, test } from '@playwright/test'
import type { AgentRow } from '../../src/shared/floor'
import type { Scope } from '../../src/shared/settings'
import { LIVE_PBX, NO_SOURCE, installFakeApi } from './fixtures/fake-api'
import { ADMIN, AGENT, FAILING_STEPS, FakeConsole, WATCHER } from './fixtures/fake-console'
import { agent, talking } from './fixtures/floor-data'
import { appUrl, collectPageErrors } from './harness'

function floor(now: number): AgentRow[] {
  return [
    talking('1001', 'Maria Lopez', now, 300, { customer: '+442070001111', id: 'call-maria' }),
    agent('1002', 'James Whitfield', 'idle'),
    talking('1006', 'Daniel Okafor', now, 1200, { customer: '+442079460000', id: 'call-daniel' })
  ]
}

function topbar(page: Page): Locator {
  return page.getByRole('banner')
}

function pages(page: Page): Locator {
  return page.getByRole('navigation', { name: 'Pages' })
}

/** Which of the two scope-bound pages the top bar offers (other pages may come and go). */
async function expectPages(page: Page, expected: { monitor: boolean; settings: boolean }): Promise<void> {
  await expect(pages(page).getByRole('button', { name: 'Monitor', exact: true })).toHaveCount(expected.monitor ? 1 : 0)
  await expect(pages(page).getByRole('button', { name: 'Settings', exact: true })).toHaveCount(expected.settings ? 1 : 0)
}

function field(page: Page, label: string | RegExp): Locator {
  return page.getByLabel(label, { exact: typeof label === 'string' })
}

let errors: string[] = []
test.beforeEach(({ page }) => {
  errors = collectPageErrors(page)
})
test.afterEach(() => {
  expect(errors).toEqual([])
})

test.describe('first run', () => {
  test('the wizard creates the admin, walks PBX / Softphone / Floor (one skipped), and Test connection shows the checklist', async ({ page }) => {
    const fake = await installFakeApi(page, { connection: NO_SOURCE, console: { firstRun: true } })
    await page.goto(appUrl())

    await expect(page.getByRole('heading', { level: 1, name: 'Set up Earshot' })).toBeVisible()
    await expect(page.getByRole('heading', { level: 2, name: 'Create the administrator' })).toBeVisible()
    const steps = page.getByRole('list', { name: 'Setup steps' })
    await expect(steps.getByRole('listitem')).toHaveText(['1Administrator', '2PBX', '3Softphone', '4Floor', '5Test connection'])
    await expect(steps.locator('[aria-current="step"]')).toContainText('Administrator')
    // Nothing is asked of main that needs an operator.
    expect(await fake.count('floor:snapshot')).toBe(0)
    // The demo needs an admin (demo:start is configure-everything): it is offered from the next step.
    await expect(page.getByRole('button', { name: 'Try the demo floor instead' })).toHaveCount(0)

    // Empty: each field says what is missing, next to it.
    await page.getByRole('button', { name: 'Create administrator' }).click()
    const name = field(page, 'Name')
    await expect(name).toBeFocused()
    await expect(name).toHaveAttribute('aria-invalid', 'true')
    await expect(page.locator(`#${await errorIdOf(name)}`)).toContainText('Enter the operator’s name')
    await name.fill('Jordan Ellis')
    await field(page, 'SIP extension').fill('2001')
    await field(page, 'PIN').fill('4321')
    await field(page, 'PIN again').fill('4322')
    await page.getByRole('button', { name: 'Create administrator' }).click()
    await expect(field(page, 'PIN again')).toBeFocused()
    await expect(page.getByText('The two PINs are not the same.')).toBeVisible()
    await field(page, 'PIN').fill('4321')
    await field(page, 'PIN again').fill('4321')
    await page.getByRole('button', { name: 'Create administrator' }).click()

    await expect(page.getByRole('heading', { level: 2, name: 'Connect to the PBX' })).toBeFocused()
    expect(await fake.invocations()).toContainEqual({ channel: 'setup:first-admin', request: { name: 'Jordan Ellis', extension: '2001', pin: '4321' } })
    await expect(page.getByText('Signed in as Jordan Ellis')).toBeVisible()
    await expect(page.getByRole('button', { name: 'Try the demo floor instead' })).toBeVisible()

    // PBX: address, user, password (to the keychain at once), ChanSpy.
    await field(page, 'AMI address').fill('ami://pbx.example.com:5038')
    await field(page, 'AMI user').fill('earshot')
    await page.getByRole('button', { name: 'Set password (AMI password)' }).click()
    await field(page, 'AMI password').fill('s3cret-ami')
    await page.getByRole('button', { name: 'Save password' }).click()
    await expect(page.locator('#setting-pbx-password-state')).toHaveText('Saved')
    await page.getByRole('radio', { name: 'Direct ChanSpy' }).check()
    await page.getByRole('button', { name: 'Save and continue' }).click()

    // Softphone: skipped; nothing typed there is saved.
    await expect(page.getByRole('heading', { level: 2, name: 'Softphone' })).toBeVisible()
    await field(page, 'WebSocket address').fill('wss://half-typed')
    await page.getByRole('button', { name: 'Skip this step' }).click()

    // Floor: extensions matching a pattern.
    await expect(page.getByRole('heading', { level: 2, name: 'Agents on the floor' })).toBeVisible()
    await page.getByRole('radio', { name: 'Extensions matching a pattern' }).check()
    await field(page, 'Extension pattern').fill('1XXX')
    await field(page, 'Extensions to hide').fill('2001')
    await field(page, 'Extensions to hide').press('Enter')
    await page.getByRole('button', { name: 'Save and continue' }).click()

    await expect(page.getByRole('heading', { level: 2, name: 'Test the connection' })).toBeVisible()
    await expect(steps.locator('.is-done')).toHaveCount(3)
    await expect(steps.locator('.is-skipped')).toContainText('Softphone')

    const saves = (await fake.invocations()).filter((i) => i.channel === 'settings:save').map((i) => i.request as { settings: Record<string, Record<string, unknown>> })
    expect(saves).toHaveLength(2)
    expect(saves[0]?.settings['pbx']).toMatchObject({ url: 'ami://pbx.example.com:5038', username: 'earshot', method: 'chanspy' })
    expect(saves[1]?.settings['floor']).toEqual({ agents: { kind: 'pattern', pattern: '1XXX' }, hidden: ['2001'] })
    expect(saves[1]?.settings['softphone']).toMatchObject({ wsUrl: '' })
    expect(await fake.invocations()).toContainEqual({ channel: 'settings:set-secret', request: { account: 'ami', value: 's3cret-ami', address: 'ami://pbx.example.com:5038' } })

    await page.getByRole('button', { name: 'Test connection' }).click()
    const checklist = page.getByRole('list', { name: 'Test connection results' })
    await expect(checklist.getByRole('listitem')).toHaveCount(FAILING_STEPS.length)
    await expect(page.getByText('1 of 6 checks failed')).toBeVisible()
    const failed = checklist.locator('[data-step="privileges"]')
    await expect(failed).toHaveAttribute('data-status', 'fail')
    await expect(failed).toContainText('Failed')
    await expect(failed).toContainText('Permission denied')
    await expect(failed.locator('pre code')).toHaveText('[earshot]\nwrite = system,call,originate,reporting')
    await expect(checklist.locator('[data-step="tls"]')).toContainText('Warning')
    await expect(checklist.locator('[data-step="feature-codes"]')).toContainText('Skipped')
    const tested = (await fake.invocations()).filter((i) => i.channel === 'settings:test')
    expect(tested).toHaveLength(1)
    expect(tested[0]?.request).toMatchObject({ settings: { pbx: { url: 'ami://pbx.example.com:5038' } } })

    await page.getByRole('button', { name: 'Finish and open the floor' }).click()
    await expect(page.getByRole('heading', { name: 'Welcome to Earshot' })).toBeVisible()
    await expect(topbar(page)).toContainText('Jordan Ellis')
    await expectPages(page, { monitor: true, settings: true })
  })

  test('after the admin, the demo floor is offered instead of the remaining steps', async ({ page }) => {
    const fake = await installFakeApi(page, { connection: NO_SOURCE, demoRows: floor(Date.now()), console: { firstRun: true } })
    await page.goto(appUrl())
    await field(page, 'Name').fill('Jordan Ellis')
    await field(page, 'SIP extension').fill('2001')
    await field(page, 'PIN').fill('4321')
    await field(page, 'PIN again').fill('4321')
    await page.getByRole('button', { name: 'Create administrator' }).click()
    await page.getByRole('button', { name: 'Try the demo floor instead' }).click()
    await expect.poll(() => fake.count('demo:start')).toBe(1)
    await expect(page.getByRole('grid', { name: 'Agents' })).toBeVisible()
    await expect(page.getByText('Demo floor · simulated calls')).toBeVisible()
  })
})

test.describe('sign-in', () => {
  test('a wrong PIN shows main’s words and clears the field; the right one opens the console; switch and sign out', async ({ page }) => {
    const fake = await installFakeApi(page, { rows: floor(Date.now()), console: { operators: [ADMIN, WATCHER, AGENT], signedIn: null } })
    await page.goto(appUrl())

    await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible()
    const operators = page.getByRole('group', { name: 'Operator' })
    await expect(operators.getByRole('radio')).toHaveCount(3)
    expect(await fake.count('floor:snapshot')).toBe(0)

    const pin = field(page, 'PIN')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await expect(page.getByRole('alert')).toHaveText('Choose who you are first.')

    await operators.getByRole('radio', { name: 'Alex Morgan' }).check()
    await pin.fill('0000')
    await pin.press('Enter')
    await expect(page.getByRole('alert')).toHaveText('Wrong PIN, or no such operator.')
    await expect(pin).toHaveValue('')
    await expect(pin).toBeFocused()
    await expect(pin).toHaveAttribute('aria-invalid', 'true')
    await expect(pin).toHaveAttribute('aria-describedby', await page.getByRole('alert').getAttribute('id').then((id) => id ?? 'missing'))
    expect(await fake.invocations()).toContainEqual({ channel: 'session:sign-in', request: { operatorId: ADMIN.id, pin: '0000' } })

    await pin.fill('1234')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await expect(page.getByRole('grid', { name: 'Agents' })).toBeVisible()
    // The operator's name in the top bar opens a menu: Switch operator, Sign out.
    const account = topbar(page).getByRole('button', { name: /, signed in$/ })
    await expect(account).toContainText('Alex Morgan')
    await expect(page.getByRole('heading', { level: 1, name: 'Live floor' })).toBeVisible()

    // Switch operator, then change one's mind: back to Alex, the console as it was (not reloaded).
    const snapshots = await fake.count('floor:snapshot')
    await account.click()
    const menu = page.getByRole('menu', { name: 'Alex Morgan' })
    await expect(menu.getByRole('menuitem')).toHaveText(['Switch operator', 'Sign out'])
    await expect(menu.getByRole('menuitem', { name: 'Switch operator' })).toBeFocused()
    await menu.getByRole('menuitem', { name: 'Switch operator' }).click()
    const dialog = page.getByRole('dialog', { name: 'Switch operator' })
    await expect(dialog).toBeVisible()
    await expect(dialog.getByRole('radio', { name: 'Alex Morgan' })).toBeFocused()
    await dialog.getByRole('button', { name: 'Cancel' }).click()
    await expect(dialog).toHaveCount(0)
    await expect(account).toBeFocused()
    // By keyboard: Enter opens the menu on its first item, Enter chooses it, Escape cancels.
    await account.press('Enter')
    await page.keyboard.press('Enter')
    await expect(dialog).toBeVisible()
    await page.keyboard.press('Escape')
    await expect(dialog).toHaveCount(0)
    await expect(account).toBeFocused()
    expect(await fake.count('floor:snapshot')).toBe(snapshots)

    // Switch to Priya (see-everyone only): Monitor, but no Settings and no supervision buttons.
    await account.click()
    await page.getByRole('menuitem', { name: 'Switch operator' }).click()
    await page.getByRole('radio', { name: 'Priya Shah' }).check()
    await field(page, 'PIN').fill('5555')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await expect(account).toContainText('Priya Shah')
    await expectPages(page, { monitor: true, settings: false })
    await expect(page.getByRole('row').filter({ hasText: 'Daniel Okafor' })).toBeVisible()
    await expect(page.getByRole('button', { name: 'Listen' })).toHaveCount(0)

    await account.click()
    await page.getByRole('menuitem', { name: 'Sign out' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible()
    expect(await fake.count('session:sign-out')).toBe(1)
    await expect(page.getByRole('grid', { name: 'Agents' })).toHaveCount(0)
  })

  test('sign-in preselects the only operator, else the last one signed in here, and puts the focus in the PIN', async ({ page }) => {
    await installFakeApi(page, { rows: floor(Date.now()), console: { operators: [WATCHER], signedIn: null } })
    await page.goto(appUrl())
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible()
    await expect(page.getByRole('radio', { name: 'Priya Shah' })).toBeChecked()
    await expect(field(page, 'PIN')).toBeFocused()
  })

  test('after a sign-out the one who signed in last is chosen, also after a reload', async ({ page }) => {
    await installFakeApi(page, { rows: floor(Date.now()), console: { operators: [ADMIN, WATCHER, AGENT], signedIn: null } })
    const fake = new FakeConsole(page)
    await page.goto(appUrl())
    const operators = page.getByRole('group', { name: 'Operator' })
    // Nobody has signed in on this machine yet: nobody is chosen for them, and the choice has the focus.
    await expect(operators.getByRole('radio', { checked: true })).toHaveCount(0)
    await expect(operators.getByRole('radio').first()).toBeFocused()
    await operators.getByRole('radio', { name: 'Priya Shah' }).check()
    await field(page, 'PIN').fill('5555')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await expect(page.getByRole('grid', { name: 'Agents' })).toBeVisible()
    await fake.signInAs(null)
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible()
    await expect(operators.getByRole('radio', { name: 'Priya Shah' })).toBeChecked()
    await expect(field(page, 'PIN')).toBeFocused()
    await page.reload()
    await expect(page.getByRole('radio', { name: 'Priya Shah' })).toBeChecked()
    await expect(field(page, 'PIN')).toBeFocused()
  })

  test('follows session:state: signed out elsewhere shows sign-in; a scope granted shows at once', async ({ page }) => {
    await installFakeApi(page, { rows: floor(Date.now()), console: { operators: [ADMIN, WATCHER], signedIn: WATCHER.id } })
    const fake = new FakeConsole(page)
    await page.goto(appUrl())
    await expectPages(page, { monitor: true, settings: false })
    await fake.setScopes(WATCHER.id, ['see-everyone', 'configure-everything'])
    await expectPages(page, { monitor: true, settings: true })
    await expect(page.getByRole('row').filter({ hasText: 'Maria Lopez' }).getByRole('button', { name: 'Listen' })).toBeVisible()
    await fake.signInAs(null)
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible()
  })
})

test.describe('scopes', () => {
  test('without see-everyone: only their own call, no Monitor, no Settings, no Listen/Whisper/Barge, nothing forbidden asked', async ({ page }) => {
    const fake = await installFakeApi(page, { rows: floor(Date.now()), console: { operators: [ADMIN, AGENT], signedIn: AGENT.id, supervision: { available: false, reason: 'No feature codes.' } } })
    await page.goto(appUrl())
    // Their own line (tests/e2e/my-calls.spec.ts has the rest of that view), not the floor.
    const line = page.getByTestId('my-line')
    await expect(line).toBeVisible()
    await expect(page.getByRole('heading', { level: 1, name: 'My calls' })).toBeVisible()
    await expect(page.getByRole('grid', { name: 'Agents' })).toHaveCount(0)
    await expect(line).toContainText('Maria Lopez')
    await expect(line).toContainText('Talking')
    await expect(line).not.toContainText('Daniel Okafor')

    await expectPages(page, { monitor: false, settings: false })
    await expect(page.getByText('Monitor', { exact: true })).toHaveCount(0)
    await expect(page.getByRole('button', { name: 'Settings' })).toHaveCount(0)
    for (const name of ['Listen', 'Whisper', 'Barge']) await expect(page.getByRole('button', { name })).toHaveCount(0)
    // The admin-only note about supervision is not for them.
    await expect(page.getByTestId('supervision-unavailable')).toHaveCount(0)

    // L does nothing (no toast, no request).
    await line.click()
    await page.keyboard.press('l')
    await expect(page.locator('.toast')).toHaveCount(0)

    const channels = (await fake.invocations()).map((i) => i.channel)
    for (const forbidden of ['settings:get', 'operators:list', 'supervision:start', 'demo:start']) expect(channels).not.toContain(forbidden)
  })

  test('a team lead with Listen and Whisper: those buttons and shortcuts, no Barge; see-everyone alone: no Controls column', async ({ page }) => {
    const lead = { ...WATCHER, scopes: ['see-everyone', 'supervise:listen', 'supervise:whisper'] as Scope[] }
    await installFakeApi(page, { rows: floor(Date.now()), console: { operators: [ADMIN, lead], signedIn: lead.id } })
    await page.goto(appUrl())
    await expectPages(page, { monitor: true, settings: false })
    const maria = page.getByRole('row').filter({ hasText: 'Maria Lopez' })
    await expect(maria.getByRole('button', { name: 'Listen' })).toBeVisible()
    await expect(maria.getByRole('button', { name: 'Whisper' })).toBeVisible()
    await expect(maria.getByRole('button', { name: 'Barge' })).toHaveCount(0)
    await expect(page.locator('.shortcuts')).toContainText('listen')
    await expect(page.locator('.shortcuts')).not.toContainText('barge')
    // See-everyone alone sees without acting: no buttons and no empty Controls column.
    await new FakeConsole(page).setScopes(lead.id, ['see-everyone'])
    await expect(maria.getByRole('button', { name: 'Listen' })).toHaveCount(0)
    await expect(page.getByRole('columnheader', { name: 'Controls' })).toBeHidden()
  })

  test('a supervision note that names Settings → Softphone opens the Softphone section (issue 13.15)', async ({ page }) => {
    const reason = 'Listen, Whisper and Barge are hidden: set the softphone extension in Settings → Softphone.'
    await installFakeApi(page, { rows: floor(Date.now()), console: { supervision: { available: false, reason, settings: 'softphone' } } })
    await page.goto(appUrl())
    const note = page.getByTestId('supervision-unavailable')
    await expect(note).toContainText(reason)
    await note.getByRole('button', { name: 'Softphone settings' }).click()
    await expect(page.getByRole('heading', { level: 2, name: 'Softphone' })).toBeVisible()
  })

  test('an admin sees the supervision note on the floor; the connection banner offers Test connection', async ({ page }) => {
    const reason = 'Listen, Whisper and Barge are hidden: no feature codes are set and direct ChanSpy is not chosen.'
    const fake = await installFakeApi(page, { rows: floor(Date.now()), console: { supervision: { available: false, reason } } })
    await page.goto(appUrl())
    await expect(page.getByTestId('supervision-unavailable')).toContainText(reason)

    await fake.setStatus({ ...LIVE_PBX, state: 'reconnecting', message: 'Authentication failed for user earshot', retryAt: fake.serverNow() + 8000, stale: true })
    const banner = page.getByTestId('connection-banner')
    await banner.getByRole('button', { name: 'Test connection' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible()
    await expect(page.getByRole('heading', { level: 2, name: 'Test connection' })).toBeVisible()
    // Opened from the banner, it runs at once.
    await expect(page.getByRole('list', { name: 'Test connection results' }).getByRole('listitem')).toHaveCount(FAILING_STEPS.length)
    expect(await fake.count('settings:test')).toBe(1)
  })
})

/** The id of the error element an input names in aria-describedby. */
async function errorIdOf(input: Locator): Promise<string> {
  const ids = ((await input.getAttribute('aria-describedby')) ?? '').split(' ')
  const id = ids.find((i) => i.endsWith('-error'))
  if (id === undefined) throw new Error(`no error id in aria-describedby="${ids.join(' ')}"`)
  return id.replace(/:/g, '\\:')
}
