/**
 * The settings page against the fake main (fixtures/fake-console.ts): validation next to the
 * fields, passwords that are never shown, main's save errors at their fields, Test connection,
 * operators, export and import. The fake records every call, so the tests assert what was sent.
 */
import { readFile } from 'node:fs/promises'
import { type Locator, type Page, expect, test } from '@playwright/test'
import { DEFAULT_SETTINGS, type MachineSettings } from '../../src/shared/settings'
import { installFakeApi } from './fixtures/fake-api'
import { ADMIN, AGENT, FakeConsole, type FakeConsoleConfig, WATCHER } from './fixtures/fake-console'
import { appUrl, collectPageErrors } from './harness'

const CONFIGURED: MachineSettings = {
  ...DEFAULT_SETTINGS,
  pbx: { ...DEFAULT_SETTINGS.pbx, url: 'ami://pbx.example.com:5038', username: 'earshot', featureCodes: { listen: '*222', whisper: '*223', barge: '*224' } },
  softphone: { wsUrl: 'wss://pbx.example.com:8089/ws', extension: '2001', authUser: '', displayName: 'Alex' }
}

async function openSettings(page: Page, console: Partial<FakeConsoleConfig> = {}): Promise<FakeConsole> {
  await installFakeApi(page, { console: { settings: CONFIGURED, ...console } })
  await page.goto(appUrl())
  await page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: 'Settings' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible()
  await expect(page.getByRole('heading', { level: 2, name: 'PBX management' })).toBeVisible()
  return new FakeConsole(page)
}

function section(page: Page, name: string): Locator {
  return page.getByRole('navigation', { name: 'Settings sections' }).getByRole('button', { name: new RegExp(`^${name}`) })
}

function input(page: Page, label: string): Locator {
  return page.getByLabel(label, { exact: true })
}

/** The error shown for an input: the element its aria-describedby names, which sits in the same field. */
async function errorOf(field: Locator): Promise<Locator> {
  const ids = ((await field.getAttribute('aria-describedby')) ?? '').split(' ').filter((id) => id.endsWith('-error'))
  expect(ids, 'the input names an error with aria-describedby').toHaveLength(1)
  const error = field.page().locator(`[id="${ids[0] ?? ''}"]`)
  // Next to the field: inside the same .field wrapper as the input.
  await expect(field.locator('xpath=ancestor::*[contains(concat(" ", @class, " "), " field ")][1]').locator(`[id="${ids[0] ?? ''}"]`)).toHaveCount(1)
  return error
}

let errors: string[] = []
test.beforeEach(({ page }) => {
  errors = collectPageErrors(page)
})
test.afterEach(() => {
  expect(errors).toEqual([])
})

