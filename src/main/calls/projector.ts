import type { AmiMessage } from '../ami'
import { answeredAtFromPbx, connectionLost, drainEnded, emptyFloor, type EndedLeg, type FloorOptions, type FloorState, reconfigure, reduceFloor, resync, settleStatuses, type HeldBack } from './model'

/**
 * A view of the calls model (the agent rows, the call log, supervision): told, after each fold,
 * which endpoints' rows may have changed (a set valid during the call) and which legs ended, so it never folds an event itself.
 * It reads the model and never changes it (but in `attach`).
 */
export interface CallsProjection {
  /** Before the first event: a projection may bring back what a previous Earshot saved (restored legs). */
  attach?(model: FloorState, at: number): void
  update(model: FloorState, touched: ReadonlySet<string>, ended: readonly EndedLeg[], at: number): void
  /**
   * A (re)connect's snapshot is about to be folded; `pbx` is who the PBX says it is (see
   * ./pbx-identity.ts), null when it would not say. Like `attach`, it may bring legs a
   * previous connection saved on that PBX back into the model, for the snapshot to settle.
   */
  identified?(model: FloorState, pbx: string | null, at: number): void
  /** The connection dropped; the model marked its channels lost. */
  connectionLost?(model: FloorState, at: number): void
  /** A snapshot is in: the model ended the legs it no longer has. */
  resynced?(model: FloorState, at: number): void
  /**
   * The floor is about to send the rows changed since its last delta (at most ~60 a second):
   * what must be saved before anyone sees it is saved now (the call log's calls in progress).
   */
  beforeDelta?(at: number): void
}

/**
 * The one fold: every AMI message (events, and the actions the console sent) goes into the calls
 * model once, and what it changed goes to every projection, in order. Synchronous and clock-free
 * (`at` is given), so the live connection, a capture replay and the tests drive the same thing.
 */
export class CallsProjector {
  private state: FloorState
  private readonly projections: CallsProjection[] = []

  constructor(options?: FloorOptions) {
    this.state = emptyFloor(options)
  }

  get model(): FloorState {
    return this.state
  }

  attach(projection: CallsProjection, at: number): void {
    this.projections.push(projection)
    projection.attach?.(this.state, at)
    this.project(at)
  }

  apply(message: AmiMessage, at: number): void {
    this.state = reduceFloor(this.state, message, at)
    this.project(at)
  }

  /** The connection dropped at `at`; its last message arrived at `heardAt`. */
  connectionLost(at: number, heardAt = at): void {
    connectionLost(this.state, at, heardAt)
    for (const p of this.projections) p.connectionLost?.(this.state, at)
  }

  /**
   * A (re)connect's snapshot: its events, in the fold order of `SNAPSHOT_ACTIONS`, from the PBX
   * `pbx` names; `held`, the live events held back meanwhile, folded next (see the model's `resync`).
   */
  resync(snapshot: readonly AmiMessage[], at: number, pbx: string | null = null, held?: HeldBack): void {
    for (const p of this.projections) p.identified?.(this.state, pbx, at)
    this.state = resync(this.state, snapshot, at, held)
    this.project(at)
    for (const p of this.projections) p.resynced?.(this.state, at)
  }

  /** The same PBX, read with other options from now on (see `reconfigure`): nothing it knows is lost. */
  reconfigure(options: FloorOptions, at: number): void {
    reconfigure(this.state, options)
    this.project(at)
  }

  /** The PBX told when a leg the model saw answered only in a snapshot was answered (see `answeredAtFromPbx`). */
  answeredAtFromPbx(uniqueid: string, billsec: number, sentAt: number, at: number): boolean {
    if (!answeredAtFromPbx(this.state, uniqueid, billsec, sentAt, at)) return false
    this.project(at)
    return true
  }

  /** The floor's next delta is about to go out (see `CallsProjection.beforeDelta`). */
  beforeDelta(at: number): void {
    for (const p of this.projections) p.beforeDelta?.(at)
  }

  /** Hands what the model changed to the projections, once (the set is cleared after: copy what you keep). */
  private project(at: number): void {
    // Part of the fold: when each touched row's status began (a change seen now began now).
    settleStatuses(this.state, at)
    const touched = this.state.changed
    const ended = drainEnded(this.state)
    for (const p of this.projections) p.update(this.state, touched, ended, at)
    touched.clear()
  }
}
