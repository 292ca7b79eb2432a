/**
 * SIP digest authentication without the password in the renderer.
 *
 * SIP.js answers a 401/407 synchronously: the user agent client calls
 * `configuration.authenticationFactory()` for an authenticator and then
 * `authenticator.authenticate(request, challenge)` and `toString()` within the same call stack as
 * the response's delivery. Main holds the SIP password and answers each challenge over IPC
 * (`softphone:digest`), which is asynchronous. So the plug works in two halves:
 *
 * 1. It wraps the SIP.js transport: `send` notes each outgoing request's method, Request-URI,
 *    Call-ID and CSeq; `onMessage` holds every 401/407 response until main has answered the
 *    challenge in it (for the request with the same Call-ID and CSeq, with a cnonce and nonce
 *    count chosen here), and then delivers it. Messages behind a held one wait in a promise queue,
 *    so SIP.js sees them in the order they arrived.
 * 2. It replaces `userAgentCore.configuration.authenticationFactory` with one that returns a
 *    `PlugAuthenticator`, which has the shape of SIP.js's `DigestAuthentication`
 *    (`authenticate(request, challenge, body): boolean`, `toString(): string`): `authenticate`
 *    takes the answer prepared for exactly that request and challenge (same Call-ID, CSeq, method,
 *    Request-URI, realm and nonce), and `toString` writes the same Authorization header value
 *    SIP.js would (with the cnonce and nc that main used).
 *
 * When main cannot answer (no password stored, a refusal, a timeout) or the challenge is one the
 * contract does not cover (not MD5, qop=auth-int only), nothing is prepared, `authenticate`
 * returns false, and SIP.js treats the 401/407 as the final answer — the registration fails with
 * that status, and `lastError` says why in words.
 *
 * SIP.js internals used, checked for SIP.js 0.21 (0.21.2 installed; it reports itself as 0.21.1):
 * `UserAgent.userAgentCore.configuration.authenticationFactory` (lib/api/user-agent.js `initCore`,
 * called by lib/core/user-agents/user-agent-client.js `authenticationGuard`), the transport's
 * `onMessage` callback (set once in the UserAgent constructor, `initTransportCallbacks`) and its
 * `send`, and `Parser.parseMessage` (the parser SIP.js itself runs on every incoming message).
 * `installDigestPlug` refuses to run on another minor version or when any of these is missing.
 */
import { type Transport, type UserAgent, version as sipJsVersion } from 'sip.js'
import { type DigestAuthentication, IncomingResponseMessage, LoggerFactory, type OutgoingRequestMessage, Parser } from 'sip.js/lib/core'
import type { DigestChallenge } from '../../../shared/contract'
import { errorText } from '../../../shared/error-text'

export type DigestAnswer = { username: string; response: string }
export type DigestAnswerer = (challenge: DigestChallenge) => Promise<DigestAnswer>

type DigestMethod = DigestChallenge['method']

const METHODS: ReadonlySet<string> = new Set<DigestMethod>([
  'REGISTER', 'INVITE', 'BYE', 'INFO', 'OPTIONS', 'UPDATE', 'MESSAGE', 'SUBSCRIBE', 'NOTIFY', 'REFER', 'PRACK', 'ACK', 'CANCEL'
])

/** The parsed WWW-Authenticate / Proxy-Authenticate header, as SIP.js's grammar returns it. */
export interface ParsedChallenge {
  realm?: string
  nonce?: string
  opaque?: string
  algorithm?: string
  qop?: string[]
  stale?: boolean
}

/** A challenge answered by main, waiting for SIP.js to ask for it. */
interface Prepared {
  username: string
  response: string
  realm: string
  nonce: string
  opaque: string | null
  qop: 'auth' | null
  method: string
  uri: string
  cnonce: string
  nc: string
}

interface SentRequest {
  method: string
  uri: string
}

export interface DigestPlugOptions {
  /** How long a challenge waits for main before it is delivered unanswered. Default 5 s. */
  timeoutMs?: number
  /** Client nonces (alphanumeric, 8–64 characters). Default: 16 random hex digits. */
  cnonce?: () => string
  /** Where the plug reports what it could not do (never a secret). */
  warn?: (message: string) => void
}

const MAX_REMEMBERED = 64

function remember<K, V>(map: Map<K, V>, key: K, value: V): void {
  map.delete(key)
  map.set(key, value)
  while (map.size > MAX_REMEMBERED) {
    const oldest = map.keys().next()
    if (oldest.done === true) break
    map.delete(oldest.value)
  }
}

function randomCnonce(): string {
  const bytes = new Uint8Array(8)
  crypto.getRandomValues(bytes)
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}

function requestKey(callId: string, cseq: number, method: string): string {
  return `${callId}\n${String(cseq)}\n${method}`
}

function answerKey(callId: string, cseq: number, method: string, realm: string, nonce: string): string {
  return `${requestKey(callId, cseq, method)}\n${realm}\n${nonce}`
}

