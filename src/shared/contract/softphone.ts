/** The in-app softphone: what it registers with, and digest answers computed in main. */
import { z } from 'zod'
import { Empty, type InvokeSpec } from './common'

/**
 * What the renderer's softphone needs to register: never a password. Main answers each digest
 * challenge itself (`softphone:digest`), so the SIP password stays in main.
 */
export const SoftphoneConfig = z.union([
  z.object({
    configured: z.literal(true),
    /** `wss://pbx:8089/ws` (or `ws://` to this computer only). */
    wsUrl: z.string(),
    extension: z.string(),
    /** The AOR's host part: `sip:<extension>@<domain>`. */
    domain: z.string(),
    authUser: z.string(),
    displayName: z.string(),
    source: z.enum(['demo', 'settings']),
    /**
     * Changes whenever a new SIP password is stored (an opaque counter, nothing derived from the
     * password): the softphone registers again with it, as it does for any other change here.
     */
    passwordRevision: z.string().max(64)
  }),
  z.object({ configured: z.literal(false), reason: z.string() })
])
export type SoftphoneConfig = z.infer<typeof SoftphoneConfig>

const Token = z.string().min(1).max(256)

/** One RFC 7616/2617 digest challenge to answer, with the request it is for. */
export const DigestChallenge = z.object({
  realm: Token,
  nonce: Token,
  opaque: Token.nullable(),
  algorithm: z.enum(['MD5']),
  qop: z.enum(['auth']).nullable(),
  method: z.enum(['REGISTER', 'INVITE', 'BYE', 'INFO', 'OPTIONS', 'UPDATE', 'MESSAGE', 'SUBSCRIBE', 'NOTIFY', 'REFER', 'PRACK', 'ACK', 'CANCEL']),
  uri: z.string().min(1).max(512),
  /** Client nonce and nonce count, chosen by the softphone (needed with qop=auth). */
  cnonce: z.string().regex(/^[0-9A-Za-z]{8,64}$/),
  nc: z.string().regex(/^[0-9a-f]{8}$/)
})
export type DigestChallenge = z.infer<typeof DigestChallenge>

export const softphoneInvoke = {
  'softphone:config': { access: 'operator', request: Empty, response: SoftphoneConfig },
  /** The `response` hash for one digest challenge, computed in main with the keychain's SIP password. */
  'softphone:digest': { access: 'operator', request: DigestChallenge.strict(), response: z.object({ username: z.string(), response: z.string() }) }
} as const satisfies Record<string, InvokeSpec>

export const softphoneStreams = {
  'softphone:config': SoftphoneConfig
} as const
