/**
 * The keychain entries Earshot keeps, one per secret and profile: `ami/<profile>` (the AMI user's
 * secret) and `sip/<profile>` (the softphone's SIP password). There is one profile, 'default', for
 * now; the name leaves room for several PBXs later.
 */
export type SecretKind = 'ami' | 'sip'

export const DEFAULT_PROFILE = 'default'

const PROFILE = /^[a-z0-9][a-z0-9-]{0,39}$/
const ACCOUNT = /^(?:ami|sip)\/[a-z0-9][a-z0-9-]{0,39}$/

export function secretAccount(kind: SecretKind, profile: string = DEFAULT_PROFILE): string {
  if (!PROFILE.test(profile)) throw new TypeError(`Not a profile name: use lower-case letters, digits and '-' (got ${profile.length} characters)`)
  return `${kind}/${profile}`
}

export const AMI_ACCOUNT = secretAccount('ami')
export const SIP_ACCOUNT = secretAccount('sip')

export function isSecretAccount(account: string): boolean {
  return ACCOUNT.test(account)
}
