/**
 * The demo PBX's SIP over WebSocket (RFC 7118), like Asterisk's transport-ws behind its HTTP
 * server (http.conf: ws://127.0.0.1:8088/ws, subprotocol `sip`): one HTTP server on 127.0.0.1
 * serves the WebSocket at /ws and, for the demo only, the debug endpoints under /demo/.
 *
 * Out-of-dialog requests are authenticated the way res_pjsip does (endpoint by the Authorization
 * username, digest challenge with realm `asterisk`; in-dialog requests are not challenged).
 * REGISTER goes to the registrar, OPTIONS is answered, INVITEs the phone itself sends are not
 * simulated (404 for an unknown extension, else 501), other methods get 405. A malformed
 * message is answered 400 when it names enough to be answered, else dropped; nothing a client
 * sends can throw out of here.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type WebSocket } from 'ws'
import { resolveExten } from '../dialplan'
import type { RingResult } from '../internal-call'
import type { PbxModel } from '../model'
import type { PhoneCall, PhoneCallEvents, PhoneCallRequest, Softphones } from '../phones'
import type { SupervisionLegReport } from '../supervision'
import { ALLOW, newTag, SipCall, SUPPORTED, type CallTransport } from './call'
import { DigestAuthenticator } from './digest'
import { MAX_MESSAGE_BYTES, parseMessage, responseTo, serializeMessage, type SipMessage, type SipRequest, type SipResponse } from './message'
import { ASTERISK_EXPIRY, Registrar, type ExpiryLimits, type RemovedHow } from './registrar'
import { formatVia, param, parseNameAddr, parseSipUri, parseVia } from './uri'

export const WS_PATH = '/ws'
/** pjsip.conf [global] user_agent of the lab. */
export const USER_AGENT = 'Asterisk-PBX-Lab'

export interface SipAccount {
  /** The endpoint (and AOR) it registers. */
  ext: string
  authUser: string
  password: string
}

/** What the debug endpoints drive (the demo provides it). */
export interface DemoControls {
  supervision(): SupervisionLegReport[]
  /** `from` dials `to` (an ordinary internal call). */
  ring(to: string, from: string): RingResult
  /** Hangs up one ordinary call (by id), or all of them; how many ended. */
  hangup(id: string | null): number
}

/** The registrar as the debug endpoint shows it. */
export interface DemoRegistrations {
  /** Live registrations; `websocket` is the index of the open WebSocket it came over. */
  contacts: Array<{ extension: string; uri: string; websocket: number }>
  /** Open SIP WebSockets, registered or not. */
  websockets: number
  /** The latest registrations that ended, oldest first. */
  removed: Array<{ extension: string; uri: string; how: RemovedHow }>
}

/** Sees every SIP message the server reads or writes (debugging). */
export type SipTrace = (direction: 'in' | 'out', text: string) => void

export interface SipServerOptions {
  model: PbxModel
  accounts: readonly SipAccount[]
  controls: DemoControls
  expiry?: ExpiryLimits
  trace?: SipTrace
}

const LOOPBACK = new Set(['127.0.0.1', '::ffff:127.0.0.1'])

class SipConnection implements CallTransport {
  readonly calls = new Map<string, SipCall>()
  readonly sentBy: string
  readonly contact: string
  readonly userAgent = USER_AGENT

  constructor(
    private readonly ws: WebSocket,
    port: number,
    readonly remote: { address: string; port: number },
    private readonly trace?: SipTrace
  ) {
    this.sentBy = `127.0.0.1:${port}`
    this.contact = `<sip:asterisk@127.0.0.1:${port};transport=ws>`
  }

  send(message: SipMessage): void {
    const text = serializeMessage(message)
    this.trace?.('out', text)
    if (this.ws.readyState === this.ws.OPEN) this.ws.send(text)
  }

  sendRaw(text: string): void {
    if (this.ws.readyState === this.ws.OPEN) this.ws.send(text)
  }

  forget(call: SipCall): void {
    if (this.calls.get(call.callId) === call) this.calls.delete(call.callId)
  }

  close(): void {
    this.ws.terminate()
  }
}

