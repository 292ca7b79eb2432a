/**
 * The desktop shell's conventions that need the window: it says when an ordinary call rings the
 * softphone (main asks for attention while the window is hidden or minimised), it asks main to
 * raise an alert's OS notification (Electron's own, whose click can bring back a window hidden to
 * the tray, which a page's web Notification cannot), and main asks it to sign out (the tray's Sign
 * out, which goes through the window's own sign-out: the softphone unregisters first, and a live
 * supervision call is confirmed), to show the alert whose notification was clicked, or to show or
 * leave the wallboard (View → Wallboard).
 */
import { z } from 'zod'
import { type InvokeSpec, Ok } from './common'

export const desktopInvoke = {
  /** An ordinary (not Earshot's own supervision) call is ringing the softphone, or no longer. */
  'desktop:ringing': { access: 'operator', request: z.object({ ringing: z.boolean() }).strict(), response: Ok },
  /**
   * An alert's notification. `shown` is false where main has no OS notifications (the browser host,
   * a desktop without a notification service): the page then uses the web Notification API.
   */
  /**
   * The wallboard came or went: the desktop shell puts its window in full screen (and back, if it
   * put it there). `done` is false where no shell does (the browser host): the page then asks
   * Chromium itself (Fullscreen API). Electron refuses a page's Fullscreen API request made
   * without a gesture in the page, as View → Wallboard's is.
   */
  'desktop:full-screen': { access: 'operator', request: z.object({ on: z.boolean() }).strict(), response: z.object({ done: z.boolean() }) },
  'desktop:notify': {
    access: 'operator',
    request: z.object({ id: z.number().int().nonnegative(), title: z.string().min(1).max(120), body: z.string().max(400) }).strict(),
    response: z.object({ shown: z.boolean() })
  }
} as const satisfies Record<string, InvokeSpec>

/** What main asks the window to do. */
export const DesktopCommand = z.discriminatedUnion('command', [
  z.object({ command: z.literal('sign-out') }),
  /** View → Wallboard in the application menu. */
  z.object({ command: z.literal('toggle-wallboard') }),
  /** The operator clicked the notification `desktop:notify` raised with this id. */
  z.object({ command: z.literal('show-alert'), id: z.number().int().nonnegative() })
])
export type DesktopCommand = z.infer<typeof DesktopCommand>

export const desktopStreams = {
  'desktop:command': DesktopCommand
} as const
