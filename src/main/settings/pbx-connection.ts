/**
 * Which PBX Earshot is on: one value the floor, the call log, supervision and the softphone all
 * read, instead of each keeping its own idea of it. There is one at a time today (the demo, or the
 * PBX in this machine's settings); a console over several PBXs holds a list of these, one floor
 * and one call log each, keyed by `identity`.
 */
import type { MachineSettings } from '../../shared/settings'
import { callLogSource } from '../calllog'
import type { FloorSource } from '../calls'
import type { DemoPbx } from '../demo-pbx'
import type { SecretStore } from '../secrets'
import type { SoftphoneAccount } from '../softphone'
import { DEFAULT_RING_TIMEOUT_MS, type SupervisionConfig } from '../supervision'
import { floorSourceOf, softphoneAccountOf, supervisionConfigOf } from './machine'

export interface PbxConnection {
  kind: 'demo' | 'configured'
  /** The AMI user at the AMI address: calls in progress are saved under it only while the PBX has not said who it is (see calls/pbx-identity.ts). */
  identity: string
  /** What the floor connects to and how it reads the PBX; null while no AMI address or user is set. */
  floor: FloorSource | null
  /** How Listen/Whisper/Barge legs are placed. */
  supervision: SupervisionConfig
  /** Where the softphone registers, if it is set up. */
  softphone: SoftphoneAccount | null
}

/** The lab dialplan the demo speaks: feature codes 555/556/557 + extension in `internal`, outbound prefix 9. */
const DEMO_CODES = { listen: '555', whisper: '556', barge: '557' }
const DEMO_FLOOR_OPTIONS = { featureCodes: DEMO_CODES, outboundPrefix: '9', roster: (extension: string) => !extension.startsWith('2') }

/**
 * The PBX in this machine's settings (the AMI password is read from the keychain at each connection
 * attempt). `sipPasswordRevision` changes whenever a new SIP password is stored.
 */
export function configuredConnection(settings: MachineSettings, secrets: SecretStore, sipPasswordRevision: string): PbxConnection {
  return {
    kind: 'configured',
    identity: callLogSource(settings.pbx.url, settings.pbx.username),
    floor: floorSourceOf(settings, secrets),
    supervision: supervisionConfigOf(settings),
    softphone: softphoneAccountOf(settings, secrets, sipPasswordRevision)
  }
}

/** The demo PBX, with its supervisor's softphone account. */
export function demoConnection(demo: DemoPbx): PbxConnection {
  const { sip } = demo
  const account = sip.accounts[sip.supervisorExtension]
  if (account === undefined) throw new Error(`The demo PBX has no account for ${sip.supervisorExtension}`)
  return {
    kind: 'demo',
    identity: callLogSource(demo.url, demo.username),
    floor: { kind: 'demo', client: { url: demo.url, username: demo.username, secret: demo.secret }, floor: DEMO_FLOOR_OPTIONS },
    supervision: { method: 'feature-codes', context: 'internal', featureCodes: DEMO_CODES, supervisorExtension: sip.supervisorExtension, ringTimeoutMs: DEFAULT_RING_TIMEOUT_MS },
    softphone: {
      wsUrl: sip.url,
      extension: sip.supervisorExtension,
      authUser: account.authUser,
      displayName: 'Earshot demo supervisor',
      source: 'demo',
      passwordRevision: 'demo',
      password: () => Promise.resolve(account.password)
    }
  }
}
