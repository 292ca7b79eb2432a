import { createReadStream, existsSync, statSync } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import path from 'node:path'
import { rendererCsp } from '../window-csp'

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8'
}

/** A file under `root` for a URL path, or null (never anything outside `root`). */
export function resolveStaticFile(root: string, urlPath: string): string | null {
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath)
  } catch {
    return null
  }
  const relative = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '')
  const file = path.resolve(root, relative)
  if (file !== root && !file.startsWith(root + path.sep)) return null
  return existsSync(file) && statSync(file).isFile() ? file : null
}

/** Serves the built renderer with the same CSP header the Electron shell sets. */
export function serveStatic(root: string): (request: IncomingMessage, response: ServerResponse) => void {
  const csp = rendererCsp('header')
  return (request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1')
    const readable = request.method === 'GET' || request.method === 'HEAD'
    const file = readable ? resolveStaticFile(root, url.pathname) : null
    if (file === null) {
      response.writeHead(readable ? 404 : 405, { 'Content-Type': 'text/plain; charset=utf-8' })
      response.end('not found\n')
      return
    }
    response.writeHead(200, {
      'Content-Type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
      'Content-Security-Policy': csp,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store'
    })
    if (request.method === 'HEAD') response.end()
    else createReadStream(file).pipe(response)
  }
}
