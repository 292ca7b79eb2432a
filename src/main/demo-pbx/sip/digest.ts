/**
 * HTTP digest authentication for SIP (RFC 3261 §22, RFC 2617 with qop=auth, MD5), as Asterisk's
 * res_pjsip_authenticator_digest does it: realm `asterisk`, a nonce made of its creation time and
 * a keyed hash (so no nonce needs to be stored), nonces older than the lifetime are answered with
 * a new challenge marked `stale=true`.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { parseAuthParams } from './uri'

export const REALM = 'asterisk'
/** res_pjsip's default nonce_lifetime (seconds). */
export const NONCE_LIFETIME_S = 32

export function md5(text: string): string {
  return createHash('md5').update(text, 'utf8').digest('hex')
}

export interface DigestCredentials {
  username: string
  realm: string
  nonce: string
  uri: string
  response: string
  qop: string | null
  nc: string | null
  cnonce: string | null
  algorithm: string | null
  opaque: string | null
}

export type DigestCheck =
  | { result: 'ok'; username: string }
  /** A well-formed answer to a nonce that has expired: challenge again with stale=true. */
  | { result: 'stale'; username: string }
  | { result: 'fail'; username: string | null; why: string }

export class DigestAuthenticator {
  private key: Buffer
  /** Keys of nonces made before expireNonces(): answers to them are stale, as after nonce_lifetime. */
  private readonly retired: Buffer[] = []
  private readonly opaque: string

  constructor(
    /** Seconds since the epoch (tests move it). */
    private readonly nowSeconds: () => number = () => Math.floor(Date.now() / 1000),
    readonly realm = REALM,
    private readonly lifetimeS = NONCE_LIFETIME_S
  ) {
    this.key = randomBytes(32)
    this.opaque = randomBytes(16).toString('hex')
  }

  nonce(at = this.nowSeconds()): string {
    return `${at}/${this.sign(String(at))}`
  }

  /**
   * Every nonce made so far expires now, as each does nonce_lifetime after it was made (a client
   * that reuses its last Authorization is challenged again, stale=true): lets a test meet a
   * challenge on any request without waiting out the lifetime.
   */
  expireNonces(): void {
    this.retired.push(this.key)
    if (this.retired.length > 8) this.retired.shift()
    this.key = randomBytes(32)
  }

  /** The `WWW-Authenticate` value Asterisk sends. */
  challenge(stale = false): string {
    return `Digest realm="${this.realm}",nonce="${this.nonce()}",opaque="${this.opaque}",algorithm=MD5,qop="auth"${stale ? ',stale=true' : ''}`
  }

  /**
   * Checks an `Authorization` header value for `method`. `password(username)` gives the account's
   * password, or null when there is no such account.
   */
  verify(authorization: string, method: string, password: (username: string) => string | null): DigestCheck {
    const creds = parseCredentials(authorization)
    if (creds === null) return { result: 'fail', username: null, why: 'unreadable Authorization' }
    const { username } = creds
    if (creds.realm !== this.realm) return { result: 'fail', username, why: 'wrong realm' }
    if (creds.algorithm !== null && creds.algorithm.toUpperCase() !== 'MD5') return { result: 'fail', username, why: 'unsupported algorithm' }
    if (creds.qop !== null && creds.qop.toLowerCase() !== 'auth') return { result: 'fail', username, why: 'unsupported qop' }
    if (creds.qop !== null && (creds.nc === null || creds.cnonce === null)) return { result: 'fail', username, why: 'qop without nc/cnonce' }
    const secret = password(username)
    if (secret === null) return { result: 'fail', username, why: 'no such account' }
    const issued = this.nonceTime(creds.nonce)
    if (issued === null) return { result: 'fail', username, why: 'not our nonce' }
    const ha1 = md5(`${username}:${this.realm}:${secret}`)
    const ha2 = md5(`${method.toUpperCase()}:${creds.uri}`)
    const expected = creds.qop === null ? md5(`${ha1}:${creds.nonce}:${ha2}`) : md5(`${ha1}:${creds.nonce}:${creds.nc}:${creds.cnonce}:${creds.qop}:${ha2}`)
    if (!sameText(expected, creds.response.toLowerCase())) return { result: 'fail', username, why: 'wrong response' }
    if (issued.retired || this.nowSeconds() - issued.at > this.lifetimeS) return { result: 'stale', username }
    return { result: 'ok', username }
  }

  private sign(text: string, key = this.key): string {
    return createHmac('sha256', key).update(`${text}:${this.realm}`).digest('hex').slice(0, 32)
  }

  /** When a nonce of ours was made (and whether expireNonces() expired it), or null when it is not ours (or was tampered with). */
  private nonceTime(nonce: string): { at: number; retired: boolean } | null {
    const m = /^(\d{1,12})\/([0-9a-f]{32})$/.exec(nonce)
    if (m === null) return null
    const current = sameText(this.sign(m[1] as string), m[2] as string)
    if (!current && !this.retired.some((key) => sameText(this.sign(m[1] as string, key), m[2] as string))) return null
    const at = Number(m[1])
    return at > this.nowSeconds() + 5 ? null : { at, retired: !current }
  }
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

export function parseCredentials(authorization: string): DigestCredentials | null {
  const parsed = parseAuthParams(authorization)
  if (parsed === null || parsed.scheme !== 'digest') return null
  const p = parsed.params
  const username = p.get('username')
  const realm = p.get('realm')
  const nonce = p.get('nonce')
  const uri = p.get('uri')
  const response = p.get('response')
  if (username === undefined || realm === undefined || nonce === undefined || uri === undefined || response === undefined) return null
  return {
    username,
    realm,
    nonce,
    uri,
    response,
    qop: p.get('qop') ?? null,
    nc: p.get('nc') ?? null,
    cnonce: p.get('cnonce') ?? null,
    algorithm: p.get('algorithm') ?? null,
    opaque: p.get('opaque') ?? null
  }
}

/** A client's answer to a challenge (tests, and the demo's own checks). */
export function digestResponse(o: { username: string; password: string; realm: string; nonce: string; method: string; uri: string; nc?: string; cnonce?: string }): string {
  const nc = o.nc ?? '00000001'
  const cnonce = o.cnonce ?? randomBytes(8).toString('hex')
  const ha1 = md5(`${o.username}:${o.realm}:${o.password}`)
  const ha2 = md5(`${o.method}:${o.uri}`)
  const response = md5(`${ha1}:${o.nonce}:${nc}:${cnonce}:auth:${ha2}`)
  return `Digest username="${o.username}",realm="${o.realm}",nonce="${o.nonce}",uri="${o.uri}",response="${response}",algorithm=MD5,cnonce="${cnonce}",qop=auth,nc=${nc}`
}
