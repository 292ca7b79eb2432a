/**
 * A minimal SIP registrar at the message level, for tests: it challenges REGISTER (and, when told,
 * other requests) with digest authentication, checks the answer with its own reference MD5
 * computation (node:crypto, independent of SIP.js and of Earshot), and answers 200 / 403 / any
 * status the test asks for. Transport-free: `handle(raw)` returns the responses to send back. The
 * e2e tests put it behind a real WebSocket (tests/e2e/fixtures/sip-ws-registrar.ts).
 */
import { createHash, randomBytes } from 'node:crypto'

export function md5(text: string): string {
  return createHash('md5').update(text).digest('hex')
}

export interface DigestInputs {
  username: string
  password: string
  realm: string
  nonce: string
  method: string
  uri: string
  qop: string | null
  nc: string | null
  cnonce: string | null
}

/** RFC 2617 / 7616 MD5 digest `response`, computed from scratch. */
export function referenceDigest(inputs: DigestInputs): string {
  const ha1 = md5(`${inputs.username}:${inputs.realm}:${inputs.password}`)
  const ha2 = md5(`${inputs.method}:${inputs.uri}`)
  if (inputs.qop === null) return md5(`${ha1}:${inputs.nonce}:${ha2}`)
  return md5(`${ha1}:${inputs.nonce}:${inputs.nc ?? ''}:${inputs.cnonce ?? ''}:${inputs.qop}:${ha2}`)
}

/** `Digest a="b", c=d` → { a: 'b', c: 'd' }. */
export function parseDigestParams(value: string): Record<string, string> {
  const params: Record<string, string> = {}
  const body = value.replace(/^\s*Digest\s+/i, '')
  for (const match of body.matchAll(/([A-Za-z-]+)=(?:"([^"]*)"|([^,\s]+))/g)) {
    params[(match[1] ?? '').toLowerCase()] = match[2] ?? match[3] ?? ''
  }
  return params
}

export interface SipMessage {
  startLine: string
  headers: Array<[name: string, value: string]>
  body: string
}

export function parseSip(raw: string): SipMessage {
  const end = raw.indexOf('\r\n\r\n')
  const head = end === -1 ? raw : raw.slice(0, end)
  const body = end === -1 ? '' : raw.slice(end + 4)
  const [startLine = '', ...lines] = head.split('\r\n')
  const headers: Array<[string, string]> = []
  for (const line of lines) {
    const colon = line.indexOf(':')
    if (colon > 0) headers.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()])
  }
  return { startLine, headers, body }
}

export function header(message: SipMessage, name: string): string | undefined {
  const lower = name.toLowerCase()
  return message.headers.find(([n]) => n.toLowerCase() === lower)?.[1]
}

export function headers(message: SipMessage, name: string): string[] {
  const lower = name.toLowerCase()
  return message.headers.filter(([n]) => n.toLowerCase() === lower).map(([, v]) => v)
}

export function serialise(startLine: string, fields: Array<[string, string]>, body = ''): string {
  const lines = [startLine, ...fields.map(([n, v]) => `${n}: ${v}`), `Content-Length: ${String(Buffer.byteLength(body))}`]
  return `${lines.join('\r\n')}\r\n\r\n${body}`
}

/** A response to `request` with the mandatory headers copied (a To tag added on final answers). */
export function respond(request: SipMessage, code: number, phrase: string, extra: Array<[string, string]> = [], body = ''): string {
  const fields: Array<[string, string]> = []
  for (const via of headers(request, 'via')) fields.push(['Via', via])
  fields.push(['From', header(request, 'from') ?? ''])
  const to = header(request, 'to') ?? ''
  fields.push(['To', code >= 200 && !/;tag=/i.test(to) ? `${to};tag=${randomBytes(4).toString('hex')}` : to])
  fields.push(['Call-ID', header(request, 'call-id') ?? ''])
  fields.push(['CSeq', header(request, 'cseq') ?? ''])
  fields.push(...extra)
  return serialise(`SIP/2.0 ${String(code)} ${phrase}`, fields, body)
}

