import { EventEmitter } from 'node:events'
import { AmiTimeoutError, type AmiMessage, headerValue } from '../ami'
import { agentRow, agentRows } from './rows'
import { QueueTallies, sameList } from './queues'
import { type FloorOptions, type FloorState, isReachable } from './model'
import { type CallsProjection, CallsProjector } from './projector'
import { IDENTITY_ACTIONS, pbxIdentity } from './pbx-identity'
import type { AgentRow, QueueDeltaView, QueueView } from '../../shared/floor'

/** The part of an AMI session the live floor uses: list actions resolve with their events. */
export interface FloorSession {
  send(
    action: { readonly Action: string } & Readonly<Record<string, string>>,
    options?: { onListComplete?: () => void }
  ): Promise<{ response?: AmiMessage; events: readonly AmiMessage[]; complete?: AmiMessage }>
}

/** Legs whose answer times are asked of the PBX at once after a snapshot (the others wait their turn). */
const ANSWER_QUESTIONS_AT_ONCE = 4

/**
 * Snapshot actions run on every (re)connect. The order is the fold order: endpoints and their
 * contacts first, then queue membership, then the calls (channels, then bridges).
 */
export const SNAPSHOT_ACTIONS = ['PJSIPShowEndpoints', 'PJSIPShowContacts', 'QueueStatus', 'CoreShowChannels', 'BridgeList'] as const

/** Replies that mean "nothing of that kind here" rather than a failure (e.g. no PJSIP endpoints). */
const EMPTY_LIST = /^No (endpoints|contacts|channels|bridges|queues)/i

export interface SnapshotOptions {
  /** Time allowed for one try of the whole snapshot. Default 30 s. */
  readonly timeoutMs?: number
  /** Tries after the first one times out, before the connection is given up. Default 2. */
  readonly retries?: number
}

const DEFAULT_SNAPSHOT = { timeoutMs: 30_000, retries: 2 } as const

/**
 * A queue's lists (its members, its callers waiting) go to the renderers at most this often; its
 * figures (waiting, longest wait, counts) with every delta. On a busy floor a queue's callers
 * change with almost every delta (every join and leave renumbers the positions behind it), and
 * sending the whole list 60 times a second was most of what main sent, for a panel no eye reads
 * that fast.
 */
export const QUEUE_LISTS_EVERY_MS = 250

export interface LiveFloorEvents {
  /** A new snapshot is in: every row may differ. */
  snapshot: [rows: AgentRow[]]
  /** Rows changed by live events, coalesced per call of `flush`. `removed`: extensions gone; `queues`: every queue, when any changed. */
  delta: [rows: AgentRow[], removed: string[], queues: QueueDeltaView[] | undefined]
  /** A snapshot action failed (e.g. permission denied); the previous floor stays. */
  error: [error: Error]
  /**
   * The snapshot timed out on every try: the connection is not answering, so its owner should
   * replace it (the previous floor stays, marked stale, meanwhile).
   */
  stalled: [error: AmiTimeoutError]
}

/**
 * The one calls model of one AMI connection, folded once, and its projections kept in step: the
 * agent rows (sent as deltas per `flush`) and every attached `CallsProjection`.
 *
 * On every (re)connect it takes a snapshot while buffering live events (from the start, and from
 * the drop: a new connection's first events come before its snapshot), folds the snapshot into
 * the model (`resync`: legs that vanished end, the others carry on with their exact times), then
 * applies the buffered events in arrival order — one order for every projection. No ghost call
 * survives a reconnect, and no answer Earshot did not hear is taken for one it heard: it is asked
 * of the PBX's CDR (Getvar) or stays an estimate, marked as one.
 */
