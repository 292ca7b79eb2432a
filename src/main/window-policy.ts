/**
 * Where the app's own pages live, and which URLs count as "the app". Pure functions, no
 * `electron` import, so they can be unit-tested and reused by the security glue.
 */
import { pathToFileURL } from 'node:url'
import path from 'node:path'

export type AppLocation =
  /** Production: out/renderer/index.html loaded with `loadFile`. */
  | { readonly kind: 'file'; readonly indexUrl: string; readonly dirUrl: string }
  /** Development only: the electron-vite dev server. Never honoured in a packaged app. */
  | { readonly kind: 'dev'; readonly indexUrl: string; readonly origin: string }

export function fileAppLocation(indexHtmlPath: string): AppLocation {
  const indexUrl = pathToFileURL(path.resolve(indexHtmlPath)).href
  const dirUrl = pathToFileURL(path.dirname(path.resolve(indexHtmlPath)) + path.sep).href
  return { kind: 'file', indexUrl, dirUrl }
}

export function devAppLocation(devServerUrl: string): AppLocation {
  const url = new URL(devServerUrl)
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`Dev server URL must be http(s): ${devServerUrl}`)
  }
  return { kind: 'dev', indexUrl: url.href, origin: url.origin }
}

function parse(url: string): URL | null {
  try {
    return new URL(url)
  } catch {
    return null
  }
}

/** True for any resource the app itself serves (documents, scripts, styles, images). */
export function isAppResource(app: AppLocation, url: string): boolean {
  const parsed = parse(url)
  if (parsed === null) return false
  if (app.kind === 'dev') return parsed.origin === app.origin
  if (parsed.protocol !== 'file:') return false
  // `new URL` has already resolved any `..` segments, so a prefix check is a containment check.
  return parsed.href.startsWith(app.dirUrl)
}

/** True only for the app's own document: the one page the main frame may show. */
export function isAppPage(app: AppLocation, url: string): boolean {
  const parsed = parse(url)
  if (parsed === null) return false
  parsed.hash = ''
  parsed.search = ''
  if (app.kind === 'dev') return parsed.origin === app.origin
  return parsed.href === app.indexUrl
}

/**
 * A link the user may open in the OS browser: https only (no http, file, javascript, custom
 * schemes, or credentials in the URL). Returns the normalised URL, or null to just drop it.
 */
export function externalLinkToOpen(url: string): string | null {
  const parsed = parse(url)
  if (parsed === null || parsed.protocol !== 'https:') return null
  if (parsed.username !== '' || parsed.password !== '') return null
  return parsed.href
}
