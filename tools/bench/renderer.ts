import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { chromium, type Page } from '@playwright/test'
import { AmiClient } from '../../src/main/ami'
import { RENDERER_DIR as RENDERER } from '../build-renderer'
import { forkChild, nextMessage, stopChild } from './soak'

const CHROMIUM = process.env.EARSHOT_CHROMIUM ?? '/usr/bin/chromium'

/** What the page shows while measured: the floor's table, or the wallboard (F11). */
export type RendererView = 'table' | 'wallboard'

export interface RendererBenchOptions {
  agents: number
  /** Queues on the demo floor (each agent in two); undefined = the demo's support and sales. */
  queues?: number
  /** AMI events per second the demo PBX aims at. */
  rate: number
  /** Probes per view. */
  probes: number
  /** Measured one after the other on the same floor and page. */
  views: readonly RendererView[]
  /** Writes CPU profiles of the page and of Earshot's main (its own process) over each view's probes here (`--profile DIR`), or null. */
  profileDir?: string | null
}

export interface RendererBench {
  view: RendererView
  agents: number
  queues: number
  amiEventsPerSec: number
  probes: number
  skippedProbes: number
  /** Probes whose pause had not shown after PROBE_WAIT_MS, with no call on the agent and the agent still on screen: counted in the percentiles as PROBE_WAIT_MS (a lower bound). */
  timedOutProbes: number
  eventToDomP50Ms: number
  eventToDomP99Ms: number
  frames: number
  droppedFrames: number
  /** The page's main thread over the probes, % of wall time (Chromium's Performance metrics). */
  pageThread: { tasks: number; script: number; layout: number; style: number }
}

