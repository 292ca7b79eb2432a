/**
 * The softphone's registration, as a pure state machine: no SIP.js, no DOM, no clock of its own.
 * The SIP side is a `RegistrationLink` (softphone/sip-link.ts in the app, a fake in the tests)
 * that reports what happened; timers, the clock and randomness are injected.
 *
 *   configure(config) ─▶ connecting ─(connected)─▶ registering ─(registered)─▶ registered
 *                              │                        │                          │
 *                              └──(disconnected)──┐     └──(rejected)──┐           │ (lost / disconnected)
 *                                                 ▼                    ▼           ▼
 *                                               failed { code, reason, retryAt } ──(timer | online)──▶ retry
 *
 * A retry registers again on the same link when its transport is still up (so a call in progress
 * survives a failed refresh) and reconnects it otherwise. It retries forever, with capped
 * exponential backoff and jitter, and at once when the browser says it is back online. A new
 * config closes the link and starts over; an unusable config (no account, ws:// off this computer)
 * stops with its reason until the config changes.
 */
import type { SoftphoneConfig } from '../../../shared/contract'
import { checkSoftphoneUrl } from './ws-url'
import { errorText } from '../../../shared/error-text'

export type ConfiguredSoftphone = Extract<SoftphoneConfig, { configured: true }>

export type RegistrationState =
  /** No config yet (main has not answered). */
  | { state: 'loading' }
  /** Main says there is no softphone account (or could not be asked). */
  | { state: 'unconfigured'; reason: string }
  /** The config cannot be used as it is (a ws:// server off this computer, a bad address). */
  | { state: 'refused'; reason: string }
  | { state: 'connecting'; attempt: number }
  | { state: 'registering'; attempt: number }
  | { state: 'registered'; since: number }
  /** Waiting to retry. `code` is the SIP status when the registrar answered (403, 408…), else null. */
  | { state: 'failed'; code: number | null; reason: string; retryAt: number; attempt: number }

export type RegistrationPhase = RegistrationState['state']

/** What the SIP side reports; events from a link that is no longer current are ignored. */
export interface RegistrationLinkEvents {
  /** The WebSocket is open. */
  connected(): void
  /** The WebSocket closed or could not be opened. */
  disconnected(reason: string): void
  /** A REGISTER was accepted (also after each refresh). */
  registered(): void
  /** A REGISTER got a final failure (`code` null when there was no response, e.g. no credentials). */
  rejected(code: number | null, reason: string): void
}

export interface RegistrationLink {
  /** Opens (or reopens) the WebSocket. */
  connect(): void
  /** Sends a REGISTER (SIP.js refreshes it by itself once accepted). */
  register(): void
  isConnected(): boolean
  /** Unregisters if it can and closes for good; a promise resolves once the socket is closed. */
  close(): Promise<void> | void
}

export type OpenLink = (config: ConfiguredSoftphone, url: string, events: RegistrationLinkEvents) => RegistrationLink

export interface BackoffOptions {
  baseMs: number
  factor: number
  maxMs: number
}

/** First retry after ~1 s, doubling, never more than a minute apart (kind to fail2ban on 401/403). */
export const REGISTRATION_BACKOFF: BackoffOptions = { baseMs: 1000, factor: 2, maxMs: 60_000 }

/**
 * Delay before retry number `attempt` (1-based): capped exponential growth with "equal jitter" (a
 * random point in the upper half), as the AMI client does, so consoles restarted by one outage
 * spread out while none retries sooner than half the nominal delay.
 */
export function backoffDelay(attempt: number, options: BackoffOptions = REGISTRATION_BACKOFF, random: () => number = Math.random): number {
  const nominal = Math.min(options.maxMs, options.baseMs * options.factor ** Math.max(0, attempt - 1))
  return Math.round(nominal / 2 + (random() * nominal) / 2)
}

export interface RegistrationDeps<Timer = unknown> {
  open: OpenLink
  now(): number
  setTimer(callback: () => void, ms: number): Timer
  clearTimer(timer: Timer): void
  random(): number
  backoff?: BackoffOptions
}

function sameConfig(a: SoftphoneConfig | null, b: SoftphoneConfig | null): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

export class RegistrationMachine<Timer = unknown> {
  private current: RegistrationState = { state: 'loading' }
  private config: SoftphoneConfig | null = null
  private link: RegistrationLink | null = null
  /** Bumped whenever the link is replaced: events carry the generation they were made for. */
  private generation = 0
  private timer: Timer | null = null
  /** Failures since the last successful registration. */
  private failures = 0

  constructor(
    private readonly deps: RegistrationDeps<Timer>,
    private readonly onChange: (state: RegistrationState) => void = () => undefined
  ) {}

  get state(): RegistrationState {
    return this.current
  }

  /** True while a REGISTER is accepted and not lost since. */
  get registered(): boolean {
    return this.current.state === 'registered'
  }

