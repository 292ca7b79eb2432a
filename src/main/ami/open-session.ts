import { connectAmi } from './connect'
import {
  AmiConnectError,
  AmiDisconnectedError,
  AmiEncodeError,
  AmiProtocolError,
  AmiTimeoutError
} from './errors'
import type { AmiMessage } from './message'
import { AmiSession, type AmiSessionOptions } from './session'
import { formatEndpoint, type AmiEndpoint } from './url'
import { errorText } from '../../shared/error-text'

/** Where and as whom to connect. `ca`: PEM text or path of a PEM file, for amis:// only. */
export interface AmiCredentials {
  readonly url: string
  readonly username: string
  readonly secret: string
  readonly ca?: string
}

export interface OpenSessionOptions extends AmiSessionOptions {
  /** Login's Events header: true → 'on' (default), false → 'off', or classes like 'call,agent'. */
  readonly events?: boolean | string
  /** TCP connect and TLS handshake. Default 10 s. */
  readonly connectTimeoutMs?: number
  readonly signal?: AbortSignal
  /** Receives events from the moment the session exists (none come before login succeeds). */
  readonly onEvent?: (message: AmiMessage) => void
  /** Told of every answer to an action the session reads (see AmiSession's `reply`). */
  readonly onReply?: () => void
}

export interface OpenedSession {
  readonly session: AmiSession
  readonly endpoint: AmiEndpoint
}

/**
 * Connects, waits for the greeting and logs in. Resolves with a logged-in session (heartbeat
 * running); rejects with an AmiConnectError that says what to fix, or the abort reason.
 */
export async function openAmiSession(credentials: AmiCredentials, options: OpenSessionOptions = {}): Promise<OpenedSession> {
  const { signal } = options
  const { socket, endpoint } = await connectAmi({
    url: credentials.url,
    ca: credentials.ca,
    timeoutMs: options.connectTimeoutMs,
    signal
  })
  const session = new AmiSession(socket, options)
  if (options.onEvent) session.on('event', options.onEvent)
  if (options.onReply) session.on('reply', options.onReply)
  const abort = (): void => session.close(signal?.reason instanceof Error ? signal.reason : undefined)
  signal?.addEventListener('abort', abort, { once: true })
  try {
    await session.greeting
    await session.login(credentials.username, credentials.secret, { events: options.events })
    return { session, endpoint }
  } catch (error) {
    session.close()
    if (signal?.aborted) throw signal.reason
    throw connectErrorFor(error, endpoint)
  } finally {
    signal?.removeEventListener('abort', abort)
  }
}

/** Phrases why a session failed or closed as an AmiConnectError about `endpoint`. */
export function connectErrorFor(error: unknown, endpoint: AmiEndpoint): AmiConnectError {
  if (error instanceof AmiConnectError) return error
  const where = formatEndpoint(endpoint)
  const text = errorText(error)
  const options = { cause: error }
  if (error instanceof AmiTimeoutError) return new AmiConnectError('timeout', `Asterisk at ${where} did not answer in time (${text})`, options)
  if (error instanceof AmiDisconnectedError) return new AmiConnectError('unreachable', `Lost the connection to ${where} (${text})`, options)
  if (error instanceof AmiEncodeError) return new AmiConnectError('config', `The AMI login cannot be sent: ${text}`, options)
  if (error instanceof AmiProtocolError) return new AmiConnectError('protocol', `Unexpected reply from ${where}: ${text}`, options)
  return new AmiConnectError('protocol', `AMI session with ${where} failed: ${text}`, options)
}
