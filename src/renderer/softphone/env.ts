import type { ChoiceStorage } from './pure/devices'

/** What the softphone takes from its surroundings (the browser in the app, fakes in tests). */
export interface SoftphoneEnv {
  now(): number
  storage: ChoiceStorage | null
  mediaDevices: MediaDevices | null
  /** Window-like target of the `online` event. */
  events: Pick<EventTarget, 'addEventListener' | 'removeEventListener'> | null
  /** A short message for the supervisor (a toast). */
  notify(text: string): void
  log(level: string, text: string): void
}

export function browserEnv(notify: (text: string) => void): SoftphoneEnv {
  let storage: ChoiceStorage | null = null
  try {
    storage = window.localStorage
  } catch {
    storage = null
  }
  return {
    now: () => Date.now(),
    storage,
    mediaDevices: typeof navigator !== 'undefined' && 'mediaDevices' in navigator ? navigator.mediaDevices : null,
    events: window,
    notify,
    log: (level, text) => {
      // SIP.js's warnings and errors are diagnostics, not page errors.
      if (level === 'error' || level === 'warn') console.warn(`[softphone] ${text}`)
      else console.debug(`[softphone] ${text}`)
    }
  }
}
