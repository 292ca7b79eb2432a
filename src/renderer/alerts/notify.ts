/**
 * How an alert reaches an operator who is not looking at the floor: a short generated tone and an
 * OS notification (the web Notification API: in Electron's renderer it raises the system's own).
 * Every notice is also announced as a window event (`earshot:alert-notice`), which is how tests see
 * that one was shown; it changes nothing for users.
 */
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

export function showNotification(text: NoticeText, onClick: () => void): void {
  window.dispatchEvent(new CustomEvent<NoticeText>(NOTICE_EVENT, { detail: text }))
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return
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
