/**
 * A call-log recorder fed as the live floor feeds it: attached to the one fold (a CallsProjector)
 * over the lab's floor options, each message applied to the model once.
 */
import type { AmiMessage } from '../../src/main/ami/message'
import { CallsProjector, type FloorOptions } from '../../src/main/calls'
import { CallLogRecorder, type CallLogRecorderOptions } from '../../src/main/calllog'
import { LAB_OPTIONS } from './traces'

export class FedRecorder {
  readonly calls: CallsProjector
  readonly recorder: CallLogRecorder

  constructor(options: CallLogRecorderOptions, floor: FloorOptions = LAB_OPTIONS) {
    this.calls = new CallsProjector(floor)
    this.recorder = new CallLogRecorder(options)
    this.calls.attach(this.recorder, (options.now ?? Date.now)())
    this.recorder.commitNow()
  }

  /** One message, committed at once (as if each came in a socket read of its own). */
  apply(message: AmiMessage, at: number): void {
    this.calls.apply(message, at)
    this.recorder.commitNow()
  }

  tick(at?: number): void {
    this.recorder.tick(at)
  }

  connectionLost(at: number): void {
    this.calls.connectionLost(at)
  }

  /** The snapshot after a (re)connect: its events, from the PBX `pbx` names (null: it did not say). */
  resync(snapshot: readonly AmiMessage[], at: number, pbx: string | null = null): void {
    this.calls.resync(snapshot, at, pbx)
    this.recorder.commitNow()
  }

  close(at?: number): void {
    this.recorder.close(at)
  }
}
