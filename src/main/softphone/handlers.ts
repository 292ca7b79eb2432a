/** The softphone's channels: where it registers, and digest answers computed with the password main keeps. */
import type { SoftphoneConfig } from '../../shared/contract'
import type { InvokeHandlers } from '../ipc'
import { credentialsOf, publicConfig, type SoftphoneAccount } from './config'
import { digestResponse } from './digest'

/** What the renderer's softphone is told (also pushed whenever the PBX or the settings change). */
export function softphoneConfig(account: SoftphoneAccount | null): SoftphoneConfig {
  return publicConfig(account, 'The softphone is not set up: set it in Settings → Softphone, or try the demo floor.')
}

export interface SoftphoneDeps {
  /** The account of the PBX Earshot is on (the demo's, or the one in the settings), if any. */
  account: () => SoftphoneAccount | null
}

export function softphoneHandlers({ account }: SoftphoneDeps): Pick<InvokeHandlers, 'softphone:config' | 'softphone:digest'> {
  return {
    'softphone:config': () => softphoneConfig(account()),
    'softphone:digest': async (challenge) => digestResponse(challenge, await credentialsOf(account()))
  }
}
