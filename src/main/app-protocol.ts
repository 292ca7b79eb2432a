/**
 * The renderer's origin in the packaged app: `app://earshot/`, a privileged custom protocol that
 * serves out/renderer only. Instead of file://, whose CSP 'self' would match every file on disk
 * (so injected script could read earshot.db or any user file), the page's origin is this one
 * folder. Electron registers it (electron-protocol.ts); answering a request is plain Node here.
 */
import { readFile } from 'node:fs/promises'
import { rendererHeaders, resolveRendererFile } from './renderer-files'

export const APP_SCHEME = 'app'
export const APP_HOST = 'earshot'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`

/**
 * What the scheme may do, given to protocol.registerSchemesAsPrivileged before `ready`:
 * standard (a real origin, relative URLs, 'self' in the CSP), secure (a secure context, needed for
 * getUserMedia and the clipboard), fetch, and CORS-mode requests (the page's `<script type=module
 * crossorigin>`; no response carries Access-Control-Allow-Origin, so no other origin can read one).
 * No CSP bypass, no service workers, no stream privileges.
 */
export const APP_SCHEME_PRIVILEGES = { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true } as const

function notFound(status: number, text: string): Response {
  return new Response(`${text}\n`, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' } })
}

/** The response to one app:// request: a file of `rendererDir`, or 404 (other host, traversal, missing). */
export async function appProtocolResponse(rendererDir: string, request: { url: string; method?: string }): Promise<Response> {
  const method = request.method ?? 'GET'
  if (method !== 'GET' && method !== 'HEAD') return notFound(405, 'method not allowed')
  let url: URL
  try {
    url = new URL(request.url)
  } catch {
    return notFound(400, 'bad url')
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return notFound(404, 'not found')
  const file = resolveRendererFile(rendererDir, url.pathname)
  if (file === null) return notFound(404, 'not found')
  const body = method === 'HEAD' ? null : await readFile(file)
  return new Response(body, { status: 200, headers: rendererHeaders(file) })
}
