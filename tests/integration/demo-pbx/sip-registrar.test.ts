/**
 * The demo's SIP-over-WebSocket registrar at its edges, with a bare client on 127.0.0.1: digest
 * challenges (wrong password, stale nonce), what Asterisk answers 400/404/405/423/481, OPTIONS,
 * registration expiry and the WebSocket closing, garbage that must not hurt, and the debug
 * endpoints' loopback-only, JSON-only rules.
 */
import http from 'node:http'
import { afterEach, describe, expect, it } from 'vitest'
import { digestResponse } from '../../../src/main/demo-pbx/sip/digest'
import { parseAuthParams } from '../../../src/main/demo-pbx/sip/uri'
import { startLab, type Lab } from './support/lab'
import { RawSip, register, registerWithAuth } from './support/raw-sip'
import { waitFor } from './support/softphone'

let lab: Lab | null = null
const clients: RawSip[] = []

afterEach(async () => {
  for (const c of clients.splice(0)) c.close()
  await lab?.stop()
  lab = null
})

async function connect(l: Lab): Promise<RawSip> {
  const c = await RawSip.connect(l.pbx.sip.url)
  clients.push(c)
  return c
}

function password(l: Lab, ext = '2001'): string {
  return l.pbx.sip.accounts[ext]?.password ?? ''
}

