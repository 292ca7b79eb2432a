/**
 * The lock the build step takes (tools/file-lock.ts): vitest runs the shell's test files in two
 * worker processes, and each builds out/ when it is stale; two builds writing out/ at once could
 * hand a test half a file. Real processes, a real lock file.
 */
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
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

function scratch(): { lock: string; log: string; go: string } {
  dir = mkdtempSync(path.join(tmpdir(), 'earshot-lock-'))
  const log = path.join(dir, 'log')
  writeFileSync(log, '')
  return { lock: path.join(dir, '.build.lock'), log, go: path.join(dir, 'go') }
}

/**
 * A process that, once `go` exists (so that all of them ask at the same moment, however long each
 * took to start), holds the lock for `holdMs`, writing when it took it and when it let go.
 */
function holder(lock: string, log: string, go: string, holdMs: number): Promise<number | null> {
  const script = `
    const { appendFileSync, existsSync } = require('node:fs')
    const { takeLock } = require(${JSON.stringify(path.join(ROOT, 'tools/file-lock.ts'))})
    const nap = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms)
    appendFileSync(${JSON.stringify(log)}, 'ready\\n')
    while (!existsSync(${JSON.stringify(go)})) nap(10)
    const release = takeLock(${JSON.stringify(lock)}, { timeoutMs: 20000 })
    appendFileSync(${JSON.stringify(log)}, 'in\\n')
    nap(${String(holdMs)})
    appendFileSync(${JSON.stringify(log)}, 'out\\n')
    release()`
  const child = spawn(process.execPath, ['--import', 'tsx', '-e', script], { cwd: ROOT, stdio: 'inherit' })
  return new Promise((resolve) => child.once('exit', resolve))
}

/** Starts `count` holders, lets them all go at once, and returns the lock's log (without the "ready" lines). */
async function contend(count: number, files: { lock: string; log: string; go: string }): Promise<string> {
  const exits = Array.from({ length: count }, () => holder(files.lock, files.log, files.go, 300))
  const deadline = Date.now() + 20_000
  while (readFileSync(files.log, 'utf8').split('ready').length <= count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20))
  writeFileSync(files.go, '')
  expect(await Promise.all(exits)).toEqual(Array(count).fill(0))
  return readFileSync(files.log, 'utf8').replace(/ready\n/g, '')
}

/** The pid of a process that has exited. */
function deadPid(): string {
  return spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout
}

describe('the build lock', () => {
  it('lets one process at a time through: the others wait for its release', async () => {
    const files = scratch()
    expect(await contend(3, files)).toBe('in\nout\n'.repeat(3))
    expect(existsSync(files.lock)).toBe(false)
  })

  it('two processes finding the lock of a process that died: one takes it over, the other waits for it', async () => {
    const files = scratch()
    writeFileSync(files.lock, deadPid())
    expect(await contend(2, files)).toBe('in\nout\n'.repeat(2))
  })

  it('waits out a lock whose process lives, and takes over one older than ten minutes whatever its pid', () => {
    const { lock } = scratch()
    writeFileSync(lock, String(process.ppid)) // vitest's own process: alive
    expect(() => takeLock(lock, { timeoutMs: 300 })).toThrow(/held by process \d+ for over 300 ms/)
    const old = (Date.now() - 11 * 60_000) / 1000
    utimesSync(lock, old, old)
    const release = takeLock(lock, { timeoutMs: 300 })
    expect(readFileSync(lock, 'utf8')).toBe(String(process.pid))
    release()
    expect(existsSync(lock)).toBe(false)
  })

  it('releases only its own lock', () => {
    const { lock } = scratch()
    const release = takeLock(lock, { timeoutMs: 300 })
    writeFileSync(lock, String(process.ppid)) // another process took it over meanwhile
    release()
    expect(readFileSync(lock, 'utf8')).toBe(String(process.ppid))
  })
})