test('validation messages appear next to their fields as the user types and leaves them', async ({ page }) => {
  const fake = await openSettings(page)
  const url = input(page, 'AMI address')
  await expect(url).toHaveValue('ami://pbx.example.com:5038')
  // The CA certificate is offered for TLS (amis://) only.
  await expect(page.getByRole('textbox', { name: /^CA certificate/ })).toHaveCount(0)

  await url.fill('http://pbx.example.com')
  // Not while typing the first time…
  await expect(url).not.toHaveAttribute('aria-invalid', 'true')
  await url.blur()
  // …but once the field is left, and then as it changes.
  await expect(url).toHaveAttribute('aria-invalid', 'true')
  await expect(await errorOf(url)).toHaveText('Earshot talks to Asterisk over ami:// or amis:// only. Use ami://host:5038 or amis://host:5039 (TLS).')
  await url.fill('amis://pbx.example.com:99999')
  await expect(await errorOf(url)).toContainText('The port must be a number from 1 to 65535')
  await url.fill('amis://pbx.example.com:5039')
  await expect(url).not.toHaveAttribute('aria-invalid')
  await expect(url).not.toHaveAttribute('aria-describedby', /-error/)

  const whisper = input(page, 'Whisper code')
  await whisper.fill('*222')
  await whisper.blur()
  await expect(await errorOf(whisper)).toHaveText('This is the same code as listen; each mode needs its own code.')

  const ca = page.getByRole('textbox', { name: /^CA certificate/ })
  await ca.fill('-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----')
  await ca.blur()
  await expect(await errorOf(ca)).toContainText('This is a private key, not a certificate.')

  // The section says how many need fixing; Save sends nothing and takes the focus to the first.
  await expect(section(page, 'PBX').locator('.nav-badge')).toHaveText('2')
  await page.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(page.getByRole('alert').filter({ hasText: 'Not saved' })).toHaveText('Not saved: 2 settings need attention.')
  // The first in page order: the CA certificate comes before the codes.
  await expect(ca).toBeFocused()
  expect(await fake.calls('settings:save')).toEqual([])

  // Other sections validate the same way (the softphone's ws:// rule, the floor's pattern).
  await section(page, 'Softphone').click()
  const ws = input(page, 'WebSocket address')
  await ws.fill('ws://pbx.example.com/ws')
  await ws.blur()
  await expect(await errorOf(ws)).toContainText('ws:// is allowed only to this computer')
  await section(page, 'Floor').click()
  await page.getByRole('radio', { name: 'Extensions matching a pattern' }).check()
  const pattern = input(page, 'Extension pattern')
  await pattern.fill('1XY')
  await pattern.blur()
  await expect(await errorOf(pattern)).toContainText('Use an Asterisk-style pattern')
})

test('main’s save errors appear at their fields; a good save says the floor is reconnecting', async ({ page }) => {
  const fake = await openSettings(page)
  await fake.queueSaveErrors([{ 'pbx.username': 'Asterisk has no manager user called earshot2.', 'softphone.extension': 'No PJSIP endpoint 2009 on the PBX.' }])

  await input(page, 'AMI user').fill('earshot2')
  await section(page, 'Softphone').click()
  await input(page, 'SIP extension').fill('2009')
  await page.getByRole('button', { name: 'Save', exact: true }).click()

  // The PBX section (the first with an error) opens, with main's words at the field.
  await expect(page.getByRole('heading', { level: 2, name: 'PBX management' })).toBeVisible()
  const user = input(page, 'AMI user')
  await expect(user).toBeFocused()
  await expect(await errorOf(user)).toHaveText('Asterisk has no manager user called earshot2.')
  await expect(section(page, 'Softphone').locator('.nav-badge')).toHaveText('1')
  await section(page, 'Softphone').click()
  await expect(await errorOf(input(page, 'SIP extension'))).toHaveText('No PJSIP endpoint 2009 on the PBX.')
  const sent = (await fake.calls('settings:save')) as Array<{ settings: MachineSettings }>
  expect(sent).toHaveLength(1)
  expect(sent[0]?.settings.pbx.username).toBe('earshot2')
  expect(sent[0]?.settings.softphone.extension).toBe('2009')

  // Editing a field clears main's error there; the next save goes through.
  await input(page, 'SIP extension').fill('2001')
  await expect(input(page, 'SIP extension')).not.toHaveAttribute('aria-invalid')
  await section(page, 'PBX').click()
  await input(page, 'AMI user').fill('earshot')
  await input(page, 'AMI address').fill('amis://pbx.example.com:5039')
  await page.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toHaveText('Saved — the floor is reconnecting')
  expect((await fake.state()).settings.pbx.url).toBe('amis://pbx.example.com:5039')
  // Live again: the note no longer says it is reconnecting (issue 13.15).
  await page.evaluate(() =>
    (globalThis as unknown as { __fakeFloor: { setStatus(s: unknown): void } }).__fakeFloor.setStatus({ source: 'pbx', state: 'live', message: null, retryAt: null, stale: false })
  )
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toHaveText('Saved')
  await expect(page.getByRole('button', { name: 'Save', exact: true })).toBeDisabled()

  // A change elsewhere than the PBX is just "Saved".
  await section(page, 'Softphone').click()
  await input(page, 'Display name').fill('Alex M')
  await page.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toHaveText('Saved')

  // Issue 13.5: new feature codes or context do not reconnect the floor (main applies them to it as
  // it is), so even while the floor is not live for another reason the page does not say it reconnects.
  await page.evaluate(() =>
    (globalThis as unknown as { __fakeFloor: { setStatus(s: unknown): void } }).__fakeFloor.setStatus({ source: 'pbx', state: 'reconnecting', message: 'Connection refused', retryAt: null, stale: true })
  )
  await section(page, 'PBX').click()
  await input(page, 'Dialplan context').fill('from-supervisors')
  await input(page, 'Listen code').fill('565')
  await page.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(page.getByRole('button', { name: 'Save', exact: true })).toBeDisabled()
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toHaveText('Saved')
})