  /** Applies main's softphone config (the first one, and every change on the stream). */
  configure(config: SoftphoneConfig): void {
    if (sameConfig(config, this.config)) return
    this.config = config
    void this.teardown()
    this.failures = 0
    if (!config.configured) {
      this.set({ state: 'unconfigured', reason: config.reason })
      return
    }
    const check = checkSoftphoneUrl(config.wsUrl)
    if (!check.ok) {
      this.set({ state: 'refused', reason: check.reason })
      return
    }
    const generation = this.generation
    const guard =
      <A extends unknown[]>(handler: (...args: A) => void) =>
      (...args: A): void => {
        if (generation === this.generation) handler(...args)
      }
    try {
      this.link = this.deps.open(config, check.url, {
        connected: guard(() => this.onConnected()),
        disconnected: guard((reason: string) => this.fail(null, reason)),
        registered: guard(() => this.onRegistered()),
        rejected: guard((code: number | null, reason: string) => this.fail(code, reason))
      })
    } catch (error) {
      // A config the SIP stack cannot use (not a SIP address…): no point retrying until it changes.
      this.set({ state: 'refused', reason: errorText(error) })
      return
    }
    this.set({ state: 'connecting', attempt: 0 })
    this.link.connect()
  }

  /** The browser's `online` event: a waiting retry happens now, a registration is refreshed now. */
  online(): void {
    if (this.link === null) return
    switch (this.current.state) {
      case 'failed':
        this.failures = 0
        this.retry()
        return
      case 'registered':
        this.retry()
        return
      case 'loading':
      case 'unconfigured':
      case 'refused':
      case 'connecting':
      case 'registering':
        return
    }
  }

  /** Closes the link for good (the operator signs out, the app is going away); resolves once it is closed. */
  stop(): Promise<void> {
    const closed = this.teardown()
    this.config = null
    this.set({ state: 'loading' })
    return closed
  }

  private onConnected(): void {
    if (this.current.state !== 'connecting') return
    this.set({ state: 'registering', attempt: this.current.attempt })
    this.link?.register()
  }

  private onRegistered(): void {
    this.failures = 0
    this.clearTimer()
    if (this.current.state !== 'registered') this.set({ state: 'registered', since: this.deps.now() })
  }

  private fail(code: number | null, reason: string): void {
    if (this.link === null) return
    // One failure, one retry: a second report of the same outage (a rejected REGISTER after the
    // socket closed) does not push the retry further away.
    if (this.current.state === 'failed') {
      if (code !== null && this.current.code === null) this.set({ ...this.current, code, reason })
      return
    }
    this.failures++
    const delay = backoffDelay(this.failures, this.deps.backoff ?? REGISTRATION_BACKOFF, () => this.deps.random())
    this.clearTimer()
    this.timer = this.deps.setTimer(() => {
      this.timer = null
      this.retry()
    }, delay)
    this.set({ state: 'failed', code, reason, retryAt: this.deps.now() + delay, attempt: this.failures })
  }

  private retry(): void {
    const link = this.link
    if (link === null) return
    this.clearTimer()
    if (link.isConnected()) {
      this.set({ state: 'registering', attempt: this.failures })
      link.register()
    } else {
      this.set({ state: 'connecting', attempt: this.failures })
      link.connect()
    }
  }

  private teardown(): Promise<void> {
    this.clearTimer()
    this.generation++
    const link = this.link
    this.link = null
    return Promise.resolve(link?.close())
  }

  private clearTimer(): void {
    if (this.timer !== null) this.deps.clearTimer(this.timer)
    this.timer = null
  }

  private set(state: RegistrationState): void {
    this.current = state
    this.onChange(state)
  }
}

export type RegistrationTone = 'off' | 'pending' | 'live' | 'error'

/** The registration in words: a short label for the indicator and a sentence for its tooltip. */
export function registrationWords(state: RegistrationState, now: number): { label: string; detail: string; tone: RegistrationTone } {
  switch (state.state) {
    case 'loading':
      return { label: 'Starting', detail: 'Asking Earshot for the softphone settings.', tone: 'pending' }
    case 'unconfigured':
      return { label: 'Not set up', detail: state.reason, tone: 'off' }
    case 'refused':
      return { label: 'Not allowed', detail: state.reason, tone: 'error' }
    case 'connecting':
      return { label: 'Connecting', detail: 'Opening the connection to the PBX.', tone: 'pending' }
    case 'registering':
      return { label: 'Registering', detail: 'Registering with the PBX.', tone: 'pending' }
    case 'registered':
      return { label: 'Registered', detail: 'Ready for Listen, Whisper and Barge.', tone: 'live' }
    case 'failed': {
      const seconds = Math.max(0, Math.ceil((state.retryAt - now) / 1000))
      const what = failureText(state)
      return {
        label: `Failed: ${what}`,
        detail: seconds > 0 ? `${what}. Trying again in ${String(seconds)} s.` : `${what}. Trying again now.`,
        tone: 'error'
      }
    }
  }
}

/** "403 Forbidden", or the transport's reason when the registrar never answered. */
export function failureText(state: Extract<RegistrationState, { state: 'failed' }>): string {
  return state.code === null ? state.reason : `${String(state.code)} ${state.reason}`.trim()
}

/** Why the softphone is not registered, to finish "Your softphone is not registered: …". */
export function notRegisteredReason(state: RegistrationState): string {
  switch (state.state) {
    case 'loading':
      return 'starting'
    case 'unconfigured':
      return 'not set up'
    case 'refused':
      return 'its server address is not allowed'
    case 'connecting':
      return 'connecting to the PBX'
    case 'registering':
      return 'registering'
    case 'registered':
      return 'registered'
    case 'failed':
      return state.code === null ? `failed (${state.reason})` : `failed with ${failureText(state)}`
  }
}
