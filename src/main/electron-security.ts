/**
 * Process-wide Electron hardening. Installed once, before the first window exists.
 *
 * - CSP (and nosniff) on every response of the app's own pages; the same policy is also in a
 *   <meta> in index.html because `file://` responses never reach `webRequest`.
 * - Permissions: everything denied except `media` with audio only (the future softphone's
 *   microphone), and only for the app's own pages. No HID/USB/serial device access.
 * - Navigation: the main frame may only show the app's page, sub-frames only app resources;
 *   redirects off the app are cancelled; <webview> can never attach.
 * - New windows: always denied. An https:// link is handed to the OS browser instead.
 */
import { app, session, shell, type Session, type WebContents } from 'electron'
import { rendererCsp } from './window-csp'
import { externalLinkToOpen, isAppPage, isAppResource, type AppLocation } from './window-policy'

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
    if (permission === 'media' && isAppResource(location, details.requestingUrl)) {
      const mediaTypes = 'mediaTypes' in details ? (details.mediaTypes ?? []) : []
      granted = mediaTypes.length > 0 && mediaTypes.every((type) => type === 'audio')
    }
    if (!granted) {
      console.warn(`[security] denied permission request "${permission}" from ${details.requestingUrl}`)
    }
    callback(granted)
  })

  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) => {
    if (permission !== 'media') return false
    if (details.mediaType !== undefined && details.mediaType !== 'audio') return false
    return isAppResource(location, details.requestingUrl ?? requestingOrigin)
  })

  ses.setDevicePermissionHandler(() => false)
}

function hardenWebContents(contents: WebContents, location: AppLocation): void {
  contents.setWindowOpenHandler(({ url }) => {
    const external = externalLinkToOpen(url)
    if (external !== null) {
      shell.openExternal(external).catch((error: unknown) => {
        console.warn(`[security] could not open ${external} in the OS browser:`, error)
      })
    } else {
      console.warn(`[security] blocked window.open / target=_blank to ${url}`)
    }
    return { action: 'deny' }
  })

  contents.on('will-navigate', (event) => {
    if (!isAppPage(location, event.url)) {
      event.preventDefault()
      console.warn(`[security] blocked navigation to ${event.url}`)
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
