export { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from './backoff'
export {
  AmiClient,
  type AmiClientClock,
  type AmiClientOptions,
  type AmiClientSettings,
  type AmiClientState,
  type AmiClientStatus,
  type AmiCredentialsProvider
} from './client'
export { connectAmi, type AmiConnection, type AmiConnectOptions } from './connect'
export { AmiDecoder, type AmiDecoderOptions, type AmiFrame } from './decoder'
export { encodeAction, redactSecrets, REDACTED, type AmiFields, type AmiFieldValue } from './encoder'
export {
  AmiActionError,
  AmiConnectError,
  AmiDisconnectedError,
  AmiEncodeError,
  AmiLoginError,
  AmiProtocolError,
  AmiTimeoutError,
  type AmiConnectErrorKind
} from './errors'
export { allValues, amiMessage, headerValue, messageFromPairs, type AmiMessage } from './message'
export {
  connectErrorFor,
  openAmiSession,
  type AmiCredentials,
  type OpenedSession,
  type OpenSessionOptions
} from './open-session'
export { ACTION_WRITE_CLASSES, privilegeError } from './privileges'
export {
  AmiSession,
  type AmiAction,
  type AmiLogger,
  type AmiResponse,
  type AmiSendOptions,
  type AmiSessionOptions,
  type AmiTap
} from './session'
export { formatEndpoint, parseAmiUrl, type AmiEndpoint } from './url'
