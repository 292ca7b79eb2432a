/**
 * What the saved settings mean for the running app: the PBX the floor connects to (with the AMI
 * password read from the keychain at each connection attempt), who counts as an agent, how
 * supervision legs are placed, and where the softphone registers.
 */
import { extensionMatcher, type FloorSettings, type MachineSettings } from '../../shared/settings'
import type { FloorSource } from '../calls'
import { AMI_ACCOUNT, SIP_ACCOUNT, type SecretStore } from '../secrets'
import type { SoftphoneAccount } from '../softphone'
import { DEFAULT_RING_TIMEOUT_MS, type SupervisionConfig } from '../supervision'

/** Which endpoints get a row: the admin's choice of agents, minus the hidden extensions. */
export function rosterOf(floor: FloorSettings): ((extension: string, queues: readonly string[]) => boolean) | undefined {
  const hidden = new Set(floor.hidden)
  const agents = floor.agents
  if (agents.kind === 'all' && hidden.size === 0) return undefined
  const isAgent =
    agents.kind === 'pattern'
      ? extensionMatcher(agents.pattern)
      : agents.kind === 'queues'
        ? (_: string, queues: readonly string[]) => queues.some((q) => agents.queues.includes(q))
        : () => true
  return (extension, queues) => !hidden.has(extension) && isAgent(extension, queues)
}

/** The PBX connection, or null while the address or user is not set. */
export function floorSourceOf(settings: MachineSettings, secrets: SecretStore): FloorSource | null {
  const { pbx } = settings
  if (pbx.url === '' || pbx.username === '') return null
  const codes = pbx.featureCodes
  const anyCode = codes.listen !== '' || codes.whisper !== '' || codes.barge !== ''
  return {
    kind: 'pbx',
    client: {
      credentials: async () => {
        const secret = await secrets.get(AMI_ACCOUNT)
        if (secret === null) throw new Error('No AMI password is saved on this machine: set it in Settings → PBX.')
        return { url: pbx.url, username: pbx.username, secret, ...(pbx.caCertificate === null ? {} : { ca: pbx.caCertificate }) }
      }
    },
    floor: { featureCodes: anyCode ? codes : null, outboundPrefix: '', roster: rosterOf(settings.floor) }
  }
}

export function supervisionConfigOf(settings: MachineSettings): SupervisionConfig {
  return {
    method: settings.pbx.method,
    context: settings.pbx.context,
    featureCodes: settings.pbx.featureCodes,
    supervisorExtension: settings.softphone.extension,
    ringTimeoutMs: DEFAULT_RING_TIMEOUT_MS
  }
}

/** `passwordRevision`: changes whenever a new SIP password is stored (the softphone registers again). */
export function softphoneAccountOf(settings: MachineSettings, secrets: SecretStore, passwordRevision: string): SoftphoneAccount | null {
  const s = settings.softphone
  if (s.wsUrl === '' || s.extension === '') return null
  return {
    wsUrl: s.wsUrl,
    extension: s.extension,
    authUser: s.authUser === '' ? s.extension : s.authUser,
    displayName: s.displayName,
    source: 'settings',
    passwordRevision,
    password: () => secrets.get(SIP_ACCOUNT)
  }
}

/**
 * A save reconnects the floor only when the connection itself changed (`amiConnectionChanged`):
 * a reconnect loses what only a live connection knows, such as the exact moment of an answer that
 * happens while it is down.
 */
export { amiConnectionChanged } from '../../shared/settings'

/**
 * Did how the floor reads the PBX change — the feature codes (which legs are supervisors'), which
 * endpoints are agents? Applied to the live floor as it is (`FloorService.reconfigure`). The
 * supervision method and context are read at each Listen/Whisper/Barge and need nothing.
 */
export function floorReadingChanged(before: MachineSettings, after: MachineSettings): boolean {
  return JSON.stringify(before.pbx.featureCodes) !== JSON.stringify(after.pbx.featureCodes) || JSON.stringify(before.floor) !== JSON.stringify(after.floor)
}
