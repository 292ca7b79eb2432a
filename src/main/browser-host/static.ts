import { createReadStream } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { rendererHeaders, resolveRendererFile } from '../renderer-files'

/** A file under `root` for a URL path, or null (never anything outside `root`). */
export const resolveStaticFile = resolveRendererFile

/** Serves the built renderer with the same headers as the Electron shell's app:// protocol. */
export function serveStatic(root: string): (request: IncomingMessage, response: ServerResponse) => void {
  return (request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1')
    const readable = request.method === 'GET' || request.method === 'HEAD'
    const file = readable ? resolveRendererFile(root, url.pathname) : null
    if (file === null) {
      response.writeHead(readable ? 404 : 405, { 'Content-Type': 'text/plain; charset=utf-8' })
      response.end('not found\n')
      return
    }
    response.writeHead(200, rendererHeaders(file))
    if (request.method === 'HEAD') response.end()
    else createReadStream(file).pipe(response)
  }
}
