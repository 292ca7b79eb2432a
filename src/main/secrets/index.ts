export { AMI_ACCOUNT, DEFAULT_PROFILE, SIP_ACCOUNT, isSecretAccount, secretAccount, type SecretKind } from './accounts'
export { KeychainUnavailableError, keychainUnavailableMessage, openKeychain, type KeychainBackend, type KeychainOptions } from './keychain'
export { REDACTED, redact } from './redact'
export type { SecretStore } from './secret-store'
