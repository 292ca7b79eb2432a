/**
 * Test connection's SIP login at its edges, against a scripted SIP-over-WebSocket server on
 * loopback: what it sends (a REGISTER without Contact, the digest computed from scratch here),
 * and what each kind of answer means. Never "accepted" without the PBX's 200 to an answered
 * challenge. (The demo registrar, as Asterisk answers, is in sip-login.test.ts.)
 */
import { createHash } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import { WebSocketServer } from 'ws'
import { checkSipLogin, type SipLoginOutcome } from '../../../src/main/softphone'

const md5 = (text: string): string => createHash('md5').update(text).digest('hex')
const PASSWORD = 'the-sip-password'

let server: WebSocketServer | null = null
async function closeServer(): Promise<void> {
  const closing = server
  server = null
  await new Promise<void>((resolve) => (closing === null ? resolve() : closing.close(() => resolve())))
}
afterEach(closeServer)

interface Received {
  text: string
  header(name: string): string | undefined
}

/** A server answering each request with `answer(request, index)` (null: no answer). */
async function scripted(answer: (request: Received, index: number) => string | null): Promise<{ url: string; requests: Received[] }> {
  const requests: Received[] = []
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, handleProtocols: (protocols) => (protocols.has('sip') ? 'sip' : false) })
  server = wss
  wss.on('connection', (ws) =>
    ws.on('message', (data: Buffer) => {
      const text = data.toString('utf8')
      const request: Received = { text, header: (name) => new RegExp(`^${name}: (.*)$`, 'im').exec(text)?.[1]?.trim() }
      requests.push(request)
      const reply = answer(request, requests.length - 1)
      if (reply !== null) ws.send(reply)
    })
  )
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()))
  return { url: `ws://127.0.0.1:${String((wss.address() as { port: number }).port)}/ws`, requests }
}

/** A response to `request` with the given status line and extra headers. */
function respond(request: Received, status: string, extra: string[] = []): string {
  return [`SIP/2.0 ${status}`, `Via: ${request.header('Via') ?? ''}`, `From: ${request.header('From') ?? ''}`, `To: ${request.header('To') ?? ''};tag=srv`, `Call-ID: ${request.header('Call-ID') ?? ''}`, `CSeq: ${request.header('CSeq') ?? ''}`, ...extra, 'Content-Length: 0', '', ''].join('\r\n')
}

const challenge = (nonce: string, more = ''): string => `Digest realm="asterisk",nonce="${nonce}",opaque="op",algorithm=MD5,qop="auth"${more}`

