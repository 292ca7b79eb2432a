/**
 * SIP digest authentication (RFC 2617 / RFC 7616 MD5, as Asterisk's res_pjsip uses) computed in
 * main, so the SIP password never reaches the renderer: the softphone sends the challenge and the
 * request it is for, and gets back only the response hash for that one nonce.
 */
import { createHash } from 'node:crypto'
import type { DigestChallenge } from '../../shared/contract'

const md5 = (text: string): string => createHash('md5').update(text, 'utf8').digest('hex')

export interface SipCredentials {
  authUser: string
  password: string
}

export function digestResponse(challenge: DigestChallenge, credentials: SipCredentials): { username: string; response: string } {
  const ha1 = md5(`${credentials.authUser}:${challenge.realm}:${credentials.password}`)
  const ha2 = md5(`${challenge.method}:${challenge.uri}`)
  const response =
    challenge.qop === 'auth'
      ? md5(`${ha1}:${challenge.nonce}:${challenge.nc}:${challenge.cnonce}:auth:${ha2}`)
      : md5(`${ha1}:${challenge.nonce}:${ha2}`)
  return { username: credentials.authUser, response }
}