export class LiveFloor extends EventEmitter<LiveFloorEvents> {
  private readonly calls: CallsProjector
  /**
   * Messages waiting for the snapshot, in arrival order; null while the model is in step with the
   * PBX. A floor waits from the start and again from every drop until the next snapshot is in: a
   * new connection's first events can come in the read with its login response, before the
   * snapshot is even asked for, and read against what the model knew before the drop they would
   * say wrong things (a leg answered while nobody listened would seem answered when first
   * mentioned, exactly, at the reconnect). After the snapshot they say only what changed since.
   */
  private buffer: Array<{ message: AmiMessage; at: number }> | null = []
  private generation = 0
  /**
   * When the PBX was last heard from: an event, or an answer to an action (the heartbeat's Pong
   * included). Asterisk writes both to one connection in order, so a leg not answered by then
   * was still ringing.
   */
  private heardAt: number | null = null
  /** The connection dropped during the snapshot in progress: its failure leaves the floor waiting for the next one. */
  private lostDuringSnapshot = false
  /** False once the PBX refused Getvar (no `call`/`reporting` write privilege): estimates stay estimates. */
  private mayAskAnswers = true
  /** Rows to send at the next flush. */
  private readonly dirty = new Set<string>()
  /** The model's queue version the last flush sent (see `flush`). */
  private queueVersionSent = -1
  /**
   * Each queue as the renderers were last given it (by a delta, a snapshot event or `wholeQueues`):
   * what a delta's queue fields are compared with, and what a renderer asking for a snapshot gets,
   * so that the deltas after it change exactly what it holds.
   */
  private queuesSent = new Map<string, QueueView>()
  /** When each queue's lists last went out (see QUEUE_LISTS_EVERY_MS). */
  private readonly listsSentAt = new Map<string, number>()
  /** When the earliest list held back is due, or null when none is held. */
  private listsDueAt: number | null = null
  /** The queues' counts, kept by the rows that changed (queues.ts). */
  private readonly tallies = new QueueTallies()

  constructor(
    options: FloorOptions,
    private readonly now: () => number = Date.now,
    private readonly snapshotOptions: SnapshotOptions = {}
  ) {
    super()
    this.calls = new CallsProjector(options)
    // The rows are a projection like the others: they collect what to send at the next flush.
    this.calls.attach({ update: (_model, touched) => touched.forEach((ext) => this.dirty.add(ext)) }, now())
    this.calls.attach(this.tallies, now())
  }

  /** The model (read-only for callers). */
  model(): FloorState {
    return this.calls.model
  }

  rows(): AgentRow[] {
    return agentRows(this.calls.model)
  }

  /** Every queue as it is now: callers waiting, members by state, answered and abandoned (see queues.ts). */
  queues(): QueueView[] {
    return this.tallies.views(this.calls.model)
  }

  /** Every queue as it is now, to send whole (a snapshot event, a republish): the next delta changes these. */
  wholeQueues(): QueueView[] {
    const queues = this.queues()
    const now = this.now()
    this.queuesSent = new Map(queues.map((q) => [q.name, q]))
    for (const q of queues) this.listsSentAt.set(q.name, now)
    this.listsDueAt = null
    return queues
  }

  /** Every queue as the last delta (or whole send) left the renderers: a snapshot's queues, which the next delta changes. */
  sentQueues(): QueueView[] {
    return [...this.queuesSent.values()]
  }

  /** Is this endpoint registered (a contact that is not Unreachable/Removed)? null: not a known endpoint. */
  endpointReachable(extension: string): boolean | null {
    const ep = this.calls.model.endpoints.get(extension)
    return ep === undefined ? null : isReachable(ep)
  }

  /** How many channels the PBX shows on this endpoint now. */
  callsOn(extension: string): number {
    return this.calls.model.channelsByEndpoint.get(extension)?.size ?? 0
  }

  /**
   * This floor is done with (its connection is being replaced or dropped): a snapshot still
   * loading ends quietly, without an error. Cancelling a snapshot is not a failure.
   */
  close(): void {
    this.generation++
    this.buffer = null
  }

