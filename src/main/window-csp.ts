/**
 * The renderer's Content-Security-Policy, in one place.
 *
 * Used by: the main process (response header for app pages), the renderer build (the `<meta>`
 * in src/renderer/index.html must equal `rendererCsp('meta')`; electron.vite.config.ts fails the
 * build if it drifts) and the e2e static server (same header as the app).
 *
 * No `electron` import here: this file is plain data so the build config and tests can use it.
 *
 * Why each source is allowed:
 * - script-src 'self': bundled modules only; no inline script, no eval.
 * - style-src 'self': the build emits a stylesheet file; React sets styles through the CSSOM,
 *   which CSP does not restrict. Only the dev server (which injects <style> tags) gets
 *   'unsafe-inline'.
 * - connect-src ws: wss:: the SIP-over-WebSocket softphone (and Vite's HMR socket in dev).
 * - media-src blob: mediastream:: softphone audio (remote track / MediaStream playback).
 * - img-src data:: small inline images (icons, avatars) without opening up the network.
 */

export type CspDelivery = 'header' | 'meta'

export interface CspOptions {
  /** The Vite dev server injects inline <style> (and a React Refresh preamble <script>). */
  readonly dev?: boolean
}

export function rendererCspDirectives(
  delivery: CspDelivery,
  options: CspOptions = {}
): ReadonlyArray<readonly [directive: string, sources: readonly string[]]> {
  const dev = options.dev === true
  const directives: Array<readonly [string, readonly string[]]> = [
    ['default-src', ["'self'"]],
    ['script-src', dev ? ["'self'", "'unsafe-inline'"] : ["'self'"]],
    ['style-src', dev ? ["'self'", "'unsafe-inline'"] : ["'self'"]],
    ['img-src', ["'self'", 'data:']],
    ['font-src', ["'self'"]],
    ['connect-src', ["'self'", 'ws:', 'wss:']],
    ['media-src', ["'self'", 'blob:', 'mediastream:']],
    ['worker-src', ["'self'"]],
    ['object-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'none'"]]
  ]
  // frame-ancestors is ignored (with a console error) when delivered by <meta>.
  if (delivery === 'header') directives.push(['frame-ancestors', ["'none'"]])
  return directives
}

export function rendererCsp(delivery: CspDelivery, options: CspOptions = {}): string {
  return rendererCspDirectives(delivery, options)
    .map(([directive, sources]) => `${directive} ${sources.join(' ')}`)
    .join('; ')
}