test('a password shows Saved / Replace, goes only to settings:set-secret, and never appears in the page', async ({ page }) => {
  const secret = 'Tr0ub4dor&3-do-not-show'
  const fake = await openSettings(page, { secrets: { amiPassword: true, sipPassword: false } })
  await expect(page.locator('#setting-pbx-password-state')).toHaveText('Saved')
  const replace = page.getByRole('button', { name: 'Replace (AMI password)' })
  await expect(replace).toHaveText('Replace')

  await replace.click()
  const field = input(page, 'New AMI password')
  await expect(field).toBeFocused()
  await expect(field).toHaveAttribute('type', 'password')
  await field.fill(secret)
  // Typing mirrors nothing into the DOM (the input is uncontrolled: no value attribute).
  expect(await page.content()).not.toContain(secret)
  await page.getByRole('button', { name: 'Save password' }).click()

  await expect(page.locator('.secret-note')).toHaveText('Saved in the keychain')
  await expect(replace).toBeFocused()
  expect(await fake.calls('settings:set-secret')).toEqual([{ account: 'ami', value: secret, address: 'ami://pbx.example.com:5038' }])
  expect(await page.content()).not.toContain(secret)
  const values = await page.locator('input, textarea').evaluateAll((nodes) => nodes.map((n) => (n as unknown as { value: string }).value))
  expect(values.join('\n')).not.toContain(secret)

  // The SIP password is not set yet; Cancel leaves nothing behind.
  await section(page, 'Softphone').click()
  await expect(page.locator('#setting-softphone-password-state')).toHaveText('Not set')
  await page.getByRole('button', { name: 'Set password (SIP password)' }).click()
  await input(page, 'SIP password').fill('abandoned')
  await page.getByRole('button', { name: 'Cancel' }).click()
  expect(await page.content()).not.toContain('abandoned')
  expect(await fake.calls('settings:set-secret')).toHaveLength(1)
  // No password was ever asked for: settings:get returned none (the contract has none to return).
  expect(JSON.stringify(await fake.invocations())).not.toContain('"password"')
})

test('every button names itself with the words it shows (WCAG 2.5.3, label in name)', async ({ page }) => {
  await openSettings(page, { secrets: { amiPassword: false, sipPassword: true } })
  async function check(): Promise<number> {
    const buttons = await page.getByRole('main').getByRole('button').all()
    for (const button of buttons) {
      const visible = ((await button.innerText()).replace(/\s+/g, ' ').trim())
      if (visible === '') continue
      const name = (await button.getAttribute('aria-label')) ?? visible
      expect(name.toLowerCase(), `the button showing "${visible}"`).toContain(visible.toLowerCase())
    }
    return buttons.length
  }
  await expect(page.getByRole('button', { name: /^Set password/ })).toHaveText('Set password')
  expect(await check()).toBeGreaterThan(0)
  await section(page, 'Softphone').click()
  await expect(page.getByRole('button', { name: /^Replace/ })).toHaveText('Replace')
  expect(await check()).toBeGreaterThan(0)
})

