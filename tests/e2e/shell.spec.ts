import path from 'node:path'
import { expect, test } from '@playwright/test'
import { rendererCsp } from '../../src/main/window-csp'
import { appUrl, collectPageErrors } from './harness'

test.describe('application shell', () => {
  test('shows the Earshot header and the empty live floor', async ({ page }, testInfo) => {
    const errors = collectPageErrors(page)
    await page.goto(appUrl())

    await expect(page).toHaveTitle('Earshot')
    const header = page.getByRole('banner')
    await expect(header).toBeVisible()
    await expect(header.getByText('Earshot', { exact: true })).toBeVisible()
    await expect(header.getByRole('status')).toHaveText('Not connected')
    await expect(page.getByRole('heading', { level: 1, name: 'Live floor' })).toBeVisible()
    await expect(page.getByRole('heading', { name: 'The live floor will appear once connected' })).toBeVisible()
    // Opened as a web page there is no preload, so no window.earshot.
    await expect(page.getByRole('contentinfo')).toContainText('Browser preview')

    await page.screenshot({ path: path.join(testInfo.project.outputDir, 'shell.png') })
    expect(errors).toEqual([])
  })

  test('follows the OS dark theme', async ({ page }, testInfo) => {
    const errors = collectPageErrors(page)
    const body = page.locator('body')

    await page.emulateMedia({ colorScheme: 'light' })
    await page.goto(appUrl())
    await expect(page.getByRole('banner')).toBeVisible()
    await expect(body).toHaveCSS('background-color', 'rgb(244, 246, 249)')

    await page.emulateMedia({ colorScheme: 'dark' })
    await expect(body).toHaveCSS('background-color', 'rgb(14, 18, 23)')

    await page.screenshot({ path: path.join(testInfo.project.outputDir, 'shell-dark.png') })
    expect(errors).toEqual([])
  })

  test('is served with the strict CSP, which blocks inline script', async ({ page }) => {
    const response = await page.goto(appUrl())
    expect(response?.headers()['content-security-policy']).toBe(rendererCsp('header'))
    await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveAttribute(
      'content',
      rendererCsp('meta')
    )
    await expect(page.getByRole('banner')).toBeVisible()

    // A string, not a function: tests are type-checked without the DOM lib.
    const outcome = await page.evaluate(`new Promise((resolve) => {
      const finish = (directive) => resolve({ directive, ran: window.__inlineScriptRan === true })
      document.addEventListener('securitypolicyviolation', (event) => finish(event.effectiveDirective), { once: true })
      setTimeout(() => finish(null), 3000)
      const script = document.createElement('script')
      script.textContent = 'window.__inlineScriptRan = true'
      document.head.append(script)
    })`)
    expect(outcome).toEqual({ directive: 'script-src-elem', ran: false })
  })
})