export interface RegistrarOptions {
  realm?: string
  /** Passwords by auth user name. */
  passwords: Record<string, string>
  /** Challenge with qop="auth" (default) or without qop (RFC 2617 style). */
  qop?: 'auth' | null
  opaque?: string | null
  algorithm?: string
  /** Answer REGISTER with this status instead of challenging (e.g. [403, 'Forbidden']). */
  reject?: [number, string] | null
  /** Also challenge these methods, with 407 Proxy-Authenticate. */
  proxyChallenge?: string[]
}

export interface Registration {
  user: string
  contact: string
}

/** What the registrar saw: every request, and each Authorization it checked with the verdict. */
export interface Checked {
  method: string
  params: Record<string, string>
  expected: string
  ok: boolean
}

export class FakeRegistrar {
  readonly requests: SipMessage[] = []
  readonly checked: Checked[] = []
  readonly registrations: Registration[] = []
  private readonly nonces = new Set<string>()

  constructor(readonly options: RegistrarOptions) {}

  get realm(): string {
    return this.options.realm ?? 'earshot-test'
  }

  /** The responses to one incoming message (none for responses and ACKs). */
  handle(raw: string): string[] {
    const message = parseSip(raw)
    if (message.startLine.startsWith('SIP/2.0')) return []
    this.requests.push(message)
    const [method = '', uri = ''] = message.startLine.split(' ')
    if (method === 'ACK') return []
    if (method === 'REGISTER') {
      if (this.options.reject != null) return [respond(message, this.options.reject[0], this.options.reject[1])]
      return [this.authorised(message, method, uri, false) ?? this.registered(message)]
    }
    if (this.options.proxyChallenge?.includes(method) === true) {
      const challenge = this.authorised(message, method, uri, true)
      if (challenge !== null) return [challenge]
    }
    return [respond(message, 200, 'OK')]
  }

  /** null when the request carries a correct answer to one of our nonces; else the challenge to send. */
  private authorised(message: SipMessage, method: string, uri: string, proxy: boolean): string | null {
    const credentials = header(message, proxy ? 'proxy-authorization' : 'authorization')
    if (credentials !== undefined) {
      const params = parseDigestParams(credentials)
      const password = this.options.passwords[params['username'] ?? '']
      const qop = params['qop'] ?? null
      const expected =
        password === undefined
          ? ''
          : referenceDigest({
              username: params['username'] ?? '',
              password,
              realm: this.realm,
              nonce: params['nonce'] ?? '',
              method,
              uri,
              qop,
              nc: params['nc'] ?? null,
              cnonce: params['cnonce'] ?? null
            })
      const ok =
        password !== undefined &&
        this.nonces.has(params['nonce'] ?? '') &&
        params['uri'] === uri &&
        params['realm'] === this.realm &&
        params['response'] === expected &&
        (this.options.opaque ?? null) === (params['opaque'] ?? null) &&
        qop === (this.options.qop === undefined ? 'auth' : this.options.qop)
      this.checked.push({ method, params, expected, ok })
      if (ok) return null
      return respond(message, 403, 'Forbidden')
    }
    const nonce = randomBytes(12).toString('hex')
    this.nonces.add(nonce)
    const parts = [`realm="${this.realm}"`, `nonce="${nonce}"`]
    if (this.options.opaque != null) parts.push(`opaque="${this.options.opaque}"`)
    parts.push(`algorithm=${this.options.algorithm ?? 'MD5'}`)
    const qop = this.options.qop === undefined ? 'auth' : this.options.qop
    if (qop !== null) parts.push(`qop="${qop}"`)
    const value = `Digest ${parts.join(',')}`
    return proxy
      ? respond(message, 407, 'Proxy Authentication Required', [['Proxy-Authenticate', value]])
      : respond(message, 401, 'Unauthorized', [['WWW-Authenticate', value]])
  }

  private registered(message: SipMessage): string {
    const contact = header(message, 'contact') ?? ''
    const user = /sip:([^@]+)@/.exec(header(message, 'to') ?? '')?.[1] ?? ''
    const expires = Number(/expires=(\d+)/i.exec(contact)?.[1] ?? header(message, 'expires') ?? '600')
    const uri = /<([^>]+)>/.exec(contact)?.[1] ?? contact
    if (expires > 0) this.registrations.push({ user, contact: uri })
    return respond(message, 200, 'OK', [['Contact', `<${uri}>;expires=${String(expires)}`]])
  }
}
