import { EventEmitter } from 'node:events'
import { type AmiAction, AmiClient, type AmiClientOptions, type AmiClientStatus, AmiDisconnectedError, type AmiResponse, amiMessage } from '../ami'
import type { ConnectionStatus, FloorDelta, FloorSnapshot } from '../../shared/contract'
import type { AgentRow, QueueDeltaView } from '../../shared/floor'
import { LiveFloor, type SnapshotOptions } from './live-floor'
import type { CallsProjection } from './projector'
import type { FloorOptions } from './model/state'

/** How often row changes are sent: at most one delta per animation frame (~60 Hz), however many AMI events arrived. */
export const DELTA_INTERVAL_MS = 16

export interface FloorSource {
  kind: 'pbx' | 'demo'
  client: AmiClientOptions
  floor: FloorOptions
  /** How long the floor's snapshot may take and how often it is tried before reconnecting. */
  snapshot?: SnapshotOptions
}

const IDLE: ConnectionStatus = { source: 'none', state: 'idle', message: null, retryAt: null, stale: false }

/**
 * The floor as the renderer sees it: one AMI connection feeding a LiveFloor, its row changes
 * batched into sequenced deltas, and the connection's state in words. A renderer that misses a
 * sequence number asks for a fresh snapshot.
 */
export interface FloorServiceEvents {
  delta: [FloorDelta]
  status: [ConnectionStatus]
  source: [FloorSource | null]
}

export class FloorService extends EventEmitter<FloorServiceEvents> {
  private floor: LiveFloor | null = null
  private client: AmiClient | null = null
  private timer: NodeJS.Timeout | null = null
  private seq = 0
  private extensions = new Set<string>()
  private connection: ConnectionStatus = IDLE
  private current: FloorSource | null = null

  constructor(private readonly now: () => number = Date.now) {
    super()
  }

  /**
   * The floor as a snapshot (what the call log says is added by its owner). Its queues are as the
   * last delta left them, as the deltas after `seq` change only what changed since (QueueDeltaView);
   * rows are sent whole, so they are as they are now.
   */
  snapshot(): Omit<FloorSnapshot, 'callLog'> {
    return { seq: this.seq, rows: this.floor?.rows() ?? [], queues: this.floor?.sentQueues() ?? [], connection: this.connection, serverTime: this.now() }
  }

  status(): ConnectionStatus {
    return this.connection
  }

  /** The PBX the floor is connected to (or trying to be), null when none. */
  source(): FloorSource | null {
    return this.current
  }

  rows(): AgentRow[] {
    return this.floor?.rows() ?? []
  }

  /** Is the endpoint registered, as the PBX sees it? null: unknown endpoint or no floor. */
  endpointReachable(extension: string): boolean | null {
    return this.floor?.endpointReachable(extension) ?? null
  }

  /** How many channels the PBX shows on this endpoint now (0 without a floor). */
  callsOn(extension: string): number {
    return this.floor?.callsOn(extension) ?? 0
  }

