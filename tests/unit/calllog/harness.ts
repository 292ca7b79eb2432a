/** The call log as a projection of the one calls model, fed by hand-made events in the captures' dialect. */
import type { AmiMessage } from '../../../src/main/ami/message'
import { CallsProjector } from '../../../src/main/calls'
import type { FloorState } from '../../../src/main/calls/model'
import { CallLogCollector } from '../../../src/main/calllog/replay'
import { type CompletedCall, restoreCalls, takeChanges } from '../../../src/main/calllog/projection'
import { parseSavedCall, type SavedCall } from '../../../src/main/calllog/saved'
import { block } from '../../support/events'
import { LAB_CODES } from '../../support/traces'

export const options = { featureCodes: LAB_CODES, outboundPrefix: '9', roster: (ext: string) => !ext.startsWith('2') }

export function prefixed(prefix: string, fields: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [`${prefix}${k}`, v]))
}

/** A call log that first brings back what a previous Earshot saved. */
class RestoringLog extends CallLogCollector {
  constructor(private readonly restore: { calls: SavedCall[]; resolvable: boolean } | null) {
    super()
  }

  attach(model: FloorState, at: number): void {
    if (this.restore !== null) restoreCalls(this.state, model, this.restore.calls, at, this.restore.resolvable)
  }
}

export class Floor {
  readonly calls = new CallsProjector(options)
  private readonly log: RestoringLog

  /** `restored`: the calls a previous Earshot saved, brought back at `at`. */
  constructor(restored?: { calls: SavedCall[]; at: number; resolvable?: boolean }) {
    this.log = new RestoringLog(restored === undefined ? null : { calls: restored.calls, resolvable: restored.resolvable ?? true })
    this.calls.attach(this.log, restored?.at ?? 0)
  }

  get done(): CompletedCall[] {
    return this.log.done
  }

  apply(at: number, ...messages: AmiMessage[]): this {
    for (const m of messages) this.calls.apply(m, at)
    return this
  }

  settle(at: number): this {
    this.log.settle(at)
    return this
  }

  /** The AMI connection dropped at `at`. */
  lost(at: number): this {
    this.calls.connectionLost(at)
    return this
  }

  /** The snapshot after a (re)connect: its events. */
  resync(at: number, ...snapshot: AmiMessage[]): this {
    this.calls.resync(snapshot, at)
    return this
  }

  /** What a save would take now. */
  changes(): ReturnType<typeof takeChanges> {
    return takeChanges(this.log.state, this.calls.model)
  }

  /** What a save would write now, as it reads back from the store (JSON). */
  saved(): SavedCall[] {
    return this.changes().save.map((s) => parseSavedCall(JSON.stringify(s.call)))
  }

  /** Calls in progress: id → agent extension. */
  open(): Map<string, string> {
    const model = this.calls.model
    return new Map([...this.log.state.open.keys()].map((id) => [id, model.channels.get(id)?.endpoint ?? '']))
  }

  call(id: string): CompletedCall | undefined {
    return this.done.find((c) => c.id === id)
  }
}

export const agent = (ext: string, id: string, state: number, extra: Record<string, string> = {}): Record<string, string> =>
  block(`PJSIP/${ext}-0000${id.replace(/\W/g, '')}`, id, state, { CallerIDNum: ext, CallerIDName: `Agent ${ext}`, ...extra })
