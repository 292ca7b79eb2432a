/** Keyboard shortcuts as the user's OS writes them: ⌘ on macOS, Ctrl elsewhere. */

/** True on macOS, from `navigator.platform` ("MacIntel") or, where that is empty, the user agent. */
export function isMac(platform: string, userAgent = ''): boolean {
  return /^Mac/i.test(platform) || (platform === '' && /Macintosh|Mac OS X/.test(userAgent))
}

/** The copy shortcut to tell the user about: "⌘C" on macOS, "Ctrl+C" elsewhere. */
export function copyShortcut(platform: string, userAgent = ''): string {
  return isMac(platform, userAgent) ? '⌘C' : 'Ctrl+C'
}
