import type { CaptureRecord } from './format'
import { AmiDecoder } from '../ami'
import { CallsProjector, type FloorOptions, type FloorState } from '../calls'
import { type ReplayResult, viewAt } from './view'

/**
 * Feeds a capture to the one fold, exactly as the live connection would: every received message,
 * plus the actions the recorded console sent, at the time they were recorded. Records after `at`
 * are not applied. Attach projections to `calls` first to replay them too.
 */
export function replayCapture(records: readonly CaptureRecord[], calls: CallsProjector, at = Infinity): CallsProjector {
  // Each direction is one byte stream; decoding it as such proves the codec on real traffic.
  const decoders = { rx: new AmiDecoder(), tx: new AmiDecoder() }
  for (const record of records) {
    if (record.t > at) break
    for (const frame of decoders[record.dir].write(record.raw)) {
      if (frame.kind === 'message') calls.apply(frame.message, record.t)
    }
  }
  return calls
}

/** The calls model after a capture (up to `at`). */
export function replayFloor(records: readonly CaptureRecord[], options: FloorOptions, at = Infinity): FloorState {
  return replayCapture(records, new CallsProjector(options), at).model
}

export function replayAt(records: readonly CaptureRecord[], options: FloorOptions, at?: number): ReplayResult {
  const end = at ?? records.at(-1)?.t ?? 0
  return viewAt(replayFloor(records, options, end), end)
}