  /**
   * Sends an action on the floor's AMI connection. The floor sees the action as written (its
   * ActionID included) before any event it causes, which is how it tells Earshot's own
   * supervision legs from phones that merely ring.
   */
  async send(action: AmiAction): Promise<AmiResponse> {
    const client = this.client
    const floor = this.floor
    if (client === null || floor === null) throw new AmiDisconnectedError('Not connected to a PBX')
    return client.send(action, {
      onWrite: (fields) => {
        const written = amiMessage(Object.entries(fields).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, String(x)] as const) : [[k, String(v)] as const])))
        floor.apply(written)
      }
    })
  }

  /** Switches to a new source (the previous connection, if any, is closed and its rows dropped). */
  connect(source: FloorSource): void {
    this.disconnect()
    const floor = new LiveFloor(source.floor, this.now, source.snapshot)
    const client = new AmiClient(source.client)
    this.floor = floor
    this.client = client
    client.on('event', (m) => floor.apply(m))
    client.on('reply', () => floor.heard())
    client.on('ready', (session) => void floor.resync(session))
    client.on('status', (s) => this.onClientStatus(source.kind, s))
    floor.on('snapshot', (rows) => {
      // Logged in and the floor loaded: a drop after this starts the backoff over.
      client.connectionWorks()
      this.publish(rows, true, [], floor.wholeQueues())
      this.setStatus({ source: source.kind, state: 'live', message: null, retryAt: null, stale: false })
    })
    floor.on('delta', (rows, removed, queues) => this.publish(rows, false, removed, queues))
    floor.on('error', (error) => this.setStatus({ ...this.connection, message: error.message, stale: true }))
    // A connection that never completes its snapshot is no better than a dead one.
    floor.on('stalled', (error) => client.reconnect(error))
    this.timer = setInterval(() => floor.flush(), DELTA_INTERVAL_MS)
    this.current = source
    client.start()
    this.emit('source', source)
  }

  /**
   * The same PBX connection, read with the floor options of `source` from now on (new feature
   * codes, another choice of agents): nothing reconnects, and every call keeps its exact times.
   * Without a connection it does nothing (the next `connect` reads the settings anew).
   */
  reconfigure(source: FloorSource): void {
    if (this.floor === null || this.current === null) return
    this.current = source
    this.floor.reconfigure(source.floor)
  }

  disconnect(): void {
    if (this.timer !== null) clearInterval(this.timer)
    this.timer = null
    this.client?.stop()
    this.client?.removeAllListeners()
    this.floor?.close()
    this.floor?.removeAllListeners()
    this.client = null
    if (this.floor !== null) this.publish([], true, [], [])
    this.floor = null
    if (this.current !== null) {
      this.current = null
      this.emit('source', null)
    }
    this.setStatus(IDLE)
  }

  /** No floor can be followed (the saved settings do not read, say): none, and the banner says why. */
  unusable(message: string): void {
    this.disconnect()
    this.setStatus({ source: 'none', state: 'stopped', message, retryAt: null, stale: false })
  }

  /** Keeps a projection of the current connection's calls model in step (until the source changes). */
  attach(projection: CallsProjection): void {
    this.floor?.attach(projection)
  }

  /** Sends every row again as one delta (the viewer changed: main filters what each operator sees). */
  republish(): void {
    if (this.floor !== null) this.publish(this.floor.rows(), true, [], this.floor.wholeQueues())
  }

  /** Sends rows (and the queues, when given) as the next delta; `whole` means these are all rows, so the others are gone. */
  private publish(rows: AgentRow[], whole: boolean, removed: string[] = [], queues?: QueueDeltaView[]): void {
    if (whole) {
      const now = new Set(rows.map((r) => r.extension))
      removed = [...this.extensions].filter((e) => !now.has(e))
      this.extensions = now
    } else {
      for (const r of rows) this.extensions.add(r.extension)
      for (const e of removed) this.extensions.delete(e)
    }
    if (rows.length === 0 && removed.length === 0 && queues === undefined) return
    this.emit('delta', { seq: ++this.seq, rows, removed, ...(queues === undefined ? {} : { queues }) })
  }

  private onClientStatus(source: 'pbx' | 'demo', s: AmiClientStatus): void {
    const hasRows = this.extensions.size > 0
    switch (s.state) {
      case 'connecting':
        this.setStatus({ source, state: 'connecting', message: null, retryAt: null, stale: hasRows })
        break
      case 'connected':
        // 'live' once the snapshot is in (the floor's 'snapshot' event).
        this.setStatus({ source, state: 'connecting', message: 'Loading the floor…', retryAt: null, stale: hasRows })
        break
      case 'reconnecting':
        if (this.connection.state !== 'reconnecting') this.floor?.connectionLost()
        this.setStatus({ source, state: 'reconnecting', message: s.error?.message ?? 'Connection lost', retryAt: s.retryAt ?? null, stale: hasRows })
        break
      case 'stopped':
        break
    }
  }

  private setStatus(status: ConnectionStatus): void {
    this.connection = status
    this.emit('status', status)
  }
}
