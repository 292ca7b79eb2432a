import { spawnSync } from 'node:child_process'
import { readdirSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { takeLock } from './file-lock'

export const ROOT = path.resolve(__dirname, '..')
export const RENDERER_DIR = path.join(ROOT, 'out/renderer')
export const MAIN_JS = path.join(ROOT, 'out/main/index.js')
export const PRELOAD_JS = path.join(ROOT, 'out/preload/index.js')
const RENDERER_INDEX = path.join(RENDERER_DIR, 'index.html')

/** `electron-vite build` (needs no Electron binary); throws with its output when it fails. */
export function buildRenderer(): void {
  const cli = path.join(path.dirname(createRequire(__filename).resolve('electron-vite/package.json')), 'bin/electron-vite.js')
  const result = spawnSync(process.execPath, [cli, 'build'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' } })
  if (result.status !== 0) throw new Error(`electron-vite build failed (exit ${String(result.status ?? result.signal)}):\n${result.stdout}${result.stderr}`)
}

function newestIn(target: string): number {
  const stat = statSync(target)
  if (!stat.isDirectory()) return stat.mtimeMs
  return Math.max(stat.mtimeMs, ...readdirSync(target).map((name) => newestIn(path.join(target, name))))
}

function mtime(file: string): number {
  try {
    return statSync(file).mtimeMs
  } catch {
    return 0
  }
}

/**
 * Builds out/ with `electron-vite build` unless it is newer than every source it is built from:
 * `npm test` builds once, in its first test that needs the build (the shell's, or the e2e server).
 * Test files in other workers may ask at the same moment: one builds while the others wait on its
 * lock, then find the build fresh (two builds writing out/ at once could hand a test half a file;
 * so could reading it while another process builds, hence the check under the lock too).
 */
export function ensureBuilt(): void {
  const release = takeLock(path.join(ROOT, '.build.lock'))
  try {
    if (!fresh()) buildRenderer()
  } finally {
    release()
  }
}

function fresh(): boolean {
  const sources = Math.max(
    newestIn(path.join(ROOT, 'src')),
    newestIn(path.join(ROOT, 'resources')),
    ...['electron.vite.config.ts', 'package.json', 'package-lock.json'].map((file) => mtime(path.join(ROOT, file)))
  )
  return Math.min(mtime(MAIN_JS), mtime(PRELOAD_JS), mtime(RENDERER_INDEX)) > sources
}
