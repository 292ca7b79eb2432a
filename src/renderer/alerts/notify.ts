/**
 * How an alert reaches an operator who is not looking at the floor: a short generated tone and an
 * OS notification. Main raises it where it can (Electron's own notification, whose click brings
 * back a window hidden to the tray, and answers with `desktop:command` show-alert); elsewhere (the
 * browser host) the web Notification API does. Every notice is also announced as a window event
 * (`earshot:alert-notice`), which is how tests see that one was shown; it changes nothing for users.
 */
import type { EarshotApi } from '../../shared/contract'
import type { Notice } from './pure/ledger'
import { alertTitle } from './pure/evaluate'

export interface NoticeText {
  title: string
  body: string
  extension: string | null
}

/** What the notification says: who and what is wrong, never the customer. */
export function noticeText(notice: Notice): NoticeText {
  const { alert, count } = notice
  const body = count > 1 ? `${alert.subject} and ${String(count - 1)} more need attention` : alert.subject
  return { title: count > 1 ? `${String(count)} alerts` : alertTitle(alert), body, extension: alert.extension }
}

export const NOTICE_EVENT = 'earshot:alert-notice'

// What each recent notification's click does, by the id main echoes back. Only the last few are
// kept: notification centres keep old ones, but a click on a long-gone alert has nothing to show.
const clicks = new Map<number, () => void>()
let nextId = 1

/** Main says the notification with this id was clicked (it has brought the window back). */
export function notificationClicked(id: number): void {
  clicks.get(id)?.()
}

export async function showNotification(api: EarshotApi, text: NoticeText, onClick: () => void): Promise<void> {
  window.dispatchEvent(new CustomEvent<NoticeText>(NOTICE_EVENT, { detail: text }))
  const id = nextId++
  clicks.set(id, onClick)
  for (const old of clicks.keys()) if (clicks.size > 8) clicks.delete(old)
  const { shown } = await api.invoke('desktop:notify', { id, title: text.title, body: text.body }).catch((error: unknown) => {
    console.warn('[alerts] main raised no notification:', error)
    return { shown: false }
  })
  if (shown || typeof Notification === 'undefined' || Notification.permission !== 'granted') return
  const notification = new Notification(text.title, { body: text.body, tag: 'earshot-alert' })
  notification.onclick = () => {
    window.focus()
    onClick()
    notification.close()
  }
}

/** Asks once, from the operator's own click (browsers refuse to ask otherwise). */
export function askNotificationPermission(): void {
  if (typeof Notification !== 'undefined' && Notification.permission === 'default') void Notification.requestPermission()
}

let audio: AudioContext | null = null

/** Two short soft tones, generated: no sound file to ship. */
export function playAlertSound(): void {
  try {
    audio ??= new AudioContext()
    const start = audio.currentTime
    for (const [offset, frequency] of [[0, 880], [0.18, 660]] as const) {
      const oscillator = audio.createOscillator()
      const gain = audio.createGain()
      oscillator.frequency.value = frequency
      gain.gain.setValueAtTime(0.0001, start + offset)
      gain.gain.exponentialRampToValueAtTime(0.2, start + offset + 0.02)
      gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.15)
      oscillator.connect(gain).connect(audio.destination)
      oscillator.start(start + offset)
      oscillator.stop(start + offset + 0.16)
    }
  } catch {
    // No audio device: the notification and the marks still tell.
  }
}
