import { useCallback, useEffect, useState } from 'react'

/**
 * Wallboard on/off: F11 toggles it, Esc leaves it. Entering asks for full screen with the
 * Fullscreen API (the browser host; Electron's Chromium supports it too and makes the window full
 * screen); leaving full screen by the browser's own means (Esc there) leaves the wallboard as well.
 */
export function useWallboardMode(enabled: boolean): { on: boolean; toggle: () => void } {
  const [on, setOn] = useState(false)
  const toggle = useCallback(() => setOn((current) => !current), [])

  useEffect(() => {
    if (!enabled) return
    const onKey = (event: KeyboardEvent): void => {
      if (event.key === 'F11') {
        event.preventDefault()
        toggle()
      } else if (event.key === 'Escape' && on) {
        setOn(false)
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [enabled, on, toggle])

  useEffect(() => {
    if (!on) return
    // Refused (no user gesture, or not allowed): the wallboard still shows, in the window as it is.
    document.documentElement.requestFullscreen?.().catch(() => undefined)
    const onChange = (): void => {
      if (document.fullscreenElement === null) setOn(false)
    }
    document.addEventListener('fullscreenchange', onChange)
    return () => {
      document.removeEventListener('fullscreenchange', onChange)
      if (document.fullscreenElement !== null) document.exitFullscreen().catch(() => undefined)
    }
  }, [on])

  return { on: on && enabled, toggle }
}
