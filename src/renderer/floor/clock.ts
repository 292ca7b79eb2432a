import { useState, useSyncExternalStore } from 'react'
import { selectStoppedAt, useFloor } from './useFloor'

/**
 * The clocks every ticking figure on screen reads: a timer per clock, aligned to this machine's
 * second boundaries (or its tenths), running only while something is subscribed.
 * Rows do not get their own intervals; each visible time subscribes and re-renders when it ticks.
 */
interface Clock {
  subscribe: (listener: () => void) => () => void
  /** This machine's time at the last tick, in whole periods (epoch ms). */
  now: () => number
}

function wholeSecond(ms: number): number {
  return Math.floor(ms / 1000) * 1000
}

function clock(periodMs: number, phaseMs = 0): Clock {
  const listeners = new Set<() => void>()
  let timer: ReturnType<typeof setTimeout> | null = null
  const whole = (ms: number): number => Math.floor(ms / periodMs) * periodMs
  let now = whole(Date.now())
  const schedule = (): void => {
    // A few ms past the moment, so the new period has certainly begun.
    timer = setTimeout(tick, periodMs - ((Date.now() - phaseMs) % periodMs) + 5)
  }
  const tick = (): void => {
    now = whole(Date.now())
    for (const listener of listeners) listener()
    schedule()
  }
  return {
    subscribe: (listener) => {
      listeners.add(listener)
      if (timer === null) {
        now = whole(Date.now())
        schedule()
      }
      return () => {
        listeners.delete(listener)
        if (listeners.size === 0 && timer !== null) {
          clearTimeout(timer)
          timer = null
        }
      }
    },
    now: () => now
  }
}

/** At each second boundary: what is on screen and ticks (times, the wallboard, the counters). */
const onTheSecond = clock(1000)

/**
 * Tenths of a second, for the wallboard's times: each changes at its own start's second
 * boundaries, which fall anywhere in the second. Read at the shared second, all of a page's
 * hundreds of times redrew in one task right after it (one to three frames dropped, in most
 * seconds); checked every tenth, about a tenth of them redraw at a time, each within 0.1 s of
 * its true value (useElapsedSeconds).
 */
const tenths = clock(100)

/**
 * Half a second after each second: the alerts' judge. It judges every agent once a second; done in
 * the same task as the figures that tick on screen, the two made one long task each second.
 */
const halfPast = clock(1000, 500)

/** Calls `listener` at each second boundary while subscribed (the clock's own timer); returns unsubscribe. */
export const subscribeSeconds = onTheSecond.subscribe

/** This machine's time (epoch ms, whole seconds), re-rendering the caller once a second. */
export function useNow(): number {
  return useSyncExternalStore(onTheSecond.subscribe, onTheSecond.now)
}

/** `read(now)` at this machine's last second boundary, re-rendering the caller only when it changes. */
export function useSecondsValue<T>(read: (now: number) => T): T {
  return useSyncExternalStore(onTheSecond.subscribe, () => read(onTheSecond.now()))
}

/**
 * `value` as it was at this machine's last second boundary (the first one at once). For figures
 * over the whole floor — counters, queue tiles: nobody reads them more than once a second, and
 * worked out and redrawn at every delta they cost a busy floor's page most of its frames. Agent
 * rows stay live.
 */
export function useEachSecond<T>(value: T): T {
  const now = useNow()
  const [sample, setSample] = useState({ now, value })
  if (sample.now === now) return sample.value
  setSample({ now, value })
  return value
}

const subscribeNever = (): (() => void) => () => {}

/**
 * `useNow` for the floor's figures. While the floor is not live (stale) its talk and ringing times
 * are only known up to the moment it stopped being live (this machine's clock), so they stop
 * there, with no timer, instead of ticking on figures nobody can vouch for.
 */
export function useFloorNow({ unwatched = false }: { unwatched?: boolean } = {}): { now: number; stopped: boolean } {
  const stoppedAt = useFloor(selectStoppedAt)
  const clock = unwatched ? halfPast : onTheSecond
  const now = useSyncExternalStore(stoppedAt === null ? clock.subscribe : subscribeNever, stoppedAt === null ? clock.now : () => wholeSecond(stoppedAt))
  return { now, stopped: stoppedAt !== null }
}

/**
 * Whole seconds since `start` (the PBX's clock, epoch ms; null: not known), re-rendering the
 * caller only when that figure changes, within a tenth of a second (see `tenths`). At `stoppedAt`
 * (this machine's clock: when the floor stopped being live) it stops, with no timer.
 */
export function useElapsedSeconds(start: number | null, clockOffset: number, stoppedAt: number | null): number | null {
  return useSyncExternalStore(stoppedAt === null && start !== null ? tenths.subscribe : subscribeNever, () =>
    start === null ? null : elapsedSeconds(start, (stoppedAt ?? tenths.now()) + clockOffset)
  )
}

/** Whole seconds from `since` to `now`, never negative (clocks are never perfectly in step). */
export function elapsedSeconds(since: number, now: number): number {
  return Math.max(0, Math.floor((now - since) / 1000))
}

/** 65 → "01:05", 3725 → "1:02:05". */
export function formatDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds))
  const hours = Math.floor(s / 3600)
  const minutes = Math.floor((s % 3600) / 60)
  const seconds = s % 60
  const mm = String(minutes).padStart(2, '0')
  const ss = String(seconds).padStart(2, '0')
  return hours > 0 ? `${String(hours)}:${mm}:${ss}` : `${mm}:${ss}`
}
