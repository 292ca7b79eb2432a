/**
 * e2e harness server: builds the app unless out/ is newer than its sources (`electron-vite build`,
 * which needs no Electron binary; in `npm test` the shell's tests built it already) and serves
 * out/renderer on 127.0.0.1 with the same CSP header the Electron shell sets. Started by
 * playwright.config.ts (webServer); prints the port it got from the OS.
 *
 *   EARSHOT_E2E_SKIP_BUILD=1  serve the existing out/renderer as is
 *   EARSHOT_E2E_PORT=8123     listen on a fixed port instead of a free one
 */
import { existsSync } from 'node:fs'
import { createServer } from 'node:http'
import path from 'node:path'
import { serveStatic } from '../../src/main/browser-host/static'
import { RENDERER_DIR, ensureBuilt } from '../../tools/build-renderer'

const rendererDir = RENDERER_DIR

function build(): void {
  const started = Date.now()
  try {
    ensureBuilt()
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`)
    process.exit(1)
  }
  process.stderr.write(`renderer built or up to date in ${String(Date.now() - started)} ms\n`)
}

if (process.env['EARSHOT_E2E_SKIP_BUILD'] !== '1') build()
if (!existsSync(path.join(rendererDir, 'index.html'))) {
  process.stderr.write(`no build at ${rendererDir}; run \`npm run build\`\n`)
  process.exit(1)
}

const server = createServer(serveStatic(rendererDir))

const requestedPort = Number(process.env['EARSHOT_E2E_PORT'] ?? '0')
server.listen(requestedPort, '127.0.0.1', () => {
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('unexpected server address')
  // playwright.config.ts waits for this line and reads the port from it.
  process.stdout.write(`earshot e2e server listening on http://127.0.0.1:${String(address.port)}/\n`)
})

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    server.close()
    process.exit(0)
  })
}
