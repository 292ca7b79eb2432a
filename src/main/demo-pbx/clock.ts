/**
 * The demo PBX's sense of time. Everything it does is a task on a Scheduler, so tests can run a
 * whole call centre in virtual time (VirtualClock) while the app runs it in real time (RealClock).
 * Times are PBX-clock milliseconds since the PBX started.
 */
export interface Timer {
  cancel(): void
}

export interface Scheduler {
  now(): number
  /** Runs `task` at PBX time `time` (at once, in order, if that is already past). */
  at(time: number, task: () => void): Timer
  after(ms: number, task: () => void): Timer
}

/** A call's next steps: each runs a little later, unless the call ended (or cancel()) meanwhile. */
export class Steps {
  private timers: Timer[] = []

  constructor(
    private readonly clock: Scheduler,
    private readonly live: () => boolean
  ) {}

  later(ms: number, step: () => void): void {
    this.timers.push(
      this.clock.after(ms, () => {
        if (this.live()) step()
      })
    )
  }

  cancel(): void {
    for (const t of this.timers) t.cancel()
    this.timers = []
  }
}

interface Task {
  time: number
  seq: number
  run: (() => void) | null
}

/** Tasks by (time, order of scheduling): same-time tasks run first-in first-out, so runs are deterministic. */
class TaskQueue {
  private heap: Task[] = []
  private seq = 0

  push(time: number, run: () => void): Task {
    const task: Task = { time, seq: this.seq++, run }
    const heap = this.heap
    heap.push(task)
    let i = heap.length - 1
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (!before(task, heap[parent] as Task)) break
      heap[i] = heap[parent] as Task
      i = parent
    }
    heap[i] = task
    return task
  }

  /** Time of the next live task, dropping cancelled ones on the way. */
  peek(): number | null {
    while (this.heap.length > 0 && (this.heap[0] as Task).run === null) this.pop()
    return this.heap.length > 0 ? (this.heap[0] as Task).time : null
  }

  pop(): Task | undefined {
    const heap = this.heap
    const top = heap[0]
    const last = heap.pop()
    if (top === undefined || last === undefined || heap.length === 0) return top
    let i = 0
    for (;;) {
      const l = 2 * i + 1
      const r = l + 1
      let m = i
      let best = last
      if (l < heap.length && before(heap[l] as Task, best)) {
        m = l
        best = heap[l] as Task
      }
      if (r < heap.length && before(heap[r] as Task, best)) m = r
      if (m === i) break
      heap[i] = heap[m] as Task
      i = m
    }
    heap[i] = last
    return top
  }
}

function before(a: Task, b: Task): boolean {
  return a.time < b.time || (a.time === b.time && a.seq < b.seq)
}

function timerOf(task: Task): Timer {
  return {
    cancel: () => {
      task.run = null
    }
  }
}

/** Time moves only when told to: `advance`/`runUntil` run every task due, at its own time. */
export class VirtualClock implements Scheduler {
  private t = 0
  private readonly queue = new TaskQueue()

  now(): number {
    return this.t
  }

  at(time: number, task: () => void): Timer {
    return timerOf(this.queue.push(Math.max(time, this.t), task))
  }

  after(ms: number, task: () => void): Timer {
    return this.at(this.t + ms, task)
  }

  advance(ms: number): void {
    this.runUntil(this.t + ms)
  }

  runUntil(end: number): void {
    for (let next = this.queue.peek(); next !== null && next <= end; next = this.queue.peek()) {
      const task = this.queue.pop() as Task
      this.t = task.time
      const run = task.run
      task.run = null
      run?.()
    }
    this.t = Math.max(this.t, end)
  }
}

export interface RealClockOptions {
  /** PBX milliseconds per real millisecond (10 = ten times faster than life). */
  speed?: number
}

/**
 * PBX time driven by the wall clock, optionally sped up. One timer waits for the next task; tasks
 * that fall due together run in one go, in order. Not started until `start()`: until then
 * `now()` is 0 (a scenario starts when the first client logs in).
 */
export class RealClock implements Scheduler {
  private readonly speed: number
  private readonly queue = new TaskQueue()
  /** PBX time at `origin`; null before start. */
  private base = 0
  private origin: number | null = null
  private paused = false
  private timer: NodeJS.Timeout | null = null
  /** PBX time the armed timer wakes for. */
  private armedFor = Infinity
  private stopped = false
  /** While a task runs: its own time, so a fast-forward (or a late timer) replays the same as virtual time. */
  private running: number | null = null

  constructor(options: RealClockOptions = {}) {
    this.speed = options.speed ?? 1
  }

  get started(): boolean {
    return this.origin !== null
  }

  now(): number {
    if (this.running !== null) return this.running
    return this.wallNow()
  }

  private wallNow(): number {
    if (this.origin === null || this.paused) return this.base
    return this.base + (performance.now() - this.origin) * this.speed
  }

  at(time: number, task: () => void): Timer {
    const t = this.queue.push(Math.max(time, this.running ?? -Infinity), task)
    // A task due before the armed wake-up (e.g. one an AMI action just scheduled) needs an earlier timer.
    if (this.running === null && t.time < this.armedFor) this.clearTimer()
    this.arm()
    return timerOf(t)
  }

  after(ms: number, task: () => void): Timer {
    return this.at(this.now() + ms, task)
  }

  start(): void {
    if (this.origin !== null || this.stopped) return
    this.origin = performance.now()
    this.pump()
  }

  /** Runs everything due in the next `ms` of PBX time at once (a warm-up before anyone watches). */
  fastForward(ms: number): void {
    this.base += ms
    if (this.origin !== null && !this.paused) this.pump()
  }

  /** Freezes PBX time (tests: a quiet moment to compare floors). */
  pause(): void {
    if (this.paused) return
    this.base = this.wallNow()
    this.paused = true
    this.clearTimer()
  }

  resume(): void {
    if (!this.paused) return
    this.paused = false
    if (this.origin !== null) this.origin = performance.now()
    this.pump()
  }

  stop(): void {
    this.stopped = true
    this.clearTimer()
  }

  private pump(): void {
    this.clearTimer()
    if (this.stopped || this.origin === null || this.paused) return
    for (let next = this.queue.peek(); next !== null && next <= this.wallNow(); next = this.queue.peek()) {
      const task = this.queue.pop() as Task
      const run = task.run
      task.run = null
      this.running = task.time
      try {
        run?.()
      } finally {
        this.running = null
      }
      if (this.stopped || this.paused) return
    }
    this.arm()
  }

  private arm(): void {
    if (this.timer !== null || this.stopped || this.origin === null || this.paused) return
    const next = this.queue.peek()
    if (next === null) return
    const wait = Math.max(0, (next - this.wallNow()) / this.speed)
    this.armedFor = next
    this.timer = setTimeout(() => {
      this.timer = null
      this.armedFor = Infinity
      this.pump()
    }, wait)
    this.timer.unref()
  }

  private clearTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer)
    this.timer = null
    this.armedFor = Infinity
  }
}
