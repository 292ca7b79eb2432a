/**
 * e2e harness server: builds the app once (`electron-vite build`, which needs no Electron
 * binary) and serves out/renderer on 127.0.0.1 with the same CSP header the Electron shell
 * sets. Started by playwright.config.ts (webServer); prints the port it got from the OS.
 *
 *   EARSHOT_E2E_SKIP_BUILD=1  serve the existing out/renderer as is
 *   EARSHOT_E2E_PORT=8123     listen on a fixed port instead of a free one
 */
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createServer } from 'node:http'
import { createRequire } from 'node:module'
import path from 'node:path'
import { serveStatic } from '../../src/main/browser-host/static'

const repoRoot = path.resolve(__dirname, '../..')
const rendererDir = path.join(repoRoot, 'out/renderer')

function build(): void {
  const cli = path.join(path.dirname(createRequire(__filename).resolve('electron-vite/package.json')), 'bin/electron-vite.js')
  const started = Date.now()
  const result = spawnSync(process.execPath, [cli, 'build'], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' }
  })
  if (result.status !== 0) {
    process.stderr.write(result.stdout + result.stderr)
    process.stderr.write(`electron-vite build failed (exit ${String(result.status ?? result.signal)})\n`)
    process.exit(1)
  }
  process.stderr.write(`renderer built in ${String(Date.now() - started)} ms\n`)
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
