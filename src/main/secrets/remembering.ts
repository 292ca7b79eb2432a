import type { SecretStore } from './secret-store'

/**
 * `store`, telling `remember` each secret it reads or stores, so the log file can mask it
 * (see src/main/log-file.ts). The secrets themselves go nowhere else.
 */
export function rememberingSecrets(store: SecretStore, remember: (secret: string) => void): SecretStore {
  return {
    async get(account) {
      const secret = await store.get(account)
      if (secret !== null) remember(secret)
      return secret
    },
    async set(account, value) {
      remember(value)
      await store.set(account, value)
    },
    delete: (account) => store.delete(account)
  }
}
