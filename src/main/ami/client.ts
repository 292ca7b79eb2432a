import { EventEmitter } from 'node:events'
import { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from './backoff'
import { AmiConnectError, AmiDisconnectedError } from './errors'
import { headerValue, type AmiMessage } from './message'
import { connectErrorFor, openAmiSession, type AmiCredentials, type OpenSessionOptions } from './open-session'
import { privilegeError } from './privileges'
import type { AmiAction, AmiResponse, AmiSendOptions, AmiSession } from './session'
import { errorText } from '../../shared/error-text'

export type AmiClientState = 'connecting' | 'connected' | 'reconnecting' | 'stopped'

export interface AmiClientStatus {
  readonly state: AmiClientState
  /** Why the last attempt failed or the connection dropped ('reconnecting'). */
  readonly error?: AmiConnectError
  /** Epoch ms of the next attempt ('reconnecting'). */
  readonly retryAt?: number
  /** 'connecting': this attempt's number since the last stable connection; 'reconnecting': the failed one's. */
  readonly attempt?: number
}

/** Called before every attempt, so the secret can come from the OS keychain only when needed. */
export type AmiCredentialsProvider = () => AmiCredentials | Promise<AmiCredentials>

export interface AmiClientClock {
  now(): number
  setTimeout(callback: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

export interface AmiClientSettings extends Omit<OpenSessionOptions, 'signal'> {
  readonly backoff?: BackoffOptions
  /** For tests: time and timers of the reconnect loop. */
  readonly clock?: AmiClientClock
  /** For tests: jitter source in [0, 1). */
  readonly random?: () => number
}

/** Settings plus either the credentials themselves or `credentials` (an object or a provider). */
export type AmiClientOptions = AmiClientSettings &
  (AmiCredentials | { readonly credentials: AmiCredentials | AmiCredentialsProvider })

const SYSTEM_CLOCK: AmiClientClock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout)
}

/** One start()..stop() period; callbacks of an older run find `this.run` changed and do nothing. */
interface Run {
  readonly abort: AbortController
  retryTimer?: unknown
}

/**
 * Keeps one logged-in AMI session to Asterisk: connects, logs in with events on, emits 'ready'
 * with the session, forwards its events (and `reply` for each answer to an action it reads: proof
 * that the events written before it arrived), and after any failure or drop reconnects forever with
 * capped exponential backoff. 'status' reports each step.
 */
export class AmiClient extends EventEmitter<{ ready: [AmiSession]; event: [AmiMessage]; reply: []; status: [AmiClientStatus] }> {
  private readonly credentials: AmiCredentials | AmiCredentialsProvider
  private readonly sessionOptions: Omit<OpenSessionOptions, 'signal'>
  private readonly backoff: BackoffOptions
  private readonly clock: AmiClientClock
  private readonly random: () => number
  private run: Run | undefined
  private current: { readonly session: AmiSession; readonly connectedAt: number } | undefined
  /** Failed attempts since the last connection that stayed up `stableMs` or was confirmed working. */
  private failures = 0
  /**
   * The PBX is restarting (its `Shutdown`, or its port refusing): since when, and how many quick
   * retries were made. Over at the next login.
   */
  private restarting: { since: number; quick: number } | null = null
  private lastStatus: AmiClientStatus = { state: 'stopped' }

  constructor(options: AmiClientOptions) {
    super()
    const { backoff, clock, random, ...rest } = options
    if ('credentials' in rest) {
      const { credentials, ...sessionOptions } = rest
      this.credentials = credentials
      this.sessionOptions = sessionOptions
    } else {
      // The secret stays in `credentials` only, never in options handed to the session.
      const { url, username, secret, ca, ...sessionOptions } = rest
      this.credentials = { url, username, secret, ca }
      this.sessionOptions = sessionOptions
    }
    this.backoff = backoff ?? {}
    this.clock = clock ?? SYSTEM_CLOCK
    this.random = random ?? Math.random
  }

  get status(): AmiClientStatus {
    return this.lastStatus
  }

  /** The logged-in session, while connected. */
  get session(): AmiSession | undefined {
    return this.current?.session
  }

  start(): void {
    if (this.run) return
    const run: Run = { abort: new AbortController() }
    this.run = run
    this.failures = 0
    void this.connect(run)
  }

  /** Closes the connection and stops reconnecting; actions in flight reject. */
  stop(): void {
    const run = this.run
    if (!run) return
    this.run = undefined
    run.abort.abort(new AmiDisconnectedError('AMI client stopped'))
    this.clock.clearTimeout(run.retryTimer)
    this.current?.session.close(new AmiDisconnectedError('AMI client stopped'))
    this.current = undefined
    this.setStatus({ state: 'stopped' })
  }

  /**
   * The consumer confirms the current connection works (e.g. its snapshot is in): the next drop
   * retries after the shortest delay. Without this only a connection up `stableMs` resets the
   * backoff, and drops coming faster than that made it grow past the drops themselves.
   */
  connectionWorks(): void {
    if (this.current !== undefined) this.failures = 0
  }

  /**
   * Asterisk said it is going away (`Shutdown`, `Restart: True` for `core restart`, or a stop that
   * systemd or an admin will follow with a start): it is usually back within seconds, so the
   * retries are quick from now on, however often the connection dropped before (issue 13.6).
   */
  private shuttingDown(): void {
    this.failures = 0
    this.restarting = { since: this.clock.now(), quick: 0 }
  }

  /**
   * Replaces the current connection, e.g. because it stopped answering what its consumer needs:
   * the session closes with `reason`, and the usual reconnect (backoff, status with the reason) follows.
   */
  reconnect(reason: Error): void {
    this.current?.session.close(reason)
  }

  /**
   * Sends on the current session. Rejects at once when not connected; a "Permission denied"
   * becomes an AmiConnectError of kind 'privileges' naming the manager.conf class to add.
   */
  async send(action: AmiAction, options?: AmiSendOptions): Promise<AmiResponse> {
    const session = this.current?.session
    if (!session) throw new AmiDisconnectedError(`Not connected to Asterisk (${this.lastStatus.state})`)
    try {
      return await session.send(action, options)
    } catch (error) {
      throw privilegeError(error) ?? error
    }
  }

  private async connect(run: Run): Promise<void> {
    this.setStatus({ state: 'connecting', attempt: this.failures + 1 })
    let opened
    try {
      const credentials = await this.resolveCredentials()
      if (this.run !== run) return
      opened = await openAmiSession(credentials, {
        ...this.sessionOptions,
        signal: run.abort.signal,
        // Attached before login: events in the same read as the login response are not lost.
        onEvent: (message) => {
          if (this.run !== run) return
          if (headerValue(message, 'Event') === 'Shutdown') this.shuttingDown()
          this.emit('event', message)
        },
        onReply: () => {
          if (this.run === run) this.emit('reply')
        }
      })
    } catch (error) {
      if (this.run !== run) return
      this.retry(run, error instanceof AmiConnectError ? error : new AmiConnectError('protocol', String(error), { cause: error }))
      return
    }
    const { session, endpoint } = opened
    if (this.run !== run) {
      session.close()
      return
    }
    const onClose = (reason: Error): void => {
      if (this.run !== run || this.current?.session !== session) return
      if (this.clock.now() - this.current.connectedAt >= (this.backoff.stableMs ?? DEFAULT_BACKOFF.stableMs)) this.failures = 0
      this.current = undefined
      this.retry(run, connectErrorFor(reason, endpoint))
    }
    this.current = { session, connectedAt: this.clock.now() }
    // Logged in: whatever restart there was is over.
    this.restarting = null
    session.once('close', onClose)
    const closed = session.closeReason // it may have closed in the same read as the login response
    if (closed) {
      onClose(closed)
      return
    }
    this.setStatus({ state: 'connected' })
    this.emit('ready', session)
  }

  private async resolveCredentials(): Promise<AmiCredentials> {
    if (typeof this.credentials !== 'function') return this.credentials
    try {
      return await this.credentials()
    } catch (error) {
      const why = errorText(error)
      throw new AmiConnectError('config', `Could not get the AMI credentials: ${why}`, { cause: error })
    }
  }

  private retry(run: Run, error: AmiConnectError): void {
    this.failures++
    const now = this.clock.now()
    // A refused connection: the host is up but nothing listens on the port — Asterisk restarting.
    if (this.restarting === null && refused(error)) this.restarting = { since: now, quick: 0 }
    const restart = this.restarting
    const quick = restart !== null && now - restart.since < (this.backoff.restartForMs ?? DEFAULT_BACKOFF.restartForMs)
    if (quick) restart.quick++
    const restartMs = this.backoff.restartMs ?? DEFAULT_BACKOFF.restartMs
    // After the quick minute the backoff grows from its start, not from the quick retries made.
    const delay = quick
      ? backoffDelay(1, { baseMs: restartMs, maxMs: restartMs }, this.random)
      : backoffDelay(this.failures - (restart?.quick ?? 0), this.backoff, this.random)
    this.setStatus({ state: 'reconnecting', error, retryAt: now + delay, attempt: this.failures })
    run.retryTimer = this.clock.setTimeout(() => {
      if (this.run === run) void this.connect(run)
    }, delay)
  }

  private setStatus(status: AmiClientStatus): void {
    this.lastStatus = status
    this.emit('status', status)
  }
}

/** The PBX's host answered but refused the TCP connection (ECONNREFUSED): nothing listens there now. */
function refused(error: AmiConnectError): boolean {
  const cause: unknown = error.cause
  return error.kind === 'unreachable' && typeof cause === 'object' && cause !== null && (cause as NodeJS.ErrnoException).code === 'ECONNREFUSED'
}
