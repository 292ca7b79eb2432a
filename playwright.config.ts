import { defineConfig } from '@playwright/test'

/**
 * e2e: the renderer is built and served as a plain web page on 127.0.0.1 (see
 * tests/e2e/serve-renderer.ts) and driven with the system Chromium; Playwright never
 * downloads a browser and Electron itself is not needed.
 */
const chromium = process.env['EARSHOT_CHROMIUM'] ?? '/usr/bin/chromium'

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results',
  fullyParallel: false,
  forbidOnly: process.env['CI'] !== undefined && process.env['CI'] !== '',
  workers: 1,
  retries: 0,
  reporter: 'list',
  timeout: 30_000,
  expect: { timeout: 5_000 },
  use: {
    browserName: 'chromium',
    headless: true,
    // Same size as the Electron window.
    viewport: { width: 1360, height: 860 },
    screenshot: 'only-on-failure',
    // No traces: recording one for every test in case it fails (retain-on-failure) took about a
    // quarter of the suite's time on a 2-core machine (DOM snapshots and a screencast of every
    // action), and a CI machine's traces are never read. Debug with `--trace retain-on-failure`.
    trace: 'off',
    launchOptions: {
      executablePath: chromium,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        // The softphone's WebRTC on loopback (../shared/notes/webrtc-on-loopback.md): offer
        // 127.0.0.1 candidates, a fake microphone (a beep) granted without a prompt, audio
        // playing without a click.
        '--allow-loopback-in-peer-connection',
        '--use-fake-ui-for-media-stream',
        '--use-fake-device-for-media-stream',
        '--autoplay-policy=no-user-gesture-required'
      ]
    }
  },
  projects: [{ name: 'chromium' }],
  webServer: {
    command: 'node --import tsx tests/e2e/serve-renderer.ts',
    // The server binds a free port and prints it; Playwright exports it as EARSHOT_E2E_PORT
    // (read by tests/e2e/harness.ts in the workers).
    wait: { stdout: /listening on http:\/\/127\.0\.0\.1:(?<earshot_e2e_port>\d+)\// },
    stdout: 'pipe',
    stderr: 'pipe',
    timeout: 120_000,
    reuseExistingServer: false
  }
})
