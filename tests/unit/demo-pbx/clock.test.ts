/** The demo's two clocks: virtual time for tests, real (optionally faster) time for the app. */
import { describe, expect, it } from 'vitest'
import { RealClock, VirtualClock } from '../../../src/main/demo-pbx/clock'

describe('VirtualClock', () => {
  it('runs tasks at their own time, same-time tasks in the order they were scheduled, cancelled ones never', () => {
    const clock = new VirtualClock()
    const seen: string[] = []
    clock.at(20, () => seen.push(`b@${clock.now()}`))
    clock.at(10, () => {
      seen.push(`a@${clock.now()}`)
      clock.after(10, () => seen.push(`c@${clock.now()}`)) // same time as b, scheduled later
    })
    clock.at(15, () => seen.push('never')).cancel()
    clock.runUntil(100)
    expect(seen).toEqual(['a@10', 'b@20', 'c@20'])
    expect(clock.now()).toBe(100)
  })
})

describe('RealClock', () => {
  it('is still until started, then runs sped up', async () => {
    const clock = new RealClock({ speed: 100 })
    expect(clock.now()).toBe(0)
    const fired = new Promise<number>((resolve) => clock.at(1000, () => resolve(clock.now())))
    const t0 = Date.now()
    clock.start()
    expect(await fired).toBe(1000) // inside a task, now() is the task's own time
    expect(Date.now() - t0).toBeLessThan(200) // 1 PBX second took ~10 ms
    clock.stop()
  })

  it('fast-forwards like virtual time: each task sees its own time', () => {
    const clock = new RealClock()
    const seen: number[] = []
    clock.start()
    const tick = (): void => {
      seen.push(clock.now())
      if (seen.length < 5) clock.after(1000, tick)
    }
    clock.after(1000, tick)
    clock.fastForward(10_000)
    expect(seen.map((t) => Math.round(t))).toEqual([1000, 2000, 3000, 4000, 5000])
    clock.stop()
  })

  it('wakes for a task scheduled before the one it already waits for', async () => {
    const clock = new RealClock({ speed: 10 })
    clock.start()
    clock.at(60_000, () => undefined) // the armed timer is a minute away
    const early = await new Promise<number>((resolve) => clock.after(50, () => resolve(clock.now())))
    expect(early).toBeLessThan(1000)
    clock.stop()
  })

  it('pause freezes PBX time', async () => {
    const clock = new RealClock({ speed: 50 })
    clock.start()
    clock.pause()
    const t = clock.now()
    await new Promise((r) => setTimeout(r, 20))
    expect(clock.now()).toBe(t)
    clock.resume()
    await new Promise((r) => setTimeout(r, 20))
    expect(clock.now()).toBeGreaterThan(t)
    clock.stop()
  })
})