/** Method, Request-URI, Call-ID and CSeq of an outgoing request as SIP.js serialised it. */
export function describeSentRequest(raw: string): { method: string; uri: string; callId: string; cseq: number } | null {
  const end = raw.indexOf('\r\n\r\n')
  const lines = (end === -1 ? raw : raw.slice(0, end)).split('\r\n')
  const start = /^([A-Z]+) (\S+) SIP\/2\.0$/.exec(lines[0] ?? '')
  if (start === null) return null
  let callId: string | null = null
  let cseq: number | null = null
  for (const line of lines.slice(1)) {
    const header = /^([A-Za-z-]+)\s*:\s*(.*)$/.exec(line)
    if (header === null) continue
    const name = (header[1] ?? '').toLowerCase()
    const value = (header[2] ?? '').trim()
    if (name === 'call-id' || name === 'i') callId = value
    else if (name === 'cseq') {
      const match = /^(\d+)\s+([A-Z]+)$/.exec(value)
      if (match !== null) cseq = Number(match[1])
    }
  }
  if (callId === null || cseq === null) return null
  return { method: start[1] ?? '', uri: start[2] ?? '', callId, cseq }
}

function isChallenge(raw: string): boolean {
  return raw.startsWith('SIP/2.0 401 ') || raw.startsWith('SIP/2.0 407 ')
}

export class DigestPlug {
  private readonly sent = new Map<string, SentRequest>()
  private readonly prepared = new Map<string, Prepared>()
  /** Nonce counts per realm and nonce (RFC 7616 `nc`): each use of a nonce counts up. */
  private readonly nonceCounts = new Map<string, number>()
  private queue: Promise<void> = Promise.resolve()
  private waiting = 0
  private closed = false
  private readonly parserLogger = (() => {
    const factory = new LoggerFactory()
    factory.builtinEnabled = false
    return factory.getLogger('earshot.digest')
  })()

  /** Why the last challenge could not be answered, in words (null after a success). */
  lastError: string | null = null

  constructor(
    private readonly answer: DigestAnswerer,
    private readonly options: DigestPlugOptions = {}
  ) {}

  /** Notes an outgoing request (the transport's `send`). */
  noteSent(raw: string): void {
    const request = describeSentRequest(raw)
    if (request === null) return
    remember(this.sent, requestKey(request.callId, request.cseq, request.method), { method: request.method, uri: request.uri })
  }

  /**
   * An incoming message (the transport's `onMessage`): delivered at once, unless it is a challenge
   * or comes after one still waiting for main.
   */
  receive(raw: string, deliver: (raw: string) => void): void {
    const challenge = isChallenge(raw)
    if (!challenge && this.waiting === 0) {
      this.deliver(deliver, raw)
      return
    }
    this.waiting++
    // Prepared at once (several challenges in parallel), delivered strictly in arrival order.
    const ready = challenge ? this.prepare(raw) : Promise.resolve()
    this.queue = this.queue
      .then(() => ready)
      .then(() => {
        this.waiting--
        this.deliver(deliver, raw)
      })
  }

  /** The factory SIP.js calls for each request that meets a challenge. */
  createAuthenticator(): DigestAuthentication {
    // Structurally what SIP.js calls (authenticate, toString, stale); its class has private fields.
    return new PlugAuthenticator(this) as unknown as DigestAuthentication
  }

  /** Stops delivering (the user agent is being disposed). */
  close(): void {
    this.closed = true
  }

  /** Wraps a transport's `send` and `onMessage` (after the UserAgent has set `onMessage`). */
  wrapTransport(transport: Transport): void {
    const deliver = transport.onMessage
    if (typeof deliver !== 'function') throw new Error('The SIP.js transport has no onMessage callback to wrap')
    const send = transport.send.bind(transport)
    transport.onMessage = (raw: string) => this.receive(raw, deliver)
    transport.send = (raw: string) => {
      this.noteSent(raw)
      return send(raw)
    }
  }

  /** The prepared answer for this request and challenge, once (SIP.js asks exactly once per challenge). */
  take(request: OutgoingRequestMessage, challenge: ParsedChallenge): Prepared | null {
    if (challenge.realm === undefined || challenge.nonce === undefined) return null
    const key = answerKey(request.callId, request.cseq, request.method, challenge.realm, challenge.nonce)
    const prepared = this.prepared.get(key)
    if (prepared === undefined) return null
    this.prepared.delete(key)
    if (prepared.uri !== String(request.ruri) || prepared.method !== request.method) {
      this.warn(`digest answer for ${request.method} ${prepared.uri} does not fit the request to ${String(request.ruri)}`)
      return null
    }
    return prepared
  }

  private deliver(deliver: (raw: string) => void, raw: string): void {
    if (this.closed) return
    try {
      deliver(raw)
    } catch (error) {
      this.warn(`SIP.js failed on an incoming message: ${errorText(error)}`)
    }
  }

  private warn(message: string): void {
    this.options.warn?.(message)
  }

  private fail(message: string): void {
    this.lastError = message
    this.warn(message)
  }