/** Where each view shows an agent, and its status text within. */
const VIEW_DOM: Readonly<Record<RendererView, { item: string; status: string }>> = {
  table: { item: 'tr[data-extension]', status: 'td.col-status' },
  wallboard: { item: '.wb-agent[data-extension]', status: '.wb-agent-label' }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * The renderer path under load: the demo PBX (its own process, so its simulation is not charged to
 * Earshot) runs `agents` agents in `queues` queues at `rate` AMI events/s; Earshot's services (AMI
 * client, engine, deltas per frame, IPC over the browser host's WebSocket), in a third process,
 * feed the real renderer in Chromium. For each view, a probe AMI session pauses idle agents shown on screen; latency runs
 * from just before the probe sends QueuePause (the PBX emits QueueMemberPause within a loopback
 * round trip, so this slightly over-counts) to the moment the page's MutationObserver sees that
 * agent's status change in the DOM. Dropped frames are counted from requestAnimationFrame gaps
 * over the probes.
 */
export async function benchRenderer(options: RendererBenchOptions): Promise<RendererBench[]> {
  if (!existsSync(path.join(RENDERER, 'index.html'))) throw new Error('no renderer build: run `npm run build` first')
  const { agents, rate, probes } = options
  const pbx = forkChild(['pbx', String(agents), String(rate), ...(options.queues === undefined ? [] : [String(options.queues)])])
  // Earshot's main (services, browser host) in a process of its own, as the soak runs it: this
  // process drives Chromium and probes, and that work (Playwright's calls, CDP's messages) is no
  // part of main in the app.
  const host = forkChild(['host'])
  let probe: AmiClient | null = null
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] })
  try {
    const info = (await nextMessage(pbx, 'pbx')).info
    const hosted = nextMessage(host, 'host')
    host.send({ kind: 'pbx', info })
    const { url } = await hosted
    const ami = new AmiClient({ url: info.url, username: info.username, secret: info.secret })
    probe = ami
    let amiEvents = 0
    ami.on('event', () => {
      amiEvents++
    })
    const ready = new Promise<void>((resolve) => ami.once('ready', () => resolve()))
    ami.start()
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } })
    await page.goto(url)
    await page.waitForSelector(VIEW_DOM.table.item, { timeout: 60_000 })
    await ready
    // The queue strip comes with the first delta that carries the queues: measured without it, a
    // run would be lighter than the floor it claims (one printed "0 queues").
    const expectedQueues = options.queues ?? 2
    // (Polled before measuring: the app's CSP forbids waitForFunction's eval.)
    for (const until = Date.now() + 30_000; (await page.locator('.queue-tile').count()) < expectedQueues && Date.now() < until; ) await sleep(100)
    const queues = await page.locator('.queue-tile').count()
    const results: RendererBench[] = []
    for (const view of options.views) {
      if (!(await show(page, view))) {
        process.stderr.write(`renderer bench: no ${view} on the page (F11 showed none), not measured\n`)
        continue
      }
      const profiling = options.profileDir ?? null
      const cdp = profiling === null ? null : await page.context().newCDPSession(page)
      if (cdp !== null) {
        await cdp.send('Profiler.enable')
        await cdp.send('Profiler.start')
        host.send({ kind: 'profile-start' })
      }
      const metrics = await page.context().newCDPSession(page)
      await metrics.send('Performance.enable')
      const thread = async (): Promise<Record<string, number>> => Object.fromEntries((await metrics.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]))
      const threadBefore = await thread()
      const eventsAtStart = amiEvents
      const started = Date.now()
      const measured = await runProbes(page, ami, view, probes)
      const seconds = (Date.now() - started) / 1000
      if (cdp !== null && profiling !== null) {
        const { profile } = await cdp.send('Profiler.stop')
        mkdirSync(profiling, { recursive: true })
        writeFileSync(path.join(profiling, `renderer-${agents}-${view}.cpuprofile`), JSON.stringify(profile))
        await cdp.detach()
        const profiled = nextMessage(host, 'profiled')
        host.send({ kind: 'profile-stop', file: path.join(profiling, `main-${agents}-${view}.cpuprofile`) })
        await profiled
      }
      const frames = await page.evaluate<number[]>('window.__frames')
      const threadAfter = await thread()
      await metrics.detach()
      // The page's main thread over the probes, % of wall time: all its tasks, and of those script, layout and style (the rest: paint, parsing, ...).
      const share = (name: string): number => Math.round((((threadAfter[name] ?? NaN) - (threadBefore[name] ?? NaN)) / seconds) * 1000) / 10
      const pageThread = { tasks: share('TaskDuration'), script: share('ScriptDuration'), layout: share('LayoutDuration'), style: share('RecalcStyleDuration') }
      if (process.env.EARSHOT_BENCH_DEBUG !== undefined) {
        const origin = await page.evaluate<number>('performance.timeOrigin')
        // Each dropped frame's gap, at its epoch ms modulo 10 s (a paged wallboard turns at 0).
        const gaps = frames.flatMap((t, i) => (i > 0 && t - (frames[i - 1] ?? t) > 25 ? [`${Math.round(t - (frames[i - 1] ?? t))}ms@${Math.round(origin + t) % 10_000}`] : []))
        process.stderr.write(`${agents} ${view}: latencies ${measured.latencies.join(' ')}\nframes ${frames.length} over ${seconds} s; gaps ${gaps.join(' ')}\n`)
      }
      let dropped = 0
      for (let i = 1; i < frames.length; i++) dropped += Math.max(0, Math.round(((frames[i] ?? 0) - (frames[i - 1] ?? 0)) / (1000 / 60)) - 1)
      const latencies = [...measured.latencies].sort((a, b) => a - b)
      results.push({
        view,
        agents,
        queues,
        amiEventsPerSec: Math.round((amiEvents - eventsAtStart) / seconds),
        probes: latencies.length,
        skippedProbes: measured.skipped,
        timedOutProbes: measured.timedOut,
        eventToDomP50Ms: Math.round(percentile(latencies, 50)),
        eventToDomP99Ms: Math.round(percentile(latencies, 99)),
        frames: frames.length,
        droppedFrames: dropped,
        pageThread
      })
    }
    return results
  } finally {
    probe?.stop()
    await browser.close()
    await stopChild(host)
    await stopChild(pbx)
  }
}

/**
 * Puts the page in `view` (F11 toggles the wallboard), lets its first render and a second of
 * ticking pass, then starts watching: the probe's agent's status text (in the page's own clock,
 * epoch ms) and the frame cadence.
 */
async function show(page: Page, view: RendererView): Promise<boolean> {
  const wallboardOn = (await page.locator('.wallboard').count()) > 0
  if ((view === 'wallboard') !== wallboardOn) await page.keyboard.press('F11')
  try {
    await page.waitForSelector(VIEW_DOM[view].item, { timeout: 30_000 })
  } catch {
    return false
  }
  await sleep(2000)
  // A string, not a function: tsx would wrap a function's inner names in helpers the page lacks.
  await page.evaluate(`(() => {
    const item = ${JSON.stringify(VIEW_DOM[view].item)}
    const status = ${JSON.stringify(VIEW_DOM[view].status)}
    if (window.__observer) window.__observer.disconnect()
    window.__target = ''
    window.__waiter = null
    window.__changes = []
    window.__frames = []
    // Only the probe's agent is recorded: the wallboard ticks thousands of tiles a second.
    window.__observer = new MutationObserver((records) => {
      const at = Date.now()
      for (const r of records) {
        const node = r.target.nodeType === 1 ? r.target : r.target.parentElement
        const host = node && node.closest(item)
        const hosts = host ? [host] : [...r.addedNodes].filter((n) => n.nodeType === 1 && n.matches(item))
        for (const h of hosts) {
          if (h.dataset.extension !== window.__target) continue
          const cell = h.querySelector(status)
          const text = cell ? cell.textContent : ''
          window.__changes.push([h.dataset.extension, text, at])
          if (window.__waiter && text.includes('Paused')) window.__waiter(at)
        }
      }
    })
    window.__observer.observe(document.body, { subtree: true, childList: true, characterData: true })
    if (!window.__ticking) {
      window.__ticking = true
      const tick = (t) => { window.__frames.push(t); requestAnimationFrame(tick) }
      requestAnimationFrame(tick)
    }
  })()`)
  return true
}

