/**
 * The one base of the renderer's framework-free stores (the floor, the softphone, the supervision
 * desk): an immutable snapshot, replaced whole by `set`, and the subscribe/getSnapshot pair that
 * React's useSyncExternalStore reads (useStoreSlice).
 */
export abstract class ExternalStore<S> {
  private snapshot: S
  private readonly listeners = new Set<() => void>()

  protected constructor(initial: S) {
    this.snapshot = initial
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => {
      this.listeners.delete(listener)
    }
  }

  readonly getSnapshot = (): S => this.snapshot

  /** The current snapshot, for the subclass's own updates. */
  protected get state(): S {
    return this.snapshot
  }

  /** Replaces the snapshot and tells every subscriber. */
  protected set(next: S): void {
    this.snapshot = next
    for (const listener of this.listeners) listener()
  }
}
