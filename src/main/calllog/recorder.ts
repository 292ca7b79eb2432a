import type { CallsProjection, EndedLeg, FloorState } from '../calls'
import type { CallLog } from './call-log-repository'
import type { CustomerLookup } from '../customers'
import type { OpenCalls } from './open-calls-repository'
import { CallLogEntry } from '../../shared/records'
import { CALL_LOG_WRITES_OK, type CallLogWriteStatus } from '../../shared/contract'
import { errorText } from '../../shared/error-text'
import { writeFailureReason } from '../store'
import {
  type CallLogState,
  type CompletedCall,
  callLogConnectionLost,
  drainCompleted,
  emptyCallLog,
  restoreCalls,
  settleCallLog,
  takeChanges,
  updateCallLog
} from './projection'
import { parseSavedCall, type SavedCall } from './saved'

export interface CallLogRecorderOptions {
  callLog: CallLog
  /** Whose each call's number is, read in records.defaultRegion at each write (a settings change applies to the next call). */
  customerOf: CustomerLookup
  now?: () => number
  graceMs?: number
  /**
   * A call that will never be written: not one the log can take (a bug), or given up while the
   * store refused writes because more were waiting than are kept.
   */
  onError?: (error: unknown, call: CompletedCall) => void
  /**
   * Whether calls reach the call log changed: the store refused a write (a full disk, a read-only
   * or locked database: the calls wait and are tried again at each tick and with the next write),
   * how many wait, or writing works again.
   */
  onWriteStatus?: (status: CallLogWriteStatus) => void
  /** Most calls kept waiting while the store refuses writes (default 5,000); beyond, the oldest are given up. */
  maxWaiting?: number
  /** A call was written (for a renderer stream, say). */
  onRecorded?: (entry: CallLogEntry) => void
  /**
   * Keep the calls in progress in the store as they change, so that a call up when Earshot quits,
   * crashes or is killed, or when the PBX settings change, is still logged (once) by the next
   * recorder on the same PBX. They are saved under the PBX's own identity once it said it (see
   * `identified`), else under `source`, the connection's address (`callLogSource(url, user)`).
   * Without it the calls in progress live in memory only.
   */
  persist?: { openCalls: OpenCalls; source: string }
  /**
   * The floor this recorder follows sends deltas and calls `beforeDelta` before each (LiveFloor,
   * every 16 ms while events come): what must not wait for the tick is committed then, once per
   * delta, instead of after every turn of the event loop that brought events (on a busy floor
   * hundreds of socket reads a second, each its own transaction: the largest part of main's work
   * in the soak). Without it (a replay, a test feeding events) a commit follows each such turn.
   */
  commitsWithDeltas?: boolean
  /**
   * The calls in progress could not be saved or read back (the disk, a locked database). Calls
   * that end are still written to the call log one by one; saving is tried again at the next tick.
   * Reported once per run of failures.
   */
  onSaveError?: (error: unknown) => void
  /** A saved call that could not be read (it is deleted). */
  onUnreadable?: (id: string, error: unknown) => void
}

/**
 * Keeps the call log of one AMI connection, as a projection of its calls model (attach it to the
 * live floor, which folds every event and action once and tells its projections what changed), and
 * writes each completed call, with its number's E.164 form and the customer it matches, to the
 * store as soon as it is decided. Calls `tick()` from a timer (every second is plenty) so legs
 * waiting on the abandon grace are written even when the PBX is quiet. Reconnects are the
 * model's: legs gone when it resyncs end as `resync`.
 *
 * With `persist`, the calls in progress are saved in the store (`open_calls`, one row per call:
 * its saved form, see ./saved.ts), in one transaction per batch:
 * - at once (right after the turn of the event loop that handled the event, with the other events
 *   of that turn; or, with `commitsWithDeltas`, just before the floor's next delta, at most 16 ms
 *   later) when a call opens, is answered or hangs up undecided (waiting on the abandon grace): a
 *   kill can never lose a call nor turn an answered call into a missed one that Earshot had
 *   already shown;
 * - when calls end: each is written to the call log and its row deleted in the same transaction
 *   (with whatever else changed), so no call is lost between the two nor written twice;
 * - at each `tick()` (every second) for everything else (hold, supervisors, transfers, names), and
 *   the connection's "seen" time, until when its calls not marked lost were known to be up.
 * A hard kill thus loses at most the last second of timeline detail, never a call. The commits
 * between ticks do not wait for the disk; each tick's commit (or, with nothing to commit, a sync of
 * the write-ahead log) puts them on it, so a power cut, unlike a kill or a crash, can lose the last second. A new recorder
 * (after a restart, or a change of the PBX settings) loads the saved calls: those of this PBX wait,
 * as lost, for the first resync (still up: they carry on with their exact times and timeline;
 * gone: closed with what is known, `closedBy: 'resync'`); those of another PBX are closed as lost.
 * Which PBX is the PBX's own word, asked before the first snapshot (`identified`): a new address,
 * user or TLS port to the same PBX keeps its calls (issue 13.2). Calls saved under this
 * connection's address go back at once, as before anyone asked.
 * `close()` saves what changed since the last tick and stops the recorder; its calls stay saved.
 */
