/**
 * Does the PBX accept these SIP credentials? (Test connection, issue 13.4.) Main opens its own
 * WebSocket to the softphone's address and sends a REGISTER without a Contact header: a query
 * (RFC 3261 §10.2.3) that the registrar authenticates like any REGISTER and answers with the
 * current bindings, adding, refreshing and removing none. The digest challenge is answered with
 * the password under test, so a registration the softphone made earlier (with an older password)
 * neither makes a wrong password look right nor is disturbed by the check.
 *
 * One request, its challenge and the answer; just enough SIP for that, and no dependency but `ws`.
 */
import { randomBytes } from 'node:crypto'
import WebSocket from 'ws'
import type { DigestChallenge } from '../../shared/contract'
import { errorText } from '../../shared/error-text'
import { softphoneDomain } from './config'
import { digestResponse } from './digest'

export interface SipLoginInput {
  /** The softphone's WebSocket address (`wss://pbx:8089/ws`). */
  wsUrl: string
  extension: string
  authUser: string
  password: string
  /** How long the socket and each answer may take (default 5 s). */
  timeoutMs?: number
}

export type SipLoginOutcome =
  /** 200 to the answered challenge: the password is right. `contacts`: the registrations the registrar listed. */
  | { kind: 'accepted'; contacts: number }
  /** 200 without a challenge: the PBX asked for no password, so none was checked. */
  | { kind: 'unchallenged'; contacts: number }
  /** Refused (401/407 again after the answer, 403, 404): these credentials do not register. */
  | { kind: 'refused'; status: number; reason: string; afterAnswer: boolean }
  /** Only challenges Earshot cannot answer (not MD5, or qop without `auth`). */
  | { kind: 'unanswerable'; offered: string }
  /** No verdict: the socket failed, no answer in time, or an answer that says nothing about the password. */
  | { kind: 'unknown'; why: string }

interface SipResponse {
  status: number
  reason: string
  headers: ReadonlyArray<readonly [string, string]>
}

const COMPACT: Readonly<Record<string, string>> = { i: 'call-id', m: 'contact' }

/** A response's status line and headers (names lower case, compact forms expanded); null for anything else. */
function parseResponse(text: string): SipResponse | null {
  const head = text.split(/\r?\n\r?\n/, 1)[0] ?? ''
  const lines = head.split(/\r?\n/)
  const start = /^SIP\/2\.0 (\d{3}) ?(.*)$/.exec(lines[0] ?? '')
  if (start === null) return null
  const headers: Array<[string, string]> = []
  for (const line of lines.slice(1)) {
    const last = headers.at(-1)
    if (/^[ \t]/.test(line) && last !== undefined) {
      last[1] = `${last[1]} ${line.trim()}`
      continue
    }
    const colon = line.indexOf(':')
    if (colon <= 0) continue
    const name = line.slice(0, colon).trim().toLowerCase()
    headers.push([COMPACT[name] ?? name, line.slice(colon + 1).trim()])
  }
  return { status: Number(start[1]), reason: (start[2] ?? '').trim(), headers }
}

const headerValues = (r: SipResponse, name: string): string[] => r.headers.filter(([n]) => n === name).map(([, v]) => v)

/** `Digest realm="x", nonce="y", qop="auth,auth-int"` → its scheme and parameters (names lower case). */
function parseChallenge(value: string): { scheme: string; params: Map<string, string> } {
  const start = /^\s*(\S+)/.exec(value)
  const scheme = start?.[1]?.toLowerCase() ?? ''
  const params = new Map<string, string>()
  for (const m of value.slice(start?.[0].length ?? 0).matchAll(/([A-Za-z-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]+))/g)) {
    params.set((m[1] ?? '').toLowerCase(), m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : (m[3] ?? ''))
  }
  return { scheme, params }
}

interface Challenge {
  realm: string
  nonce: string
  opaque: string | null
  qop: 'auth' | null
  stale: boolean
}

/** The first challenge Earshot can answer (MD5, qop absent or offering `auth`), or what was offered instead. */
function pickChallenge(values: readonly string[]): Challenge | { offered: string } {
  const offered: string[] = []
  for (const value of values) {
    const { scheme, params } = parseChallenge(value)
    const algorithm = params.get('algorithm') ?? 'MD5'
    const qops = params.get('qop')?.split(',').map((q) => q.trim().toLowerCase()) ?? null
    const realm = params.get('realm')
    const nonce = params.get('nonce')
    if (scheme !== 'digest' || algorithm.toUpperCase() !== 'MD5' || (qops !== null && !qops.includes('auth')) || realm === undefined || nonce === undefined) {
      offered.push(`${scheme} ${algorithm}${qops === null ? '' : ` qop=${qops.join(',')}`}`)
      continue
    }
    return { realm, nonce, opaque: params.get('opaque') ?? null, qop: qops === null ? null : 'auth', stale: params.get('stale')?.toLowerCase() === 'true' }
  }
  return { offered: offered.length === 0 ? 'no challenge' : offered.join('; ') }
}

const quote = (text: string): string => `"${text.replace(/["\\]/g, '\\$&')}"`
const token = (bytes: number): string => randomBytes(bytes).toString('hex')

/** The Authorization value for `challenge` (RFC 2617 §3.2.2), its response computed with the password under test. */
function authorization(challenge: Challenge, uri: string, input: SipLoginInput): string {
  const asked: DigestChallenge = { ...challenge, algorithm: 'MD5', method: 'REGISTER', uri, cnonce: token(8), nc: '00000001' }
  const { username, response } = digestResponse(asked, { authUser: input.authUser, password: input.password })
  const parts = [`username=${quote(username)}`, `realm=${quote(asked.realm)}`, `nonce=${quote(asked.nonce)}`, `uri=${quote(uri)}`, `response=${quote(response)}`, 'algorithm=MD5']
  if (asked.qop === 'auth') parts.push(`cnonce=${quote(asked.cnonce)}`, 'qop=auth', `nc=${asked.nc}`)
  if (asked.opaque !== null) parts.push(`opaque=${quote(asked.opaque)}`)
  return `Digest ${parts.join(',')}`
}

