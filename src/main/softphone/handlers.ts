/** The softphone's channels: where it registers, and digest answers computed with the password main keeps. */
import type { SoftphoneConfig } from '../../shared/contract'
import { IpcFailure, type InvokeHandlers } from '../ipc'
import { credentialsOf, publicConfig, softphoneDomain, type SoftphoneAccount } from './config'
import { digestResponse } from './digest'
import { digestRefusal } from './digest-policy'

/** What the renderer's softphone is told (also pushed whenever the PBX or the settings change). */
export function softphoneConfig(account: SoftphoneAccount | null): SoftphoneConfig {
  return publicConfig(account, 'The softphone is not set up: set it in Settings → Softphone, or try the demo floor.')
}

export interface SoftphoneDeps {
  /** The account of the PBX Earshot is on (the demo's, or the one in the settings), if any. */
  account: () => SoftphoneAccount | null
  /** How many calls the PBX shows on this extension now (its channels, supervision legs up). */
  callsOn: (extension: string) => number
  /** Where refused challenges are reported (a security log line; never a secret). */
  log: (line: string) => void
}

/** A URI as it may appear in a log line: printable, bounded. */
const loggable = (text: string): string => text.replace(/[^\x20-\x7e]/g, '?').slice(0, 160)

export function softphoneHandlers({ account, callsOn, log }: SoftphoneDeps): Pick<InvokeHandlers, 'softphone:config' | 'softphone:digest'> {
  return {
    'softphone:config': () => softphoneConfig(account()),
    'softphone:digest': async (challenge, caller) => {
      const current = account()
      if (current === null) throw new Error('The softphone is not set up on this machine')
      const refusal = digestRefusal(challenge, {
        domain: softphoneDomain(current.wsUrl),
        extension: current.extension,
        operator: caller.operator,
        callsOnSoftphone: callsOn(current.extension)
      })
      if (refusal !== null) {
        log(`[security] softphone:digest refused for ${caller.operator?.name ?? 'nobody'}: ${challenge.method} ${loggable(challenge.uri)} (${caller.origin}): ${refusal}`)
        throw new IpcFailure({ code: 'forbidden', message: refusal })
      }
      return digestResponse(challenge, await credentialsOf(current))
    }
  }
}
