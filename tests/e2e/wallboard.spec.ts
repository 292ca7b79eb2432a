/**
 * The wallboard in real Chromium at 1920×1080 with 300 agents (scripted EarshotApi): F11 enters and
 * leaves it, every agent tile is on screen, it has no controls and no customer numbers (the admin
 * has not allowed them: the fake answers no preferences, so the machine default applies).
 */
import { mkdirSync } from 'node:fs'
import { expect, test } from '@playwright/test'
import { installFakeApi } from './fixtures/fake-api'
import { agent, hugeFloor } from './fixtures/floor-data'
import { appUrl } from './harness'

const SHOTS = '/tmp/shots/wallboard'

test('F11: the wallboard shows 300 agents on 1920×1080, none clipped, no controls, no customer numbers; F11 leaves', async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 })
  const rows = hugeFloor(Date.now(), 300)
  await installFakeApi(page, { rows })
  await page.goto(appUrl())
  await expect(page.getByRole('grid', { name: 'Agents' })).toBeVisible()

  await page.keyboard.press('F11')
  const board = page.getByRole('main', { name: 'Wallboard' })
  await expect(board).toBeVisible()
  const tiles = board.locator('.wb-agent')
  await expect(tiles).toHaveCount(300)
  type Box = { getBoundingClientRect(): { top: number; left: number; bottom: number; right: number } }
  const boxes = await tiles.evaluateAll((els) => els.map((el) => (el as unknown as Box).getBoundingClientRect()).map(({ top, left, bottom, right }) => ({ top, left, bottom, right })))
  for (const box of boxes) {
    expect(box.top).toBeGreaterThanOrEqual(0)
    expect(box.left).toBeGreaterThanOrEqual(0)
    expect(box.bottom).toBeLessThanOrEqual(1080)
    expect(box.right).toBeLessThanOrEqual(1920)
  }
  // Names and states are whole (not cut by the tile's ellipsis).
  type Sized = { scrollWidth: number; clientWidth: number }
  const cut = await board.locator('.wb-agent-name, .wb-agent-label').evaluateAll((els) => els.filter((el) => (el as unknown as Sized).scrollWidth > (el as unknown as Sized).clientWidth).length)
  expect(cut).toBe(0)
  await expect(board.getByRole('button')).toHaveCount(0)
  await expect(board.getByRole('grid')).toHaveCount(0)
  // Talking agents have customers on the floor, none of whose numbers appear here.
  const numbers = rows.flatMap((r) => r.calls.map((c) => c.customer)).filter((n): n is string => n !== null)
  expect(numbers.length).toBeGreaterThan(0)
  const text = (await board.textContent()) ?? ''
  for (const n of numbers) expect(text).not.toContain(n)
  expect(text).toMatch(/\d+:\d\d/)
  // Times in state tick (each on its own second): a talking agent's call time moves on.
  const time = board.locator('.wb-talking .wb-agent-time').first()
  const before = await time.textContent()
  expect(before).toMatch(/^\d+:\d\d$/)
  await expect(time).not.toHaveText(before ?? '', { timeout: 3000 })
  await expect(time).toHaveText(/^\d+:\d\d$/)

  mkdirSync(SHOTS, { recursive: true })
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme })
    await page.screenshot({ path: `${SHOTS}/wallboard-1920-${scheme}.png` })
  }

  await page.keyboard.press('F11')
  await expect(board).toHaveCount(0)
  await expect(page.getByRole('grid', { name: 'Agents' })).toBeVisible()
  await page.keyboard.press('F11')
  await expect(board).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(board).toHaveCount(0)
})

test('in the desktop app the shell makes the window full screen (the page does not ask Chromium), and undoes it on leaving', async ({ page }) => {
  await installFakeApi(page, { rows: hugeFloor(Date.now(), 20) })
  type Api = { invoke(channel: string, request: unknown): Promise<unknown>; on(channel: string, listener: (payload: unknown) => void): () => void }
  type Shell = { earshot: Api; __fullScreen: boolean[] }
  // As the Electron shell answers (it has a window to make full screen).
  await page.addInitScript(() => {
    const g = globalThis as unknown as Shell
    const base = g.earshot
    g.__fullScreen = []
    g.earshot = Object.freeze({
      invoke(channel: string, request: unknown): Promise<unknown> {
        if (channel !== 'desktop:full-screen') return base.invoke(channel, request)
        g.__fullScreen.push((request as { on: boolean }).on)
        return Promise.resolve({ done: true })
      },
      on: (channel: string, listener: (payload: unknown) => void) => base.on(channel, listener)
    })
  })
  await page.goto(appUrl())
  await expect(page.getByRole('grid', { name: 'Agents' })).toBeVisible()
  const asked = () => page.evaluate(() => (globalThis as unknown as Shell).__fullScreen)
  await page.keyboard.press('F11')
  await expect(page.getByRole('main', { name: 'Wallboard' })).toBeVisible()
  await expect.poll(asked).toEqual([true])
  expect(await page.evaluate(() => (globalThis as unknown as { document: { fullscreenElement: unknown } }).document.fullscreenElement === null)).toBe(true)
  await page.keyboard.press('Escape')
  await expect(page.getByRole('main', { name: 'Wallboard' })).toHaveCount(0)
  await expect.poll(asked).toEqual([true, false])
})

