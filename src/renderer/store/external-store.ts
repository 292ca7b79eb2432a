/**
 * The one base of the renderer's framework-free stores (the floor, the softphone, the supervision
 * desk): an immutable snapshot, replaced whole by `set`, and the subscribe/getSnapshot pair that
 * React's useSyncExternalStore reads (useStoreSlice).
 */
export abstract class ExternalStore<S> {
  private snapshot: S
  private readonly listeners = new Set<() => void>()
  private notifyPending = false

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
    this.tell()
  }

  /**
   * Replaces the snapshot and tells every subscriber at the next animation frame, once however
   * many changes came before it: a screen renders what a frame can show, not every change (a busy
   * floor sends ~60 deltas a second, not in step with the frames, and a render behind them would
   * queue them). A hidden window gets no frames: then a timer tells them (alerts still judge the floor).
   */
  protected setSoon(next: S): void {
    this.snapshot = next
    if (this.notifyPending) return
    this.notifyPending = true
    let timer: ReturnType<typeof setTimeout> | null = null
    let frame: number | null = null
    const fire = (): void => {
      if (frame !== null) cancelAnimationFrame(frame)
      if (timer !== null) clearTimeout(timer)
      if (this.notifyPending) this.tell()
    }
    if (typeof requestAnimationFrame === 'function') frame = requestAnimationFrame(fire)
    timer = setTimeout(fire, typeof requestAnimationFrame === 'function' ? 250 : 0)
  }

  private tell(): void {
    this.notifyPending = false
    for (const listener of this.listeners) listener()
  }
}
