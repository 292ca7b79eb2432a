import type { AmiMessage } from './message'

/**
 * Error types of the AMI layer. Messages never contain action values (a value may be a secret)
 * and quote PBX text only through `quote()`, because that text is untrusted.
 */

/** The byte stream from the PBX broke the protocol (oversized message, wrong greeting, ...). */
export class AmiProtocolError extends Error {
  override readonly name = 'AmiProtocolError'
  constructor(
    message: string,
    readonly code: 'oversize' | 'greeting'
  ) {
    super(message)
  }
}

/** An action could not be encoded; thrown before anything is written. */
export class AmiEncodeError extends Error {
  override readonly name = 'AmiEncodeError'
}

/** Asterisk answered `Response: Error`; `message` is Asterisk's `Message:` text. */
export class AmiActionError extends Error {
  override readonly name = 'AmiActionError'
  constructor(
    readonly action: string,
    message: string,
    readonly response: AmiMessage
  ) {
    super(message)
  }
}

/** No answer (or, for an event list, no further event) in time. */
export class AmiTimeoutError extends Error {
  override readonly name = 'AmiTimeoutError'
}

/** The session is gone (or there is none): why pending actions were rejected. */
export class AmiDisconnectedError extends Error {
  override readonly name = 'AmiDisconnectedError'
}

export type AmiConnectErrorKind =
  | 'unreachable'
  | 'tls'
  | 'credentials'
  | 'privileges'
  | 'protocol'
  | 'timeout'
  /** Unusable settings: bad URL, unreadable CA file, failing credentials provider. */
  | 'config'

/** Why Earshot cannot (stay) connected, phrased for the supervisor. */
export class AmiConnectError extends Error {
  override readonly name: string = 'AmiConnectError'
  constructor(
    readonly kind: AmiConnectErrorKind,
    message: string,
    options?: { cause?: unknown }
  ) {
    super(message, options)
  }
}

/** Login refused by Asterisk (kind 'credentials'). */
export class AmiLoginError extends AmiConnectError {
  override readonly name = 'AmiLoginError'
  constructor(message: string, options?: { cause?: unknown }) {
    super('credentials', message, options)
  }
}

/** Untrusted text for an error message: escaped, and cut to a readable length. */
export function quote(text: string, max = 80): string {
  return JSON.stringify(text.length > max ? `${text.slice(0, max)}…` : text)
}
