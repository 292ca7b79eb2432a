import type { CallLogWriteStatus, ConnectionStatus, EarshotApi, FloorDelta, FloorSnapshot } from '../../shared/contract'
import type { AgentRow, QueueView } from '../../shared/floor'
import { mergeQueues } from './queue-delta'
import { ExternalStore } from '../store/external-store'
import { rowsEqual } from './rows-equal'
import { setRoster } from './roster'
import { errorText } from '../../shared/error-text'

export type FloorPhase = 'loading' | 'ready' | 'failed'

/** What the screen renders from. Immutable: every change makes a new object (rows keep identity). */
export interface FloorStoreState {
  phase: FloorPhase
  /** Why the last snapshot request failed (phase 'failed'), in words. */
  error: string | null
  /** Keyed by extension. A delta replaces only the rows it carries; unchanged rows keep their object. */
  rows: ReadonlyMap<string, AgentRow>
  /** Every queue of the PBX, replaced whole when a delta carries them (empty without see-everyone). */
  queues: readonly QueueView[]
  /** Sequence number of the last snapshot or delta applied. */
  seq: number
  connection: ConnectionStatus | null
  /** Whether calls that end reach the call log (null until the first snapshot). */
  callLog: CallLogWriteStatus | null
  /** Server clock minus this machine's clock, in ms (from the last snapshot's serverTime). */
  clockOffset: number
  /** Local epoch ms when the data became stale (connection.stale), or null while fresh. */
  staleSince: number | null
  /** How many snapshots were taken, the first included (sequence gaps add one each). */
  snapshots: number
}

const INITIAL: FloorStoreState = {
  phase: 'loading',
  error: null,
  rows: new Map(),
  queues: [],
  seq: 0,
  connection: null,
  callLog: null,
  clockOffset: 0,
  staleSince: null,
  snapshots: 0
}

/** Deltas kept while a snapshot is on its way; beyond this the snapshot will cover them anyway. */
const MAX_BUFFERED = 500

/** After a failed snapshot request, the next attempt comes this much later. */
export const SNAPSHOT_RETRY_MS = 3000

/**
 * The live floor in the renderer: one snapshot on start, then deltas applied strictly in sequence.
 *
 * A delta whose seq is not the previous one + 1 means something was missed, so the store asks for a
 * fresh snapshot. Deltas arriving while a snapshot is in flight are held back (not applied); when
 * the snapshot lands, those it already covers (seq <= snapshot.seq) are dropped and the rest are
 * applied if they continue its sequence — otherwise that is a gap again and another snapshot is
 * taken. Old deltas (seq <= current) are ignored.
 *
 * Framework-free: React reads it through useFloor (useFloor.ts).
 */
export class FloorStore extends ExternalStore<FloorStoreState> {
  private stopStreams: (() => void) | null = null
  /** Bumped by stop(): answers to requests made before it are ignored. */
  private generation = 0
  private snapshotInFlight = false
  private held: FloorDelta[] = []
  /** A connection:status arrived after the snapshot request left: it is newer than the snapshot's. */
  private statusSinceRequest = false
  /** Likewise for calllog:write-status. */
  private callLogSinceRequest = false
  private retryTimer: ReturnType<typeof setTimeout> | null = null

  constructor(
    private readonly api: EarshotApi,
    private readonly now: () => number = Date.now
  ) {
    super(INITIAL)
  }

  /** Subscribes to the streams, then takes the first snapshot. Returns stop(). */
  start(): () => void {
    if (this.stopStreams === null) {
      const offDelta = this.api.on('floor:delta', (delta) => this.onDelta(delta))
      const offStatus = this.api.on('connection:status', (status) => this.onStatus(status))
      const offCallLog = this.api.on('calllog:write-status', (callLog) => {
        this.callLogSinceRequest = true
        this.set({ ...this.state, callLog })
      })
      this.stopStreams = () => {
        offDelta()
        offStatus()
        offCallLog()
      }
    }
    this.requestSnapshot()
    return () => this.stop()
  }

