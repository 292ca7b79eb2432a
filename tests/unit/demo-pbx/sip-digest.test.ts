/** Digest authentication as the demo's registrar checks it (realm asterisk, MD5, qop=auth). */
import { describe, expect, it } from 'vitest'
import { DigestAuthenticator, digestResponse, md5, NONCE_LIFETIME_S } from '../../../src/main/demo-pbx/sip/digest'
import { parseAuthParams } from '../../../src/main/demo-pbx/sip/uri'

function setup() {
  let now = 1_800_000_000
  const auth = new DigestAuthenticator(() => now)
  const passwords: Record<string, string> = { '2001': 'secret-2001' }
  const lookup = (user: string): string | null => passwords[user] ?? null
  const challenge = (): { nonce: string; realm: string } => {
    const p = parseAuthParams(auth.challenge())?.params
    return { nonce: p?.get('nonce') ?? '', realm: p?.get('realm') ?? '' }
  }
  return { auth, lookup, challenge, advance: (s: number) => (now += s) }
}

describe('DigestAuthenticator', () => {
  it('challenges like Asterisk: realm asterisk, MD5, qop auth, a nonce and an opaque', () => {
    const { auth } = setup()
    expect(auth.challenge()).toMatch(/^Digest realm="asterisk",nonce="\d+\/[0-9a-f]{32}",opaque="[0-9a-f]{32}",algorithm=MD5,qop="auth"$/)
    expect(auth.challenge(true)).toMatch(/,stale=true$/)
  })

  it('accepts the right password and refuses a wrong one or an unknown user', () => {
    const { auth, lookup, challenge } = setup()
    const { nonce, realm } = challenge()
    const ok = digestResponse({ username: '2001', password: 'secret-2001', realm, nonce, method: 'REGISTER', uri: 'sip:127.0.0.1' })
    expect(auth.verify(ok, 'REGISTER', lookup)).toEqual({ result: 'ok', username: '2001' })
    const wrong = digestResponse({ username: '2001', password: 'guess', realm, nonce, method: 'REGISTER', uri: 'sip:127.0.0.1' })
    expect(auth.verify(wrong, 'REGISTER', lookup)).toMatchObject({ result: 'fail', why: 'wrong response' })
    // The method is part of the hash: a REGISTER's answer does not authenticate an INVITE.
    expect(auth.verify(ok, 'INVITE', lookup)).toMatchObject({ result: 'fail' })
    const stranger = digestResponse({ username: '9999', password: 'x', realm, nonce, method: 'REGISTER', uri: 'sip:127.0.0.1' })
    expect(auth.verify(stranger, 'REGISTER', lookup)).toMatchObject({ result: 'fail', why: 'no such account' })
  })

  it('computes the RFC 2617 response (qop=auth) and the RFC 2069 one (no qop)', () => {
    const { auth, lookup, challenge } = setup()
    const { nonce } = challenge()
    const ha1 = md5('2001:asterisk:secret-2001')
    const ha2 = md5('REGISTER:sip:127.0.0.1')
    const withQop = md5(`${ha1}:${nonce}:0000000a:c0ffee:auth:${ha2}`)
    const header = `Digest username="2001", realm="asterisk", nonce="${nonce}", uri="sip:127.0.0.1", response="${withQop}", qop=auth, nc=0000000a, cnonce="c0ffee", algorithm=MD5`
    expect(auth.verify(header, 'REGISTER', lookup).result).toBe('ok')
    const noQop = md5(`${ha1}:${nonce}:${ha2}`)
    expect(auth.verify(`Digest username="2001", realm="asterisk", nonce="${nonce}", uri="sip:127.0.0.1", response="${noQop}"`, 'REGISTER', lookup).result).toBe('ok')
  })

  it('marks an expired nonce stale (the client retries without asking its user again)', () => {
    const { auth, lookup, challenge, advance } = setup()
    const { nonce, realm } = challenge()
    advance(NONCE_LIFETIME_S + 1)
    const late = digestResponse({ username: '2001', password: 'secret-2001', realm, nonce, method: 'REGISTER', uri: 'sip:127.0.0.1' })
    expect(auth.verify(late, 'REGISTER', lookup)).toEqual({ result: 'stale', username: '2001' })
    // A stale nonce with a wrong password is simply wrong.
    const lateWrong = digestResponse({ username: '2001', password: 'nope', realm, nonce, method: 'REGISTER', uri: 'sip:127.0.0.1' })
    expect(auth.verify(lateWrong, 'REGISTER', lookup).result).toBe('fail')
  })

  it('expireNonces() makes every nonce so far stale at once, as nonce_lifetime would; new ones are fresh', () => {
    const { auth, lookup, challenge } = setup()
    const old = challenge()
    auth.expireNonces()
    const answer = (n: { nonce: string; realm: string }): string => digestResponse({ username: '2001', password: 'secret-2001', ...n, method: 'REGISTER', uri: 'sip:127.0.0.1' })
    expect(auth.verify(answer(old), 'REGISTER', lookup)).toEqual({ result: 'stale', username: '2001' })
    expect(auth.verify(answer(challenge()), 'REGISTER', lookup)).toEqual({ result: 'ok', username: '2001' })
  })

  it('refuses nonces it did not make, other realms, other algorithms and unreadable headers', () => {
    const { auth, lookup, challenge } = setup()
    const { nonce } = challenge()
    const forged = nonce.replace(/^\d+/, '1900000000')
    const answer = (n: string, realm = 'asterisk'): string => digestResponse({ username: '2001', password: 'secret-2001', realm, nonce: n, method: 'REGISTER', uri: 'sip:127.0.0.1' })
    expect(auth.verify(answer(forged), 'REGISTER', lookup)).toMatchObject({ result: 'fail', why: 'not our nonce' })
    expect(auth.verify(answer('abc'), 'REGISTER', lookup)).toMatchObject({ result: 'fail', why: 'not our nonce' })
    expect(auth.verify(answer(nonce, 'elsewhere'), 'REGISTER', lookup)).toMatchObject({ result: 'fail', why: 'wrong realm' })
    expect(auth.verify(answer(nonce).replace('algorithm=MD5', 'algorithm=SHA-256'), 'REGISTER', lookup)).toMatchObject({ result: 'fail', why: 'unsupported algorithm' })
    expect(auth.verify('Basic MjAwMTpzZWNyZXQ=', 'REGISTER', lookup)).toMatchObject({ result: 'fail', why: 'unreadable Authorization' })
    expect(auth.verify('Digest username="2001"', 'REGISTER', lookup)).toMatchObject({ result: 'fail', why: 'unreadable Authorization' })
    // Another authenticator (another run of the demo) does not know this one's nonces.
    expect(new DigestAuthenticator().verify(answer(nonce), 'REGISTER', lookup)).toMatchObject({ result: 'fail', why: 'not our nonce' })
  })
})
