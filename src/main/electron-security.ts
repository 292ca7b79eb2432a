/**
 * Process-wide Electron hardening. Installed once, before the first window exists.
 *
 * - CSP (and nosniff) on every response of the app's own pages: app:// sets them itself
 *   (renderer-files.ts), the dev server gets them here; the same policy is also in a <meta>.
 * - Permissions: everything denied except, for the app's own pages only, `media` with audio only
 *   (the softphone's microphone) and `clipboard-sanitized-write` (navigator.clipboard.writeText:
 *   the Copy buttons). No HID/USB/serial device access.
 * - Navigation: the main frame may only show the app's page, sub-frames only app resources;
 *   redirects off the app are cancelled; <webview> can never attach.
 * - New windows: always denied. Links follow src/shared/links.ts: https:// pages and mailto:
 *   addresses are handed to the OS (shell.openExternal), anything else is dropped with a warning.
 */
import { app, session, shell, type Session, type WebContents } from 'electron'
import { rendererCsp } from './window-csp'
import { linkToOpen } from '../shared/links'
import { isAppPage, isAppResource, type AppLocation } from './window-policy'

export function installAppSecurity(location: AppLocation): void {
  hardenSession(session.defaultSession, location)
  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents, location)
  })
}

function hardenSession(ses: Session, location: AppLocation): void {
  const csp = rendererCsp('header', { dev: location.kind === 'dev' })

  ses.webRequest.onHeadersReceived((details, callback) => {
    if (!isAppResource(location, details.url)) {
      callback({})
      return
    }
    const responseHeaders: Record<string, string[]> = {}
    for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
      const lower = name.toLowerCase()
      if (lower === 'content-security-policy' || lower === 'content-security-policy-report-only') continue
      responseHeaders[name] = value
    }
    responseHeaders['Content-Security-Policy'] = [csp]
    responseHeaders['X-Content-Type-Options'] = ['nosniff']
    callback({ responseHeaders })
  })

  ses.setPermissionRequestHandler((_contents, permission, callback, details) => {
    let granted = false
    if (isAppResource(location, details.requestingUrl)) {
      if (permission === 'clipboard-sanitized-write') granted = true
      if (permission === 'media') {
        const mediaTypes = 'mediaTypes' in details ? (details.mediaTypes ?? []) : []
        granted = mediaTypes.length > 0 && mediaTypes.every((type) => type === 'audio')
      }
    }
    if (!granted) {
      console.warn(`[security] denied permission request "${permission}" from ${details.requestingUrl}`)
    }
    callback(granted)
  })

  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) => {
    if (permission !== 'media' && permission !== 'clipboard-sanitized-write') return false
    if (permission === 'media' && details.mediaType !== undefined && details.mediaType !== 'audio') return false
    return isAppResource(location, details.requestingUrl ?? requestingOrigin)
  })

  ses.setDevicePermissionHandler(() => false)
}

/** Hands a link to the OS if the link policy allows it; never navigates the app's window. */
function openInOs(url: string, how: string): void {
  const verdict = linkToOpen(url)
  if (!verdict.open) {
    console.warn(`[security] blocked ${how} to ${url}: ${verdict.reason}`)
    return
  }
  shell.openExternal(verdict.url).catch((error: unknown) => {
    console.warn(`[security] the OS could not open ${verdict.url}:`, error)
  })
}

function hardenWebContents(contents: WebContents, location: AppLocation): void {
  contents.setWindowOpenHandler(({ url }) => {
    openInOs(url, 'window.open / target=_blank')
    return { action: 'deny' }
  })

  // A link without target=_blank (a mailto: address) would navigate the window away: it opens in the OS instead.
  contents.on('will-navigate', (event) => {
    if (!isAppPage(location, event.url)) {
      event.preventDefault()
      openInOs(event.url, 'navigation')
    }
  })

  contents.on('will-frame-navigate', (event) => {
    const allowed = event.isMainFrame ? isAppPage(location, event.url) : isAppResource(location, event.url)
    if (!allowed) {
      event.preventDefault()
      console.warn(`[security] blocked frame navigation to ${event.url}`)
    }
  })

  contents.on('will-redirect', (event) => {
    if (!isAppResource(location, event.url)) {
      event.preventDefault()
      console.warn(`[security] blocked redirect to ${event.url}`)
    }
  })

  contents.on('will-attach-webview', (event) => {
    event.preventDefault()
    console.warn('[security] blocked <webview>')
  })
}
