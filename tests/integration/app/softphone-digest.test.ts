/**
 * `softphone:digest` is not a SIP-credential oracle (issue 14.4). Through the real services and the
 * demo PBX's real SIP server on loopback: an operator asks main to answer challenges the PBX
 * really issued, for requests the softphone would never send (an INVITE to the Listen feature
 * code, a REGISTER to another registrar, a BYE with no call) and for the one it does (its own
 * REGISTER), and the PBX says whether the answer was good.
 */
import { randomBytes, randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServices, type EarshotServices, openStore, type Store } from '../../../src/main/app'
import { startDemoPbx } from '../../../src/main/demo-pbx'
import { parseAuthParams } from '../../../src/main/demo-pbx/sip/uri'
import { IpcFailure } from '../../../src/main/ipc/router'
import { openKeychain } from '../../../src/main/secrets'
import type { DigestChallenge, InvokeChannel, InvokeRequest, InvokeResponse } from '../../../src/shared/contract'
import { RawSip } from '../demo-pbx/support/raw-sip'

const PIN = '2468'
let dir: string
let store: Store
let services: EarshotServices
let adminId = ''
let plainId = ''
let wsUrl = ''
const refusals: string[] = []
const matching = (pattern: RegExp): unknown => expect.stringMatching(pattern)

const call = <C extends InvokeChannel>(channel: C, request: InvokeRequest<C>): Promise<InvokeResponse<C>> =>
  services.router.invoke(channel, request, { origin: 'test' }) as Promise<InvokeResponse<C>>

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'earshot-digest-'))
  store = openStore({ dir })
  services = createServices({
    store,
    secrets: openKeychain({ service: `Earshot test ${randomBytes(6).toString('hex')}` }),
    startDemoPbx: () => startDemoPbx({ scenario: 'inbound-queue-answered', speed: 1 }),
    logSecurity: (line) => refusals.push(line)
  })
  adminId = (await services.signIn.firstAdmin({ name: 'Admin', extension: '2001', pin: PIN })).operator?.id ?? ''
  plainId = (await store.operators.create({ name: 'Plain', extension: '1001', scopes: [], pin: PIN })).id
  await call('demo:start', {})
  const config = await call('softphone:config', {})
  if (!config.configured) throw new Error('the demo softphone is not configured')
  wsUrl = config.wsUrl
}, 30_000)

afterAll(async () => {
  await services.stop()
  store.close()
  rmSync(dir, { recursive: true, force: true })
})

/** One out-of-dialog request as a SIP client would write it, with an optional Authorization. */
function request(method: string, uri: string, callId: string, cseq: number, authorization?: string): string {
  return [
    `${method} ${uri} SIP/2.0`,
    `Via: SIP/2.0/WS raw.invalid;branch=z9hG4bK${randomUUID()}`,
    'Max-Forwards: 70',
    `To: <${method === 'REGISTER' ? 'sip:2001@127.0.0.1' : uri}>`,
    'From: <sip:2001@127.0.0.1>;tag=attacker',
    `Call-ID: ${callId}`,
    `CSeq: ${cseq} ${method}`,
    'Contact: <sip:attacker@raw.invalid;transport=ws>',
    ...(authorization === undefined ? [] : [`Authorization: ${authorization}`]),
    'Content-Length: 0',
    '',
    ''
  ].join('\r\n')
}

/**
 * Sends the request, takes the PBX's challenge to main as `softphone:digest`, and sends the
 * request again with main's answer. Returns main's refusal, or the PBX's final status.
 */
async function askMain(method: DigestChallenge['method'], uri: string, keep?: RawSip): Promise<{ refused: string } | { status: number }> {
  const sip = keep ?? (await RawSip.connect(wsUrl))
  try {
    const callId = `attack-${randomUUID()}`
    const first = await sip.request(request(method, uri, callId, 1))
    if (first.status !== 401) return { status: first.status }
    const params = parseAuthParams(first.headers.get('WWW-Authenticate') ?? '')?.params
    const challenge: DigestChallenge = {
      realm: params?.get('realm') ?? '',
      nonce: params?.get('nonce') ?? '',
      opaque: params?.get('opaque') ?? null,
      algorithm: 'MD5',
      qop: 'auth',
      method,
      uri,
      cnonce: '0a4f113b9c2d7e51',
      nc: '00000001'
    }
    let answer: InvokeResponse<'softphone:digest'>
    try {
      answer = await call('softphone:digest', challenge)
    } catch (error) {
      if (error instanceof IpcFailure) return { refused: `${error.error.code}: ${error.error.message}` }
      throw error
    }
    const authorization =
      `Digest username="${answer.username}",realm="${challenge.realm}",nonce="${challenge.nonce}",uri="${uri}",response="${answer.response}",` +
      `algorithm=MD5,cnonce="${challenge.cnonce}",qop=auth,nc=${challenge.nc}${challenge.opaque === null ? '' : `,opaque="${challenge.opaque}"`}`
    const second = await sip.request(request(method, uri, callId, 2, authorization))
    return { status: second.status }
  } finally {
    if (keep === undefined) sip.close()
  }
}