/** One WebSocket (subprotocol `sip`): send a request, wait for its final response. */
class Link {
  private readonly waiting = new Map<string, (response: SipResponse) => void>()
  private failure: string | null = null
  private failed: (why: string) => void = () => undefined

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => {
      const response = parseResponse(data.toString('utf8'))
      if (response === null || response.status < 200) return
      const key = `${headerValues(response, 'call-id')[0] ?? ''}\n${headerValues(response, 'cseq')[0]?.replace(/\s+/g, ' ') ?? ''}`
      this.waiting.get(key)?.(response)
    })
    ws.on('close', () => this.fail('The PBX closed the WebSocket'))
    ws.on('error', (error) => this.fail(errorText(error)))
  }

  static open(url: string, timeoutMs: number): Promise<Link> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, 'sip', { handshakeTimeout: timeoutMs })
      ws.once('open', () => resolve(new Link(ws)))
      ws.once('error', (error) => reject(error))
    })
  }

  /** The final response to `text` (matched by Call-ID and CSeq); throws with words when none comes. */
  request(text: string, callId: string, cseq: string, timeoutMs: number): Promise<SipResponse> {
    return new Promise((resolve, reject) => {
      const key = `${callId}\n${cseq}`
      const done = (): void => {
        clearTimeout(timer)
        this.waiting.delete(key)
        this.failed = () => undefined
      }
      const timer = setTimeout(() => {
        done()
        reject(new Error(`No answer to the REGISTER within ${String(Math.round(timeoutMs / 1000))} s`))
      }, timeoutMs)
      this.waiting.set(key, (response) => {
        done()
        resolve(response)
      })
      this.failed = (why) => {
        done()
        reject(new Error(why))
      }
      if (this.failure !== null) return this.failed(this.failure)
      this.ws.send(text)
    })
  }

  close(): void {
    this.ws.removeAllListeners('close')
    this.ws.on('error', () => undefined)
    this.ws.close()
  }

  private fail(why: string): void {
    this.failure ??= why
    this.failed(why)
  }
}

/** Sends the query REGISTER (no Contact: binds, refreshes and removes nothing) and answers its challenge with `input.password`. */
export async function checkSipLogin(input: SipLoginInput): Promise<SipLoginOutcome> {
  const timeoutMs = input.timeoutMs ?? 5000
  let link: Link
  try {
    link = await Link.open(input.wsUrl, timeoutMs)
  } catch (error) {
    return { kind: 'unknown', why: `Cannot open ${input.wsUrl}: ${errorText(error)}` }
  }
  try {
    const host = softphoneDomain(input.wsUrl)
    const domain = host.includes(':') ? `[${host}]` : host
    const uri = `sip:${domain}`
    const aor = `<sip:${input.extension}@${domain}>`
    const transport = input.wsUrl.toLowerCase().startsWith('wss:') ? 'WSS' : 'WS'
    const callId = token(12)
    const fromTag = token(6)
    let answer: { header: string; value: string } | null = null
    for (let cseq = 1; cseq <= 3; cseq++) {
      const request = [
        `REGISTER ${uri} SIP/2.0`,
        `Via: SIP/2.0/${transport} ${token(6)}.invalid;branch=z9hG4bK${token(10)};rport`,
        'Max-Forwards: 70',
        `To: ${aor}`,
        `From: ${aor};tag=${fromTag}`,
        `Call-ID: ${callId}`,
        `CSeq: ${String(cseq)} REGISTER`,
        ...(answer === null ? [] : [`${answer.header}: ${answer.value}`]),
        'User-Agent: Earshot Test connection',
        'Content-Length: 0',
        '',
        ''
      ].join('\r\n')
      let response: SipResponse
      try {
        response = await link.request(request, callId, `${String(cseq)} REGISTER`, timeoutMs)
      } catch (error) {
        return { kind: 'unknown', why: errorText(error) }
      }
      const answered = answer !== null
      if (response.status === 200) {
        const contacts = headerValues(response, 'contact').join(',').match(/<[^>]*>/g)?.length ?? 0
        return answered ? { kind: 'accepted', contacts } : { kind: 'unchallenged', contacts }
      }
      if (response.status === 401 || response.status === 407) {
        const header = response.status === 401 ? 'www-authenticate' : 'proxy-authenticate'
        const challenge = pickChallenge(headerValues(response, header))
        if ('offered' in challenge) return { kind: 'unanswerable', offered: challenge.offered }
        // Wrong credentials get a fresh challenge (Asterisk); an expired nonce one marked stale.
        if (answered && !challenge.stale) return { kind: 'refused', status: response.status, reason: response.reason, afterAnswer: true }
        answer = { header: response.status === 401 ? 'Authorization' : 'Proxy-Authorization', value: authorization(challenge, uri, input) }
        continue
      }
      if (response.status === 403 || response.status === 404) return { kind: 'refused', status: response.status, reason: response.reason, afterAnswer: answered }
      return { kind: 'unknown', why: `The PBX answered the REGISTER with ${String(response.status)} ${response.reason}`.trim() }
    }
    return { kind: 'unknown', why: 'The PBX kept challenging with expired nonces' }
  } finally {
    link.close()
  }
}
