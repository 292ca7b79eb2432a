/**
 * The PBX's clock, read from what it says. Asterisk's time-in-state figures (QueueMember
 * `LastPause`, `LastCall`, `LoginTime`) are epoch seconds on the PBX's clock, while the model's
 * `at` is the caller's (Date.now() live, a capture's own clock in a replay). The PBX tells its
 * time in passing: a channel's Uniqueid is `<epoch second it was created>.<counter>` (optionally
 * after `<systemname>-`), a `CoreShowChannel` adds its `Duration`, and a pause's `LastPause` is
 * the second it happened. Each says the offset lies in a range; the ranges narrow it to about a
 * second. Until the PBX said anything, figures cannot be placed on the caller's clock (null).
 */
import type { FloorState } from './state'

const UNIQUEID = /(\d{9,})\.\d+$/

/** The PBX's epoch second in a Uniqueid, or null when it has none (another naming scheme). */
export function uniqueidSecond(uniqueid: string | undefined): number | null {
  const m = uniqueid === undefined ? null : UNIQUEID.exec(uniqueid)
  return m === null ? null : Number(m[1])
}

/** The PBX said, in a message received at `at`, that its clock read between `fromMs` and `toMs` (epoch ms). */
export function pbxClockSaid(state: FloorState, at: number, fromMs: number, toMs: number): void {
  // The message left the PBX at or before `at`: the offset is at most `at - fromMs`.
  const lo = at - toMs
  const hi = at - fromMs
  const clock = state.pbxClock
  if (clock === null || lo > clock.hi || hi < clock.lo) {
    // First word, or a clock that jumped (a restart, NTP): start again from this one.
    const first = clock === null
    state.pbxClock = { lo, hi }
    // Statuses only the figures could place can be placed now (not one this very message changes: that one is seen as it happens).
    if (first) {
      for (const [ext, s] of state.statuses) {
        if (s.since !== null || state.changed.has(ext)) continue
        state.changed.add(ext)
        state.learned.add(ext)
      }
    }
    return
  }
  clock.lo = Math.max(clock.lo, lo)
  clock.hi = Math.min(clock.hi, hi)
}

/** A channel's Uniqueid names the second it was created: a live Newchannel arrives in that second. */
export function pbxClockFromUniqueid(state: FloorState, uniqueid: string | undefined, at: number, secondsSince = 0): void {
  const second = uniqueidSecond(uniqueid)
  if (second === null) return
  // `secondsSince` (a whole-second Duration) may be up to a second short, as may the Uniqueid's second.
  const from = (second + secondsSince) * 1000
  pbxClockSaid(state, at, from, from + (secondsSince > 0 ? 2000 : 1000))
}

/** An epoch second of the PBX's as a time on the caller's clock; null when 0 (never) or the clock is not known. */
export function fromPbxSeconds(state: FloorState, seconds: number): number | null {
  const clock = state.pbxClock
  if (clock === null || !(seconds > 0)) return null
  // The figure names a whole second: the moment lies somewhere in it.
  return seconds * 1000 + 500 + Math.round((clock.lo + clock.hi) / 2)
}
