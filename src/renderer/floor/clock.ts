import { useState, useSyncExternalStore } from 'react'
import { useFloor } from './useFloor'

/**
 * The one clock every ticking figure on screen reads: a single timer, aligned to this machine's
 * second boundaries, running only while something is subscribed. Rows do not get their own
 * intervals; each visible time cell subscribes here and re-renders once a second.
 */
const listeners = new Set<() => void>()
let timer: ReturnType<typeof setTimeout> | null = null
let now = wholeSecond(Date.now())

function wholeSecond(ms: number): number {
  return Math.floor(ms / 1000) * 1000
}

function schedule(): void {
  // A few ms past the boundary, so the new second has certainly begun.
  timer = setTimeout(tick, 1000 - (Date.now() % 1000) + 5)
}

function tick(): void {
  now = wholeSecond(Date.now())
  for (const listener of listeners) listener()
  schedule()
}

/** Calls `listener` at each second boundary while subscribed (the clock's own timer); returns unsubscribe. */
export function subscribeSeconds(listener: () => void): () => void {
  listeners.add(listener)
  if (timer === null) {
    now = wholeSecond(Date.now())
    schedule()
  }
  return () => {
    listeners.delete(listener)
    if (listeners.size === 0 && timer !== null) {
      clearTimeout(timer)
      timer = null
    }
  }
}

function getNow(): number {
  return now
}

/** This machine's time (epoch ms, whole seconds), re-rendering the caller once a second. */
export function useNow(): number {
  return useSyncExternalStore(subscribeSeconds, getNow)
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
export function useFloorNow(): { now: number; stopped: boolean } {
  const stoppedAt = useFloor((s) => (s.connection?.stale === true ? s.staleSince : null))
  const now = useSyncExternalStore(stoppedAt === null ? subscribeSeconds : subscribeNever, stoppedAt === null ? getNow : () => wholeSecond(stoppedAt))
  return { now, stopped: stoppedAt !== null }
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
