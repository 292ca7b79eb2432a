/**
 * When an ordinary call rings the softphone and nobody can see the window, Earshot asks for
 * attention: an OS notification and a flashing taskbar entry (Windows, Linux) or a bouncing dock
 * icon (macOS). Supervision legs answer themselves and never ask.
 */

export interface WindowVisibility {
  /** The window exists and is shown (not hidden to the tray or behind `hide()`). */
  visible: boolean
  minimized: boolean
}

/** Draw attention only while a call rings and the window is hidden or minimised. */
export function needsAttention(ringing: boolean, window: WindowVisibility | null): boolean {
  if (!ringing) return false
  return window === null || !window.visible || window.minimized
}

/**
 * The notification's words. The caller is not named: notification centres keep a history and lock
 * screens show it, and Earshot keeps customers' numbers inside the app.
 */
export const RINGING_NOTICE = { title: 'Incoming call', body: 'A call is ringing the softphone. Click to answer in Earshot.' } as const
