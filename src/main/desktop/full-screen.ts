/** The window's full screen as the wallboard drives it (the Electron glue applies the answer). */
export interface FullScreen {
  full: boolean
  /** The wallboard put the window in full screen (and may take it out again). */
  byWallboard: boolean
}

/**
 * The wallboard came (`on`) or went: full screen if the window is not already; out of it only if
 * the wallboard made it so — one the operator chose (Shift+F11) stays.
 */
export function wallboardFullScreen(now: FullScreen, on: boolean): FullScreen {
  if (on && !now.full) return { full: true, byWallboard: true }
  if (!on && now.byWallboard) return { full: false, byWallboard: false }
  return now
}
