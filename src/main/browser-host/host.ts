import { timingSafeEqual, randomBytes } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import { WebSocketServer, type WebSocket } from 'ws'
import { ClientMessage, type HostMessage, MAX_CLIENT_MESSAGE_BYTES } from '../../shared/wire'
import { IpcFailure, type IpcRouter } from '../ipc'
import { serveStatic } from './static'

export interface BrowserHost {
  port: number
  /** The one line to open: `http://127.0.0.1:<port>/?token=<token>`. */
  url: string
  close(): Promise<void>
}

function sameToken(given: string | null, token: string): boolean {
  if (given === null) return false
  const a = Buffer.from(given)
  const b = Buffer.from(token)
  return a.length === b.length && timingSafeEqual(a, b)
}

/**
 * Development and test host: serves the built renderer to a browser on 127.0.0.1 and carries the
 * IPC contract over a WebSocket. The socket needs the token minted for this run (printed in the
 * URL) and a page of this host as its Origin, so no other local page or process can drive it.
 * Never part of the packaged app.
 */
export async function startBrowserHost(options: { router: IpcRouter; rendererDir: string; port?: number }): Promise<BrowserHost> {
  const token = randomBytes(24).toString('base64url')
  const server: Server = createServer(serveStatic(options.rendererDir))
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_CLIENT_MESSAGE_BYTES })
  let origin = ''

  server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1')
    if (url.pathname !== '/ws' || !sameToken(url.searchParams.get('token'), token) || request.headers.origin !== origin) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n')
      return
    }
    wss.handleUpgrade(request, socket, head, (ws) => attach(ws, options.router))
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('browser host has no TCP address')
  origin = `http://127.0.0.1:${address.port}`
  return {
    port: address.port,
    url: `${origin}/?token=${token}`,
    close: async () => {
      for (const ws of wss.clients) ws.terminate()
      const closed = new Promise<void>((resolve) => server.close(() => resolve()))
      server.closeAllConnections() // a browser's keep-alive connections would hold close() open
      await closed
    }
  }
}

function attach(ws: WebSocket, router: IpcRouter): void {
  const send = (message: HostMessage): void => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message))
  }
  const removeSink = router.addSink((channel, payload) => send({ type: 'stream', channel, payload }))
  ws.on('close', removeSink)
  // ws reports a bad frame (invalid UTF-8, over maxPayload) as an error and closes the socket with
  // 1007/1009 itself; without a listener the error would end the whole process.
  ws.on('error', (err: Error) => {
    console.warn(`browser host: closed a socket: ${err.message}`)
  })
  ws.on('message', (data: Buffer) => {
    let parsed: ReturnType<typeof ClientMessage.safeParse>
    try {
      parsed = ClientMessage.safeParse(JSON.parse(data.toString('utf8')))
    } catch {
      ws.close(1007, 'not JSON')
      return
    }
    if (!parsed.success) {
      ws.close(1007, 'not an invoke message')
      return
    }
    const { id, channel, request } = parsed.data
    router.invoke(channel, request, { origin: 'browser host' }).then(
      (response) => send({ type: 'result', id, ok: true, response }),
      (err: unknown) =>
        send({ type: 'result', id, ok: false, error: err instanceof IpcFailure ? err.error : { code: 'failed', message: String(err) } })
    )
  })
}
