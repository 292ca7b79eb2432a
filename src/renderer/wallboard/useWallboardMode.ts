import { useCallback, useEffect, useRef, useState } from 'react'
import type { EarshotApi } from '../../shared/contract'
import { useSoftphone } from '../softphone/useSoftphone'

/**
 * Wallboard on/off: F11 (in Electron the View → Wallboard menu item, which owns F11 and sends
 * `desktop:command` toggle-wallboard) toggles it, Esc leaves it. Entering asks the desktop shell to
 * make its window full screen, else (the browser host) Chromium with the Fullscreen API; leaving
 * the browser's full screen by its own means leaves the wallboard as well.
 * Only operators who see everyone get it (it shows the whole floor). An ordinary call ringing the
 * softphone leaves it: its Accept / Decline live on the console underneath.
 */
export function useWallboardMode(api: EarshotApi, allowed: boolean): { on: boolean; toggle: () => void; leave: () => void } {
  const [on, setOn] = useState(false)
  const toggle = useCallback(() => setOn((current) => !current), [])
  const leave = useCallback(() => setOn(false), [])
  const ringing = useSoftphone((s) => s.calls.some((c) => c.kind === 'ordinary' && c.phase === 'ringing'))
  if (on && (ringing || !allowed)) setOn(false)

  useEffect(() => {
    if (!allowed) return
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
  }, [allowed, on, toggle])

  useEffect(() => {
    if (!allowed) return undefined
    try {
      return api.on('desktop:command', (command) => {
        if (command.command === 'toggle-wallboard') toggle()
      })
    } catch {
      // A host without the stream (the browser host has no menu): F11 is enough.
      return undefined
    }
  }, [api, allowed, toggle])

  /** Each showing of the wallboard: a late answer for one gone must not undo a newer one's full screen. */
  const showings = useRef(0)

  useEffect(() => {
    if (!on) return
    const showing = ++showings.current
    let live = true
    /** The desktop shell made its window full screen: it is told when the wallboard goes. */
    let byShell = false
    // Refused (no user gesture, or not allowed): the wallboard still shows, in the window as it is.
    const askChromium = (): void => void document.documentElement.requestFullscreen?.().catch(() => undefined)
    // The desktop shell first: Electron refuses a page's request without a gesture in the page (the menu's F11).
    api.invoke('desktop:full-screen', { on: true }).then(
      ({ done }) => {
        if (!live) {
          // Gone before the answer: undo it, unless the wallboard is showing again (that showing owns it now).
          if (done && showing === showings.current) api.invoke('desktop:full-screen', { on: false }).catch(() => undefined)
          return
        }
        byShell = done
        if (!done) askChromium()
      },
      () => {
        if (live) askChromium()
      }
    )
    const onChange = (): void => {
      if (document.fullscreenElement === null) setOn(false)
    }
    document.addEventListener('fullscreenchange', onChange)
    return () => {
      live = false
      document.removeEventListener('fullscreenchange', onChange)
      if (byShell) api.invoke('desktop:full-screen', { on: false }).catch(() => undefined)
      if (document.fullscreenElement !== null) document.exitFullscreen().catch(() => undefined)
    }
  }, [on, api])

  return { on, toggle, leave }
}