/** How long a probe waits for its pause to show. */
const PROBE_WAIT_MS = 3000
/** Probing stops after this long per view, however many probes are done (a page too slow to keep up would take many minutes). */
const VIEW_BUDGET_MS = 45_000

async function runProbes(page: Page, probe: AmiClient, view: RendererView, probes: number): Promise<{ latencies: number[]; skipped: number; timedOut: number }> {
  const { item, status } = VIEW_DOM[view]
  const latencies: number[] = []
  const notMembers = new Set<string>() // supervisor phones are in no queue
  let skipped = 0
  let timedOut = 0
  const until = Date.now() + VIEW_BUDGET_MS
  for (let i = 0; i < probes && Date.now() < until; i++) {
    // An idle agent: on a call the agent shows the call, not the pause (a call outranks paused).
    // Chosen in the page, which hands back one extension: handing back every item on screen (a
    // thousand wallboard tiles) serialised them all in one task on the main thread this measures,
    // and that task alone cost the wallboard frames.
    const target = await page.evaluate<string | null>(`(() => {
      const skip = new Set(${JSON.stringify([...notMembers])})
      for (const e of document.querySelectorAll(${JSON.stringify(item)})) {
        const ext = e.dataset.extension || ''
        if (!skip.has(ext) && ((e.querySelector(${JSON.stringify(status)}) || {}).textContent || '').startsWith('Idle')) return ext
      }
      return null
    })()`)
    if (target === null) {
      // Nobody idle on screen right now (the demo's opening burst rings many at once): look again shortly.
      await sleep(250)
      i--
      continue
    }
    await page.evaluate(`window.__target = ${JSON.stringify(target)}; window.__changes.length = 0`)
    const sentAt = Date.now()
    try {
      await probe.send({ Action: 'QueuePause', Interface: `PJSIP/${target}`, Paused: 'true', Reason: 'bench' })
    } catch {
      notMembers.add(target)
      i--
      continue
    }
    // One evaluate per probe that the page's MutationObserver settles when the DOM changed (with
    // the time it saw the change), or 0 after PROBE_WAIT_MS: polling the page every few ms, as this
    // did before, put the bench's own work on the main thread it measures. (A string: the app's
    // CSP forbids waitForFunction's eval.)
    const domAt = await page.evaluate<number>(`new Promise((resolve) => {
      const hit = window.__changes.find((c) => c[1].includes('Paused'))
      if (hit) return resolve(hit[2])
      const timer = setTimeout(() => { window.__waiter = null; resolve(0) }, ${PROBE_WAIT_MS})
      window.__waiter = (at) => { clearTimeout(timer); window.__waiter = null; resolve(at) }
    })`)
    // A call may reach the agent between choosing it and pausing it (the call then outranks
    // the pause on screen): such a probe measures nothing and is counted apart. Without a call on
    // screen, the page is that slow: counted at the wait, a lower bound.
    if (domAt !== 0) latencies.push(domAt - sentAt)
    else {
      const shownNow = await page.evaluate<string | null>(`((e) => e ? (e.querySelector(${JSON.stringify(status)}) || {}).textContent || '' : null)(document.querySelector(${JSON.stringify(`${item.replace(/\]$/, '')}="${target}"]`)}))`)
      // Off screen now (a paged wallboard turned its page), or on a call: nothing measured.
      if (shownNow === null || /Ringing|Talking/.test(shownNow)) skipped++
      else {
        timedOut++
        latencies.push(PROBE_WAIT_MS)
      }
    }
    await probe.send({ Action: 'QueuePause', Interface: `PJSIP/${target}`, Paused: 'false' })
  }
  return { latencies, skipped, timedOut }
}