test('entered, left and entered again before the shell answered: the wallboard showing is full screen', async ({ page }) => {
  await installFakeApi(page, { rows: hugeFloor(Date.now(), 20) })
  type Api = { invoke(channel: string, request: unknown): Promise<unknown>; on(channel: string, listener: (payload: unknown) => void): () => void }
  type Shell = { earshot: Api; __shell: { full: boolean; byWallboard: boolean; heard: boolean[]; held: Array<() => void>; release(): void } }
  // A shell that answers in order, as electron-desktop.ts's fullScreen does, once released.
  await page.addInitScript(() => {
    const g = globalThis as unknown as Shell
    const base = g.earshot
    let holding = true
    const shell: Shell['__shell'] = {
      full: false,
      byWallboard: false,
      heard: [],
      held: [],
      release() {
        holding = false
        for (const run of shell.held.splice(0)) run()
      }
    }
    g.__shell = shell
    const answer = (on: boolean): { done: boolean } => {
      shell.heard.push(on)
      if (on && !shell.full) {
        shell.full = true
        shell.byWallboard = true
      } else if (!on && shell.byWallboard) {
        shell.byWallboard = false
        shell.full = false
      }
      return { done: true }
    }
    g.earshot = Object.freeze({
      invoke(channel: string, request: unknown): Promise<unknown> {
        if (channel !== 'desktop:full-screen') return base.invoke(channel, request)
        const on = (request as { on: boolean }).on
        if (!holding) return Promise.resolve(answer(on))
        return new Promise((resolve) => shell.held.push(() => resolve(answer(on))))
      },
      on: (channel: string, listener: (payload: unknown) => void) => base.on(channel, listener)
    })
  })
  await page.goto(appUrl())
  await expect(page.getByRole('grid', { name: 'Agents' })).toBeVisible()
  const board = page.getByRole('main', { name: 'Wallboard' })
  await page.keyboard.press('F11')
  await expect(board).toBeVisible()
  await page.keyboard.press('F11')
  await expect(board).toHaveCount(0)
  await page.keyboard.press('F11')
  await expect(board).toBeVisible()
  await page.evaluate(() => (globalThis as unknown as Shell).__shell.release())
  const shell = () => page.evaluate(() => ({ full: (globalThis as unknown as Shell).__shell.full, heard: (globalThis as unknown as Shell).__shell.heard }))
  // The first showing's late answer must not undo the second's full screen.
  await expect.poll(shell).toEqual({ full: true, heard: [true, true] })
  await expect(board).toBeVisible()
})

test("each tile's time ticks on its own second (within 0.2 s of it), not all of them at one shared tick", async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 })
  const now = Date.now()
  // Ten idle agents whose states began a tenth of a second apart: their times change a tenth apart.
  const starts = new Map(Array.from({ length: 10 }, (_, i) => [String(2000 + i), now - 60_000 - i * 100] as const))
  const floor = await installFakeApi(page, { rows: [...starts].map(([extension, since], i) => agent(extension, `Agent ${i}`, 'idle', { statusSince: since })) })
  // The page's time is Playwright's clock, moved only by the test, each timer run at its own due
  // time whatever the machine's load: this checks when the page schedules each tile's change, not
  // how busy the CI machine is (on a loaded 2-core machine real timers came over 0.2 s late, and a
  // slow snapshot round trip put the page's estimate of the PBX's clock ~90 ms off).
  await page.clock.install({ time: now })
  await page.clock.pauseAt(now + 1000)
  await page.goto(appUrl())
  // The snapshot's answer waits on a timer: move the page's time on until the floor is up.
  await expect(async () => {
    await page.clock.runFor(100)
    await expect(page.getByRole('grid', { name: 'Agents' })).toBeVisible({ timeout: 100 })
  }).toPass()
  await page.keyboard.press('F11')
  const board = page.getByRole('main', { name: 'Wallboard' })
  await expect(board.locator('.wb-agent')).toHaveCount(10)
  // When (this page's clock) each tile's time text changed. A string: see tools/bench/renderer.ts.
  await page.evaluate(`(() => {
    window.__ticks = []
    new MutationObserver((records) => {
      const at = Date.now()
      for (const r of records) {
        const node = r.target.nodeType === 1 ? r.target : r.target.parentElement
        const tile = node && node.closest('.wb-agent')
        if (tile && node.closest('.wb-agent-time')) window.__ticks.push([tile.dataset.extension, at])
      }
    }).observe(document.querySelector('.wb-agents'), { subtree: true, childList: true, characterData: true })
  })()`)
  await page.clock.runFor(3500)
  const ticks = await page.evaluate<Array<[string, number]>>('window.__ticks')
  for (const [extension, start] of starts) {
    const own = ticks.filter(([e]) => e === extension).map(([, at]) => at)
    expect(own.length, `ticks of ${extension}`).toBeGreaterThanOrEqual(3)
    // How far from its own whole second each change came: after it by less than 0.2 s, or a few ms
    // before it (the page reads the PBX's clock through an estimated offset, off by some ms).
    for (const at of own) {
      const late = ((at - start + 500) % 1000) - 500
      expect(late, `${extension} ticked ${late} ms from its second`).toBeGreaterThan(-50)
      expect(late, `${extension} ticked ${late} ms from its second`).toBeLessThan(200)
    }
  }

  // While the floor is not live its times stop (as on the console), and tick again once it is.
  await floor.setStatus({ source: 'pbx', state: 'reconnecting', message: 'Connection refused', retryAt: floor.serverNow() + 8000, stale: true })
  const times = board.locator('.wb-agent-time')
  await page.clock.runFor(300)
  const frozen = await times.allTextContents()
  await page.clock.runFor(2200)
  expect(await times.allTextContents()).toEqual(frozen)
  await floor.setStatus({ source: 'pbx', state: 'live', message: null, retryAt: null, stale: false })
  await page.clock.runFor(1100)
  await expect(times.first()).not.toHaveText(frozen[0] ?? '')
})

