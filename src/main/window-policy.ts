/**
 * Where the app's own pages live, and which URLs count as "the app". Pure functions, no
 * `electron` import, so they can be unit-tested and reused by the security glue.
 */
import { APP_ORIGIN, APP_SCHEME, APP_HOST } from './app-protocol'

export type AppLocation =
  /** Production: out/renderer served by the privileged `app://earshot/` protocol (see app-protocol.ts). */
  | { readonly kind: 'app'; readonly indexUrl: string }
  /** Development only: the electron-vite dev server. Never honoured in a packaged app. */
  | { readonly kind: 'dev'; readonly indexUrl: string; readonly origin: string }

export function appProtocolLocation(): AppLocation {
  return { kind: 'app', indexUrl: `${APP_ORIGIN}/index.html` }
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
  // WHATWG URL gives custom schemes an opaque origin ("null"), so compare scheme, host and port.
  return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.username === '' && parsed.password === ''
}

/** True only for the app's own document: the one page the main frame may show. */
export function isAppPage(app: AppLocation, url: string): boolean {
  const parsed = parse(url)
  if (parsed === null) return false
  parsed.hash = ''
  parsed.search = ''
  if (app.kind === 'dev') return parsed.origin === app.origin
  return isAppResource(app, url) && parsed.href === app.indexUrl
}
