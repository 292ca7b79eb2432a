import { createRequire } from 'node:module'
import { isSecretAccount } from './accounts'
import { redact } from './redact'
import type { SecretStore } from './secret-store'
import { errorText } from '../../shared/error-text'

/** The part of keytar Earshot uses (keytar is a native module, loaded only when first needed). */
export interface KeychainBackend {
  getPassword(service: string, account: string): Promise<string | null>
  setPassword(service: string, account: string, password: string): Promise<void>
  deletePassword(service: string, account: string): Promise<boolean>
}

export interface KeychainOptions {
  /** The keychain's service name (tests use their own). */
  service?: string
  /** Picks the advice in the error message; defaults to this machine's. */
  platform?: NodeJS.Platform
  /** Loads the backend; defaults to requiring keytar. Throwing means "no keychain". */
  loadBackend?: () => KeychainBackend
}

/** How to get a keychain, per platform. Earshot never falls back to keeping passwords in a file. */
export function keychainUnavailableMessage(platform: NodeJS.Platform): string {
  const refusal = 'Earshot will not store passwords in plain text, so it cannot save or read the PBX and phone passwords until a keychain is available.'
  if (platform === 'darwin') return `Earshot could not use the macOS Keychain. Unlock your login keychain in Keychain Access, then try again. ${refusal}`
  if (platform === 'win32') {
    return `Earshot could not use the Windows Credential Manager. Sign in to Windows with your own account (not a service account), then try again. ${refusal}`
  }
  return (
    'No keychain found: Earshot keeps passwords in the Secret Service, and none is running on this computer. ' +
    'Install GNOME Keyring (package gnome-keyring) or KWallet, log in to a desktop session that starts and unlocks it, then try again. ' +
    refusal
  )
}

/** The OS keychain cannot be used. `reason` is the system's own words (never a secret). */
export class KeychainUnavailableError extends Error {
  override readonly name = 'KeychainUnavailableError'
  constructor(
    message: string,
    readonly reason: string,
    options?: { cause?: unknown }
  ) {
    super(message, options)
  }
}

function loadKeytar(): KeychainBackend {
  // Required lazily, so a missing or mis-built native module is "no keychain", not a crash at startup.
  return createRequire(__filename)('keytar') as KeychainBackend
}

/** The OS keychain (keytar: Secret Service on Linux, Keychain on macOS, Credential Manager on Windows). */
export function openKeychain(options: KeychainOptions = {}): SecretStore {
  const service = options.service ?? 'Earshot'
  const platform = options.platform ?? process.platform
  const load = options.loadBackend ?? loadKeytar
  let backend: { ok: true; value: KeychainBackend } | { ok: false; error: unknown } | undefined

  const unavailable = (error: unknown, secret?: string): KeychainUnavailableError =>
    new KeychainUnavailableError(keychainUnavailableMessage(platform), redact(errorText(error), [secret]))

  async function use<T>(account: string, act: (keychain: KeychainBackend) => Promise<T>, secret?: string): Promise<T> {
    if (!isSecretAccount(account)) throw new TypeError("Not a keychain account Earshot uses: expected 'ami/<profile>' or 'sip/<profile>'")
    if (backend === undefined) {
      try {
        backend = { ok: true, value: load() }
      } catch (error) {
        backend = { ok: false, error }
      }
    }
    if (!backend.ok) throw unavailable(backend.error)
    try {
      return await act(backend.value)
    } catch (error) {
      // The error is not kept as `cause`: a backend's error object could carry what it was given.
      throw unavailable(error, secret)
    }
  }

  return {
    get: (account) => use(account, (k) => k.getPassword(service, account)),
    set: (account, value) => {
      if (value === '') return Promise.reject(new TypeError('Refusing to store an empty secret; delete the entry instead'))
      return use(account, (k) => k.setPassword(service, account, value), value)
    },
    delete: (account) => use(account, (k) => k.deletePassword(service, account))
  }
}
