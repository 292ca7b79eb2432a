import { existsSync } from 'node:fs'
import path from 'node:path'
import { chromium } from '@playwright/test'
import { AmiClient } from '../../src/main/ami'
import { devServices } from '../dev-services'
import { startBrowserHost } from '../../src/main/browser-host'
import { startDemoPbx } from '../../src/main/demo-pbx'
import { RENDERER_DIR as RENDERER } from '../build-renderer'

const CHROMIUM = process.env.EARSHOT_CHROMIUM ?? '/usr/bin/chromium'

export interface RendererBench {
  agents: number
  amiEventsPerSec: number
  probes: number
  skippedProbes: number
  eventToDomP50Ms: number
  eventToDomP99Ms: number
  frames: number
  droppedFrames: number
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN
}

/**
 * The renderer path under load: the demo PBX runs `agents` agents at `rate` AMI events/s; Earshot's
 * services (AMI client, engine, 50 ms deltas, IPC over the browser host's WebSocket) feed the real
 * renderer in Chromium. A probe AMI session pauses idle agents whose rows are on screen; latency
 * runs from just before the probe sends QueuePause (the PBX emits QueueMemberPause within a
 * loopback round trip, so this slightly over-counts) to the moment the page's MutationObserver sees
 * that row's status change. Dropped frames are counted from requestAnimationFrame gaps.
 */
export async function benchRenderer(agents: number, rate: number, probes: number): Promise<RendererBench> {
  if (!existsSync(path.join(RENDERER, 'index.html'))) throw new Error('no renderer build: run `npm run build` first')
  const demo = await startDemoPbx({ agents, rate })
  const dev = await devServices({ startDemoPbx: () => Promise.resolve(demo), admin: { name: 'Bench', pin: '2468' } })
  const { services } = dev
  await services.startDemo()
  const host = await startBrowserHost({ router: services.router, rendererDir: RENDERER })
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] })
  const probe = new AmiClient({ url: demo.url, username: demo.username, secret: demo.secret })
  let amiEvents = 0
  probe.on('event', () => {
    amiEvents++
  })
  const ready = new Promise<void>((resolve) => probe.once('ready', () => resolve()))
  probe.start()
  try {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } })
    await page.goto(host.url)
    await page.waitForSelector('tr[data-extension]', { timeout: 30_000 })
    await ready
    // Watch rows' status text and the frame cadence, in the page's own clock (epoch ms).
    // A string, not a function: tsx would wrap a function's inner names in helpers the page lacks.
    await page.evaluate(`(() => {
      window.__changes = []
      window.__frames = []
      new MutationObserver(() => {
        for (const tr of document.querySelectorAll('tr[data-extension]')) {
          window.__changes.push([tr.dataset.extension || '', tr.cells[1] ? tr.cells[1].textContent : '', Date.now()])
        }
      }).observe(document.querySelector('tbody') || document.body, { subtree: true, childList: true, characterData: true })
      const tick = (t) => { window.__frames.push(t); requestAnimationFrame(tick) }
      requestAnimationFrame(tick)
    })()`)
    const started = Date.now()
    const eventsAtStart = amiEvents
    const latencies: number[] = []
    const notMembers = new Set<string>() // supervisor phones are in no queue
    let skipped = 0
    for (let i = 0; i < probes; i++) {
      const visible = await page.evaluate<Array<[string, string]>>(`[...document.querySelectorAll('tr[data-extension]')].map((r) => [r.dataset.extension || '', r.textContent || ''])`)
      // An idle agent: on a call the row shows the call, not the pause (a call outranks paused).
      const target = visible.find(([ext, text]) => text.includes('Idle') && !notMembers.has(ext))?.[0]
      if (target === undefined) break
      const sentAt = Date.now()
      try {
        await probe.send({ Action: 'QueuePause', Interface: `PJSIP/${target}`, Paused: 'true', Reason: 'bench' })
      } catch {
        notMembers.add(target)
        i--
        continue
      }
      // Polled with evaluate (the app's CSP forbids waitForFunction's eval); the time itself was
      // taken by the page's MutationObserver when the row changed, not by this poll.
      const query = `(() => { const hit = window.__changes.find((c) => c[0] === ${JSON.stringify(target)} && c[1].includes('Paused')); return hit ? hit[2] : 0 })()`
      let domAt = 0
      for (const until = Date.now() + 3000; domAt === 0 && Date.now() < until; ) {
        domAt = await page.evaluate<number>(query)
        if (domAt === 0) await new Promise((r) => setTimeout(r, 10))
      }
      // A call may reach the agent between choosing it and pausing it (the call then outranks
      // the pause on screen): such a probe measures nothing and is counted apart.
      if (domAt === 0) skipped++
      else latencies.push(domAt - sentAt)
      await probe.send({ Action: 'QueuePause', Interface: `PJSIP/${target}`, Paused: 'false' })
      await page.evaluate('window.__changes.length = 0')
    }
    const seconds = (Date.now() - started) / 1000
    const frames = await page.evaluate<number[]>('window.__frames')
    if (process.env.EARSHOT_BENCH_DEBUG !== undefined) process.stderr.write(`latencies ${latencies.join(' ')}\nframes ${frames.length} over ${seconds} s\n`)
    let dropped = 0
    for (let i = 1; i < frames.length; i++) dropped += Math.max(0, Math.round(((frames[i] ?? 0) - (frames[i - 1] ?? 0)) / (1000 / 60)) - 1)
    latencies.sort((a, b) => a - b)
    return {
      agents,
      amiEventsPerSec: Math.round((amiEvents - eventsAtStart) / seconds),
      probes: latencies.length,
      skippedProbes: skipped,
      eventToDomP50Ms: Math.round(percentile(latencies, 50)),
      eventToDomP99Ms: Math.round(percentile(latencies, 99)),
      frames: frames.length,
      droppedFrames: dropped
    }
  } finally {
    probe.stop()
    await browser.close()
    await host.close()
    await dev.dispose()
  }
}
