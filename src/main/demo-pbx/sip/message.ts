/**
 * SIP messages (RFC 3261 §7) as they travel over a WebSocket (RFC 7118: one message per frame):
 * a small, strict-enough parser and a serializer. The parser never throws: a message it cannot
 * make sense of comes back as an error, with whatever it could still read (so the server can
 * answer 400 when the request is identifiable, and drop it when not).
 */

export interface SipRequest {
  kind: 'request'
  method: string
  uri: string
  headers: SipHeaders
  body: string
}

export interface SipResponse {
  kind: 'response'
  status: number
  reason: string
  headers: SipHeaders
  body: string
}

export type SipMessage = SipRequest | SipResponse

export type ParseResult = { ok: true; message: SipMessage } | { ok: false; error: string; partial: SipMessage | null }

/** Messages bigger than this are refused whole (a WebSocket frame carries one message). */
export const MAX_MESSAGE_BYTES = 65_536
const MAX_HEADERS = 256

/** RFC 3261 §7.3.3 compact forms, plus the ones later RFCs registered. */
const COMPACT: Readonly<Record<string, string>> = {
  a: 'Accept-Contact',
  b: 'Referred-By',
  c: 'Content-Type',
  d: 'Request-Disposition',
  e: 'Content-Encoding',
  f: 'From',
  i: 'Call-ID',
  j: 'Reject-Contact',
  k: 'Supported',
  l: 'Content-Length',
  m: 'Contact',
  n: 'Identity-Info',
  o: 'Event',
  r: 'Refer-To',
  s: 'Subject',
  t: 'To',
  u: 'Allow-Events',
  v: 'Via',
  x: 'Session-Expires',
  y: 'Identity'
}

/** Canonical spellings for the headers whose usual form is not plain Title-Case. */
const SPECIAL: Readonly<Record<string, string>> = {
  'call-id': 'Call-ID',
  cseq: 'CSeq',
  'www-authenticate': 'WWW-Authenticate',
  'min-se': 'Min-SE',
  'mime-version': 'MIME-Version',
  'p-asserted-identity': 'P-Asserted-Identity',
  'rack': 'RAck',
  'rseq': 'RSeq',
  'sip-etag': 'SIP-ETag',
  'sip-if-match': 'SIP-If-Match'
}

/** `content-length`, `l`, `CONTENT-LENGTH` → `Content-Length`. */
export function canonicalHeaderName(name: string): string {
  const lower = name.toLowerCase()
  const compact = COMPACT[lower]
  if (compact !== undefined) return compact
  const special = SPECIAL[lower]
  if (special !== undefined) return special
  return lower.replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => dash + c.toUpperCase())
}

/** Headers in their order on the wire, names canonical; lookups are case-insensitive. */
export class SipHeaders {
  private readonly list: Array<[string, string]> = []

  constructor(entries: Iterable<readonly [string, string]> = []) {
    for (const [name, value] of entries) this.append(name, value)
  }

  append(name: string, value: string): this {
    this.list.push([canonicalHeaderName(name), value])
    return this
  }

  /** Replaces every header of that name with one (or removes them for null), where the first was. */
  set(name: string, value: string | null): this {
    return this.replace(name, value === null ? [] : [value])
  }

  /** Replaces every header of that name with these lines, where the first was (else at the end). */
  replace(name: string, values: readonly string[]): this {
    const canonical = canonicalHeaderName(name)
    const first = this.list.findIndex(([n]) => n === canonical)
    const at = first < 0 ? this.list.length : first
    const before = this.list.slice(0, at).filter(([n]) => n !== canonical)
    const after = this.list.slice(at).filter(([n]) => n !== canonical)
    this.list.length = 0
    this.list.push(...before, ...values.map((v): [string, string] => [canonical, v]), ...after)
    return this
  }

  get(name: string): string | undefined {
    const canonical = canonicalHeaderName(name)
    return this.list.find(([n]) => n === canonical)?.[1]
  }

  /** Every value of that header, comma-separated lists split (outside quotes and <>). */
  getAll(name: string): string[] {
    const canonical = canonicalHeaderName(name)
    const out: string[] = []
    for (const [n, v] of this.list) if (n === canonical) out.push(...splitList(v))
    return out
  }

  /** The raw header lines of that name, unsplit. */
  lines(name: string): string[] {
    const canonical = canonicalHeaderName(name)
    return this.list.filter(([n]) => n === canonical).map(([, v]) => v)
  }