  /** Asks main for the answer to the challenge in `raw`; never rejects. */
  private async prepare(raw: string): Promise<void> {
    const message = Parser.parseMessage(raw, this.parserLogger)
    if (!(message instanceof IncomingResponseMessage)) return
    const header = message.statusCode === 407 ? 'proxy-authenticate' : 'www-authenticate'
    // The first header, as SIP.js's authenticationGuard reads it.
    const challenge = message.parseHeader(header) as ParsedChallenge | undefined
    if (challenge === undefined || challenge.realm === undefined || challenge.nonce === undefined) {
      this.fail(`${String(message.statusCode)} without a usable ${header} header`)
      return
    }
    const algorithm = challenge.algorithm ?? 'MD5'
    if (algorithm !== 'MD5') {
      this.fail(`The PBX asks for ${algorithm} digest authentication; Earshot answers MD5 only`)
      return
    }
    let qop: 'auth' | null = null
    if (challenge.qop !== undefined) {
      if (!challenge.qop.includes('auth')) {
        this.fail(`The PBX asks for qop=${challenge.qop.join(',')}; Earshot answers qop=auth only`)
        return
      }
      qop = 'auth'
    }
    const method = message.method
    const request = this.sent.get(requestKey(message.callId, message.cseq, method))
    if (request === undefined || !METHODS.has(method)) {
      this.fail(`A ${String(message.statusCode)} for a ${method} request Earshot did not send`)
      return
    }
    const countKey = `${challenge.realm}\n${challenge.nonce}`
    const count = (this.nonceCounts.get(countKey) ?? 0) + 1
    remember(this.nonceCounts, countKey, count)
    const nc = (count % 0x1_0000_0000).toString(16).padStart(8, '0')
    const cnonce = (this.options.cnonce ?? randomCnonce)()
    const question: DigestChallenge = {
      realm: challenge.realm,
      nonce: challenge.nonce,
      opaque: challenge.opaque ?? null,
      algorithm: 'MD5',
      qop,
      method: method as DigestMethod,
      uri: request.uri,
      cnonce,
      nc
    }
    let timer: ReturnType<typeof setTimeout> | undefined
    try {
      const answer = await Promise.race([
        this.answer(question),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error('Earshot did not answer the PBX’s challenge in time')), this.options.timeoutMs ?? 5000)
        })
      ])
      remember(this.prepared, answerKey(message.callId, message.cseq, method, challenge.realm, challenge.nonce), {
        username: answer.username,
        response: answer.response,
        realm: challenge.realm,
        nonce: challenge.nonce,
        opaque: challenge.opaque ?? null,
        qop,
        method,
        uri: request.uri,
        cnonce,
        nc
      })
      this.lastError = null
    } catch (error) {
      this.fail(errorText(error))
    } finally {
      clearTimeout(timer)
    }
  }
}

/**
 * What SIP.js's user agent client uses in place of its DigestAuthentication: the same two calls,
 * the same header value, with the response computed by main.
 */
export class PlugAuthenticator {
  stale: boolean | undefined
  private answer: Prepared | null = null

  constructor(private readonly plug: DigestPlug) {}

  authenticate(request: OutgoingRequestMessage, challenge: ParsedChallenge, _body?: string): boolean {
    this.stale = challenge.stale
    this.answer = this.plug.take(request, challenge)
    return this.answer !== null
  }

  /** The Authorization / Proxy-Authorization value, in the order and quoting SIP.js writes. */
  toString(): string {
    const a = this.answer
    if (a === null) throw new Error('response field does not exist, cannot generate Authorization header')
    const params = [
      'algorithm=MD5',
      `username="${a.username}"`,
      `realm="${a.realm}"`,
      `nonce="${a.nonce}"`,
      `uri="${a.uri}"`,
      `response="${a.response}"`
    ]
    if (a.opaque !== null && a.opaque !== '') params.push(`opaque="${a.opaque}"`)
    if (a.qop !== null) params.push(`qop=${a.qop}`, `cnonce="${a.cnonce}"`, `nc=${a.nc}`)
    return `Digest ${params.join(', ')}`
  }
}

/** True for the SIP.js versions whose internals this plug was written against. */
export function supportedSipJs(version: string): boolean {
  return /^0\.21\./.test(version)
}

/**
 * Puts the plug into a freshly constructed UserAgent (before `start()`): main answers its digest
 * challenges from now on.
 */
export function installDigestPlug(userAgent: UserAgent, plug: DigestPlug, version: string = sipJsVersion): void {
  if (!supportedSipJs(version)) {
    throw new Error(`Earshot's digest plug was written for SIP.js 0.21; this is SIP.js ${version}`)
  }
  const configuration = userAgent.userAgentCore.configuration as { authenticationFactory?: unknown }
  if (typeof configuration.authenticationFactory !== 'function') {
    throw new Error('SIP.js has no userAgentCore.configuration.authenticationFactory to replace')
  }
  plug.wrapTransport(userAgent.transport)
  userAgent.userAgentCore.configuration.authenticationFactory = () => plug.createAuthenticator()
}
