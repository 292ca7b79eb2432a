import { type JSX, useEffect, useState } from 'react'
import type { EarshotApi, SupervisionSessions } from '../../shared/contract'
import { useAdminActions } from '../sign-in/access'

/**
 * Admins only: the one line saying why Listen / Whisper / Barge are not offered (no feature codes
 * and no direct ChanSpy), from `supervision:sessions`, with a link to the settings section that fixes it.
 */
export function SupervisionNotice({ api }: { api: EarshotApi }): JSX.Element | null {
  const admin = useAdminActions()
  const [availability, setAvailability] = useState<SupervisionSessions['availability'] | null>(null)

  useEffect(() => {
    if (admin === null) return
    let live = true
    let pushed = false
    let stop = (): void => {}
    try {
      stop = api.on('supervision:sessions', (sessions) => {
        pushed = true
        if (live) setAvailability(sessions.availability)
      })
    } catch {
      // An api without this stream (an older host): the note is only a hint, nothing to show.
    }
    api.invoke('supervision:sessions', {}).then(
      (sessions) => {
        if (live && !pushed) setAvailability(sessions.availability)
      },
      () => {}
    )
    return () => {
      live = false
      stop()
    }
  }, [api, admin])

  if (admin === null || availability === null || availability.available || availability.reason === null) return null
  const section = availability.settings ?? 'pbx'
  return (
    <p className="note note-info supervision-notice" data-testid="supervision-unavailable">
      <span>{availability.reason}</span>
      <button type="button" className="link-button" onClick={() => admin.openSettings(section)}>
        {section === 'softphone' ? 'Softphone settings' : 'PBX settings'}
      </button>
    </p>
  )
}
