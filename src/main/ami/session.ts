import { randomBytes } from 'node:crypto'
import { EventEmitter } from 'node:events'
import type { Duplex } from 'node:stream'
import { AmiDecoder, type AmiFrame } from './decoder'
import { encodeAction, redactSecrets, type AmiFieldValue, type AmiFields } from './encoder'
import {
  AmiActionError,
  AmiDisconnectedError,
  AmiLoginError,
  AmiProtocolError,
  AmiTimeoutError,
  quote
} from './errors'
import { headerValue, type AmiMessage } from './message'
import { errorText } from '../../shared/error-text'

export type AmiAction = { readonly Action: string } & AmiFields

export interface AmiResponse {
  readonly response: AmiMessage
  /** Items of an event list (`EventList: start` ... `Complete`), in order; empty otherwise. */
  readonly events: readonly AmiMessage[]
  /** The list's closing `...Complete` event (carries `ListItems`). */
  readonly complete?: AmiMessage
}

/** Sees the session as text in the capture format (`rx`/`tx` raw), e.g. to record it. */
export interface AmiTap {
  /** One greeting or message with its exact text as received. */
  read?(raw: string, frame: AmiFrame): void
  /** One action as written, except that `Secret` values read `********`. */
  write?(raw: string): void
}

export interface AmiLogger {
  warn(message: string): void
  debug?(message: string): void
}

export interface AmiSessionOptions {
  /** Time allowed for a response; for event lists, the longest gap between two list events. Default 10 s. */
  readonly actionTimeoutMs?: number
  /** Time allowed for the greeting after the stream opens. Default 10 s. */
  readonly greetingTimeoutMs?: number
  /** Ping period once logged in; 0 turns the heartbeat off. Default 15 s. */
  readonly pingIntervalMs?: number
  /** Time allowed for the Ping answer. Default 10 s. */
  readonly pingTimeoutMs?: number
  readonly maxMessageBytes?: number
  readonly tap?: AmiTap
  readonly logger?: AmiLogger
}

export interface AmiSendOptions {
  readonly timeoutMs?: number
  /**
   * Called synchronously with the exact fields written (ActionID included) before any reply can
   * arrive, so a consumer can note its own action (e.g. an Originate) ahead of the events it causes.
   */
  readonly onWrite?: (fields: Readonly<Record<string, AmiFieldValue>>) => void
  /**
   * For an event list: called synchronously when its `...Complete` is read, before any message after
   * it in the stream is emitted (the promise settles later), so a consumer can tell which events
   * came before the answer.
   */
  readonly onListComplete?: () => void
}

interface Pending {
  readonly id: string
  /** Order of sending: Asterisk answers one session's actions in this order. */
  readonly seq: number
  readonly action: string
  readonly resolve: (response: AmiResponse) => void
  readonly reject: (error: Error) => void
  readonly timer: NodeJS.Timeout
  readonly onListComplete?: () => void
  /** Set once Asterisk answered `EventList: start`: the action now waits for its list. */
  list?: { readonly response: AmiMessage; readonly events: AmiMessage[] }
}

const DEFAULT_ACTION_TIMEOUT_MS = 10_000
const DEFAULT_PING_INTERVAL_MS = 15_000
const GREETING_PREFIX = 'Asterisk Call Manager'

/**
 * One AMI conversation over one connected stream: correlates actions and responses by ActionID,
 * gathers event lists, emits every other event, says `reply` for each answer to an action it
 * read (a response, a list's item: Asterisk writes them and the events in one order, so the
 * events written before it have all arrived), and closes (once) with a reason. Frames are
 * decoded and dispatched synchronously in the 'data' handler, so the reader never waits on a consumer.
 */
export class AmiSession extends EventEmitter<{ event: [AmiMessage]; reply: []; close: [Error] }> {
  /** Resolves with the greeting text (e.g. "Asterisk Call Manager/11.0.0"); rejects if none comes. */
  readonly greeting: Promise<string>

  private readonly decoder: AmiDecoder
  private readonly pending = new Map<string, Pending>()
  /** Random per session, so responses meant for an earlier connection can never match. */
  private readonly idPrefix = `earshot-${randomBytes(4).toString('hex')}`
  private nextId = 1
  private reason: Error | undefined
  private gotGreeting = false
  private settleGreeting: { resolve: (text: string) => void; reject: (error: Error) => void } | undefined
  private readonly greetingTimer: NodeJS.Timeout
  private heartbeat: NodeJS.Timeout | undefined
  /**
   * Answers (responses, list events) to actions sent before the Ping in flight: Asterisk answers
   * in order, so while these still come, a late Pong is explained. Any other data proves nothing.
   */
  private answersBeforePing = 0
  /** `seq` of the heartbeat's Ping in flight (Infinity when none). */
  private pingSeq = Infinity
  private unmatched = 0
  private dropped = 0

