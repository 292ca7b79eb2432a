/**
 * Which digest challenges main answers with the SIP password (issue 14.4). A digest response
 * proves the password for one method and Request-URI, so answering any challenge would hand the
 * renderer (or anyone speaking IPC as a signed-in operator) the account itself: an INVITE to a
 * ChanSpy feature code, a REGISTER that moves the supervisor's calls elsewhere. Main answers only
 * what Earshot's softphone itself can be challenged for:
 *
 * - REGISTER, to the configured registrar (`sip:<domain>`, the Request-URI SIP.js's Registerer
 *   uses), for any signed-in operator: the softphone is the machine's phone and registers for
 *   everyone (ordinary calls to the extension ring with Accept / Decline whoever is signed in).
 * - BYE, while the PBX shows a call on the softphone's extension (a supervision leg main
 *   originated, or a call the operator accepted), for any signed-in operator: a BYE can only end
 *   a call, and the person at the console must be able to hang up. Asterisk does not challenge
 *   in-dialog requests (res_pjsip's authenticator runs after the dialog layer has taken them),
 *   so this matters only behind a proxy that does.
 * - Nothing else. The softphone places no calls: supervision legs are originated by main over AMI
 *   (scope-checked and audited), so no INVITE is ever answered, not even for an admin; it sends
 *   no re-INVITE (no hold, mute is local, DTMF goes in RTP), no OPTIONS, MESSAGE, SUBSCRIBE,
 *   REFER or PUBLISH; ACK and CANCEL are never challenged (RFC 3261 §22.1).
 */
import type { DigestChallenge, Operator } from '../../shared/contract'

export interface DigestScene {
  /** The configured registrar's host (the softphone config's domain). */
  domain: string
  extension: string
  operator: Operator | null
  /** Calls the PBX shows on the softphone's extension now (its channels, and supervision legs up). */
  callsOnSoftphone: number
}

/** The host of a `sip:`/`sips:` URI (brackets of an IPv6 address dropped, lower case), and its user part. */
function sipUri(uri: string): { user: string | null; host: string } | null {
  const m = /^sips?:(?:([^@;?]*)@)?(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(?::\d{1,5})?(?:;[^?]*)?$/.exec(uri)
  if (m === null) return null
  return { user: m[1] ?? null, host: (m[2] ?? '').replace(/^\[|\]$/g, '').toLowerCase() }
}

/** Why main does not answer this challenge, in words; null when it does. */
export function digestRefusal(challenge: DigestChallenge, scene: DigestScene): string | null {
  if (scene.operator === null) return 'Sign in first.'
  const target = sipUri(challenge.uri)
  if (challenge.method === 'REGISTER') {
    if (target === null || target.user !== null || target.host !== scene.domain.replace(/^\[|\]$/g, '').toLowerCase()) {
      return `Earshot registers only with the configured registrar (sip:${scene.domain}), not ${challenge.uri}.`
    }
    return null
  }
  if (challenge.method === 'BYE') {
    if (target === null) return `${challenge.uri} is not a SIP address.`
    if (scene.callsOnSoftphone === 0) return `There is no call on the softphone (${scene.extension}) to end.`
    return null
  }
  if (challenge.method === 'INVITE') {
    return 'Earshot’s softphone places no calls (supervision legs are originated by Earshot over AMI): it does not answer challenges for an INVITE.'
  }
  return `Earshot’s softphone never sends ${challenge.method} requests that need its password.`
}
