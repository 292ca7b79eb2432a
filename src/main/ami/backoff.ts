export interface BackoffOptions {
  /** First retry delay before jitter. Default 500 ms. */
  readonly baseMs?: number
  /** Growth per failed attempt. Default 2. */
  readonly factor?: number
  /** Upper bound of a delay. Default 30 s. */
  readonly maxMs?: number
  /** A connection that stayed up this long resets the attempt count. Default 30 s. */
  readonly stableMs?: number
  /**
   * While the PBX is restarting (it sent `Shutdown`, or its port refuses connections) retries
   * come this often, before jitter, whatever the backoff had grown to. Default 1 s.
   */
  readonly restartMs?: number
  /** For how long after the restart began retries stay that quick; then the usual backoff. Default 60 s. */
  readonly restartForMs?: number
}

export const DEFAULT_BACKOFF = { baseMs: 500, factor: 2, maxMs: 30_000, stableMs: 30_000, restartMs: 1000, restartForMs: 60_000 } as const

/**
 * Delay before retry number `attempt` (1-based): capped exponential growth with "equal jitter",
 * a random point in the upper half, so many consoles restarted by one PBX outage spread out
 * while none retries sooner than half the nominal delay.
 */
export function backoffDelay(attempt: number, options: BackoffOptions = {}, random: () => number = Math.random): number {
  const baseMs = options.baseMs ?? DEFAULT_BACKOFF.baseMs
  const factor = options.factor ?? DEFAULT_BACKOFF.factor
  const maxMs = options.maxMs ?? DEFAULT_BACKOFF.maxMs
  const nominal = Math.min(maxMs, baseMs * factor ** Math.max(0, attempt - 1))
  return Math.round(nominal / 2 + (random() * nominal) / 2)
}
