/**
 * Leaving the console during a live supervision call is asked first (issue 12.3), on the real
 * browser host and the demo PBX: Sign out shows the question (Cancel keeps the call; confirming
 * ends the supervisor's leg and signs out); reloading or closing the page meets the browser's own
 * beforeunload prompt. Electron's main turns that same prompt into its dialog (will-prevent-unload).
 */
import net from 'node:net'
import path from 'node:path'
import { expect, type Page, type TestInfo, test } from '@playwright/test'
import { type RunningHost, startHost } from './host'

let host: RunningHost | null = null
test.afterEach(async () => {
  await host?.stop()
  host = null
})

async function freePort(): Promise<number> {
  const server = net.createServer()
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const { port } = server.address() as net.AddressInfo
  await new Promise<void>((r) => server.close(() => r()))
  return port
}

/** Screenshots for review (test-results/desktop-<name>-<width>-<scheme>.png) at 1440 and 1024 px, light and dark. */
async function shots(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  for (const width of [1440, 1024]) {
    await page.setViewportSize({ width, height: 860 })
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme })
      await page.screenshot({ animations: 'disabled', path: path.join(testInfo.project.outputDir, `desktop-${name}-${String(width)}-${scheme}.png`) })
    }
  }
  await page.setViewportSize({ width: 1360, height: 860 })
  await page.emulateMedia({ colorScheme: 'light' })
}

async function legsOf2001(sipPort: number): Promise<number> {
  const res = await fetch(`http://127.0.0.1:${sipPort}/demo/supervision`)
  return ((await res.json()) as Array<{ supervisorExtension: string }>).filter((l) => l.supervisorExtension === '2001').length
}

test('signing out or leaving the page during a live Listen is asked first; Cancel keeps the call, confirming ends only the leg', async ({ page }, testInfo) => {
  test.setTimeout(90_000)
  const sipPort = await freePort()
  host = await startHost(['--demo', '--sip-port', String(sipPort)])
  await page.goto(host.url)
  await expect(page.getByTestId('softphone-status')).toHaveAttribute('data-state', 'registered', { timeout: 10_000 })
  // The living demo floor's calls last at least 21 s: take one answered under 4 s ago, so it outlasts the test's steps.
  const fresh = page.getByRole('row').filter({ has: page.locator('td.col-time', { hasText: /^00:0[0-3]$/ }) }).filter({ has: page.getByRole('button', { name: /^Listen/, disabled: false }) })
  await expect(fresh.first()).toBeVisible({ timeout: 60_000 })
  await fresh.first().getByRole('button', { name: /^Listen/ }).click()
  const bar = page.getByTestId('call-bar')
  await expect(bar).toHaveAttribute('data-phase', 'connected', { timeout: 5_000 })

  // Sign out asks; Cancel keeps the operator signed in and the call up.
  await page.getByRole('button', { name: /, signed in$/ }).click()
  await page.getByRole('menuitem', { name: 'Sign out' }).click()
  const question = page.getByRole('alertdialog', { name: 'Sign out during a call?' })
  await expect(question).toBeVisible()
  await expect(question).toContainText('Listen')
  await expect(question).toContainText('the agent and the customer stay connected')
  await shots(page, testInfo, 'sign-out-during-call')
  await question.getByRole('button', { name: 'Cancel' }).click()
  await expect(question).toHaveCount(0)
  await expect(bar).toHaveAttribute('data-phase', 'connected')
  expect(await legsOf2001(sipPort)).toBe(1)

  // Leaving the page meets the browser's beforeunload prompt; dismissing it keeps the page and the call.
  const prompts: string[] = []
  page.once('dialog', (dialog) => {
    prompts.push(dialog.type())
    void dialog.dismiss()
  })
  await page.close({ runBeforeUnload: true })
  await expect.poll(() => prompts).toEqual(['beforeunload'])
  expect(page.isClosed()).toBe(false)
  await expect(bar).toHaveAttribute('data-phase', 'connected')

  // Confirming ends the leg (the agent's call goes on) and signs out.
  await page.getByRole('button', { name: /, signed in$/ }).click()
  await page.getByRole('menuitem', { name: 'Sign out' }).click()
  await question.getByRole('button', { name: 'End my leg and sign out' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible({ timeout: 15_000 })
  await expect.poll(() => legsOf2001(sipPort), { timeout: 10_000 }).toBe(0)
})

test('with no supervision call, signing out asks nothing (and the Updates settings, for review)', async ({ page }, testInfo) => {
  host = await startHost(['--demo'])
  await page.goto(host.url)
  await expect(page.getByTestId('softphone-status')).toHaveAttribute('data-state', 'registered', { timeout: 10_000 })
  await page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: 'Settings' }).click()
  await page.getByRole('button', { name: 'Updates' }).click()
  await page.getByLabel('Update address').fill('http://updates.example.com/earshot/')
  await page.getByLabel('Update address').blur()
  await expect(page.getByText('Updates are downloaded over https:// only')).toBeVisible()
  await shots(page, testInfo, 'settings-updates')
  await page.getByLabel('Update address').fill('')
  await page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: 'Monitor' }).click()
  await page.getByRole('button', { name: /, signed in$/ }).click()
  await page.getByRole('menuitem', { name: 'Sign out' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible({ timeout: 15_000 })
  await expect(page.getByRole('alertdialog')).toHaveCount(0)
})