/** Is this Authorization the right answer, computed here from scratch, for `password`? */
function rightAnswer(value: string | undefined, password: string): boolean {
  const p: Record<string, string> = Object.fromEntries([...(value ?? '').matchAll(/(\w+)=(?:"([^"]*)"|([^,\s]+))/g)].map((m) => [m[1] ?? '', m[2] ?? m[3] ?? '']))
  const ha1 = md5(`${p.username ?? ''}:${p.realm ?? ''}:${password}`)
  const ha2 = md5(`REGISTER:${p.uri ?? ''}`)
  return p.response === md5(`${ha1}:${p.nonce ?? ''}:${p.nc ?? ''}:${p.cnonce ?? ''}:${p.qop ?? ''}:${ha2}`)
}

const check = (url: string, timeoutMs?: number): Promise<SipLoginOutcome> =>
  checkSipLogin({ wsUrl: url, extension: '2001', authUser: '2001', password: PASSWORD, ...(timeoutMs === undefined ? {} : { timeoutMs }) })

describe('the SIP login check', () => {
  it('sends a REGISTER without Contact, answers the challenge, and passes only on the 200 to the answer', async () => {
    const pbx = await scripted((request) =>
      request.header('Authorization') === undefined
        ? respond(request, '401 Unauthorized', [`WWW-Authenticate: ${challenge('n1')}`])
        : rightAnswer(request.header('Authorization'), PASSWORD)
          ? respond(request, '200 OK', ['Contact: <sip:a@x.invalid;transport=ws>;expires=300, <sip:b@y.invalid;transport=ws>;expires=200'])
          : respond(request, '401 Unauthorized', [`WWW-Authenticate: ${challenge('n2')}`])
    )
    expect(await check(pbx.url)).toEqual({ kind: 'accepted', contacts: 2 })
    expect(pbx.requests).toHaveLength(2)
    for (const r of pbx.requests) {
      expect(r.text).toMatch(/^REGISTER sip:127\.0\.0\.1 SIP\/2\.0\r\n/)
      expect(r.header('Contact')).toBeUndefined()
      expect(r.header('Expires')).toBeUndefined()
      expect(r.header('To')).toBe('<sip:2001@127.0.0.1>')
    }
    expect(pbx.requests[1]?.header('Call-ID')).toBe(pbx.requests[0]?.header('Call-ID'))
    expect(pbx.requests[1]?.header('CSeq')).toBe('2 REGISTER')
    expect(pbx.requests[1]?.header('Authorization')).toContain('opaque="op"')
    expect(JSON.stringify(pbx.requests)).not.toContain(PASSWORD)
  })

  it('a wrong password: a fresh challenge after the answer is a refusal', async () => {
    const pbx = await scripted((request, i) => respond(request, '401 Unauthorized', [`WWW-Authenticate: ${challenge(`n${String(i)}`)}`]))
    expect(await check(pbx.url)).toEqual({ kind: 'refused', status: 401, reason: 'Unauthorized', afterAnswer: true })
  })

  it('an expired nonce (stale=true) is answered again, not taken for a wrong password', async () => {
    const pbx = await scripted((request, i) =>
      i === 0
        ? respond(request, '401 Unauthorized', [`WWW-Authenticate: ${challenge('n0')}`])
        : i === 1
          ? respond(request, '401 Unauthorized', [`WWW-Authenticate: ${challenge('n1', ',stale=true')}`])
          : respond(request, '200 OK')
    )
    expect(await check(pbx.url)).toEqual({ kind: 'accepted', contacts: 0 })
    expect(pbx.requests[2]?.header('Authorization')).toContain('nonce="n1"')
  })

  it('a proxy challenge (407) is answered with Proxy-Authorization', async () => {
    const pbx = await scripted((request) =>
      rightAnswer(request.header('Proxy-Authorization'), PASSWORD) ? respond(request, '200 OK') : respond(request, '407 Proxy Authentication Required', [`Proxy-Authenticate: ${challenge('p1')}`])
    )
    expect(await check(pbx.url)).toEqual({ kind: 'accepted', contacts: 0 })
  })

  it('picks the MD5 challenge among several; with none it cannot answer, says what was offered', async () => {
    const both = await scripted((request) =>
      request.header('Authorization') === undefined
        ? respond(request, '401 Unauthorized', [`WWW-Authenticate: Digest realm="asterisk",nonce="s",algorithm=SHA-256,qop="auth"`, `WWW-Authenticate: ${challenge('m')}`])
        : respond(request, rightAnswer(request.header('Authorization'), PASSWORD) ? '200 OK' : '403 Forbidden')
    )
    expect(await check(both.url)).toEqual({ kind: 'accepted', contacts: 0 })
    await closeServer()
    const sha = await scripted((request) => respond(request, '401 Unauthorized', ['WWW-Authenticate: Digest realm="asterisk",nonce="s",algorithm=SHA-256,qop="auth"']))
    expect(await check(sha.url)).toEqual({ kind: 'unanswerable', offered: 'digest SHA-256 qop=auth' })
  })

  it('no challenge at all, another status, no answer, nobody listening: never accepted', async () => {
    const open = await scripted((request) => respond(request, '200 OK'))
    expect(await check(open.url)).toEqual({ kind: 'unchallenged', contacts: 0 })
    await closeServer()

    const busy = await scripted((request) => respond(request, '503 Service Unavailable'))
    expect(await check(busy.url)).toEqual({ kind: 'unknown', why: 'The PBX answered the REGISTER with 503 Service Unavailable' })
    await closeServer()

    const silent = await scripted(() => null)
    expect(await check(silent.url, 300)).toMatchObject({ kind: 'unknown', why: expect.stringMatching(/^No answer to the REGISTER within/) as unknown })
    const url = silent.url
    await closeServer()
    expect(await check(url)).toMatchObject({ kind: 'unknown', why: expect.stringContaining(`Cannot open ${url}`) as unknown })
  })
})