const MAX_WAITING = 5000

export class CallLogRecorder implements CallsProjection {
  private state: CallLogState
  private model: FloorState | null = null
  private readonly now: () => number
  private closed = false
  private saveFailing = false
  /** Commits since the last tick were made without waiting for the disk (see `OpenCalls.commit`). */
  private unsynced = false
  private unreadable: string[] = []
  /** Calls that ended while the store refused writes, oldest first: written with the next batch. */
  private waiting: CompletedCall[] = []
  private writes: CallLogWriteStatus = CALL_LOG_WRITES_OK
  /** Where the calls in progress are saved: the PBX's identity once it said it, else the address. */
  private source: string | null
  /** Saved calls of other sources, waiting for the PBX to say who it is (then ours, or closed). */
  private held: Array<{ source: string; call: SavedCall }> | null = null

  constructor(private readonly options: CallLogRecorderOptions) {
    this.now = options.now ?? Date.now
    this.state = emptyCallLog(options.graceMs === undefined ? {} : { graceMs: options.graceMs })
    this.source = options.persist?.source ?? null
  }

  /** Follows this model (once, before its first event): calls a previous recorder saved go back into it. */
  attach(model: FloorState, at = this.now()): void {
    this.model = model
    if (this.options.persist !== undefined) this.restore(model, this.options.persist.openCalls, this.options.persist.source, at)
  }

  update(model: FloorState, touched: ReadonlySet<string>, ended: readonly EndedLeg[], at = this.now()): void {
    if (this.closed) return
    this.model = model
    updateCallLog(this.state, model, touched, ended, at)
    this.commitAt = at
    if (this.commitScheduled || this.options.commitsWithDeltas === true) return
    this.commitScheduled = true
    // One commit for all the events of this turn of the event loop (on a busy floor a turn handles
    // many, from one or several socket reads), made right after it: see `commitNow`.
    setImmediate(() => this.commitNow())
  }

  /** The floor's next delta is about to go out: what it shows is committed first (`commitsWithDeltas`). */
  beforeDelta(): void {
    this.commitNow()
  }

  /**
   * Writes what the events so far decided and must not wait for the tick (see the class comment).
   * Runs on its own after the turn of the event loop that brought them (the floor's deltas go out
   * on a later timer, so nothing is shown before it is saved); a caller that feeds events one by
   * one (a replay, a test) may call it after each.
   */
  commitNow(): void {
    this.commitScheduled = false
    if (this.closed || this.commitAt === null) return
    const at = this.commitAt
    this.commitAt = null
    this.flush(at, false)
  }

  /** Events came since the last commit (the time of the last), and a commit is on its way. */
  private commitAt: number | null = null
  private commitScheduled = false

  tick(at = this.now()): void {
    if (this.closed || this.model === null) return
    settleCallLog(this.state, this.model, at)
    this.flush(at, true)
  }

  /**
   * The PBX said who it is (null: it would not say), before its snapshot is folded. The first
   * time, the calls saved on that PBX under another address go back into the model for the
   * snapshot to settle, and those of any other PBX are closed as lost. From now on the calls in
   * progress are saved under its identity (all of them again, so none stays under the address).
   */
  identified(model: FloorState, pbx: string | null, at = this.now()): void {
    if (this.closed || this.options.persist === undefined) return
    const held = this.held
    this.held = null
    if (held !== null) {
      // Calls saved on another PBX: a snapshot of this one cannot say whether they are still up
      // (their Uniqueids mean nothing here) and theirs may never come back: closed as lost now,
      // ended when last known up.
      restoreCalls(this.state, model, held.filter((h) => h.source !== pbx).map((h) => h.call), at, false)
      restoreCalls(this.state, model, held.filter((h) => h.source === pbx).map((h) => h.call), at, true)
    }
    if (pbx === null || pbx === this.source) return
    this.source = pbx
    for (const id of [...this.state.open.keys(), ...this.state.pending.keys()]) {
      this.state.dirty.add(id)
      this.state.lastSaved.delete(id)
    }
  }

