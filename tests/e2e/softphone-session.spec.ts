/**
 * The softphone follows the operator's session on the real browser host and the demo PBX's
 * registrar, which challenges every REGISTER (the un-REGISTER too), as Asterisk does: signing out
 * unregisters (main answers that challenge while the operator is still signed in) and closes the
 * WebSocket; signing in again registers exactly once (issue 13.3).
 */
import net from 'node:net'
import { expect, type Page, test } from '@playwright/test'
import { HOST_ADMIN, type RunningHost, startHost } from './host'

let host: RunningHost | null = null
test.afterEach(async () => {
  await host?.stop()
  host = null
})

interface Registrations {
  contacts: Array<{ extension: string; uri: string; websocket: number }>
  websockets: number
  removed: Array<{ extension: string; uri: string; how: string }>
}

async function freePort(): Promise<number> {
  const server = net.createServer()
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const { port } = server.address() as net.AddressInfo
  await new Promise<void>((r) => server.close(() => r()))
  return port
}

async function registrations(sipPort: number): Promise<Registrations> {
  const res = await fetch(`http://127.0.0.1:${sipPort}/demo/registrations`)
  return (await res.json()) as Registrations
}

/** Every nonce the PBX made so far expires (as after Asterisk's nonce_lifetime): the next REGISTER, the un-REGISTER too, is challenged. */
async function expireNonces(sipPort: number): Promise<void> {
  const res = await fetch(`http://127.0.0.1:${sipPort}/demo/expire-nonces`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })
  expect(res.status).toBe(200)
}

async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: /, signed in$/ }).click()
  await page.getByRole('menuitem', { name: 'Sign out' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible()
}

async function signIn(page: Page): Promise<void> {
  await page.getByRole('radio', { name: HOST_ADMIN.name }).check()
  await page.getByLabel('PIN', { exact: true }).fill(HOST_ADMIN.pin)
  await page.getByRole('button', { name: 'Sign in' }).click()
}

test('signing out unregisters the softphone (answering the un-REGISTER’s challenge) and closes its WebSocket; signing in again registers once', async ({ page }) => {
  test.setTimeout(120_000)
  const sipPort = await freePort()
  host = await startHost(['--demo', '--sip-port', String(sipPort)])
  await page.goto(host.url)
  const status = page.getByTestId('softphone-status')
  await expect(status).toHaveAttribute('data-state', 'registered', { timeout: 30_000 })
  const first = await registrations(sipPort)
  expect(first.contacts.map((c) => c.extension)).toEqual(['2001'])
  expect(first.websockets).toBe(1)
  const uri = first.contacts[0]?.uri

  await expireNonces(sipPort)
  await signOut(page)
  // Nobody is signed in: no phone may ring for nobody, and no socket is left behind.
  await expect.poll(() => registrations(sipPort), { timeout: 15_000 }).toMatchObject({ contacts: [], websockets: 0 })
  // Removed by its own un-REGISTER, which main answered: not left for the closing socket to clean up.
  expect((await registrations(sipPort)).removed).toEqual([{ extension: '2001', uri, how: 'unregistered' }])

  await signIn(page)
  await expect(status).toHaveAttribute('data-state', 'registered', { timeout: 30_000 })
  const again = await registrations(sipPort)
  expect(again.contacts.map((c) => c.extension)).toEqual(['2001'])
  expect(again.contacts[0]?.uri).not.toBe(uri)
  expect(again.websockets).toBe(1)
})
