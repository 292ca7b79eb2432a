import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import path from 'node:path'

export const ROOT = path.resolve(__dirname, '..')
export const RENDERER_DIR = path.join(ROOT, 'out/renderer')

/** `electron-vite build` (needs no Electron binary); throws with its output when it fails. */
export function buildRenderer(): void {
  const cli = path.join(path.dirname(createRequire(__filename).resolve('electron-vite/package.json')), 'bin/electron-vite.js')
  const result = spawnSync(process.execPath, [cli, 'build'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' } })
  if (result.status !== 0) throw new Error(`electron-vite build failed (exit ${String(result.status ?? result.signal)}):\n${result.stdout}${result.stderr}`)
}
