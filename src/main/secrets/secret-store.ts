/** Where Earshot keeps passwords: the OS keychain (see keychain.ts), never the database or a file. */
export interface SecretStore {
  /** The secret, or null when none is stored for `account`. */
  get(account: string): Promise<string | null>
  set(account: string, value: string): Promise<void>
  /** True when there was a secret to delete. */
  delete(account: string): Promise<boolean>
}