test('without a keychain the message is shown plainly and the password fields are disabled', async ({ page }) => {
  const message = 'No Secret Service is running (install gnome-keyring or KeePassXC)'
  await openSettings(page, { keychain: { available: false, message } })
  const set = page.getByRole('button', { name: 'Set password (AMI password)' })
  await expect(set).toBeDisabled()
  await expect(await errorOf(set)).toContainText(message)
  await expect(await errorOf(set)).toContainText('Earshot never keeps them in plain text')
  await section(page, 'Softphone').click()
  await expect(page.getByRole('button', { name: 'Set password (SIP password)' })).toBeDisabled()
})

test('saved settings that no longer read open with what was wrong, and Save (with nothing edited) repairs them', async ({ page }) => {
  const problem = 'The saved settings are not valid (softphone.wsUrl: ws:// is allowed only to this computer).'
  await openSettings(page, { settingsProblem: problem })
  const banner = page.locator('.settings-repair')
  await expect(banner).toContainText(problem)
  await expect(banner).toContainText('check each section, then Save')
  const save = page.getByRole('button', { name: 'Save', exact: true })
  await expect(save).toBeEnabled()
  await save.click()
  await expect(banner).toHaveCount(0)
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible()
})

test('without feature codes or direct ChanSpy, one line says the three buttons are hidden', async ({ page }) => {
  await openSettings(page, {
    secrets: { amiPassword: true, sipPassword: true },
    settings: { ...CONFIGURED, pbx: { ...CONFIGURED.pbx, featureCodes: { listen: '', whisper: '', barge: '' } } }
  })
  const note = page.getByTestId('supervision-hidden-note')
  await expect(note).toHaveText('Listen, Whisper and Barge stay hidden on the floor until you enter the PBX’s feature codes or choose direct ChanSpy.')
  await page.getByRole('radio', { name: 'Direct ChanSpy' }).check()
  await expect(note).toHaveCount(0)
  await page.getByRole('radio', { name: 'The PBX’s feature codes' }).check()
  await input(page, 'Listen code').fill('*222')
  await expect(note).toHaveCount(0)
})

test('Test connection sends the form as it is and renders the checklist', async ({ page }) => {
  const fake = await openSettings(page)
  await input(page, 'AMI address').fill('ami://10.0.0.5:5038')
  await section(page, 'Test connection').click()
  await expect(page.getByText('including the changes not saved yet')).toBeVisible()
  const panel = page.getByRole('region', { name: 'Test connection' })
  await panel.getByRole('button', { name: 'Test connection', exact: true }).click()
  const list = page.getByRole('list', { name: 'Test connection results' })
  await expect(list.getByRole('listitem')).toHaveCount(6)
  await expect(list.locator('[data-status="ok"]')).toHaveCount(3)
  await expect(list.locator('[data-status="fail"] pre')).toHaveText('[earshot]\nwrite = system,call,originate,reporting')
  const sent = (await fake.calls('settings:test')) as Array<{ settings: MachineSettings }>
  expect(sent[0]?.settings.pbx.url).toBe('ami://10.0.0.5:5038')
  // Nothing was saved by testing.
  expect(await fake.calls('settings:save')).toEqual([])

  // An invalid form is not sent: the field is shown instead.
  await section(page, 'PBX').click()
  await input(page, 'AMI address').fill('pbx')
  await section(page, 'Test connection').click()
  await panel.getByRole('button', { name: 'Test connection', exact: true }).click()
  await expect(page.getByRole('heading', { level: 2, name: 'PBX management' })).toBeVisible()
  await expect(input(page, 'AMI address')).toBeFocused()
  await expect(await errorOf(input(page, 'AMI address'))).toContainText('This is not an AMI address')
  expect(await fake.calls('settings:test')).toHaveLength(1)
})