  /**
   * Reads the same connection with other options from now on (the admin saved new feature codes or
   * another choice of agents): no reconnect, no snapshot; every call keeps what the floor knows of
   * it, and the rows that changed go out with the next delta.
   */
  reconfigure(options: FloorOptions): void {
    this.calls.reconfigure(options, this.now())
  }

  /** Keeps a projection in step from now on. */
  attach(projection: CallsProjection): void {
    this.calls.attach(projection, this.now())
  }

  /** A live event from the connection (or an action the console sent, e.g. Originate). */
  apply(message: AmiMessage): void {
    const at = this.now()
    if (headerValue(message, 'Event') !== undefined) this.heardAt = at
    if (this.buffer !== null) this.buffer.push({ message, at })
    else this.calls.apply(message, at)
  }

  /** The connection delivered an answer to an action (a response, a list's item): the PBX was heard from now. */
  heard(): void {
    this.heardAt = this.now()
  }

  /**
   * The connection dropped: what the model knows is unknown until the next snapshot, and what the
   * next connection says waits for it.
   */
  connectionLost(): void {
    this.markLost()
    this.buffer ??= []
    this.lostDuringSnapshot = true
  }

  private markLost(): void {
    const at = this.now()
    this.calls.connectionLost(at, this.heardAt ?? at)
  }

  /** Emits the rows touched since the last flush as one delta (the IPC layer calls this per frame). */
  flush(): void {
    // Saved first, then shown: nothing reaches a screen that a kill could still lose.
    const now = this.now()
    this.calls.beforeDelta(now)
    const model = this.calls.model
    // The queues change with their callers and counters, and with their members' rows.
    let queuesChanged = model.queueVersion !== this.queueVersionSent || (this.listsDueAt !== null && now >= this.listsDueAt)
    if (this.dirty.size === 0 && !queuesChanged) return
    const rows: AgentRow[] = []
    const removed: string[] = []
    for (const ext of this.dirty) {
      if (model.queues.has(ext)) queuesChanged = true
      const row = agentRow(model, ext)
      if (row === null) removed.push(ext)
      else rows.push(row)
    }
    this.dirty.clear()
    this.queueVersionSent = model.queueVersion
    const queues = queuesChanged ? this.queuesForDelta(now) : undefined
    if (rows.length === 0 && removed.length === 0 && queues === undefined) return
    this.emit('delta', rows, removed, queues)
  }

  /**
   * Every queue, each with only the fields that changed since the last delta (see QueueDeltaView),
   * its lists held back while they went out less than QUEUE_LISTS_EVERY_MS ago; undefined when
   * nothing changed that may go now. A queue keeps its members' and callers' arrays while they are
   * unchanged (queues.ts), so a field compares by identity; only a list in a new array is compared
   * item by item, with the one the renderers hold.
   */
  private queuesForDelta(now: number): QueueDeltaView[] | undefined {
    const sent = new Map<string, QueueView>()
    let anyChange = false
    this.listsDueAt = null
    const queues = this.queues().map((queue): QueueDeltaView => {
      const before = this.queuesSent.get(queue.name)
      if (before === undefined) {
        sent.set(queue.name, queue)
        this.listsSentAt.set(queue.name, now)
        anyChange = true
        return queue
      }
      const listsDueAt = (this.listsSentAt.get(queue.name) ?? -Infinity) + QUEUE_LISTS_EVERY_MS
      const changed: Record<string, unknown> = { name: queue.name }
      // What the renderers hold once this delta is in: a list held back stays as they had it.
      const given: Record<string, unknown> = { ...queue }
      for (const key of Object.keys(queue) as Array<keyof QueueView>) {
        const value = queue[key]
        const was = before[key]
        if (value === was) continue
        if (Array.isArray(value)) {
          // The list the renderers hold, in a new array (a caller came and went while it was held): nothing to send.
          if (Array.isArray(was) && sameList(value, was)) {
            given[key] = was
            continue
          }
          if (now < listsDueAt) {
            given[key] = was
            this.listsDueAt = Math.min(this.listsDueAt ?? Infinity, listsDueAt)
            continue
          }
          this.listsSentAt.set(queue.name, now)
        }
        changed[key] = value
        anyChange = true
      }
      sent.set(queue.name, given as QueueView)
      return changed as QueueDeltaView
    })
    // A queue gone since the last delta changes the list itself.
    if (queues.length !== this.queuesSent.size) anyChange = true
    this.queuesSent = sent
    return anyChange ? queues : undefined
  }