export class SipServer implements Softphones {
  private readonly http: http.Server
  private readonly wss: WebSocketServer
  private readonly connections = new Set<SipConnection>()
  private readonly digest = new DigestAuthenticator()
  private readonly registrar: Registrar<SipConnection>
  private readonly byAuthUser = new Map<string, SipAccount>()
  private readonly toTags = new WeakMap<SipRequest, string>()
  private port = 0

  constructor(private readonly opts: SipServerOptions) {
    for (const a of opts.accounts) this.byAuthUser.set(a.authUser, a)
    this.registrar = new Registrar(opts.model, opts.expiry ?? ASTERISK_EXPIRY)
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: MAX_MESSAGE_BYTES,
      // RFC 7118: the `sip` subprotocol is required (Asterisk refuses a handshake without it).
      handleProtocols: (protocols) => (protocols.has('sip') ? 'sip' : false)
    })
    this.http = http.createServer((req, res) => this.handleHttp(req, res))
    this.http.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => this.upgrade(req, socket, head))
    this.http.on('clientError', (_err, socket) => socket.destroy())
  }

  async listen(port = 0): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.http.once('error', reject)
      this.http.listen(port, '127.0.0.1', () => resolve())
    })
    this.port = (this.http.address() as AddressInfo).port
    return this.port
  }

  get url(): string {
    return `ws://127.0.0.1:${this.port}${WS_PATH}`
  }

  get reportUrl(): string {
    return `http://127.0.0.1:${this.port}/demo/supervision`
  }

  async close(): Promise<void> {
    this.registrar.close()
    for (const c of this.connections) {
      for (const call of [...c.calls.values()]) call.transportLost()
      c.close()
    }
    this.connections.clear()
    this.wss.close()
    this.http.closeAllConnections()
    await new Promise<void>((resolve) => this.http.close(() => resolve()))
  }

  // ------------------------------------------------------------------ Softphones

  registered(ext: string): boolean {
    return this.registrar.binding(ext) !== null
  }

  dial(request: PhoneCallRequest, events: PhoneCallEvents): PhoneCall | null {
    const binding = this.registrar.binding(request.endpoint.ext)
    if (binding === null) return null
    const call = new SipCall(binding.connection, binding.uri, request, events)
    binding.connection.calls.set(call.callId, call)
    void call.start()
    return call
  }

  /** GET /demo/registrations: who is registered over which of the open WebSockets, and how the latest registrations ended. */
  registrations(): DemoRegistrations {
    const sockets = [...this.connections]
    return {
      contacts: this.registrar.list().map((b) => ({ extension: b.ext, uri: b.uri, websocket: sockets.indexOf(b.connection) })),
      websockets: sockets.length,
      removed: this.registrar.removals.map((r) => ({ extension: r.ext, uri: r.uri, how: r.how }))
    }
  }

  // ------------------------------------------------------------------ WebSocket

  private upgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer): void {
    const refuse = (status: number, text: string): void => {
      socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`)
    }
    if (!LOOPBACK.has(req.socket.remoteAddress ?? '')) return refuse(403, 'Forbidden')
    const path = (req.url ?? '').split('?')[0]
    if (path !== WS_PATH) return refuse(404, 'Not Found')
    const offered = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim().toLowerCase())
    if (!offered.includes('sip')) return refuse(400, 'Bad Request')
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, req))
  }

  private accept(ws: WebSocket, req: http.IncomingMessage): void {
    const conn = new SipConnection(ws, this.port, { address: req.socket.remoteAddress ?? '127.0.0.1', port: req.socket.remotePort ?? 0 }, this.opts.trace)
    this.connections.add(conn)
    ws.on('message', (data: Buffer | ArrayBuffer | Buffer[]) => {
      try {
        this.onMessage(conn, Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data))
      } catch {
        // A bug must not take the PBX down with it; the message is dropped.
      }
    })
    ws.on('error', () => ws.terminate())
    ws.on('close', () => {
      this.connections.delete(conn)
      for (const call of [...conn.calls.values()]) call.transportLost()
      this.registrar.connectionClosed(conn)
    })
  }

  private onMessage(conn: SipConnection, data: Buffer): void {
    const text = data.toString('utf8')
    this.opts.trace?.('in', text)
    // RFC 5626 keep-alive ping (CRLFCRLF): answer with the pong (CRLF).
    if (/^(\r\n)+$/.test(text)) {
      if (text === '\r\n\r\n') conn.sendRaw('\r\n')
      return
    }
    const parsed = parseMessage(data)
    if (!parsed.ok) {
      const p = parsed.partial
      if (p !== null && p.kind === 'request' && p.method !== 'ACK' && answerable(p)) this.respond(conn, p, 400, [], '', parsed.error)
      return
    }
    const m = parsed.message
    if (m.kind === 'response') {
      conn.calls.get(m.headers.get('Call-ID') ?? '')?.onResponse(m)
      return
    }
    this.onRequest(conn, m)
  }

  private onRequest(conn: SipConnection, req: SipRequest): void {
    const call = conn.calls.get(req.headers.get('Call-ID') ?? '')
    const toTag = param(parseNameAddr(req.headers.get('To') ?? '')?.params ?? [], 'tag')
    if (req.method === 'ACK') {
      if (call?.matches(req) === true) call.onRequest(req)
      return
    }
    if (toTag != null) {
      if (call?.matches(req) === true) call.onRequest(req)
      else this.respond(conn, req, 481)
      return
    }
    switch (req.method) {
      case 'REGISTER':
        return this.register(conn, req)
      case 'OPTIONS':
        return this.options(conn, req)
      case 'INVITE':
        return this.invite(conn, req)
      case 'CANCEL':
      case 'BYE':
      case 'INFO':
      case 'UPDATE':
      case 'PRACK':
        return this.respond(conn, req, 481)
      default:
        return this.respond(conn, req, 405, [['Allow', ALLOW]])
    }
  }

  /**
   * pjsip_distributor's authenticate(): the endpoint named by the Authorization username (or an
   * artificial one, whose challenge nobody can answer); no or wrong credentials get a fresh 401,
   * an expired nonce a 401 with stale=true.
   */
  private authenticate(conn: SipConnection, req: SipRequest): SipAccount | null {
    const authorization = req.headers.get('Authorization')
    if (authorization === undefined) {
      this.respond(conn, req, 401, [['WWW-Authenticate', this.digest.challenge()]])
      return null
    }
    const check = this.digest.verify(authorization, req.method, (user) => this.byAuthUser.get(user)?.password ?? null)
    if (check.result === 'ok') {
      const account = this.byAuthUser.get(check.username)
      if (account !== undefined && this.opts.model.endpoints.has(account.ext)) return account
    }
    this.respond(conn, req, 401, [['WWW-Authenticate', this.digest.challenge(check.result === 'stale')]])
    return null
  }

  private register(conn: SipConnection, req: SipRequest): void {
    const account = this.authenticate(conn, req)
    if (account === null) return
    const ep = this.opts.model.endpoint(account.ext)
    const outcome = this.registrar.register(conn, req, ep)
    this.respond(conn, req, outcome.status, outcome.headers)
  }

  /** res_pjsip's options_on_rx_request: 404 for an extension the endpoint's context lacks, else 200. */
  private options(conn: SipConnection, req: SipRequest): void {
    if (this.authenticate(conn, req) === null) return
    const user = parseSipUri(req.uri)?.user ?? null
    if (user !== null && resolveExten('internal', user, this.opts.model.endpoints) === null) {
      this.respond(conn, req, 404)
      return
    }
    this.respond(conn, req, 200, [
      ['Accept', 'application/sdp, application/dtmf-relay'],
      ['Allow', ALLOW],
      ['Supported', SUPPORTED],
      ['Accept-Encoding', 'text/plain'],
      ['Accept-Language', 'en']
    ])
  }

  /** A call the phone places: the demo only plays the PBX's side of calls (Originate, /demo/ring). */
  private invite(conn: SipConnection, req: SipRequest): void {
    if (this.authenticate(conn, req) === null) return
    const user = parseSipUri(req.uri)?.user ?? null
    if (user === null || resolveExten('internal', user, this.opts.model.endpoints) === null) {
      this.respond(conn, req, 404)
      return
    }
    this.respond(conn, req, 501)
  }

  private respond(conn: SipConnection, req: SipRequest, status: number, extra: Array<[string, string]> = [], body = '', reason?: string): void {
    let tag = this.toTags.get(req)
    if (tag === undefined) {
      tag = newTag()
      this.toTags.set(req, tag)
    }
    const res: SipResponse = responseTo(req, status, [...extra, ['Server', USER_AGENT]], body, tag)
    if (reason !== undefined) res.reason = `${res.reason} (${reason.replace(/[\r\n]/g, ' ').slice(0, 60)})`
    markReceived(res, conn.remote)
    conn.send(res)
  }

  // ------------------------------------------------------------------ debug endpoints (demo only)

  private handleHttp(req: http.IncomingMessage, res: http.ServerResponse): void {
    const json = (status: number, body: unknown): void => {
      const text = JSON.stringify(body)
      res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Length': Buffer.byteLength(text) })
      res.end(text)
    }
    const host = req.headers.host ?? ''
    if (!LOOPBACK.has(req.socket.remoteAddress ?? '') || (host !== `127.0.0.1:${this.port}` && host !== `localhost:${this.port}`)) {
      json(403, { error: 'loopback only' })
      return
    }
    const path = (req.url ?? '').split('?')[0]
    if (path === '/demo/supervision') {
      if (req.method !== 'GET') return json(405, { error: 'GET only' })
      return json(200, this.opts.controls.supervision())
    }
    if (path === '/demo/registrations') {
      if (req.method !== 'GET') return json(405, { error: 'GET only' })
      return json(200, this.registrations())
    }
    if (path !== '/demo/ring' && path !== '/demo/hangup' && path !== '/demo/expire-nonces') return json(404, { error: 'not found' })
    if (req.method !== 'POST') return json(405, { error: 'POST only' })
    // No browser page may drive these: JSON only (a cross-origin page would need a preflight), same origin only.
    const origin = req.headers.origin
    if (origin !== undefined && origin !== `http://127.0.0.1:${this.port}`) return json(403, { error: 'cross-origin request' })
    if (!(req.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) return json(415, { error: 'send application/json' })
    readBody(req, 4096).then(
      (text) => {
        let body: unknown
        try {
          body = text.trim() === '' ? {} : JSON.parse(text)
        } catch {
          return json(400, { error: 'invalid JSON' })
        }
        if (typeof body !== 'object' || body === null) return json(400, { error: 'a JSON object expected' })
        const b = body as Record<string, unknown>
        if (path === '/demo/ring') {
          if (typeof b.to !== 'string' || typeof b.from !== 'string') return json(400, { error: 'to and from (extensions) are required' })
          const result = this.opts.controls.ring(b.to, b.from)
          return result.ok ? json(200, result) : json(result.status, { error: result.error })
        }
        if (path === '/demo/expire-nonces') {
          this.digest.expireNonces()
          return json(200, { expired: true })
        }
        const id = typeof b.id === 'string' ? b.id : null
        return json(200, { hungUp: this.opts.controls.hangup(id) })
      },
      () => json(413, { error: 'body too large' })
    )
  }
}

/** Enough of a request to write a response to it (RFC 3261 §8.2.6.2). */
function answerable(req: SipRequest): boolean {
  return ['Via', 'From', 'To', 'Call-ID', 'CSeq'].every((h) => req.headers.has(h)) && parseVia(req.headers.lines('Via')[0] ?? '') !== null
}

/** RFC 3261 §18.2.1 / RFC 3581: the top Via learns where the request really came from. */
function markReceived(res: SipResponse, remote: { address: string; port: number }): void {
  const vias = res.headers.lines('Via')
  const top = vias[0] === undefined ? null : parseVia(vias[0])
  if (top === null) return
  const params = top.params.filter(([k]) => k !== 'received' && k !== 'rport')
  params.push(['received', remote.address.replace(/^::ffff:/, '')])
  if (top.params.some(([k]) => k === 'rport')) params.push(['rport', String(remote.port)])
  res.headers.replace('Via', [formatVia({ ...top, params }), ...vias.slice(1)])
}

function readBody(req: http.IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > limit) {
        reject(new Error('too large'))
        req.destroy()
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}
