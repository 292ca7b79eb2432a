import { AMI_ACCOUNT } from './accounts'
import { KeychainUnavailableError } from './keychain'
import type { SecretStore } from './secret-store'

export interface KeychainState {
  available: boolean
  /** Why not, in words, when it is not. */
  message: string | null
}

/** Whether the OS keychain can hold the passwords, as of the last time it was asked. */
export class KeychainStatus {
  private current: KeychainState = { available: true, message: null }

  constructor(private readonly secrets: SecretStore) {}

  state(): KeychainState {
    return this.current
  }

  /** Asks again: whenever a password is read or written. */
  async probe(): Promise<KeychainState> {
    try {
      await this.secrets.get(AMI_ACCOUNT)
      this.current = { available: true, message: null }
    } catch (error) {
      this.current = { available: false, message: error instanceof KeychainUnavailableError ? error.message : String(error) }
    }
    return this.current
  }
}
