import type { ConsoleMessage, Page } from '@playwright/test'

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