test('Copy: where the clipboard refuses, the fix is selected and the hint names the OS shortcut (⌘C on macOS)', async ({ page }) => {
  // The page runs in the browser; these tests are typed for Node, so the page's globals are spelt out.
  await page.addInitScript(() => {
    const page = globalThis as unknown as { Navigator: { prototype: object }; navigator: object }
    Object.defineProperty(page.Navigator.prototype, 'platform', { get: () => 'MacIntel' })
    Object.defineProperty(page.navigator, 'clipboard', { value: { writeText: () => Promise.reject(new Error('NotAllowedError: denied')) } })
  })
  await openSettings(page)
  await section(page, 'Test connection').click()
  const panel = page.getByRole('region', { name: 'Test connection' })
  await panel.getByRole('button', { name: 'Test connection', exact: true }).click()
  const fix = page.getByRole('list', { name: 'Test connection results' }).locator('[data-status="fail"] .fix')
  await fix.getByRole('button', { name: /^Copy the fix for / }).click()
  await expect(fix.getByRole('status')).toHaveText('Selected: press ⌘C to copy')
  expect(await page.evaluate(() => String((globalThis as unknown as { getSelection(): unknown }).getSelection()))).toBe('[earshot]\nwrite = system,call,originate,reporting')
})

test('operators: a team lead gets Listen and Whisper without the settings page; configure-everything shows all three as included', async ({ page }) => {
  const fake = await openSettings(page, { operators: [ADMIN, WATCHER, AGENT] })
  await section(page, 'Operators').click()
  const table = page.getByRole('table', { name: 'Operators' })
  await page.getByRole('button', { name: 'Edit Priya Shah' }).click()
  const edit = page.getByRole('form', { name: 'Edit Priya Shah' })
  const modes = edit.getByRole('group', { name: 'Supervise calls' })
  const mode = (name: string) => modes.getByRole('checkbox', { name: new RegExp(`^${name} `) })
  for (const name of ['Listen', 'Whisper', 'Barge']) await expect(mode(name)).not.toBeChecked()
  await mode('Listen').check()
  await mode('Whisper').check()
  await edit.getByRole('button', { name: 'Save operator' }).click()
  await expect(page.getByText('Priya Shah is updated.')).toBeVisible()
  expect(await fake.calls('operators:update')).toEqual([{ id: WATCHER.id, scopes: ['see-everyone', 'supervise:listen', 'supervise:whisper'] }])
  await expect(table.locator(`tr[data-operator="${WATCHER.id}"]`)).toContainText('Listen · Whisper')
  await expect(table.locator(`tr[data-operator="${WATCHER.id}"]`)).not.toContainText('Admin')

  // Configure everything implies every mode: shown ticked and locked, not sent as scopes of their own.
  await page.getByRole('button', { name: 'Edit Alex Morgan' }).click()
  const admin = page.getByRole('form', { name: 'Edit Alex Morgan' }).getByRole('group', { name: 'Supervise calls' })
  for (const name of ['Listen', 'Whisper', 'Barge']) {
    await expect(admin.getByRole('checkbox', { name: new RegExp(`^${name} `) })).toBeChecked()
    await expect(admin.getByRole('checkbox', { name: new RegExp(`^${name} `) })).toBeDisabled()
  }
  await expect(page.getByRole('form', { name: 'Edit Alex Morgan' })).toContainText('Configure everything includes every supervision mode.')
})

