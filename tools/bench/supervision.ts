/**
 * Click → first remote audio: the real chain on loopback. The demo PBX (living floor) and
 * Earshot's services run in this process; Debian's Chromium runs the renderer and its SIP.js
 * softphone (fake microphone). Each round clicks Listen on a talking agent, in the page, and
 * measures in the page until the softphone's remote audio rises above silence (WebAudio RMS); the
 * demo PBX's SIP trace splits the time into its phases. Then End, and the next round.
 * Run it where WebRTC may use loopback only (`bash tests/run-all.sh …` makes such a namespace).
 */
import { existsSync } from 'node:fs'
import path from 'node:path'
import { chromium } from '@playwright/test'
import { startBrowserHost } from '../../src/main/browser-host'
import { startDemoPbx } from '../../src/main/demo-pbx'
import { RENDERER_DIR as RENDERER } from '../build-renderer'
import { devServices } from '../dev-services'

const CHROMIUM = process.env.EARSHOT_CHROMIUM ?? '/usr/bin/chromium'

export interface SupervisionBench {
  rounds: number
  clickToAudioMedianMs: number
  clickToAudioMaxMs: number
  /** Median time from the click to each step (the demo PBX's clock: same machine). */
  phasesMedianMs: { invite: number; answered: number; firstAudioSent: number }
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted.length === 0 ? NaN : (sorted[Math.floor((sorted.length - 1) / 2)] ?? NaN)
}

/** In the page: click Listen on the first talking row nobody supervises; resolve with [clickedAt, heardAt] (epoch ms). */
const LISTEN_AND_WAIT = `new Promise((resolve, reject) => {
  const rows = [...document.querySelectorAll('tr[data-extension]')].filter((r) => /Talking/.test(r.textContent) && !/2001/.test(r.textContent))
  const button = rows.map((r) => r.querySelector('button[aria-label^="Listen"], button[title^="Listen"]') || [...r.querySelectorAll('button')].find((b) => /^Listen/.test(b.textContent.trim()))).find((b) => b && b.getAttribute('aria-disabled') !== 'true')
  if (!button) return reject(new Error('no talking agent to listen to'))
  const clickedAt = Date.now()
  button.click()
  let probe = null
  const timer = setInterval(() => {
    const audio = document.querySelector('[data-testid="remote-audio"]')
    const stream = audio && audio.srcObject
    if (!stream || stream.getAudioTracks().length === 0) return
    if (!probe || probe.stream !== stream) {
      const ctx = new AudioContext()
      const analyser = ctx.createAnalyser()
      analyser.fftSize = 256
      ctx.createMediaStreamSource(stream).connect(analyser)
      probe = { stream, analyser, data: new Float32Array(analyser.fftSize) }
    }
    probe.analyser.getFloatTimeDomainData(probe.data)
    let sum = 0
    for (const v of probe.data) sum += v * v
    if (Math.sqrt(sum / probe.data.length) > 0.01) {
      clearInterval(timer)
      resolve([clickedAt, Date.now()])
    }
    if (Date.now() - clickedAt > 10000) {
      clearInterval(timer)
      reject(new Error('no remote audio within 10 s'))
    }
  }, 2)
})`

export async function benchSupervision(rounds: number): Promise<SupervisionBench> {
  if (!existsSync(path.join(RENDERER, 'index.html'))) throw new Error('no renderer build: run `npm run build` first')
  const trace: { at: number; dir: 'in' | 'out'; first: string }[] = []
  const demo = await startDemoPbx({ agents: 12, sipTrace: (dir, text) => trace.push({ at: Date.now(), dir, first: text.slice(0, text.indexOf('\r\n')) }) })
  const dev = await devServices({ startDemoPbx: () => Promise.resolve(demo), admin: { name: 'Bench', pin: '2468' } })
  await dev.services.startDemo()
  const host = await startBrowserHost({ router: dev.services.router, rendererDir: RENDERER })
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--allow-loopback-in-peer-connection', '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', '--autoplay-policy=no-user-gesture-required']
  })
  const totals: number[] = []
  const phases = { invite: [] as number[], answered: [] as number[], firstAudioSent: [] as number[] }
  try {
    const page = await browser.newPage()
    await page.goto(host.url)
    await page.waitForSelector('[data-testid="softphone-status"][data-state="registered"]', { timeout: 20_000 })
    for (let round = 0; round < rounds; round++) {
      await page.waitForSelector('tr[data-extension]:has-text("Talking")', { timeout: 30_000 })
      trace.length = 0
      const [clickedAt, heardAt] = await page.evaluate<[number, number]>(LISTEN_AND_WAIT)
      totals.push(heardAt - clickedAt)
      const invite = trace.find((t) => t.dir === 'out' && t.first.startsWith('INVITE '))
      const ok = trace.find((t) => t.dir === 'in' && t.first.startsWith('SIP/2.0 200') && invite !== undefined && t.at >= invite.at)
      const sent = demo.supervision().find((leg) => leg.supervisorExtension === '2001')?.firstAudioSentAt ?? null
      if (invite !== undefined) phases.invite.push(invite.at - clickedAt)
      if (ok !== undefined) phases.answered.push(ok.at - clickedAt)
      if (sent !== null) phases.firstAudioSent.push(sent - clickedAt)
      await page.click('[data-testid="call-bar"] button:has-text("End")')
      await page.waitForSelector('[data-testid="call-bar"]', { state: 'detached', timeout: 10_000 })
    }
  } finally {
    await browser.close()
    await host.close()
    await dev.dispose()
  }
  return {
    rounds,
    clickToAudioMedianMs: median(totals),
    clickToAudioMaxMs: Math.max(...totals),
    phasesMedianMs: { invite: median(phases.invite), answered: median(phases.answered), firstAudioSent: median(phases.firstAudioSent) }
  }
}
