/**
 * The desktop shell's conventions that need the window: it says when an ordinary call rings the
 * softphone (main asks for attention while the window is hidden or minimised), and main asks it to
 * sign out (the tray's Sign out, which goes through the window's own sign-out: the softphone
 * unregisters first, and a live supervision call is confirmed).
 */
import { z } from 'zod'
import { type InvokeSpec, Ok } from './common'

export const desktopInvoke = {
  /** An ordinary (not Earshot's own supervision) call is ringing the softphone, or no longer. */
  'desktop:ringing': { access: 'operator', request: z.object({ ringing: z.boolean() }).strict(), response: Ok }
} as const satisfies Record<string, InvokeSpec>

/** What main asks the window to do. */
export const DesktopCommand = z.object({ command: z.enum(['sign-out']) })
export type DesktopCommand = z.infer<typeof DesktopCommand>

export const desktopStreams = {
  'desktop:command': DesktopCommand
} as const