test('operators: list, add with scopes, edit, and main’s refusal to remove the last admin in words', async ({ page }) => {
  const fake = await openSettings(page, { operators: [ADMIN, WATCHER, AGENT] })
  await section(page, 'Operators').click()
  const table = page.getByRole('table', { name: 'Operators' })
  await expect(table.locator('tbody tr')).toHaveCount(3)
  await expect(table.locator('tbody tr').first()).toContainText('Alex Morgan')
  await expect(table.locator('tbody tr').first()).toContainText('you')
  await expect(table.locator('tbody tr').nth(2)).toContainText('Own calls only')

  // Add: checked in the page first, then sent with the chosen scopes.
  await page.getByRole('button', { name: 'Add operator' }).click()
  const form = page.getByRole('form', { name: 'Add an operator' })
  await form.getByRole('button', { name: 'Add operator' }).click()
  await expect(await errorOf(form.getByLabel('Name', { exact: true }))).toContainText('Enter the operator’s name')
  await expect(await errorOf(form.getByLabel('SIP extension'))).toContainText('Use the extension as the PBX names it')
  await form.getByLabel('Name', { exact: true }).fill('Sam Okafor')
  await form.getByLabel('SIP extension').fill('2003')
  await form.getByRole('checkbox', { name: 'See everyone (live monitor)' }).check()
  await form.getByLabel('PIN', { exact: true }).fill('2468')
  await form.getByLabel('PIN again').fill('2468')
  await form.getByRole('button', { name: 'Add operator' }).click()
  await expect(table.locator('tbody tr')).toHaveCount(4)
  await expect(page.getByText('Sam Okafor is added and can sign in now.')).toBeVisible()
  expect(await fake.calls('operators:create')).toEqual([{ name: 'Sam Okafor', extension: '2003', scopes: ['see-everyone'], pin: '2468' }])

  // Edit: only what changed is sent; an empty PIN keeps the PIN.
  await page.getByRole('button', { name: 'Edit Maria Lopez' }).click()
  const edit = page.getByRole('form', { name: 'Edit Maria Lopez' })
  await edit.getByRole('checkbox', { name: 'Configure everything (settings, Listen/Whisper/Barge)' }).check()
  await edit.getByRole('button', { name: 'Save operator' }).click()
  await expect(page.getByText('Maria Lopez is updated.')).toBeVisible()
  expect(await fake.calls('operators:update')).toEqual([{ id: AGENT.id, scopes: ['configure-everything'] }])
  await expect(table.locator(`tr[data-operator="${AGENT.id}"]`)).toContainText('Admin')

  // Taking the scope from the only other admin is fine; from the last one, main refuses in words.
  await page.getByRole('button', { name: 'Edit Maria Lopez' }).click()
  await page.getByRole('form', { name: 'Edit Maria Lopez' }).getByRole('checkbox', { name: /^Configure everything/ }).uncheck()
  await page.getByRole('form', { name: 'Edit Maria Lopez' }).getByRole('button', { name: 'Save operator' }).click()
  await expect(page.getByText('Maria Lopez is updated.')).toBeVisible()
  await page.getByRole('button', { name: 'Remove Alex Morgan' }).click()
  await page.getByRole('group', { name: 'Remove Alex Morgan?' }).getByRole('button', { name: 'Remove' }).click()
  await expect(page.getByRole('alert')).toHaveText('Alex Morgan is the last operator who can configure everything, and cannot be removed.')
  await expect(table.locator('tbody tr')).toHaveCount(4)

  await page.getByRole('button', { name: 'Remove Priya Shah' }).click()
  await page.getByRole('group', { name: 'Remove Priya Shah?' }).getByRole('button', { name: 'Remove' }).click()
  await expect(table.locator('tbody tr')).toHaveCount(3)
  expect(await fake.calls('operators:remove')).toEqual([{ id: ADMIN.id }, { id: WATCHER.id }])
})

test('export downloads the file main wrote', async ({ page }) => {
  const text = '{\n  "format": "earshot-settings",\n  "version": 1,\n  "settings": {}\n}\n'
  await openSettings(page, { exportFile: { fileName: 'earshot-settings.json', text } })
  await section(page, 'Import & export').click()
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export settings' }).click()])
  expect(download.suggestedFilename()).toBe('earshot-settings.json')
  const saved = await download.path()
  expect(await readFile(saved, 'utf8')).toBe(text)
  await expect(page.getByText('Exported as earshot-settings.json')).toBeVisible()
})

