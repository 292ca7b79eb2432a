/**
 * Earshot's one link policy, for both hosts (the Electron shell and the browser host) and the
 * renderer that shows the links:
 *
 * - `https:` pages and `mailto:` addresses open in the OS (Electron: shell.openExternal; the browser
 *   host: a new tab / the mail app, as the browser does);
 * - `http:` is refused: a customer's web page must be https:// when it is saved, and an http:// link
 *   stored before this rule (or imported from an old file) is shown, not opened, with the reason;
 * - anything else (file:, javascript:, custom schemes, credentials in the URL) is never opened.
 *
 * Plain data, no `electron`: the main process, the renderer and tests all use it.
 */

export type LinkVerdict = { readonly open: true; readonly url: string } | { readonly open: false; readonly reason: string }

export const HTTP_REFUSED =
  'Earshot opens web pages over https:// only: an http:// page can be read or changed on its way. Use the https:// address.'

/** Whether a link may be opened in the OS, with the normalised URL to open, or why not. */
export function linkToOpen(url: string): LinkVerdict {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return { open: false, reason: 'This is not a web address; use one starting with https://.' }
  }
  if (parsed.username !== '' || parsed.password !== '') return { open: false, reason: 'Do not put a user name or password in the address.' }
  switch (parsed.protocol) {
    case 'https:':
      return { open: true, url: parsed.href }
    case 'mailto:':
      return parsed.pathname === '' ? { open: false, reason: 'This email link has no address.' } : { open: true, url: parsed.href }
    case 'http:':
      return { open: false, reason: HTTP_REFUSED }
    default:
      return { open: false, reason: 'Earshot opens only https:// web pages and mailto: email addresses.' }
  }
}

/** Why `url` cannot be saved as a web page (an https:// address that opens), or null when it can. */
export function webPageProblem(url: string): string | null {
  const verdict = linkToOpen(url)
  if (!verdict.open) return verdict.reason
  return verdict.url.startsWith('https://') ? null : 'A web page starts with https://.'
}
