import { type ChildProcess, fork } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { chromium } from '@playwright/test'
import { RENDERER_DIR } from '../build-renderer'
import type { ChildMessage, PbxInfo } from './soak-child'
import { procStat, slopePerMinute, type Slope, type SoakOptions } from './soak-stats'

const CHROMIUM = process.env.EARSHOT_CHROMIUM ?? '/usr/bin/chromium'
const CHILD = path.join(import.meta.dirname, 'soak-child.ts')
const SAMPLE_EVERY_MS = 5000

export interface SoakBench {
  minutes: number
  warmupMinutes: number
  agents: number
  targetEventsPerSec: number
  /** AMI events the PBX emitted per second over the measured window (after warm-up). */
  amiEventsPerSec: number
  /** CPU % of one core over the measured window. */
  cpu: { main: number; renderer: number; chromiumOther: number; demoPbx: number }
  /** The page's main thread over the window, % of wall time (Chromium's Performance metrics): all its tasks, and of those script, layout and style. */
  pageThread: { tasks: number; script: number; layout: number; style: number }
  /** Slopes over the samples after warm-up, MB/min (± standard error). */
  slopes: { mainHeap: Slope; mainHeapAfterFullGc: Slope; mainRss: Slope; rendererHeap: Slope; rendererRss: Slope }
  /** Main's heap right after each full GC after warm-up, MB (the points of mainHeapAfterFullGc). */
  mainHeapAfterFullGcMB: number[]
  /** Last sample, MB. */
  last: { mainHeapMB: number; mainRssMB: number; rendererHeapMB: number; rendererRssMB: number }
  samples: number
}

function readStat(pid: number): ReturnType<typeof procStat> | null {
  try {
    return procStat(readFileSync(`/proc/${pid}/stat`, 'utf8'))
  } catch {
    return null // it ended between listing and reading
  }
}

/** Chromium's processes (everything under this one but the two children), split into renderers and the rest. */
function chromiumProcesses(children: number[]): { renderers: number[]; others: number[] } {
  const byParent = new Map<number, number[]>()
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue
    const stat = readStat(Number(name))
    if (stat !== null) byParent.set(stat.ppid, [...(byParent.get(stat.ppid) ?? []), stat.pid])
  }
  const renderers: number[] = []
  const others: number[] = []
  const queue = (byParent.get(process.pid) ?? []).filter((pid) => !children.includes(pid))
  for (let pid = queue.shift(); pid !== undefined; pid = queue.shift()) {
    queue.push(...(byParent.get(pid) ?? []))
    let cmdline = ''
    try {
      cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8')
    } catch {
      continue
    }
    if (cmdline.includes('--type=renderer')) renderers.push(pid)
    else others.push(pid)
  }
  return { renderers, others }
}

/** CPU seconds so far by pid. */
function cpuTimes(pids: number[]): Map<number, number> {
  const out = new Map<number, number>()
  for (const pid of pids) {
    const stat = readStat(pid)
    if (stat !== null) out.set(pid, stat.cpuSeconds)
  }
  return out
}

/** CPU used between two readings; a process born in between counts from 0 (one that ended is lost). */
function cpuBetween(before: Map<number, number>, after: Map<number, number>): number {
  let sum = 0
  for (const [pid, seconds] of after) sum += seconds - (before.get(pid) ?? 0)
  return sum
}

export function forkChild(args: string[]): ChildProcess {
  return fork(CHILD, args, { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
}

export function nextMessage<K extends ChildMessage['kind']>(child: ChildProcess, kind: K): Promise<Extract<ChildMessage, { kind: K }>> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: ChildMessage): void => {
      if (m.kind !== kind) return
      child.off('message', onMessage)
      child.off('exit', onExit)
      resolve(m as Extract<ChildMessage, { kind: K }>)
    }
    const onExit = (code: number | null): void => reject(new Error(`soak: a child process exited (${code}) before sending ${kind}`))
    child.on('message', onMessage)
    child.once('exit', onExit)
  })
}

function ask(child: ChildProcess): Promise<Extract<ChildMessage, { kind: 'sample' }>> {
  const answer = nextMessage(child, 'sample')
  child.send({ kind: 'sample' })
  return answer
}

export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.disconnect()
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000)
  await exited
  clearTimeout(timer)
}

