/**
 * A bare SIP-over-WebSocket client for the registrar's edge cases: it writes exactly the bytes a
 * test gives it and keeps every message the server sends back.
 */
import { randomUUID } from 'node:crypto'
import { WebSocket } from 'ws'
import { digestResponse } from '../../../../src/main/demo-pbx/sip/digest'
import { parseMessage, type SipMessage, type SipResponse } from '../../../../src/main/demo-pbx/sip/message'
import { parseAuthParams } from '../../../../src/main/demo-pbx/sip/uri'
import { waitFor } from './softphone'

export class RawSip {
  readonly received: SipMessage[] = []
  readonly raw: string[] = []
  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => {
      const text = data.toString('utf8')
      this.raw.push(text)
      const r = parseMessage(text)
      if (r.ok) this.received.push(r.message)
    })
  }

  static async connect(url: string, protocols: string[] = ['sip']): Promise<RawSip> {
    const ws = new WebSocket(url, protocols)
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve())
      ws.once('error', reject)
      ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode ?? 0}`)))
    })
    return new RawSip(ws)
  }

  send(text: string): void {
    this.ws.send(text)
  }

  /** Sends a request and waits for its final response (matched by Call-ID and CSeq). */
  async request(text: string, ms = 4000): Promise<SipResponse> {
    const callId = /^Call-ID: (.+)$/m.exec(text)?.[1]?.trim()
    const cseq = /^CSeq: (.+)$/m.exec(text)?.[1]?.trim()
    const before = this.received.length
    this.send(text)
    let found: SipResponse | undefined
    await waitFor(() => {
      found = this.received.slice(before).find((m): m is SipResponse => m.kind === 'response' && m.status >= 200 && m.headers.get('Call-ID') === callId && m.headers.get('CSeq') === cseq)
      return found !== undefined
    }, `a response to ${cseq ?? '?'}`, ms)
    return found as SipResponse
  }

  close(): void {
    this.ws.close()
  }
}

export interface RegisterArgs {
  ext?: string
  aor?: string
  /** null: no Contact header at all (a query, RFC 3261 §10.2.3). */
  contact?: string | null
  expires?: number | null
  callId?: string
  cseq?: number
  authorization?: string
  extraHeaders?: string[]
}

export function register(a: RegisterArgs = {}): string {
  const ext = a.ext ?? '2001'
  const lines = [
    'REGISTER sip:127.0.0.1 SIP/2.0',
    `Via: SIP/2.0/WS raw.invalid;branch=z9hG4bK${randomUUID()}`,
    'Max-Forwards: 70',
    `To: <sip:${a.aor ?? ext}@127.0.0.1>`,
    `From: <sip:${ext}@127.0.0.1>;tag=raw1`,
    `Call-ID: ${a.callId ?? 'raw-register'}`,
    `CSeq: ${a.cseq ?? 1} REGISTER`,
    ...(a.contact === null ? [] : [`Contact: ${a.contact ?? '<sip:rawphone@raw.invalid;transport=ws>'}`]),
    ...(a.expires === null ? [] : [`Expires: ${a.expires ?? 600}`]),
    ...(a.authorization === undefined ? [] : [`Authorization: ${a.authorization}`]),
    ...(a.extraHeaders ?? []),
    'User-Agent: raw-test',
    'Content-Length: 0',
    '',
    ''
  ]
  return lines.join('\r\n')
}

/** REGISTER, answer the challenge with `password`, return the final response. */
export async function registerWithAuth(sip: RawSip, password: string, a: RegisterArgs = {}): Promise<SipResponse> {
  const first = await sip.request(register({ ...a, cseq: (a.cseq ?? 1) * 2 - 1 }))
  if (first.status !== 401) return first
  const challenge = parseAuthParams(first.headers.get('WWW-Authenticate') ?? '')?.params
  const authorization = digestResponse({ username: a.ext ?? '2001', password, realm: challenge?.get('realm') ?? '', nonce: challenge?.get('nonce') ?? '', method: 'REGISTER', uri: 'sip:127.0.0.1' })
  return sip.request(register({ ...a, cseq: (a.cseq ?? 1) * 2, authorization }))
}