  constructor(
    private readonly stream: Duplex,
    private readonly options: AmiSessionOptions = {}
  ) {
    super()
    this.decoder = new AmiDecoder({
      maxMessageBytes: options.maxMessageBytes,
      keepRaw: options.tap?.read !== undefined,
      // Raw command output only for a Command this session sent and still waits for.
      commandOutput: (id) => this.pending.get(id)?.action.toLowerCase() === 'command'
    })
    this.greeting = new Promise<string>((resolve, reject) => {
      this.settleGreeting = { resolve, reject }
    })
    this.greeting.catch(() => undefined) // callers that never await it must not cause an unhandled rejection
    const greetingMs = options.greetingTimeoutMs ?? DEFAULT_ACTION_TIMEOUT_MS
    this.greetingTimer = setTimeout(
      () => this.close(new AmiTimeoutError(`No AMI greeting within ${greetingMs} ms`)),
      greetingMs
    ).unref()

    stream.on('data', (chunk: Uint8Array | string) => this.onData(chunk))
    // The listener stays for the stream's whole life: an 'error' without one would crash the process.
    stream.on('error', (error: Error) =>
      this.close(new AmiDisconnectedError(`Connection error: ${error.message}`, { cause: error }))
    )
    stream.on('end', () => this.close(new AmiDisconnectedError('Asterisk closed the connection')))
    stream.on('close', () => this.close(new AmiDisconnectedError('Connection closed')))
  }

  /** Responses whose ActionID matched nothing pending (late, after a timeout, or not ours). */
  get unmatchedResponses(): number {
    return this.unmatched
  }

  /** Decoder errors (oversized messages dropped). */
  get protocolErrors(): number {
    return this.dropped
  }

  /** Why the session closed, once it has. */
  get closeReason(): Error | undefined {
    return this.reason
  }

  /**
   * Sends an action under a fresh ActionID (any ActionID given is replaced). Resolves with the
   * response, or for an event list with all its events once `...Complete` arrives; rejects with
   * AmiActionError (`Response: Error`), AmiTimeoutError, AmiEncodeError or the close reason.
   * (async only turns throws into rejections: the write happens synchronously, in call order.)
   */
  async send(action: AmiAction, options: AmiSendOptions = {}): Promise<AmiResponse> {
    if (this.reason) throw this.reason
    const seq = this.nextId++
    const id = `${this.idPrefix}-${seq}`
    const fields: Record<string, AmiFieldValue> = { Action: action.Action, ActionID: id }
    for (const key of Object.keys(action)) {
      if (key !== 'Action' && key.toLowerCase() !== 'actionid') fields[key] = action[key]
    }
    const text = encodeAction(fields)
    const timeoutMs = options.timeoutMs ?? this.options.actionTimeoutMs ?? DEFAULT_ACTION_TIMEOUT_MS
    return new Promise<AmiResponse>((resolve, reject) => {
      const timer = setTimeout(() => this.expire(id, timeoutMs), timeoutMs).unref()
      this.pending.set(id, { id, seq, action: action.Action, resolve, reject, timer, onListComplete: options.onListComplete })
      options.onWrite?.(fields)
      this.stream.write(text)
      if (this.options.tap?.write) this.tapSafely(() => this.options.tap?.write?.(encodeAction(redactSecrets(fields))))
    })
  }

  /**
   * Logs in and, on success, starts the Ping heartbeat. `events` is the Events header: true → 'on',
   * false → 'off', or an event class list such as 'call,agent'. A refusal rejects with AmiLoginError.
   */
  async login(username: string, secret: string, options: { events?: boolean | string } = {}): Promise<AmiMessage> {
    const events = typeof options.events === 'string' ? options.events : options.events === false ? 'off' : 'on'
    try {
      const { response } = await this.send({ Action: 'Login', Username: username, Secret: secret, Events: events })
      this.startHeartbeat()
      return response
    } catch (error) {
      if (!(error instanceof AmiActionError)) throw error
      const why = error.message.charAt(0).toLowerCase() + error.message.slice(1)
      throw new AmiLoginError(`Asterisk rejected the user ${quote(username)}: ${why}`, { cause: error })
    }
  }

  /** Ends the session: rejects everything pending with `reason`, emits 'close', destroys the stream. */
  close(reason: Error = new AmiDisconnectedError('Session closed')): void {
    if (this.reason) return
    this.reason = reason
    clearTimeout(this.greetingTimer)
    clearTimeout(this.heartbeat)
    this.settleGreeting?.reject(reason)
    this.settleGreeting = undefined
    const pending = [...this.pending.values()]
    this.pending.clear()
    for (const p of pending) {
      clearTimeout(p.timer)
      p.reject(reason)
    }
    this.stream.destroy()
    this.emit('close', reason)
  }

  private onData(chunk: Uint8Array | string): void {
    if (this.reason) return
    for (const frame of this.decoder.write(chunk)) {
      if (this.reason) return
      this.dispatch(frame)
    }
  }

