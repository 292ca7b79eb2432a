import type { CaptureRecord } from '../capture'
import { AmiDecoder } from '../ami'
import type { FloorOptions } from '../calls'
import { type CallLogOptions, type CompletedCall, drainCompleted, emptyCallLog, reduceCallLog, settleCallLog } from './engine'

/**
 * The calls a capture completed, as the live call log would have written them: every received
 * message and every action the recorded console sent, folded in order. Records after `at` are not
 * applied; legs still waiting to know whether their caller abandoned are decided as of `at` (the
 * end of the capture by default, when everything is decided).
 */
export function replayCallLog(records: readonly CaptureRecord[], floorOptions: FloorOptions, at = Infinity, options: Partial<CallLogOptions> = {}): CompletedCall[] {
  let state = emptyCallLog(floorOptions, options)
  const decoders = { rx: new AmiDecoder(), tx: new AmiDecoder() }
  const out: CompletedCall[] = []
  for (const record of records) {
    if (record.t > at) break
    for (const frame of decoders[record.dir].write(record.raw)) {
      if (frame.kind === 'message') state = reduceCallLog(state, frame.message, record.t)
    }
    out.push(...drainCompleted(state))
  }
  settleCallLog(state, at)
  out.push(...drainCompleted(state))
  return out
}