describe('softphone:digest answers only what the softphone itself can be challenged for', () => {
  it('an operator with no scopes gets no digest for an INVITE to the Listen feature code, and the refusal is logged', async () => {
    await services.signIn.signIn(plainId, PIN)
    // supervision:start refuses them...
    await expect(call('supervision:start', { agentExtension: '1001', callId: 'x', mode: 'listen' })).rejects.toMatchObject({ error: { code: 'forbidden' } })
    // ...and so does the digest for the same leg placed by hand.
    const outcome = await askMain('INVITE', 'sip:5551001@127.0.0.1')
    expect(outcome).toMatchObject({ refused: matching(/^forbidden: .*places no calls/) })
    expect(refusals.at(-1)).toMatch(/softphone:digest refused for Plain: INVITE sip:5551001@127\.0\.0\.1/)
  })

  it('nor does an admin: supervision legs are originated by main (audited), never INVITEd by the softphone', async () => {
    await services.signIn.signIn(adminId, PIN)
    expect(await askMain('INVITE', 'sip:5561001@127.0.0.1')).toMatchObject({ refused: matching(/^forbidden: /) })
    expect(await askMain('OPTIONS', 'sip:1001@127.0.0.1')).toMatchObject({ refused: matching(/^forbidden: /) })
  })

  it('a REGISTER to the configured registrar is answered for any operator, and the PBX accepts it', async () => {
    await services.signIn.signIn(plainId, PIN)
    expect(await askMain('REGISTER', 'sip:127.0.0.1')).toEqual({ status: 200 })
  })

  it('a REGISTER to another registrar is refused', async () => {
    await services.signIn.signIn(plainId, PIN)
    expect(await askMain('REGISTER', 'sip:pbx.attacker.example')).toMatchObject({ refused: matching(/^forbidden: .*registrar/) })
    expect(await askMain('REGISTER', 'sip:2001@127.0.0.1')).toMatchObject({ refused: matching(/^forbidden: /) })
  })

  it('a BYE is answered only within a call the PBX shows on the softphone: none here, so refused', async () => {
    await services.signIn.signIn(adminId, PIN)
    // The PBX does not challenge in-dialog requests (nor does Asterisk): ask main directly.
    const bye: DigestChallenge = { realm: 'asterisk', nonce: '1/abc', opaque: null, algorithm: 'MD5', qop: 'auth', method: 'BYE', uri: 'sip:asterisk@127.0.0.1', cnonce: '0a4f113b9c2d7e51', nc: '00000001' }
    await expect(call('softphone:digest', bye)).rejects.toMatchObject({ error: { code: 'forbidden', message: matching(/no call/) } })
  })

  it('a BYE is answered, for any operator, while the PBX shows a call on the softphone', async () => {
    await services.signIn.signIn(plainId, PIN)
    const phone = await RawSip.connect(wsUrl)
    try {
      expect(await askMain('REGISTER', 'sip:127.0.0.1', phone)).toEqual({ status: 200 })
      // 1003 dials 2001 (an ordinary internal call): the PBX rings this phone.
      const base = wsUrl.replace(/^ws:/, 'http:').replace(/\/ws$/, '')
      const rang = await fetch(`${base}/demo/ring`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ to: '2001', from: '1003' }) })
      expect(rang.status).toBe(200)
      const bye: DigestChallenge = { realm: 'asterisk', nonce: '1/abc', opaque: null, algorithm: 'MD5', qop: 'auth', method: 'BYE', uri: 'sip:asterisk@127.0.0.1', cnonce: '0a4f113b9c2d7e51', nc: '00000001' }
      const end = Date.now() + 10_000
      let answer: InvokeResponse<'softphone:digest'> | null = null
      while (answer === null && Date.now() < end) {
        answer = await call('softphone:digest', bye).catch(() => null)
        if (answer === null) await new Promise((r) => setTimeout(r, 50))
      }
      expect(answer).toMatchObject({ username: '2001', response: matching(/^[0-9a-f]{32}$/) })
      await fetch(`${base}/demo/hangup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })
    } finally {
      phone.close()
    }
  })
})