  has(name: string): boolean {
    return this.get(name) !== undefined
  }

  entries(): ReadonlyArray<readonly [string, string]> {
    return this.list
  }

  clone(): SipHeaders {
    return new SipHeaders(this.list)
  }
}

/** Splits `a, "b, c" <sip:x>, d` at top-level commas. */
export function splitList(value: string): string[] {
  const out: string[] = []
  let depthAngle = 0
  let quoted = false
  let start = 0
  for (let i = 0; i < value.length; i++) {
    const c = value[i]
    if (quoted) {
      if (c === '\\') i++
      else if (c === '"') quoted = false
    } else if (c === '"') quoted = true
    else if (c === '<') depthAngle++
    else if (c === '>') depthAngle = Math.max(0, depthAngle - 1)
    else if (c === ',' && depthAngle === 0) {
      out.push(value.slice(start, i).trim())
      start = i + 1
    }
  }
  out.push(value.slice(start).trim())
  return out.filter((v) => v !== '')
}

const TOKEN = /^[A-Za-z0-9.!%*_+`'~-]+$/
const REQUEST_LINE = /^([A-Za-z0-9.!%*_+`'~-]+) (\S+) SIP\/2\.0$/
const STATUS_LINE = /^SIP\/2\.0 ([1-6]\d\d) ?(.*)$/

/** Parses one SIP message. Accepts CRLF or bare LF line ends and folded header lines. */
export function parseMessage(input: string | Uint8Array): ParseResult {
  let text: string
  if (typeof input === 'string') text = input
  else {
    if (input.byteLength > MAX_MESSAGE_BYTES) return { ok: false, error: 'message too large', partial: null }
    text = new TextDecoder('utf-8', { fatal: false }).decode(input)
  }
  if (Buffer.byteLength(text, 'utf8') > MAX_MESSAGE_BYTES) return { ok: false, error: 'message too large', partial: null }
  // Leading CRLFs before a message are allowed (RFC 3261 §7.5).
  text = text.replace(/^(?:\r?\n)+/, '')
  const headEnd = findHeadEnd(text)
  if (headEnd === null) return { ok: false, error: 'no end of headers', partial: null }
  const head = text.slice(0, headEnd.at)
  const rest = text.slice(headEnd.at + headEnd.length)
  const rawLines = head.split(/\r?\n/)
  const startLine = rawLines.shift() ?? ''
  let partial: SipMessage | null = null
  const headers = new SipHeaders()
  const request = REQUEST_LINE.exec(startLine)
  const status = request === null ? STATUS_LINE.exec(startLine) : null
  if (request !== null) partial = { kind: 'request', method: (request[1] as string).toUpperCase(), uri: request[2] as string, headers, body: '' }
  else if (status !== null) partial = { kind: 'response', status: Number(status[1]), reason: status[2] ?? '', headers, body: '' }
  else return { ok: false, error: 'bad start line', partial: null }

  let current: [string, string] | null = null
  const flush = (): void => {
    if (current !== null) headers.append(current[0], current[1].trim())
    current = null
  }
  for (const line of rawLines) {
    if (line === '') continue
    if (line.startsWith(' ') || line.startsWith('\t')) {
      if (current === null) return { ok: false, error: 'continuation without a header', partial }
      current[1] += ' ' + line.trim()
      continue
    }
    flush()
    const colon = line.indexOf(':')
    if (colon <= 0) return { ok: false, error: `bad header line: ${line.slice(0, 40)}`, partial }
    const name = line.slice(0, colon).trim()
    if (!TOKEN.test(name)) return { ok: false, error: `bad header name: ${name.slice(0, 40)}`, partial }
    current = [name, line.slice(colon + 1)]
    if (headers.entries().length >= MAX_HEADERS) return { ok: false, error: 'too many headers', partial }
  }
  flush()

  const lengthText = headers.get('Content-Length')
  let body = rest
  if (lengthText !== undefined) {
    if (!/^\s*\d{1,9}\s*$/.test(lengthText)) return { ok: false, error: 'bad Content-Length', partial }
    const length = Number(lengthText)
    const bytes = Buffer.from(rest, 'utf8')
    if (bytes.byteLength < length) return { ok: false, error: 'body shorter than Content-Length', partial }
    body = bytes.subarray(0, length).toString('utf8')
  }
  const message: SipMessage = partial.kind === 'request' ? { ...partial, body } : { ...partial, body }
  const problem = checkMandatory(message)
  if (problem !== null) return { ok: false, error: problem, partial: message }
  return { ok: true, message }
}

function findHeadEnd(text: string): { at: number; length: number } | null {
  const crlf = text.indexOf('\r\n\r\n')
  const lf = text.indexOf('\n\n')
  if (crlf < 0 && lf < 0) {
    // A message without a body may end right after its last header line.
    if (text.endsWith('\r\n')) return { at: text.length - 2, length: 2 }
    if (text.endsWith('\n')) return { at: text.length - 1, length: 1 }
    return null
  }
  if (crlf >= 0 && (lf < 0 || crlf <= lf)) return { at: crlf, length: 4 }
  return { at: lf, length: 2 }
}

/** What every request and response must carry (RFC 3261 §8.1.1, §20). */
function checkMandatory(m: SipMessage): string | null {
  for (const name of ['Via', 'From', 'To', 'Call-ID', 'CSeq']) if (!m.headers.has(name)) return `missing ${name}`
  const cseq = parseCSeq(m.headers.get('CSeq') ?? '')
  if (cseq === null) return 'bad CSeq'
  if (m.kind === 'request') {
    if (!/^sips?:|^tel:/i.test(m.uri)) return 'bad Request-URI'
    if (cseq.method !== m.method) return 'CSeq method does not match'
  }
  return null
}

export function parseCSeq(value: string): { seq: number; method: string } | null {
  const m = /^\s*(\d{1,10})\s+([A-Za-z0-9.!%*_+`'~-]+)\s*$/.exec(value)
  if (m === null) return null
  const seq = Number(m[1])
  if (seq > 2 ** 31 - 1) return null
  return { seq, method: (m[2] as string).toUpperCase() }
}

/** Writes a message with CRLF line ends and a Content-Length computed from the body. */
export function serializeMessage(m: SipMessage): string {
  const start = m.kind === 'request' ? `${m.method} ${m.uri} SIP/2.0` : `SIP/2.0 ${m.status} ${m.reason}`
  const lines = [start]
  for (const [name, value] of m.headers.entries()) if (name !== 'Content-Length') lines.push(`${name}: ${value}`)
  lines.push(`Content-Length: ${Buffer.byteLength(m.body, 'utf8')}`)
  return `${lines.join('\r\n')}\r\n\r\n${m.body}`
}

export function request(method: string, uri: string, headers: Iterable<readonly [string, string]>, body = ''): SipRequest {
  return { kind: 'request', method, uri, headers: new SipHeaders(headers), body }
}

export const REASONS: Readonly<Record<number, string>> = {
  100: 'Trying',
  180: 'Ringing',
  183: 'Session Progress',
  200: 'OK',
  202: 'Accepted',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  415: 'Unsupported Media Type',
  416: 'Unsupported URI Scheme',
  420: 'Bad Extension',
  423: 'Interval Too Brief',
  480: 'Temporarily Unavailable',
  481: 'Call/Transaction Does Not Exist',
  486: 'Busy Here',
  487: 'Request Terminated',
  488: 'Not Acceptable Here',
  491: 'Request Pending',
  500: 'Server Internal Error',
  501: 'Not Implemented',
  503: 'Service Unavailable',
  603: 'Decline'
}

/**
 * A response to `req` (RFC 3261 §8.2.6): its Vias, From, To (with `toTag` added when it has
 * none and the status is above 100), Call-ID and CSeq, then `extra`.
 */
export function responseTo(req: SipRequest, status: number, extra: Iterable<readonly [string, string]> = [], body = '', toTag?: string): SipResponse {
  const headers = new SipHeaders()
  for (const via of req.headers.lines('Via')) headers.append('Via', via)
  headers.append('From', req.headers.get('From') ?? '')
  let to = req.headers.get('To') ?? ''
  if (status > 100 && toTag !== undefined && !/;\s*tag=/i.test(to)) to = `${to};tag=${toTag}`
  headers.append('To', to)
  headers.append('Call-ID', req.headers.get('Call-ID') ?? '')
  headers.append('CSeq', req.headers.get('CSeq') ?? '')
  for (const [name, value] of extra) headers.append(name, value)
  return { kind: 'response', status, reason: REASONS[status] ?? 'Unknown', headers, body }
}
