/**
 * What the window tells the desktop shell, and what it asks of the window (both hosts: the browser
 * host has no tray or notifications, and its main simply ignores the ringing):
 * - an ordinary call ringing the softphone (main notifies and flashes the taskbar while the window
 *   is hidden or minimised; Earshot's own supervision legs answer themselves and never count);
 * - a live supervision call guards the page against leaving (closing, reloading): the browser asks
 *   with its own beforeunload prompt, Electron's main with a dialog (`will-prevent-unload`);
 * - the tray's Sign out runs the window's own sign-out (softphone first, the call confirmed);
 * - a click on an alert's OS notification (main has brought the window back) shows that alert.
 */
import { useEffect } from 'react'
import type { EarshotApi } from '../../shared/contract'
import { notificationClicked } from '../alerts/notify'
import { useSoftphone } from '../softphone/useSoftphone'
import { liveSupervision } from '../supervision/leave'
import { useDesk } from '../supervision/useDesk'

export function DesktopConventions({ api, signOut }: { api: EarshotApi; signOut: () => Promise<boolean> }): null {
  const ringing = useSoftphone((s) => s.calls.some((c) => c.kind === 'ordinary' && c.phase === 'ringing'))
  const supervising = useDesk((s) => liveSupervision(s.sessions) !== null)

  useEffect(() => {
    // Only changes are sent; the first report says "not ringing", which main takes as a no-op.
    api.invoke('desktop:ringing', { ringing }).catch((error: unknown) => console.warn('[desktop] ringing not reported:', error))
  }, [api, ringing])

  useEffect(() => {
    if (!supervising) return
    const guard = (event: BeforeUnloadEvent): void => {
      event.preventDefault()
      // Older Chromium needs returnValue set to show the prompt.
      event.returnValue = ''
    }
    window.addEventListener('beforeunload', guard)
    return () => window.removeEventListener('beforeunload', guard)
  }, [supervising])

  useEffect(() => {
    try {
      return api.on('desktop:command', (command) => {
        if (command.command === 'sign-out') void signOut()
        else if (command.command === 'show-alert') notificationClicked(command.id)
      })
    } catch (error) {
      // A host without the stream (an older main, a test double) simply has no tray.
      console.warn('[desktop] no desktop:command stream:', error)
      return undefined
    }
  }, [api, signOut])

  return null
}
