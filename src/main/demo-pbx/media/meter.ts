/**
 * Is the supervisor's microphone carrying sound? Decoded PCMU frames go in; the meter keeps the
 * last `windowMs` of them and reports their RMS level (share of full scale) and whether that is
 * above a threshold (silence from a muted microphone is exactly 0; a quiet room is around -60 dBFS).
 */

/** -50 dBFS. */
export const AUDIBLE_LEVEL = 0.0032

export class LevelMeter {
  packets = 0
  private frames: Array<{ at: number; sumSquares: number; count: number }> = []

  constructor(
    private readonly windowMs = 500,
    private readonly now: () => number = () => performance.now()
  ) {}

  add(samples: ArrayLike<number>): void {
    this.packets++
    let sum = 0
    for (let i = 0; i < samples.length; i++) sum += (samples[i] as number) ** 2
    const at = this.now()
    this.frames.push({ at, sumSquares: sum, count: samples.length })
    this.prune(at)
  }

  /** RMS over the window, 0..1 (0 when nothing arrived in it). */
  get level(): number {
    this.prune(this.now())
    let sum = 0
    let count = 0
    for (const f of this.frames) {
      sum += f.sumSquares
      count += f.count
    }
    return count === 0 ? 0 : Math.sqrt(sum / count) / 32_768
  }

  get audible(): boolean {
    return this.level >= AUDIBLE_LEVEL
  }

  private prune(at: number): void {
    const from = at - this.windowMs
    let drop = 0
    while (drop < this.frames.length && (this.frames[drop] as { at: number }).at < from) drop++
    if (drop > 0) this.frames = this.frames.slice(drop)
  }
}