test('a floor too big for readable tiles is paged: 1,000 agents on 1920×1080, whole pages in name order, turning every 10 s', async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 })
  const now = Date.now()
  const rows = hugeFloor(now, 1000)
  await installFakeApi(page, { rows })
  // The page's time is Playwright's clock, moved only by the test (see above): the pages turn by it.
  await page.clock.install({ time: now })
  await page.clock.pauseAt(now + 1000)
  await page.goto(appUrl())
  await expect(async () => {
    await page.clock.runFor(100)
    await expect(page.getByRole('grid', { name: 'Agents' })).toBeVisible({ timeout: 100 })
  }).toPass()
  await page.keyboard.press('F11')
  const board = page.getByRole('main', { name: 'Wallboard' })
  const pager = board.locator('.wb-pager')
  await expect(pager).toContainText('of 1,000 · page')
  const read = async (): Promise<{ from: number; to: number; page: number; pages: number; names: string[] }> => {
    const [text, names] = await Promise.all([pager.textContent(), board.locator('.wb-agent-name').allTextContents()])
    const m = /Agents ([\d,]+)–([\d,]+) of 1,000 · page (\d+) of (\d+)/.exec(text ?? '')
    if (m === null) throw new Error(`pager reads "${text ?? ''}"`)
    const [from, to, at, pages] = m.slice(1).map((x) => Number(x.replace(/,/g, '')))
    return { from: from ?? NaN, to: to ?? NaN, page: at ?? NaN, pages: pages ?? NaN, names }
  }
  const first = await read()
  expect(first.pages).toBeGreaterThan(1)
  // The tiles on screen are exactly the pager's range of the name order, every one readable and whole.
  const byName = rows.map((r) => r.name).sort(new Intl.Collator(undefined, { sensitivity: 'base', numeric: true }).compare)
  expect(first.names).toEqual(byName.slice(first.from - 1, first.to))
  type Box = { getBoundingClientRect(): { height: number } }
  const heights = await board.locator('.wb-agent').evaluateAll((els) => els.map((el) => (el as unknown as Box).getBoundingClientRect().height))
  for (const h of heights) expect(h).toBeGreaterThanOrEqual(36)
  type Sized = { scrollWidth: number; clientWidth: number }
  const cut = await board.locator('.wb-agent-name, .wb-agent-label').evaluateAll((els) => els.filter((el) => (el as unknown as Sized).scrollWidth > (el as unknown as Sized).clientWidth).length)
  expect(cut).toBe(0)
  // The next page comes within PAGE_SECONDS (10 s), with the next agents. The pages are drawn again
  // 5 ms after each second of the page's clock: 10 s and those 5 ms always draw exactly one turn.
  await page.clock.runFor(10_005)
  await expect.poll(async () => (await read()).page).toBe((first.page % first.pages) + 1)
  const next = await read()
  expect(next.from).toBe(first.page === first.pages ? 1 : first.to + 1)
  expect(next.names).toEqual(byName.slice(next.from - 1, next.to))
  mkdirSync(SHOTS, { recursive: true })
  await page.screenshot({ path: `${SHOTS}/wallboard-paged-1920-light.png` })
})

test('screenshots: the wallboard at 1440 and 1024 wide with 60 agents, light and dark', async ({ page }) => {
  const rows = hugeFloor(Date.now(), 60)
  await installFakeApi(page, { rows })
  await page.setViewportSize({ width: 1440, height: 900 })
  await page.goto(appUrl())
  await expect(page.getByRole('grid', { name: 'Agents' })).toBeVisible()
  await page.keyboard.press('F11')
  const board = page.getByRole('main', { name: 'Wallboard' })
  await expect(board.locator('.wb-agent')).toHaveCount(60)
  mkdirSync(SHOTS, { recursive: true })
  for (const [width, height] of [[1440, 900], [1024, 768]] as const) {
    await page.setViewportSize({ width, height })
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme })
      await page.screenshot({ path: `${SHOTS}/wallboard-${String(width)}-${scheme}.png` })
    }
  }
})