  stop(): void {
    this.stopStreams?.()
    this.stopStreams = null
    this.generation++
    if (this.retryTimer !== null) clearTimeout(this.retryTimer)
    this.retryTimer = null
    this.snapshotInFlight = false
    this.held = []
  }

  /** Takes a fresh snapshot (on a sequence gap, or when the user retries after a failure). */
  requestSnapshot(): void {
    if (this.snapshotInFlight) return
    if (this.retryTimer !== null) clearTimeout(this.retryTimer)
    this.retryTimer = null
    this.snapshotInFlight = true
    this.statusSinceRequest = false
    this.callLogSinceRequest = false
    const generation = this.generation
    const sentAt = this.now()
    this.api.invoke('floor:snapshot', {}).then(
      (snapshot) => {
        if (generation !== this.generation) return
        this.onSnapshot(snapshot, sentAt, this.now())
      },
      (error: unknown) => {
        if (generation !== this.generation) return
        this.snapshotInFlight = false
        this.held = []
        this.set({ ...this.state, phase: 'failed', error: errorText(error) })
        if (this.stopStreams !== null) this.retryTimer = setTimeout(() => this.requestSnapshot(), SNAPSHOT_RETRY_MS)
      }
    )
  }

  private onSnapshot(snapshot: FloorSnapshot, sentAt: number, receivedAt: number): void {
    this.snapshotInFlight = false
    const previous = this.state.rows
    const rows = new Map<string, AgentRow>()
    for (const row of snapshot.rows) {
      // Keep the old object when nothing changed, so memoised rows do not re-render.
      const old = previous.get(row.extension)
      rows.set(row.extension, old !== undefined && rowsEqual(old, row) ? old : row)
    }
    setRoster(rows, null)
    const connection = this.statusSinceRequest && this.state.connection !== null ? this.state.connection : snapshot.connection
    this.set({
      ...this.state,
      phase: 'ready',
      error: null,
      rows,
      queues: snapshot.queues,
      seq: snapshot.seq,
      connection,
      callLog: this.callLogSinceRequest && this.state.callLog !== null ? this.state.callLog : snapshot.callLog,
      // The server's clock was read somewhere between sending and receiving: take the middle.
      clockOffset: snapshot.serverTime - (sentAt + receivedAt) / 2,
      staleSince: this.staleSince(connection),
      snapshots: this.state.snapshots + 1
    })
    const held = this.held.sort((a, b) => a.seq - b.seq)
    this.held = []
    for (const delta of held) this.onDelta(delta)
  }

  private onDelta(delta: FloorDelta): void {
    if (this.snapshotInFlight) {
      if (this.held.length >= MAX_BUFFERED) this.held.shift()
      this.held.push(delta)
      return
    }
    if (this.state.phase !== 'ready') return
    if (delta.seq <= this.state.seq) return
    if (delta.seq !== this.state.seq + 1) {
      this.held.push(delta)
      this.requestSnapshot()
      return
    }
    const rows = new Map(this.state.rows)
    let samePeople = true
    for (const row of delta.rows) {
      if (rows.get(row.extension)?.name !== row.name) samePeople = false
      rows.set(row.extension, row)
    }
    for (const extension of delta.removed) if (rows.delete(extension)) samePeople = false
    setRoster(rows, samePeople ? this.state.rows : null)
    // Shown at the next frame, with whatever other deltas arrive before it (ExternalStore.setSoon).
    this.setSoon({ ...this.state, rows, queues: delta.queues === undefined ? this.state.queues : mergeQueues(delta.queues, this.state.queues), seq: delta.seq })
  }

  private onStatus(connection: ConnectionStatus): void {
    this.statusSinceRequest = true
    this.set({ ...this.state, connection, staleSince: this.staleSince(connection) })
  }

  private staleSince(connection: ConnectionStatus): number | null {
    if (!connection.stale) return null
    return this.state.staleSince ?? this.now()
  }
}