  /** The connection dropped: the model marked its legs lost, which their saved forms must say. */
  connectionLost(): void {
    if (this.closed) return
    callLogConnectionLost(this.state)
  }

  /** The model resynced: what it settled is saved now. */
  resynced(_model: FloorState, at = this.now()): void {
    if (this.closed) return
    this.flush(at, true)
  }

  /**
   * This connection is done with (the app quits, the PBX changed): saves what changed since the
   * last tick and stops. Calls in progress stay saved for the next recorder on this connection.
   */
  close(at = this.now()): void {
    if (this.closed) return
    this.flush(at, true)
    this.closed = true
  }

  /** Loads the calls a previous recorder saved (see the class comment) into the model and the log. */
  private restore(model: FloorState, openCalls: OpenCalls, source: string, at: number): void {
    let loaded: ReturnType<OpenCalls['load']>
    try {
      loaded = openCalls.load()
    } catch (error) {
      this.saveFailed(error)
      return
    }
    const ours: SavedCall[] = []
    const held: Array<{ source: string; call: SavedCall }> = []
    const unreadable: string[] = []
    for (const row of loaded.rows) {
      let call: SavedCall
      try {
        call = parseSavedCall(row.call)
        if (call.id !== row.id) throw new Error(`the saved call ${call.id} is filed under ${row.id}`)
      } catch (error) {
        unreadable.push(row.id)
        this.options.onUnreadable?.(row.id, error)
        continue
      }
      if (call.state === 'open' && call.lostAt === null) {
        // Not marked lost: it was up when its connection last said so, when its row was saved and at its last event.
        call.lostAt = Math.max(loaded.seenAt.get(row.source) ?? -Infinity, row.updatedAt, call.startedAt, ...call.timeline.map((e) => e.at))
      }
      if (row.source === source) ours.push(call)
      else held.push({ source: row.source, call })
    }
    // Calls saved under another source wait for the PBX to say who it is (`identified`).
    this.held = held
    restoreCalls(this.state, model, ours, at, true)
    // The owner's update right after attaching closes the calls that ended here and saves the rest.
    this.unreadable = unreadable
  }

  /**
   * Writes the completed calls, and with persistence saves what changed in the calls in progress:
   * at once when something must not wait (`urgent`, a completed call), else only at a tick.
   */
  private flush(at: number, tick: boolean): void {
    const persist = this.options.persist
    const model = this.model
    if (persist === undefined || model === null) {
      this.record(this.takeWaiting(drainCompleted(this.state)))
      // Nothing to save the calls in progress to.
      this.state.dirty.clear()
      this.state.dropped.clear()
      this.state.urgent = false
      return
    }
    const unreadable = this.unreadable
    if (!tick && !this.state.urgent && this.state.completed.length === 0 && unreadable.length === 0) return
    this.unreadable = []
    const calls = this.takeWaiting(drainCompleted(this.state))
    const changes = takeChanges(this.state, model)
    const entries: Array<{ entry: CallLogEntry; call: CompletedCall }> = []
    const drop = [...changes.drop, ...unreadable]
    for (const call of calls) {
      try {
        entries.push({ entry: CallLogEntry.parse(this.enrich(call)), call })
      } catch (error) {
        // Not a call the log can take (a bug): reported, and its saved form goes with the batch.
        this.options.onError?.(error, call)
        drop.push(call.id)
      }
    }
    const live = this.state.open.size + this.state.pending.size > 0
    if (entries.length === 0 && drop.length === 0 && changes.save.length === 0 && !(tick && live)) {
      if (tick) this.sync(persist.openCalls)
      return
    }
    const when = Number.isFinite(at) ? at : this.now()
    try {
      const written = persist.openCalls.commit(
        {
          source: this.source ?? persist.source,
          at: when,
          save: changes.save.map(({ id, extension, call }) => ({ id, agentExtension: extension, call })),
          drop,
          record: entries.map((e) => e.entry),
          ...(tick && live && Number.isFinite(at) ? { seenAt: at } : {})
        },
        // Between ticks a commit does not wait for the disk; the tick's commit syncs them all.
        { durable: tick }
      )
      this.unsynced = !tick
      this.saveFailing = false
      this.writesWork()
      entries.forEach(({ entry }, i) => {
        if (written[i] === true) this.options.onRecorded?.(entry)
      })
    } catch (error) {
      // Nothing of the batch was applied. The calls that ended are written one by one as without
      // persistence (their rows, if any are left, only make a later Earshot find them logged
      // already; those that fail too wait for the next batch); what changed in the others is saved
      // again at the next tick.
      this.saveFailed(error)
      this.writesRefused(error)
      for (const { id } of changes.save) {
        this.state.dirty.add(id)
        this.state.lastSaved.delete(id)
      }
      for (const id of changes.drop) this.state.dropped.add(id)
      this.record(entries.map((e) => e.call))
      // Calls in progress that cannot be saved are a failing call log too (a kill now would lose them).
      this.report()
    }
  }