describe('the demo registrar', { timeout: 60_000 }, () => {
  it('needs the sip subprotocol on /ws', async () => {
    lab = await startLab()
    const base = lab.pbx.sip.url
    await expect(RawSip.connect(base, [])).rejects.toThrow('HTTP 400')
    await expect(RawSip.connect(base.replace('/ws', '/other'), ['sip'])).rejects.toThrow('HTTP 404')
    const ok = await connect(lab)
    expect(ok.ws.protocol).toBe('sip')
  })

  it('challenges, refuses a wrong password or a nonce it did not make with a fresh challenge, never lets a stranger in', async () => {
    lab = await startLab()
    const sip = await connect(lab)
    const first = await sip.request(register())
    expect(first.status).toBe(401)
    const challenge = first.headers.get('WWW-Authenticate') ?? ''
    expect(challenge).toMatch(/^Digest realm="asterisk",nonce="[^"]+",opaque="[^"]+",algorithm=MD5,qop="auth"$/)
    expect(first.headers.get('To')).toMatch(/;tag=/)
    const nonce = parseAuthParams(challenge)?.params.get('nonce') ?? ''
    const wrong = digestResponse({ username: '2001', password: 'not-it', realm: 'asterisk', nonce, method: 'REGISTER', uri: 'sip:127.0.0.1' })
    const refused = await sip.request(register({ cseq: 2, authorization: wrong }))
    expect(refused.status).toBe(401)
    expect(refused.headers.get('WWW-Authenticate')).not.toContain('stale=true')
    expect(lab.pbx.model.endpoint('2001').contact).toBeNull()
    // The right password on a nonce the PBX did not make (its time changed) is refused too.
    // (Expired nonces, answered with stale=true, are in the digest unit tests.)
    const old = `${Math.floor(Date.now() / 1000) - 60}/${nonce.split('/')[1] ?? ''}`
    const forged = digestResponse({ username: '2001', password: password(lab), realm: 'asterisk', nonce: old, method: 'REGISTER', uri: 'sip:127.0.0.1' })
    expect((await sip.request(register({ cseq: 3, authorization: forged }))).status).toBe(401)
    // An unknown user is challenged like anyone (Asterisk's artificial endpoint) and never gets in.
    expect((await registerWithAuth(sip, 'x', { ext: '9999', cseq: 5 })).status).toBe(401)
    const ok = await registerWithAuth(sip, password(lab), { cseq: 7 })
    expect(ok.status).toBe(200)
    expect(ok.headers.get('Contact')).toBe('<sip:rawphone@raw.invalid;transport=ws>;expires=600')
    expect(ok.headers.get('Expires')).toBe('600')
    expect(ok.headers.get('Via')).toMatch(/;received=127\.0\.0\.1$/)
  })

  it('answers 404 for another AOR, 423 below the minimum expiry, 400 for a bad Contact, 403 for two contacts', async () => {
    lab = await startLab()
    const sip = await connect(lab)
    const pw = password(lab)
    expect((await registerWithAuth(sip, pw, { aor: '2002', callId: 'a' })).status).toBe(404)
    const brief = await registerWithAuth(sip, pw, { expires: 30, callId: 'b' })
    expect(brief.status).toBe(423)
    expect(brief.headers.get('Min-Expires')).toBe('60')
    expect((await registerWithAuth(sip, pw, { contact: '<sip:broken', callId: 'c' })).status).toBe(400)
    expect((await registerWithAuth(sip, pw, { contact: '*', expires: 600, callId: 'd' })).status).toBe(400)
    expect((await registerWithAuth(sip, pw, { contact: '<sip:a@x.invalid;transport=ws>, <sip:b@x.invalid;transport=ws>', callId: 'e' })).status).toBe(403)
    expect(lab.pbx.model.endpoint('2001').contact).toBeNull()
    // Above the maximum: cut to it.
    const long = await registerWithAuth(sip, pw, { expires: 99_999, callId: 'f' })
    expect(long.headers.get('Contact')).toMatch(/;expires=7200$/)
    // Contact: * with Expires: 0 removes it.
    expect((await registerWithAuth(sip, pw, { contact: '*', expires: 0, callId: 'g' })).status).toBe(200)
    await lab.waitEvent('ContactStatus', { AOR: '2001', ContactStatus: 'Removed' })
  })

  it('a REGISTER without a Contact is a query (RFC 3261 §10.2.3): authenticated, answered with the current bindings, changing none', async () => {
    lab = await startLab()
    const l = lab
    const registrations = async (): Promise<unknown> => (await fetch(l.pbx.sip.reportUrl.replace('/demo/supervision', '/demo/registrations'))).json()
    const phone = await connect(l)
    expect((await registerWithAuth(phone, password(l), { callId: 'phone' })).status).toBe(200)
    const contact = l.pbx.model.endpoint('2001').contact
    expect(contact).not.toBeNull()
    const before = await registrations()

    // From another WebSocket (as Test connection asks), without Expires, with one, with Expires: 0.
    const asker = await connect(l)
    expect((await asker.request(register({ contact: null, callId: 'query-unauthenticated' }))).status).toBe(401)
    for (const [callId, expires] of [['query', null], ['query-expires', 600], ['query-expires-0', 0]] as const) {
      const answer = await registerWithAuth(asker, password(l), { contact: null, expires, callId })
      expect(answer.status).toBe(200)
      const listed = answer.headers.getAll('Contact')
      expect(listed.map((c) => c.replace(/;expires=\d+$/, ''))).toEqual([`<${contact?.uri ?? ''}>`])
      expect(listed[0]).toMatch(/;expires=\d+$/)
    }
    // A wrong password is refused like any REGISTER.
    expect((await registerWithAuth(asker, 'not-it', { contact: null, callId: 'query-wrong' })).status).toBe(401)
    expect(await registrations()).toEqual({ ...(before as object), websockets: 2 })
    expect(l.pbx.model.endpoint('2001').contact).toEqual(contact)
    // The asker's socket holds no registration: closing it removes nothing.
    asker.close()
    await expect.poll(registrations).toMatchObject({ websockets: 1, removed: [] })
    expect(await registrations()).toEqual(before)
  })

  it('lets a registration expire, and drops it when its WebSocket closes', async () => {
    lab = await startLab({ sipExpiry: { minimum: 1 } })
    const l = lab
    const sip = await connect(l)
    expect((await registerWithAuth(sip, password(l), { expires: 1 })).status).toBe(200)
    await l.waitEvent('PeerStatus', { Peer: 'PJSIP/2001', PeerStatus: 'Reachable' })
    await l.waitEvent('ContactStatus', { AOR: '2001', ContactStatus: 'Removed' }, 4000)
    expect(l.pbx.model.endpoint('2001').contact).toBeNull()
    const removedAt = l.find('ContactStatus', { AOR: '2001', ContactStatus: 'Removed' }).length

    const again = await connect(l)
    expect((await registerWithAuth(again, password(l), { callId: 'again' })).status).toBe(200)
    expect(l.pbx.model.endpoint('2001').contact).not.toBeNull()
    again.close()
    await waitFor(() => l.find('ContactStatus', { AOR: '2001', ContactStatus: 'Removed' }).length > removedAt, 'the contact to go with its WebSocket')
    expect(l.pbx.model.endpoint('2001').contact).toBeNull()
  })

  it('answers OPTIONS (after auth), 405 for methods it has not, 481 outside any dialog; survives garbage', async () => {
    lab = await startLab()
    const sip = await connect(lab)
    const options = (cseq: number, auth?: string): string =>
      [
        'OPTIONS sip:127.0.0.1 SIP/2.0',
        'Via: SIP/2.0/WS raw.invalid;branch=z9hG4bKopt' + cseq,
        'To: <sip:127.0.0.1>',
        'From: <sip:2001@127.0.0.1>;tag=o1',
        'Call-ID: options-1',
        `CSeq: ${cseq} OPTIONS`,
        ...(auth === undefined ? [] : [`Authorization: ${auth}`]),
        'Content-Length: 0',
        '',
        ''
      ].join('\r\n')
    const challenged = await sip.request(options(1))
    expect(challenged.status).toBe(401)
    const nonce = parseAuthParams(challenged.headers.get('WWW-Authenticate') ?? '')?.params.get('nonce') ?? ''
    const auth = digestResponse({ username: '2001', password: password(lab), realm: 'asterisk', nonce, method: 'OPTIONS', uri: 'sip:127.0.0.1' })
    const ok = await sip.request(options(2, auth))
    expect(ok.status).toBe(200)
    expect(ok.headers.get('Allow')).toContain('INVITE')
    expect(ok.headers.get('Accept')).toContain('application/sdp')

    const simple = (method: string, extra = ''): string =>
      [`${method} sip:2001@127.0.0.1 SIP/2.0`, 'Via: SIP/2.0/WS raw.invalid;branch=z9hG4bK' + method, `To: <sip:2001@127.0.0.1>${extra}`, 'From: <sip:2001@127.0.0.1>;tag=m1', 'Call-ID: m-' + method, `CSeq: 1 ${method}`, 'Content-Length: 0', '', ''].join('\r\n')
    const sub = await sip.request(simple('SUBSCRIBE'))
    expect(sub.status).toBe(405)
    expect(sub.headers.get('Allow')).toContain('REGISTER')
    expect((await sip.request(simple('BYE'))).status).toBe(481)
    expect((await sip.request(simple('INFO', ';tag=nope'))).status).toBe(481)

    // Garbage: a 400 when the request can be answered, silence when not; the PBX carries on.
    const bad = await sip.request(simple('MESSAGE').replace('Content-Length: 0', 'Content-Length: 50'))
    expect(bad.status).toBe(400)
    expect(bad.reason).toContain('body shorter than Content-Length')
    for (const junk of ['', 'hello', '\u0000\u0001\u0002', 'SIP/2.0 200 OK\r\n\r\n', 'INVITE x SIP/2.0\r\n\r\n', 'REGISTER sip:a SIP/2.0\r\nVia: nonsense\r\n\r\n', '\r\n\r\n']) sip.send(junk)
    sip.ws.send(Buffer.from([0xff, 0xfe, 0x00, 0x41]))
    const pong = sip.raw.length
    sip.send('\r\n\r\n')
    await waitFor(() => sip.raw.slice(pong).includes('\r\n'), 'the keep-alive pong')
    expect((await registerWithAuth(sip, password(lab), { callId: 'after-garbage' })).status).toBe(200)
    // A phone may not place calls here: 404 for a number the dialplan lacks, 501 for one it has.
    const invite = (to: string, cseq: number, authorization?: string): string =>
      simple('INVITE')
        .replace('INVITE sip:2001@127.0.0.1', `INVITE sip:${to}@127.0.0.1`)
        .replace('Call-ID: m-INVITE', `Call-ID: inv-${to}`)
        .replace('CSeq: 1 INVITE', `CSeq: ${cseq} INVITE`)
        .replace('Content-Length: 0', authorization === undefined ? 'Content-Length: 0' : `Authorization: ${authorization}\r\nContent-Length: 0`)
    for (const [to, status] of [
      ['4711', 404],
      ['5551001', 501]
    ] as const) {
      const challenge = await sip.request(invite(to, 1))
      expect(challenge.status).toBe(401)
      const n = parseAuthParams(challenge.headers.get('WWW-Authenticate') ?? '')?.params.get('nonce') ?? ''
      const a = digestResponse({ username: '2001', password: password(lab), realm: 'asterisk', nonce: n, method: 'INVITE', uri: `sip:${to}@127.0.0.1` })
      expect((await sip.request(invite(to, 2, a))).status).toBe(status)
    }
  })
})