const round1 = (x: number): number => Math.round(x * 10) / 10
const mb = (bytes: number): number => round1(bytes / 1e6)

/**
 * The demo floor for `minutes`, with the renderer open in Chromium. Three processes, so each
 * figure is one program's: the demo PBX (a child), Earshot's main-process services and browser
 * host (another child: "main"), and Chromium (launched here; the page's renderer process is "renderer").
 * CPU comes from /proc/<pid>/stat over the window after warm-up; memory is sampled every 5 s.
 */
export async function benchSoak(options: SoakOptions, progress: (line: string) => void = () => {}): Promise<SoakBench> {
  if (!existsSync(path.join(RENDERER_DIR, 'index.html'))) throw new Error('no renderer build: run `npm run build` first')
  const pbx = forkChild(['pbx', String(options.agents), String(options.rate)])
  const host = forkChild(['host'])
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] })
  try {
    const info: PbxInfo = (await nextMessage(pbx, 'pbx')).info
    const hosted = nextMessage(host, 'host')
    host.send({ kind: 'pbx', info })
    const { url } = await hosted
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } })
    await page.goto(url)
    await page.waitForSelector('tr[data-extension]', { timeout: 60_000 })
    const cdp = await page.context().newCDPSession(page)
    await cdp.send('Performance.enable')
    const metric = async (name: string): Promise<number> => {
      const { metrics } = await cdp.send('Performance.getMetrics')
      return metrics.find((m) => m.name === name)?.value ?? NaN
    }
    const rendererHeap = (): Promise<number> => metric('JSHeapUsedSize')
    const THREAD = { tasks: 'TaskDuration', script: 'ScriptDuration', layout: 'LayoutDuration', style: 'RecalcStyleDuration' } as const
    const threadTimes = async (): Promise<Record<keyof typeof THREAD, number>> => {
      const { metrics } = await cdp.send('Performance.getMetrics')
      const get = (name: string): number => metrics.find((m) => m.name === name)?.value ?? NaN
      return { tasks: get(THREAD.tasks), script: get(THREAD.script), layout: get(THREAD.layout), style: get(THREAD.style) }
    }
    let threadAtWindow: Record<keyof typeof THREAD, number> | null = null
    const profiling = options.profileDir
    if (profiling !== null) mkdirSync(profiling, { recursive: true })
    const childPids = [pbx.pid ?? -1, host.pid ?? -1]
    // "Renderer" is the page's renderer process: the one that has worked most by the time the rows
    // show, and again the one that worked most over the warm-up (one run picked another at load and
    // printed 0 %). Chromium's own (a WebUI renderer, the GPU process, the browser) count as Chromium's other.
    const loaded = cpuTimes(chromiumProcesses(childPids).renderers)
    const busiest = (since: Map<number, number>, now: Map<number, number>): number =>
      [...now].map(([pid, s]) => [pid, s - (since.get(pid) ?? 0)] as const).sort((a, b) => b[1] - a[1])[0]?.[0] ?? -1
    let pageRenderer = busiest(new Map(), loaded)

    const started = Date.now()
    const warmupMs = options.warmupMinutes * 60_000
    const endMs = options.minutes * 60_000
    type Sample = { atMs: number; mainHeap: number; mainRss: number; rendererHeap: number; rendererRss: number }
    const samples: Sample[] = []
    const afterGc: Array<{ atMs: number; bytes: number }> = []
    let window: { atMs: number; events: number; cpu: Map<number, number>; roles: ReturnType<typeof chromiumProcesses> } | null = null
    let lastProgress = 0
    const readCpu = (): { cpu: Map<number, number>; roles: ReturnType<typeof chromiumProcesses> } => {
      const roles = chromiumProcesses(childPids)
      return { roles, cpu: cpuTimes([...childPids, ...roles.renderers, ...roles.others]) }
    }
    let end: { atMs: number; events: number; cpu: Map<number, number>; roles: ReturnType<typeof chromiumProcesses> } | null = null
    for (;;) {
      const atMs = Date.now() - started
      if (window === null && atMs >= warmupMs) {
        window = { atMs, events: (await ask(pbx)).events, ...readCpu() }
        pageRenderer = busiest(loaded, cpuTimes(window.roles.renderers))
        threadAtWindow = await threadTimes()
        if (profiling !== null) {
          host.send({ kind: 'profile-start' })
          await cdp.send('Profiler.enable')
          await cdp.send('Profiler.start')
        }
      }
      const main = await ask(host)
      for (const g of main.afterFullGc) afterGc.push({ atMs: g.atEpochMs - started, bytes: g.heapUsed })
      const rendererRss = readStat(pageRenderer)?.rssBytes ?? NaN
      samples.push({ atMs, mainHeap: main.heapUsed, mainRss: main.rss, rendererHeap: await rendererHeap(), rendererRss })
      if (atMs - lastProgress >= 60_000) {
        lastProgress = atMs
        progress(`soak: ${round1(atMs / 60_000)} of ${options.minutes} min, main heap ${mb(main.heapUsed)} MB, renderer heap ${mb(samples.at(-1)?.rendererHeap ?? NaN)} MB`)
      }
      if (atMs >= endMs && window !== null) {
        end = { atMs, events: (await ask(pbx)).events, ...readCpu() }
        break
      }
      // On a 5 s grid from the start, whatever the sampling itself took.
      const nextMs = Math.min(endMs, (Math.floor((Date.now() - started) / SAMPLE_EVERY_MS) + 1) * SAMPLE_EVERY_MS)
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, nextMs - (Date.now() - started))))
    }

    const seconds = (end.atMs - window.atMs) / 1000
    const threadAtEnd = await threadTimes()
    const threadPct = (key: keyof typeof THREAD): number => round1((((threadAtEnd[key] ?? NaN) - (threadAtWindow?.[key] ?? NaN)) / seconds) * 100)
    if (profiling !== null) {
      const { profile } = await cdp.send('Profiler.stop')
      writeFileSync(path.join(profiling, 'renderer.cpuprofile'), JSON.stringify(profile))
      const profiled = nextMessage(host, 'profiled')
      host.send({ kind: 'profile-stop', file: path.join(profiling, 'main.cpuprofile') })
      await profiled
      progress(`soak: CPU profiles written to ${profiling}`)
    }
    const pct = (pids: number[]): number => {
      const pick = (m: Map<number, number>): Map<number, number> => new Map([...m].filter(([pid]) => pids.includes(pid)))
      return round1((cpuBetween(pick(window.cpu), pick(end.cpu)) / seconds) * 100)
    }
    const after = samples.filter((s) => s.atMs >= warmupMs)
    const fitPoints = (points: Array<{ atMs: number; bytes: number }>): Slope => {
      const s = slopePerMinute(points)
      return { mbPerMinute: Math.round(s.mbPerMinute * 100) / 100, errorMbPerMinute: Math.round(s.errorMbPerMinute * 100) / 100 }
    }
    const fit = (key: Exclude<keyof Sample, 'atMs'>): Slope => fitPoints(after.map((x) => ({ atMs: x.atMs, bytes: x[key] })))
    const gcAfter = afterGc.filter((g) => g.atMs >= warmupMs)
    const last = samples.at(-1)
    return {
      minutes: options.minutes,
      warmupMinutes: options.warmupMinutes,
      agents: options.agents,
      targetEventsPerSec: options.rate,
      amiEventsPerSec: Math.round((end.events - window.events) / seconds),
      cpu: {
        main: pct([host.pid ?? -1]),
        renderer: pct([pageRenderer]),
        chromiumOther: pct([...end.roles.renderers, ...end.roles.others].filter((pid) => pid !== pageRenderer)),
        demoPbx: pct([pbx.pid ?? -1])
      },
      pageThread: { tasks: threadPct('tasks'), script: threadPct('script'), layout: threadPct('layout'), style: threadPct('style') },
      slopes: { mainHeap: fit('mainHeap'), mainHeapAfterFullGc: fitPoints(gcAfter), mainRss: fit('mainRss'), rendererHeap: fit('rendererHeap'), rendererRss: fit('rendererRss') },
      last: { mainHeapMB: mb(last?.mainHeap ?? NaN), mainRssMB: mb(last?.mainRss ?? NaN), rendererHeapMB: mb(last?.rendererHeap ?? NaN), rendererRssMB: mb(last?.rendererRss ?? NaN) },
      mainHeapAfterFullGcMB: gcAfter.map((g) => mb(g.bytes)),
      samples: after.length
    }
  } finally {
    await browser.close()
    await stopChild(host)
    await stopChild(pbx)
  }
}