  /**
   * Runs the snapshot on a freshly logged-in session. Resolves when the new floor is in place and
   * the PBX told what it could of the answers the snapshot showed first, or when it gave up: a try that times out is repeated (live events stay buffered meanwhile), and
   * after the last one 'stalled' asks for a new connection.
   */
  async resync(session: FloorSession): Promise<void> {
    const generation = ++this.generation
    // What this connection said before its snapshot was asked for waits with the rest.
    this.buffer ??= []
    this.lostDuringSnapshot = false
    const tries = 1 + (this.snapshotOptions.retries ?? DEFAULT_SNAPSHOT.retries)
    for (let attempt = 1; ; attempt++) {
      try {
        const { lists, pbx, heldBeforeQueues } = await this.takeSnapshot(session)
        if (generation !== this.generation) return // a newer connection started its own snapshot
        // `CoreShowChannelsComplete` is when spy legs are matched to the channels they spy on.
        const snapshot = lists.flatMap((list) => [...list.events, ...(list.complete === undefined ? [] : [list.complete])])
        this.calls.resync(snapshot, this.now(), pbx, { messages: (this.buffer ?? []).map((held) => held.message), beforeQueues: heldBeforeQueues })
        this.drainBuffer()
        if (this.lostDuringSnapshot) {
          // The connection dropped as the snapshot's last answers came in: what they say is true
          // of that moment (the rows go out as a delta), but the floor is out of step again, and
          // what the next connection says waits for its own snapshot.
          this.markLost()
          this.buffer = []
          return
        }
        this.dirty.clear()
        this.emit('snapshot', this.rows())
        await this.askAnswerTimes(session, generation)
        return
      } catch (error) {
        if (generation !== this.generation) return
        if (error instanceof AmiTimeoutError && attempt < tries) continue
        // Keep showing the last floor (the UI marks it stale) and apply what was buffered.
        const lost = this.lostDuringSnapshot
        this.drainBuffer()
        // The connection was lost meanwhile (the client says so before the snapshot's actions
        // fail): what the buffered events brought is as unknown as the rest until the next
        // snapshot, which the next connection's events wait for.
        if (this.calls.model.stale !== null) this.markLost()
        if (lost) this.buffer = []
        // An 'error' nobody listens to would throw here and, from this detached promise, end the process.
        if (error instanceof AmiTimeoutError) {
          this.emit('stalled', new AmiTimeoutError(`The floor snapshot failed ${tries} times: ${error.message}`, { cause: error }))
        } else if (this.listenerCount('error') > 0) {
          this.emit('error', error instanceof Error ? error : new Error(String(error)))
        }
        return
      }
    }
  }