describe('the debug endpoints', { timeout: 60_000 }, () => {
  function httpRequest(url: string, options: http.RequestOptions, body?: string): Promise<{ status: number; json: unknown }> {
    return new Promise((resolve, reject) => {
      const req = http.request(url, options, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8')
          resolve({ status: res.statusCode ?? 0, json: text === '' ? null : (JSON.parse(text) as unknown) })
        })
      })
      req.on('error', reject)
      req.end(body)
    })
  }

  it('serve JSON on 127.0.0.1 only to same-origin JSON requests', async () => {
    lab = await startLab()
    const base = lab.pbx.sip.reportUrl.replace('/demo/supervision', '')
    expect(await httpRequest(`${base}/demo/supervision`, { method: 'GET' })).toEqual({ status: 200, json: [] })
    expect((await httpRequest(`${base}/demo/supervision`, { method: 'POST' })).status).toBe(405)
    expect((await httpRequest(`${base}/nothing`, { method: 'GET' })).status).toBe(404)
    // A page elsewhere (another Host, another Origin, a form post) gets nothing.
    expect((await httpRequest(`${base}/demo/supervision`, { method: 'GET', headers: { Host: 'evil.example:80' } })).status).toBe(403)
    const json = { 'Content-Type': 'application/json' }
    expect((await httpRequest(`${base}/demo/ring`, { method: 'POST', headers: { 'Content-Type': 'text/plain' } }, '{"to":"2002","from":"1003"}')).status).toBe(415)
    expect((await httpRequest(`${base}/demo/ring`, { method: 'POST', headers: { ...json, Origin: 'http://evil.example' } }, '{"to":"2002","from":"1003"}')).status).toBe(403)
    expect((await httpRequest(`${base}/demo/ring`, { method: 'POST', headers: json }, '{nope')).status).toBe(400)
    expect(await httpRequest(`${base}/demo/ring`, { method: 'POST', headers: json }, '{"to":"2001","from":"1003"}')).toEqual({ status: 409, json: { error: '2001 is not registered' } })
    expect((await httpRequest(`${base}/demo/ring`, { method: 'POST', headers: json }, '{"to":"7777","from":"1003"}')).status).toBe(404)
    // The simulated desk phone 2002 answers an ordinary call itself.
    const rung = await httpRequest(`${base}/demo/ring`, { method: 'POST', headers: json }, '{"to":"2002","from":"1003"}')
    expect(rung.status).toBe(200)
    expect(rung.json).toMatchObject({ ok: true, callerChannel: expect.stringMatching(/^PJSIP\/1003-/) as unknown, calleeChannel: expect.stringMatching(/^PJSIP\/2002-/) as unknown })
    await lab.waitEvent('BridgeEnter', { Channel: (rung.json as { calleeChannel: string }).calleeChannel })
    expect(await httpRequest(`${base}/demo/hangup`, { method: 'POST', headers: json }, '')).toEqual({ status: 200, json: { hungUp: 1 } })
    await lab.waitEvent('Hangup', { Channel: (rung.json as { calleeChannel: string }).calleeChannel })
  })
})