test('import: a bad file lists its errors by field and changes nothing; a good one is applied', async ({ page }) => {
  const fake = await openSettings(page, {
    importErrors: { 'pbx.url': 'This is not an AMI address. Use ami://host:5038 or amis://host:5039 (TLS).', 'floor.hidden.1': 'Each hidden extension should be listed once.' }
  })
  await section(page, 'Import & export').click()
  const chooser = page.getByLabel('Settings file to import')

  await chooser.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') })
  const problem = page.locator('.ie-problem')
  await expect(problem).toContainText('Nothing was imported: notes.txt has settings Earshot cannot use.')
  await expect(problem.getByRole('listitem')).toHaveText(['The file This is not an Earshot settings file: it is not JSON.'])

  const file = JSON.stringify({ format: 'earshot-settings', version: 1, settings: { ...CONFIGURED, pbx: { ...CONFIGURED.pbx, url: 'http://x' } } })
  await chooser.setInputFiles({ name: 'other-desk.json', mimeType: 'application/json', buffer: Buffer.from(file) })
  await expect(problem.getByRole('listitem')).toHaveCount(2)
  await expect(problem.getByRole('listitem').first()).toContainText('AMI address')
  await expect(problem.getByRole('listitem').first()).toContainText('pbx.url')
  await expect(problem.getByRole('listitem').nth(1)).toContainText('Hidden extensions')
  expect(await fake.calls('settings:import')).toEqual([{ text: 'hello' }, { text: file }])
  expect((await fake.state()).settings.pbx.url).toBe(CONFIGURED.pbx.url)
})

test('import of a valid file applies it and the form shows it', async ({ page }) => {
  await openSettings(page)
  await section(page, 'Import & export').click()
  const imported = { ...CONFIGURED, pbx: { ...CONFIGURED.pbx, url: 'amis://pbx2.example.com:5039' } }
  await page.getByLabel('Settings file to import').setInputFiles({
    name: 'desk-7.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({ format: 'earshot-settings', version: 1, settings: imported }))
  })
  await expect(page.getByRole('status').filter({ hasText: 'Imported' })).toContainText('Imported desk-7.json')
  await section(page, 'PBX').click()
  await expect(input(page, 'AMI address')).toHaveValue('amis://pbx2.example.com:5039')
})

test('unsaved edits survive a look at the floor', async ({ page }) => {
  const fake = await openSettings(page)
  await input(page, 'AMI user').fill('earshot-new')
  const nav = page.getByRole('navigation', { name: 'Pages' })
  await nav.getByRole('button', { name: 'Monitor' }).click()
  await expect(page.getByRole('grid', { name: 'Agents' })).toBeVisible()
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeHidden()
  await nav.getByRole('button', { name: 'Settings' }).click()
  await expect(input(page, 'AMI user')).toHaveValue('earshot-new')
  await expect(page.getByText('Unsaved changes')).toBeVisible()
  expect(await fake.calls('settings:get')).toHaveLength(1)
})

test('records: the default country and an https-only CRM address, checked next to the fields and saved', async ({ page }) => {
  const fake = await openSettings(page)
  await section(page, 'Records').click()
  await expect(page.getByRole('heading', { level: 2, name: 'Customer records' })).toBeVisible()
  const crm = input(page, 'CRM address')
  await crm.fill('http://crm.example.com/search?phone={e164}')
  await crm.blur()
  await expect(await errorOf(crm)).toContainText('https:// only')
  await crm.fill('https://crm.example.com/search?phone={e164}')
  await input(page, 'Default country').fill('us')
  await page.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toHaveText('Saved')
  const sent = (await fake.calls('settings:save')) as Array<{ settings: MachineSettings }>
  expect(sent.at(-1)?.settings.records).toEqual({ defaultRegion: 'US', crmUrlTemplate: 'https://crm.example.com/search?phone={e164}' })
  await page.screenshot({ path: 'test-results/settings-records-light.png' })
})
