/**
 * Where the softphone registers, and with which credentials — the part the renderer may see
 * (everything but the password) and the part only main keeps.
 */
import type { SoftphoneConfig } from '../../shared/contract'
import type { SipCredentials } from './digest'

export interface SoftphoneAccount {
  wsUrl: string
  extension: string
  authUser: string
  displayName: string
  source: 'demo' | 'settings'
  /** Changes whenever a new password is stored, so the softphone registers again (never derived from the password). */
  passwordRevision: string
  /** Read when a challenge comes in (the keychain for settings, memory for the demo). */
  password(): Promise<string | null>
}

/** The AOR's domain: the WebSocket server's host, as Asterisk's PJSIP accepts any domain for a WS contact. */
export function softphoneDomain(wsUrl: string): string {
  try {
    return new URL(wsUrl).hostname.replace(/^\[|\]$/g, '')
  } catch {
    return ''
  }
}

export function publicConfig(account: SoftphoneAccount | null, reason: string): SoftphoneConfig {
  if (account === null) return { configured: false, reason }
  return {
    configured: true,
    wsUrl: account.wsUrl,
    extension: account.extension,
    domain: softphoneDomain(account.wsUrl),
    authUser: account.authUser,
    displayName: account.displayName,
    source: account.source,
    passwordRevision: account.passwordRevision
  }
}

export async function credentialsOf(account: SoftphoneAccount | null): Promise<SipCredentials> {
  if (account === null) throw new Error('The softphone is not set up on this machine')
  const password = await account.password()
  if (password === null) throw new Error('No SIP password is saved for the softphone: set it in Settings → Softphone')
  return { authUser: account.authUser, password }
}
