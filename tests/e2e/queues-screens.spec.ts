/**
 * Screenshots of the floor with the queue strip and a queue's panel (the living demo), at 1440 and
 * 1024 wide, light and dark, for a person to look at (test-results, and /tmp/shots/queues).
 */
import path from 'node:path'
import { expect, test } from '@playwright/test'
import { type RunningHost, startHost } from './host'

let host: RunningHost | null = null
test.afterEach(async () => {
  await host?.stop()
  host = null
})

test('screenshots: queue strip and queue panel, 1440 and 1024 wide, light and dark', async ({ page }, testInfo) => {
  test.setTimeout(120_000)
  host = await startHost(['--demo'])
  await page.goto(host.url)
  await expect(page.getByRole('grid', { name: 'Agents' })).toBeVisible({ timeout: 15_000 })
  const strip = page.getByRole('region', { name: 'Queues' })
  const waiting = strip.locator('button.has-waiting').first()
  await expect(waiting).toBeVisible({ timeout: 60_000 })
  await waiting.click()
  await expect(page.getByRole('region', { name: /Callers waiting in/ })).toBeVisible()
  for (const width of [1440, 1024]) {
    for (const scheme of ['light', 'dark'] as const) {
      await page.setViewportSize({ width, height: 760 })
      await page.emulateMedia({ colorScheme: scheme })
      const name = `queues-${String(width)}-${scheme}.png`
      await page.screenshot({ animations: 'disabled', path: path.join(testInfo.project.outputDir, name) })
      await page.screenshot({ animations: 'disabled', path: path.join('/tmp/shots/queues', name) })
    }
  }
})
