/**
 * Passwords belong to the address they were saved for (issue 14.5). The keychain holds the AMI
 * secret and the SIP password; the settings store records, beside them, the address each was
 * typed for (the AMI address; the softphone's WebSocket address). A password is read only for
 * that address: change the address without typing the password again and it is sent nowhere —
 * not on connect, not by Test connection, not as a digest answer — and the page shows it as not
 * set. A password stored while no address was saved belongs to the first address saved after
 * it (the first-run order); one stored before Earshot recorded addresses belongs to the address
 * saved when it was first used, and is bound to it at the next save.
 */
import type { MachineSettings } from '../../shared/settings'
import { parseAmiUrl } from '../ami'
import { AMI_ACCOUNT, SIP_ACCOUNT, type SecretStore } from '../secrets'
import type { SettingsRepository } from './repository'

/** Same AMI server: scheme (TLS or not), host and port. Anything unparsable is not the same. */
export function sameAmiAddress(a: string, b: string): boolean {
  try {
    const [x, y] = [parseAmiUrl(a), parseAmiUrl(b)]
    return x.secure === y.secure && x.host.toLowerCase() === y.host.toLowerCase() && x.port === y.port
  } catch {
    return false
  }
}

/** Same softphone server: scheme, host and port of the WebSocket address. */
export function sameWsAddress(a: string, b: string): boolean {
  try {
    const [x, y] = [new URL(a), new URL(b)]
    return x.protocol === y.protocol && x.host === y.host
  } catch {
    return false
  }
}

/** Bound to a password whose address is lost: it matches no address (and says so in its error). */
const UNKNOWN_ADDRESS = 'an address the saved settings no longer tell'

const KINDS = [
  { account: AMI_ACCOUNT, section: 'pbx', what: 'AMI password', where: 'Settings → PBX', address: (s: MachineSettings) => s.pbx.url, same: sameAmiAddress },
  { account: SIP_ACCOUNT, section: 'softphone', what: 'SIP password', where: 'Settings → Softphone', address: (s: MachineSettings) => s.softphone.wsUrl, same: sameWsAddress }
] as const

function kindOf(account: string): (typeof KINDS)[number] {
  const kind = KINDS.find((k) => k.account === account)
  if (kind === undefined) throw new TypeError(`No such password: ${account}`)
  return kind
}

/** The keychain, read for the saved settings' addresses only. */
export class BoundSecrets implements SecretStore {
  constructor(
    private readonly keychain: SecretStore,
    private readonly repository: SettingsRepository
  ) {}

  /** The password for the saved address; throws (in words) when it was saved for another one. */
  async get(account: string): Promise<string | null> {
    const kind = kindOf(account)
    const secret = await this.keychain.get(account)
    if (secret === null) return null
    const boundTo = this.repository.secretAddress(account)
    const address = kind.address(this.repository.read().settings)
    if (boundTo !== null && !kind.same(boundTo, address)) {
      throw new Error(`The ${kind.what} was saved for ${boundTo === '' ? 'no address' : boundTo} and is not sent to ${address || 'another address'}: set it again for this address (${kind.where}).`)
    }
    return secret
  }

  /**
   * The password if it belongs to `address` (an address in the form, saved or not): Test
   * connection tries it there and nowhere else. Null when none is stored; throws (in words) when
   * it belongs to another address, or to none yet (stored before any address: it goes to the first
   * one saved, not to one only typed).
   */
  async getFor(account: string, address: string): Promise<string | null> {
    const kind = kindOf(account)
    const secret = await this.keychain.get(account)
    if (secret === null) return null
    const saved = kind.address(this.repository.read().settings)
    // Stored before Earshot recorded addresses: it belongs to the saved address.
    const bound = this.repository.secretAddress(account) ?? saved
    const owner = bound === '' ? saved : bound
    if (owner === '') throw new Error(`The ${kind.what} was set before any address was saved and is not sent to ${address}: save the address first (${kind.where}), then test again.`)
    if (!kind.same(owner, address)) throw new Error(`The saved ${kind.what} is for ${owner} and is not sent to ${address}: set the ${kind.what} for this address (${kind.where}), then test again.`)
    return secret
  }

  /** Stores a password for `address` (the form's; default the saved one). */
  async set(account: string, value: string, address?: string): Promise<void> {
    const kind = kindOf(account)
    await this.keychain.set(account, value)
    this.repository.bindSecret(account, address === undefined || address === '' ? kind.address(this.repository.read().settings) : address)
  }

  async delete(account: string): Promise<boolean> {
    this.repository.unbindSecret(account)
    return this.keychain.delete(account)
  }

  /** Settings were saved (before → after; `reset`: the sections of before that did not read): each password stays with the address it belongs to. */
  saved(before: MachineSettings, after: MachineSettings, reset: ReadonlySet<string> = new Set()): void {
    for (const kind of KINDS) {
      // A section that did not read (reset to its defaults) cannot tell whose an unbound password was: nobody's, until typed again.
      const boundTo = this.repository.secretAddress(kind.account) ?? (reset.has(kind.section) ? UNKNOWN_ADDRESS : kind.address(before))
      this.repository.bindSecret(kind.account, boundTo === '' ? kind.address(after) : boundTo)
    }
  }
}
