/**
 * The one base of the renderer's framework-free stores (the floor, the softphone, the supervision
 * desk): an immutable snapshot, replaced whole by `set`, and the subscribe/getSnapshot pair that
 * React's useSyncExternalStore reads (useStoreSlice).
 */
/** The page's animation frames; none in Node (a store's unit test), where a timer stands in. */
const page = globalThis as unknown as { requestAnimationFrame?: (callback: () => void) => number; cancelAnimationFrame?: (id: number) => void }

export abstract class ExternalStore<S> {
  private snapshot: S
  private readonly listeners = new Set<() => void>()
  /** Subscribers were told in this animation frame (setSoon); `untold`: changes since wait for the next. */
  private toldThisFrame = false
  private untold = false

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
   * Replaces the snapshot; subscribers are told at once unless they were told already in this
   * animation frame, and then once at the next one, however many changes came meanwhile. A quiet
   * floor shows each change at once; a busy one (~60 deltas a second at 5,000 agents, not in step
   * with the frames) renders what a frame can show instead of queueing a render per delta. A
   * hidden window gets no frames: then a timer ends the wait (alerts still judge the floor).
   */
  protected setSoon(next: S): void {
    this.snapshot = next
    if (this.toldThisFrame) {
      this.untold = true
      return
    }
    this.tell()
    this.waitForFrame()
  }

  private waitForFrame(): void {
    this.toldThisFrame = true
    const frames = page.requestAnimationFrame !== undefined
    let frame: number | null = null
    const timer = setTimeout(() => next(), frames ? 250 : 0)
    const next = (): void => {
      if (frame !== null) page.cancelAnimationFrame?.(frame)
      clearTimeout(timer)
      this.toldThisFrame = false
      if (!this.untold) return
      this.tell()
      this.waitForFrame()
    }
    if (page.requestAnimationFrame !== undefined) frame = page.requestAnimationFrame(next)
  }

  private tell(): void {
    this.untold = false
    for (const listener of this.listeners) listener()
  }
}
