import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs'

/**
 * Takes `file` as a lock between processes (created exclusively, holding this process's pid),
 * waiting while a live process holds it; returns its release. A lock left by a process that died
 * is taken over. Synchronous, for the build step the test files run before their tests.
 */
export function takeLock(file: string, { timeoutMs = 300_000 } = {}): () => void {
  const pause = new Int32Array(new SharedArrayBuffer(4))
  for (const deadline = Date.now() + timeoutMs; ; ) {
    try {
      const fd = openSync(file, 'wx')
      writeSync(fd, String(process.pid))
      closeSync(fd)
      return () => rmSync(file, { force: true })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
    if (!holderAlive(file)) rmSync(file, { force: true })
    else if (Date.now() > deadline) throw new Error(`${file}: held by another process for ${String(timeoutMs)} ms`)
    else Atomics.wait(pause, 0, 0, 100)
  }
}

/** Whether the process named in the lock still runs. */
function holderAlive(file: string): boolean {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch {
    return true // just released: try again
  }
  if (text === '') return true // just created, its pid not written yet
  const pid = Number(text)
  if (!Number.isSafeInteger(pid) || pid <= 0) return false
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
