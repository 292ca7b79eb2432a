/**
 * The soak benchmark's arithmetic (`npm run bench -- --soak MINUTES`): CPU read from real
 * /proc/<pid>/stat files, slopes fitted to memory samples, and the flags that set the floor's
 * size and AMI event rate. The soak itself runs only when asked (it takes minutes).
 */
import { spawn } from 'node:child_process'
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { parseSoakOptions, procStat, slopePerMinute } from '../../../tools/bench/soak-stats'

const cleanups: Array<() => void> = []
afterEach(() => {
  for (const c of cleanups.splice(0)) c()
})

describe('procStat', () => {
  it('reads this process’s own CPU time as the kernel counts it', () => {
    const before = process.cpuUsage()
    const first = procStat(readFileSync('/proc/self/stat', 'utf8'))
    // Burn CPU on purpose: the kernel's count must move with Node's own.
    let x = 0
    for (let i = 0; i < 30_000_000; i++) x = (x + i * i) % 1_000_003
    const second = procStat(readFileSync('/proc/self/stat', 'utf8'))
    const used = process.cpuUsage(before)
    expect(x).toBeGreaterThanOrEqual(0)
    expect(first.pid).toBe(process.pid)
    expect(first.ppid).toBe(process.ppid)
    const kernelSeconds = second.cpuSeconds - first.cpuSeconds
    const nodeSeconds = (used.user + used.system) / 1e6
    expect(nodeSeconds).toBeGreaterThan(0.02)
    // Clock ticks are 10 ms: the two counts agree to within a few ticks.
    expect(Math.abs(kernelSeconds - nodeSeconds)).toBeLessThan(0.05)
    expect(second.rssBytes).toBeGreaterThan(10e6)
  })

  it('finds the fields after a command name that holds spaces and parentheses', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'earshot-soak-'))
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
    const odd = path.join(dir, 'x) 1 2 (y')
    copyFileSync('/bin/sleep', odd)
    const child = spawn(odd, ['5'], { stdio: 'ignore' })
    cleanups.push(() => child.kill())
    await new Promise((resolve) => child.once('spawn', resolve))
    const text = readFileSync(`/proc/${child.pid}/stat`, 'utf8')
    expect(text).toContain('(x) 1 2 (y)')
    const stat = procStat(text)
    expect(stat.pid).toBe(child.pid)
    expect(stat.ppid).toBe(process.pid)
    expect(stat.cpuSeconds).toBeGreaterThanOrEqual(0)
    expect(stat.cpuSeconds).toBeLessThan(1)
  })
})

describe('slopePerMinute', () => {
  it('fits a steady leak in MB per minute', () => {
    // 2 MB a minute sampled every 5 s for 10 minutes, with a GC-like sawtooth on top.
    const samples = Array.from({ length: 121 }, (_, i) => ({ atMs: i * 5000, bytes: 80e6 + (i * 5000 * 2e6) / 60_000 + (i % 6) * 3e6 }))
    const fit = slopePerMinute(samples)
    expect(fit.mbPerMinute).toBeCloseTo(2, 1)
    expect(fit.errorMbPerMinute).toBeGreaterThan(0)
    expect(fit.errorMbPerMinute).toBeLessThan(0.2)
  })

  it('calls a flat sawtooth flat, and says how sure it is', () => {
    const samples = Array.from({ length: 24 }, (_, i) => ({ atMs: 60_000 + i * 5000, bytes: 120e6 + (i % 4) * 10e6 }))
    const fit = slopePerMinute(samples)
    expect(Math.abs(fit.mbPerMinute)).toBeLessThan(fit.errorMbPerMinute * 2)
    expect(fit.errorMbPerMinute).toBeGreaterThan(0)
  })

  it('gives no slope from fewer than three samples', () => {
    expect(slopePerMinute([{ atMs: 0, bytes: 1 }, { atMs: 1000, bytes: 2 }]).mbPerMinute).toBeNaN()
  })
})

describe('parseSoakOptions', () => {
  it('is off unless asked, and defaults to 1,000 agents at 2,000 events/s', () => {
    expect(parseSoakOptions({})).toBeNull()
    expect(parseSoakOptions({ soak: '3' })).toEqual({ minutes: 3, warmupMinutes: 1, agents: 1000, rate: 2000, profileDir: null })
    // Warm-up: a third of the soak, at most 5 minutes.
    expect(parseSoakOptions({ soak: '20', agents: '500', rate: '800' })).toEqual({ minutes: 20, warmupMinutes: 5, agents: 500, rate: 800, profileDir: null })
    expect(parseSoakOptions({ soak: '10', warmup: '2.5' })?.warmupMinutes).toBe(2.5)
    expect(parseSoakOptions({ soak: '3', profile: '/tmp/soak-profiles' })?.profileDir).toBe('/tmp/soak-profiles')
  })

  it('refuses what cannot run', () => {
    expect(() => parseSoakOptions({ soak: '0' })).toThrow(/--soak/)
    expect(() => parseSoakOptions({ soak: 'ten' })).toThrow(/--soak/)
    expect(() => parseSoakOptions({ soak: '3', warmup: '3' })).toThrow(/--warmup/)
    expect(() => parseSoakOptions({ soak: '3', agents: '0' })).toThrow(/--agents/)
    expect(() => parseSoakOptions({ soak: '3', agents: '1.5' })).toThrow(/--agents/)
    expect(() => parseSoakOptions({ soak: '3', rate: '-1' })).toThrow(/--rate/)
  })
})