  /**
   * Every snapshot list and who the PBX says it is (see ./pbx-identity.ts; null when it would not
   * say), or an AmiTimeoutError once the whole snapshot took longer than allowed.
   */
  private async takeSnapshot(
    session: FloorSession
  ): Promise<{ lists: Array<{ events: readonly AmiMessage[]; complete?: AmiMessage }>; pbx: string | null; heldBeforeQueues: number }> {
    const ms = this.snapshotOptions.timeoutMs ?? DEFAULT_SNAPSHOT.timeoutMs
    const waiting = new Set<string>(SNAPSHOT_ACTIONS)
    // How many live events (held back meanwhile) came before the QueueStatus answer: its counters
    // include what they say. Counted as the answer is read, in stream order (not by time).
    let heldBeforeQueues: number | null = null
    const queuesAnswered = (): void => void (heldBeforeQueues ??= this.buffer?.length ?? 0)
    const lists = Promise.all(
      SNAPSHOT_ACTIONS.map(async (Action) => {
        const list = await session.send({ Action }, Action === 'QueueStatus' ? { onListComplete: queuesAnswered } : {}).catch(emptyIfNone)
        // A session that does not say (a capture replay): as the answer settles.
        if (Action === 'QueueStatus') queuesAnswered()
        waiting.delete(Action)
        return list
      })
    )
    // A refusal leaves the identity unknown; a lost connection fails the lists anyway.
    const pbx = Promise.all(IDENTITY_ACTIONS.map((Action) => session.send({ Action }).then((r) => r.response, () => undefined))).then(([settings, status]) =>
      pbxIdentity(settings, status)
    )
    let timer: NodeJS.Timeout | undefined
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new AmiTimeoutError(`no complete answer to ${[...waiting].join(', ')} within ${ms} ms`)), ms)
    })
    try {
      // Lists still arriving after the deadline are ignored (a retry asks again under new ActionIDs).
      const [all, identity] = await Promise.race([Promise.all([lists, pbx]), deadline])
      return { lists: all, pbx: identity, heldBeforeQueues: heldBeforeQueues ?? 0 }
    } finally {
      clearTimeout(timer)
    }
  }

  /**
   * Answers the snapshot showed first are estimates; Asterisk's CDR of each such agent leg knows
   * when it was answered. `CDR(billsec,f)` says how long ago, on the PBX's own clock (so clock skew
   * does not matter); the whole-second `CDR(billsec)` guards against Asterisk versions whose `f`
   * read whole seconds as milliseconds. Where the PBX cannot tell (CDR disabled, the leg gone, no
   * Getvar privilege) the estimate stays, marked as one.
   */
  private async askAnswerTimes(session: FloorSession, generation: number): Promise<void> {
    if (!this.mayAskAnswers) return
    const legs = [...this.calls.model.channels.values()]
      .filter((ch) => ch.answeredAtApprox && ch.endpoint !== null && ch.spy === null)
      .map((ch) => ({ id: ch.uniqueid, channel: ch.name }))
    let next = 0
    const ask = async (): Promise<void> => {
      for (let leg = legs[next++]; leg !== undefined && generation === this.generation && this.mayAskAnswers; leg = legs[next++]) {
        const sentAt = this.now()
        const value = (variable: string): Promise<number> =>
          session.send({ Action: 'Getvar', Channel: leg.channel, Variable: variable }).then((r) => Number(r.response?.fields.Value ?? NaN))
        try {
          const [precise, whole] = await Promise.all([value('CDR(billsec,f)'), value('CDR(billsec)')])
          if (generation !== this.generation || !(Math.abs(precise - whole) <= 1)) continue
          this.calls.answeredAtFromPbx(leg.id, precise, sentAt, this.now())
        } catch (error) {
          // "No such channel": it hung up meanwhile (its Hangup says so). A refusal is for good.
          if (error instanceof Error && /permission denied/i.test(error.message)) this.mayAskAnswers = false
        }
      }
    }
    await Promise.all(Array.from({ length: Math.min(ANSWER_QUESTIONS_AT_ONCE, legs.length) }, ask))
  }

  private drainBuffer(): void {
    const buffered = this.buffer ?? []
    this.buffer = null
    for (const { message, at } of buffered) this.calls.apply(message, at)
  }
}

function emptyIfNone(error: unknown): { events: readonly AmiMessage[]; complete?: AmiMessage } {
  if (error instanceof Error && EMPTY_LIST.test(error.message)) return { events: [] }
  throw error
}
