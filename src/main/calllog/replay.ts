import type { CaptureRecord } from '../capture'
import { replayCapture } from '../capture'
import { CallsProjector, type CallsProjection, type FloorOptions } from '../calls'
import type { EndedLeg, FloorState } from '../calls'
import { type CallLogOptions, type CallLogState, type CompletedCall, callLogConnectionLost, drainCompleted, emptyCallLog, settleCallLog, updateCallLog } from './projection'

/** The call-log projection alone, collecting what it decides (no store): for replays and tests. */
export class CallLogCollector implements CallsProjection {
  readonly state: CallLogState
  readonly done: CompletedCall[] = []
  private model: FloorState | null = null

  constructor(options: Partial<CallLogOptions> = {}) {
    this.state = emptyCallLog(options)
  }

  update(model: FloorState, touched: ReadonlySet<string>, ended: readonly EndedLeg[], at: number): void {
    this.model = model
    updateCallLog(this.state, model, touched, ended, at)
    this.done.push(...drainCompleted(this.state))
  }

  connectionLost(): void {
    callLogConnectionLost(this.state)
  }

  settle(at: number): void {
    if (this.model === null) return
    settleCallLog(this.state, this.model, at)
    this.done.push(...drainCompleted(this.state))
  }
}

/**
 * The calls a capture completed, as the live call log would have written them. Legs still
 * waiting to know whether their caller abandoned are decided as of `at` (the end of the capture by
 * default, when everything is decided).
 */
export function replayCallLog(records: readonly CaptureRecord[], floorOptions: FloorOptions, at = Infinity, options: Partial<CallLogOptions> = {}): CompletedCall[] {
  const calls = new CallsProjector(floorOptions)
  const log = new CallLogCollector(options)
  calls.attach(log, records[0]?.t ?? 0)
  replayCapture(records, calls, at)
  log.settle(at)
  return log.done
}
