/**
 * Quitting waits for cleanup. Electron does not await a `will-quit` listener: it exits as soon as
 * the listeners return, so the demo PBX and the database (its WAL files) were left open. The first
 * will-quit is therefore prevented, cleanup runs (bounded by a time limit, so a stuck service never
 * keeps the app from quitting), and then the app quits for real. No `electron` import: the app is
 * passed in.
 */

/** What of Electron's `app` quitting needs. */
export interface QuittingApp {
  on(event: 'will-quit', listener: (event: { preventDefault(): void }) => void): unknown
  quit(): void
}

/** The longest a quit waits for cleanup before quitting anyway. */
export const QUIT_TIME_LIMIT_MS = 5000

/** Resolves with `work`, or with 'timed out' after `ms` (the work is left to finish or not). */
export async function withinTime<T>(work: Promise<T>, ms: number): Promise<T | 'timed out'> {
  let timer: NodeJS.Timeout | undefined
  const limit = new Promise<'timed out'>((resolve) => {
    timer = setTimeout(() => resolve('timed out'), ms)
  })
  try {
    return await Promise.race([work, limit])
  } finally {
    clearTimeout(timer)
  }
}

/**
 * On the first quit: `cleanup()` (asynchronous, e.g. stopping services) for at most `timeLimitMs`,
 * then `finish()` (synchronous, e.g. closing the database) whatever happened, then the real quit.
 */
export function quitAfterCleanup(app: QuittingApp, steps: { cleanup(): Promise<void>; finish(): void }, timeLimitMs = QUIT_TIME_LIMIT_MS): void {
  let phase: 'running' | 'cleaning' | 'clean' = 'running'
  app.on('will-quit', (event) => {
    if (phase === 'clean') return
    event.preventDefault()
    if (phase === 'cleaning') return
    phase = 'cleaning'
    withinTime(Promise.resolve().then(() => steps.cleanup()), timeLimitMs)
      .then(
        (outcome) => {
          if (outcome === 'timed out') console.warn(`[quit] cleanup took longer than ${timeLimitMs} ms; quitting anyway`)
        },
        (error: unknown) => console.error('[quit] cleanup failed:', error)
      )
      .finally(() => {
        try {
          steps.finish()
        } catch (error) {
          console.error('[quit] cleanup failed:', error)
        }
        phase = 'clean'
        app.quit()
      })
  })
}
