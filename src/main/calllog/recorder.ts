import type { AmiMessage } from '../ami/message'
import { toE164 } from '../customers/phone'
import type { FloorOptions } from '../floor'
import type { CallLog } from '../store/call-log-repository'
import type { Customers } from '../store/customers-repository'
import type { CallLogEntry } from '../../shared/records'
import {
  type CallLogState,
  type CompletedCall,
  connectionLost,
  drainCompleted,
  emptyCallLog,
  reduceCallLog,
  resyncCallLog,
  settleCallLog,
  snapshotChannelIds
} from './engine'

export interface CallLogRecorderOptions {
  callLog: CallLog
  customers: Customers
  /** The same options the live floor reads the PBX with (feature codes, outbound prefix, roster). */
  floor: FloorOptions
  /** records.defaultRegion, read at each write (a settings change applies to the next call). */
  region: () => string
  now?: () => number
  graceMs?: number
  /** A call that could not be written (the disk, a locked database); it is not retried. */
  onError?: (error: unknown, call: CompletedCall) => void
  /** A call was written (for a renderer stream, say). */
  onRecorded?: (entry: CallLogEntry) => void
}

/**
 * Keeps the call log of one AMI connection: feeds the engine every message (and every action the
 * console sends), and writes each completed call, with its number's E.164 form and the customer it
 * matches, to the store as soon as it is decided. Calls `tick()` from a timer (every second is
 * plenty) so legs waiting on the abandon grace are written even when the PBX is quiet.
 *
 * On a reconnect: `connectionLost()` when the connection drops, then `resync(events)` with the
 * fresh snapshot's events (CoreShowChannels' items at least) once it is in.
 */
export class CallLogRecorder {
  private state: CallLogState
  private readonly now: () => number

  constructor(private readonly options: CallLogRecorderOptions) {
    this.now = options.now ?? Date.now
    this.state = emptyCallLog(options.floor, options.graceMs === undefined ? {} : { graceMs: options.graceMs })
  }

  apply(message: AmiMessage, at = this.now()): void {
    this.state = reduceCallLog(this.state, message, at)
    this.flush()
  }

  tick(at = this.now()): void {
    settleCallLog(this.state, at)
    this.flush()
  }

  connectionLost(at = this.now()): void {
    connectionLost(this.state, at)
  }

  /** The snapshot after a reconnect: closes calls that vanished meanwhile, then folds the snapshot in. */
  resync(snapshot: readonly AmiMessage[], at = this.now()): void {
    this.state = resyncCallLog(this.state, snapshotChannelIds(snapshot), at)
    for (const message of snapshot) this.state = reduceCallLog(this.state, message, at)
    this.flush()
  }

  private flush(): void {
    const calls = drainCompleted(this.state)
    if (calls.length === 0) return
    const region = this.options.region()
    for (const call of calls) {
      try {
        const entry = this.enrich(call, region)
        if (this.options.callLog.record(entry)) this.options.onRecorded?.(entry)
      } catch (error) {
        this.options.onError?.(error, call)
      }
    }
  }

  private enrich(call: CompletedCall, region: string): CallLogEntry {
    const e164 = call.customerNumber === null ? null : toE164(call.customerNumber, region)
    const customer = e164 === null ? undefined : this.options.customers.findByE164(e164)[0]
    return { ...call, customerE164: e164, customerId: customer?.id ?? null }
  }
}
