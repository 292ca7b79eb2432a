import path from 'node:path'
import { type ConsoleMessage, type Locator, type Page, type TestInfo, expect } from '@playwright/test'

/** URL of the renderer served by serve-renderer.ts (port exported by the webServer `wait`). */
export function appUrl(pathname = '/'): string {
  const port = process.env['EARSHOT_E2E_PORT']
  if (port === undefined || port === '') {
    throw new Error('EARSHOT_E2E_PORT is not set: run these tests through `npx playwright test`')
  }
  return new URL(pathname, `http://127.0.0.1:${port}/`).href
}

/** Collects console errors and uncaught exceptions (CSP violations show up as console errors). */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = []
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`)
  })
  page.on('pageerror', (error) => {
    errors.push(`pageerror: ${error.message}`)
  })
  return errors
}

/** "mm:ss" or "h:mm:ss" (optionally with the "~" marker) → seconds. */
export function seconds(text: string): number {
  return text
    .replace('~', '')
    .trim()
    .split(':')
    .reduce((total, part) => total * 60 + Number(part), 0)
}

/**
 * The time a cell shows is the time since a moment (on `clock`, the test's view of the clock the
 * page reckons by), however late a loaded machine let the page draw it: between the time since
 * `latest` when the cell is read and the time since `earliest` right after, within a second either
 * way (the page ticks once a second and estimates the server's clock). The moment is a range when
 * the test knows it only so closely (a fake that stamps it inside the page).
 */
export async function expectTimeSince(cell: Locator, earliest: number, latest = earliest, clock: () => number = Date.now): Promise<void> {
  await expect
    .poll(async () => {
      const from = clock()
      const text = await cell.innerText()
      const to = clock()
      const shown = seconds(text)
      const least = Math.floor((from - latest) / 1000) - 1
      const most = Math.ceil((to - earliest) / 1000) + 1
      return shown >= least && shown <= most ? 'as expected' : `"${text}", expected ${String(least)}–${String(most)} s`
    })
    .toBe('as expected')
}

export type Scheme = 'light' | 'dark'

/** The sizes a screenshot for review is taken at: each width, at one height. */
export interface Looks {
  widths: readonly number[]
  height: number
}

/**
 * Screenshots for review of the page already shown, at each width, light then dark, each to
 * `<outputDir>/<name(width, scheme)>.png`. A new viewport and colour scheme apply at once, so the
 * four shots cost one page load, not four (a page load is most of a screenshot test's time on a
 * 2-core machine). The page is left in the last look.
 */
export async function shootEachLook(page: Page, testInfo: TestInfo, looks: Looks, name: (width: number, scheme: Scheme) => string): Promise<void> {
  const { widths, height } = looks
  for (const width of widths) {
    for (const scheme of ['light', 'dark'] as const) {
      await page.setViewportSize({ width, height })
      await page.emulateMedia({ colorScheme: scheme })
      // The pointer stays where the last click left it, over whatever the new width put there: to
      // the window's corner, so no shot shows a hover the layout made up.
      await page.mouse.move(width - 1, height - 1)
      await page.screenshot({ animations: 'disabled', path: path.join(testInfo.project.outputDir, `${name(width, scheme)}.png`) })
    }
  }
}
