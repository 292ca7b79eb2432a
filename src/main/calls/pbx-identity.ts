/**
 * Which PBX a connection reached, as the PBX says it itself (issue 13.2): a call belongs to the
 * PBX, not to the address used to reach it, so the calls a previous connection (or a previous
 * Earshot) saved are matched against this one only when it is the same PBX — whatever address,
 * user or TLS port reached it.
 *
 * Asterisk answers `CoreStatus` with when this Asterisk process started (`CoreStartupDate`,
 * `CoreStartupTime`, its local time, whole seconds) and `CoreSettings` with its `AsteriskVersion`
 * and `SystemName` (asterisk.conf `systemname`, often empty); both need the `system` or
 * `reporting` write class, as the snapshot does (main/manager.c). A restart makes a new process
 * — and its calls are gone, its Uniqueids new — so a restarted PBX is, rightly, another one here.
 * Two PBXs started in the same second with the same name and version would look alike; their
 * Uniqueids (epoch second and counter, or `<systemname>-…`) would then also have to match for a
 * call to be taken for another's, and a call the snapshot does not list is closed either way.
 */
import type { AmiMessage } from '../ami'

/** Asked on every (re)connect beside the snapshot; neither changes anything on the PBX. */
export const IDENTITY_ACTIONS = ['CoreSettings', 'CoreStatus'] as const

/**
 * The PBX's identity from its `CoreSettings` and `CoreStatus` answers; null when it did not say
 * when it started (refused, or not an Asterisk), and the owner falls back to the address.
 */
export function pbxIdentity(settings: AmiMessage | undefined, status: AmiMessage | undefined): string | null {
  const date = status?.fields.CoreStartupDate?.trim() ?? ''
  const time = status?.fields.CoreStartupTime?.trim() ?? ''
  if (date === '' || time === '') return null
  const version = settings?.fields.AsteriskVersion?.trim() ?? ''
  const name = settings?.fields.SystemName?.trim() ?? ''
  return `asterisk:${JSON.stringify([name, version, `${date} ${time}`])}`
}
