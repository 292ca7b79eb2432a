import type { CaptureRecord } from './format'
import { AmiDecoder } from '../ami'
import { emptyFloor, reduceFloor, type FloorOptions, type FloorState } from '../calls'
import { type ReplayResult, viewAt } from './view'

/**
 * Folds a capture into the floor engine, exactly as the live connection would: every received
 * message, plus the actions the recorded console sent. Records after `at` are not applied.
 */
export function replayFloor(records: readonly CaptureRecord[], options: FloorOptions, at = Infinity): FloorState {
  let state = emptyFloor(options)
  // Each direction is one byte stream; decoding it as such proves the codec on real traffic.
  const decoders = { rx: new AmiDecoder(), tx: new AmiDecoder() }
  for (const record of records) {
    if (record.t > at) break
    for (const frame of decoders[record.dir].write(record.raw)) {
      if (frame.kind === 'message') state = reduceFloor(state, frame.message, record.t)
    }
  }
  return state
}

export function replayAt(records: readonly CaptureRecord[], options: FloorOptions, at?: number): ReplayResult {
  const end = at ?? records.at(-1)?.t ?? 0
  return viewAt(replayFloor(records, options, end), end)
}