  /** At a tick with nothing to commit: the commits made since the last one reach the disk. */
  private sync(openCalls: OpenCalls): void {
    if (!this.unsynced) return
    try {
      openCalls.sync()
      this.unsynced = false
    } catch (error) {
      // Tried again at the next tick; the commits themselves stand (only a power cut could lose them).
      this.saveFailed(error)
    }
  }

  private saveFailed(error: unknown): void {
    if (this.saveFailing) return
    this.saveFailing = true
    this.options.onSaveError?.(error)
  }

  /**
   * Writes calls one by one. When the store refuses one (the disk, the database), it and the rest
   * wait for the next batch: no call is lost to a full disk or a read-only file while memory lasts.
   */
  private record(calls: readonly CompletedCall[]): void {
    if (calls.length === 0) return
    let refused = false
    for (const call of calls) {
      if (refused) {
        this.wait(call)
        continue
      }
      try {
        const entry = this.enrich(call)
        if (this.options.callLog.record(entry)) this.options.onRecorded?.(entry)
      } catch (error) {
        if (writeFailureReason(error) === null) this.options.onError?.(error, call)
        else {
          refused = true
          this.writesRefused(error)
          this.wait(call)
        }
      }
    }
    if (refused) this.report()
    else this.writesWork()
  }

  /** The waiting calls, oldest first, then `calls`; they wait again if this batch fails too. */
  private takeWaiting(calls: CompletedCall[]): CompletedCall[] {
    if (this.waiting.length === 0) return calls
    const all = this.waiting.concat(calls)
    this.waiting = []
    return all
  }

  private wait(call: CompletedCall): void {
    this.waiting.push(call)
    const max = this.options.maxWaiting ?? MAX_WAITING
    if (this.waiting.length <= max) return
    const oldest = this.waiting.shift()
    if (oldest === undefined) return
    this.writes = { ...this.writes, dropped: this.writes.dropped + 1 }
    this.options.onError?.(new Error(`More than ${max} calls wait for the call log to be written: the oldest is given up`), oldest)
  }

  private writesRefused(error: unknown): void {
    const reason = writeFailureReason(error) ?? errorText(error)
    if (this.writes.failing !== reason) this.writes = { ...this.writes, failing: reason }
  }

  /** A write went through: once nothing waits, writing works again (and the count of given-up calls starts over). */
  private writesWork(): void {
    if (this.waiting.length === 0) this.writes = CALL_LOG_WRITES_OK
    this.report()
  }

  /** Tells the owner when the status changed (the waiting count included). */
  private report(): void {
    const now: CallLogWriteStatus = { ...this.writes, waiting: this.waiting.length }
    const last = this.reported
    if (last.failing === now.failing && last.waiting === now.waiting && last.dropped === now.dropped) return
    this.reported = now
    this.options.onWriteStatus?.(now)
  }

  /** What the owner was told last. */
  private reported: CallLogWriteStatus = CALL_LOG_WRITES_OK

  /** Whether calls reach the call log now. */
  writeStatus(): CallLogWriteStatus {
    return this.reported
  }

  private enrich(call: CompletedCall): CallLogEntry {
    const { e164, customerId } = this.options.customerOf(call.customerNumber)
    return { ...call, customerE164: e164, customerId }
  }
}
