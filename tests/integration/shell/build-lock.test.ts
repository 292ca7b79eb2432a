/**
 * The lock the build step takes (tools/file-lock.ts): vitest runs the shell's test files in two
 * worker processes, and each builds out/ when it is stale; two builds writing out/ at once could
 * hand a test half a file. Real processes, a real lock file.
 */
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { takeLock } from '../../../tools/file-lock'

const ROOT = path.resolve(__dirname, '../../..')
let dir = ''
afterEach(() => {
  if (dir !== '') rmSync(dir, { recursive: true, force: true })
  dir = ''
})

/** A process that holds the lock for `holdMs`, writing when it took it and when it let go. */
function holder(lock: string, log: string, holdMs: number): Promise<number | null> {
  const script = `
    const { appendFileSync } = require('node:fs')
    const { takeLock } = require(${JSON.stringify(path.join(ROOT, 'tools/file-lock.ts'))})
    const release = takeLock(${JSON.stringify(lock)})
    appendFileSync(${JSON.stringify(log)}, 'in\\n')
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ${String(holdMs)})
    appendFileSync(${JSON.stringify(log)}, 'out\\n')
    release()`
  const child = spawn(process.execPath, ['--import', 'tsx', '-e', script], { cwd: ROOT, stdio: 'inherit' })
  return new Promise((resolve) => child.once('exit', resolve))
}

describe('the build lock', () => {
  it('lets one process at a time through: the others wait for its release', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'earshot-lock-'))
    const lock = path.join(dir, '.build.lock')
    const log = path.join(dir, 'log')
    writeFileSync(log, '')
    const codes = await Promise.all([holder(lock, log, 400), holder(lock, log, 400), holder(lock, log, 400)])
    expect(codes).toEqual([0, 0, 0])
    expect(readFileSync(log, 'utf8')).toBe('in\nout\n'.repeat(3))
  })

  it('takes over a lock whose process died, and waits out one whose process lives', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'earshot-lock-'))
    const lock = path.join(dir, '.build.lock')
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout
    writeFileSync(lock, dead)
    const release = takeLock(lock)
    expect(readFileSync(lock, 'utf8')).toBe(String(process.pid))
    release()
    writeFileSync(lock, String(process.ppid)) // vitest's own process: alive
    expect(() => takeLock(lock, { timeoutMs: 300 })).toThrow(/held by another process/)
  })
})
