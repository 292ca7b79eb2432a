import { linkSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'

/** A lock older than this is taken over whatever its pid says (a build takes seconds; pids are reused). */
const STALE_MS = 10 * 60_000

/**
 * Takes `file` as a lock between processes, waiting while a live process holds it; returns its
 * release. The lock is a file holding its holder's pid, put in place whole (written aside, then
 * hard-linked: it is never seen empty). A lock whose process died, or older than STALE_MS, is taken
 * over: moved aside first (one waiter wins the rename), and put back if what was moved turns out to
 * be another waiter's fresh lock. Synchronous, for the build step test files run before their tests.
 */
export function takeLock(file: string, { timeoutMs = 300_000 } = {}): () => void {
  const mine = `${file}.${String(process.pid)}`
  writeFileSync(mine, String(process.pid))
  const pause = new Int32Array(new SharedArrayBuffer(4))
  try {
    for (const deadline = Date.now() + timeoutMs; ; ) {
      try {
        linkSync(mine, file)
        return () => {
          // Only our own lock: never one another process took over from us.
          if (holder(file) === String(process.pid)) rmSync(file, { force: true })
        }
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      }
      const seen = holder(file)
      if (seen !== null && stale(file, seen)) takeOver(file, seen)
      else if (Date.now() > deadline) throw new Error(`${file}: held by process ${seen ?? '?'} for over ${String(timeoutMs)} ms`)
      else Atomics.wait(pause, 0, 0, 100)
    }
  } finally {
    rmSync(mine, { force: true })
  }
}

/** The pid in the lock, or null when there is no lock (just released). */
function holder(file: string): string | null {
  try {
    return readFileSync(file, 'utf8')
  } catch {
    return null
  }
}

function stale(file: string, pid: string): boolean {
  try {
    if (Date.now() - statSync(file).mtimeMs > STALE_MS) return true
  } catch {
    return false // just released: try again
  }
  const n = Number(pid)
  if (!Number.isSafeInteger(n) || n <= 0) return true
  try {
    process.kill(n, 0)
    return false
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'EPERM'
  }
}

/** Removes the stale lock of `pid`; another waiter's lock moved aside by mistake goes back. */
function takeOver(file: string, pid: string): void {
  const aside = `${file}.${String(process.pid)}.stale`
  try {
    renameSync(file, aside)
  } catch {
    return // another waiter moved it first
  }
  if (holder(aside) !== pid) {
    try {
      linkSync(aside, file)
    } catch {
      // A third process locked in between: now two hold it. Only three or more waiters on a dead
      // holder's lock at once can get here; the build's are the shell's two test files.
    }
  }
  rmSync(aside, { force: true })
}