  private dispatch(frame: AmiFrame): void {
    if (frame.kind === 'error') {
      this.dropped++
      this.options.logger?.warn(frame.error.message)
      return
    }
    if (this.options.tap?.read && frame.raw !== undefined) {
      const raw = frame.raw
      this.tapSafely(() => this.options.tap?.read?.(raw, frame))
    }
    if (frame.kind === 'greeting') {
      this.onGreeting(frame.text)
    } else if (!this.gotGreeting) {
      this.close(new AmiProtocolError(`Expected the "${GREETING_PREFIX}" greeting, got a message`, 'greeting'))
    } else {
      this.onMessage(frame.message)
    }
  }

  private onGreeting(text: string): void {
    if (!text.startsWith(GREETING_PREFIX)) {
      this.close(new AmiProtocolError(`Not an Asterisk Manager Interface: the server said ${quote(text)}`, 'greeting'))
      return
    }
    this.gotGreeting = true
    clearTimeout(this.greetingTimer)
    this.settleGreeting?.resolve(text)
    this.settleGreeting = undefined
  }

  private onMessage(message: AmiMessage): void {
    // Routing reads headers directly: building `fields` is left to consumers that need it.
    // Events are checked first: some (OriginateResponse) also carry a Response header.
    const event = headerValue(message, 'Event')
    const id = headerValue(message, 'ActionID')
    const pending = id === undefined ? undefined : this.pending.get(id)
    if (pending !== undefined && pending.seq < this.pingSeq) this.answersBeforePing++
    if (event !== undefined) {
      if (pending?.list) {
        this.onListEvent(pending, pending.list, message, event)
        this.emit('reply')
      } else this.emit('event', message)
      return
    }
    this.emit('reply')
    const response = headerValue(message, 'Response')
    if (response === undefined) {
      this.options.logger?.debug?.('Ignored an AMI message that is neither a response nor an event')
    } else if (pending === undefined || pending.list) {
      this.unmatched++
      this.options.logger?.debug?.(`Ignored a response to an unknown ActionID ${quote(id ?? '')}`)
    } else if (response.toLowerCase() === 'error') {
      this.settle(pending)
      pending.reject(new AmiActionError(pending.action, headerValue(message, 'Message') ?? 'Error', message))
    } else if (headerValue(message, 'EventList')?.toLowerCase() === 'start') {
      pending.list = { response: message, events: [] }
      pending.timer.refresh() // from now on the timeout measures silence between list events
    } else {
      this.settle(pending)
      pending.resolve({ response: message, events: [] })
    }
  }

  private onListEvent(pending: Pending, list: NonNullable<Pending['list']>, message: AmiMessage, event: string): void {
    // Asterisk 22 marks the end with `EventList: Complete`; older releases only name it `...Complete`.
    if (headerValue(message, 'EventList')?.toLowerCase() === 'complete' || event.endsWith('Complete')) {
      this.settle(pending)
      pending.onListComplete?.()
      pending.resolve({ response: list.response, events: list.events, complete: message })
    } else {
      list.events.push(message)
      pending.timer.refresh()
    }
  }

  private settle(pending: Pending): void {
    clearTimeout(pending.timer)
    this.pending.delete(pending.id)
  }

  private expire(id: string, timeoutMs: number): void {
    const pending = this.pending.get(id)
    if (!pending) return
    this.pending.delete(id)
    pending.reject(
      new AmiTimeoutError(
        pending.list
          ? `${pending.action}: the event list stalled (no event for ${timeoutMs} ms)`
          : `${pending.action}: no response within ${timeoutMs} ms`
      )
    )
  }

  /**
   * Pings every `pingIntervalMs` after the previous answer, and wants the Pong within
   * `pingTimeoutMs`: other data (events, a trickle of bytes, a reply swallowed as command output)
   * is no proof the PBX still answers. Without its Pong the session closes with a timeout, so
   * the client reconnects and says why. One exception, as Asterisk answers a session's actions in
   * order: answers to actions sent before the Ping (a long list) still arriving explain the wait.
   */
  private startHeartbeat(): void {
    const interval = this.options.pingIntervalMs ?? DEFAULT_PING_INTERVAL_MS
    if (interval <= 0 || this.heartbeat) return
    const timeoutMs = this.options.pingTimeoutMs ?? DEFAULT_ACTION_TIMEOUT_MS
    const beat = (): void => {
      this.pingSeq = this.nextId
      this.answersBeforePing = 0
      const done = (): void => {
        this.pingSeq = Infinity
      }
      this.send({ Action: 'Ping' }, { timeoutMs }).then(
        () => {
          done()
          schedule()
        },
        (error: unknown) => {
          const busy = this.answersBeforePing > 0
          done()
          if (this.reason) return
          if (error instanceof AmiTimeoutError && !busy) {
            this.close(new AmiTimeoutError(`Heartbeat timeout: Asterisk did not answer Ping within ${timeoutMs} ms`))
          } else {
            schedule()
          }
        }
      )
    }
    const schedule = (): void => {
      if (!this.reason) this.heartbeat = setTimeout(beat, interval).unref()
    }
    schedule()
  }

  /** A failing tap (e.g. a capture file that cannot be written) must not break monitoring. */
  private tapSafely(call: () => void): void {
    try {
      call()
    } catch (error) {
      this.options.logger?.warn(`AMI tap failed: ${errorText(error)}`)
    }
  }
}
