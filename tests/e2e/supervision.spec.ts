/**
 * Listen, Whisper and Barge for real: Chromium (fake microphone) runs the SIP.js softphone, which
 * registers with the demo PBX over WebSocket; a click originates the leg over AMI, the demo PBX
 * INVITEs the softphone, which auto-answers, and WebRTC audio flows on loopback. The demo PBX
 * reports the mode and who hears the supervisor.
 */
import net from 'node:net'
import { expect, type Page, test } from '@playwright/test'
import { type RunningHost, startHost } from './host'

let host: RunningHost | null = null
test.afterEach(async () => {
  await host?.stop()
  host = null
})

interface LegReport {
  supervisorExtension: string
  spyerChannel: string
  spyeeChannel: string | null
  agentExtension: string
  mode: 'listen' | 'whisper' | 'barge'
  heardBy: ('agent' | 'customer')[]
  phase: string
  phone: string
  supervisorAudio: { packets: number; audible: boolean; level: number }
  mediaConnected: boolean
}

async function freePort(): Promise<number> {
  const server = net.createServer()
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const { port } = server.address() as net.AddressInfo
  await new Promise<void>((r) => server.close(() => r()))
  return port
}

async function report(sipPort: number): Promise<LegReport[]> {
  const res = await fetch(`http://127.0.0.1:${sipPort}/demo/supervision`)
  return (await res.json()) as LegReport[]
}

/** The remote audio's RMS level in the page, measured with WebAudio on the element's stream. */
const LEVEL_PROBE = `(() => {
  const audio = document.querySelector('[data-testid="remote-audio"]')
  const stream = audio && audio.srcObject
  if (!stream || stream.getAudioTracks().length === 0) return 0
  if (!window.__probe || window.__probe.stream !== stream) {
    const ctx = new AudioContext()
    const analyser = ctx.createAnalyser()
    analyser.fftSize = 2048
    ctx.createMediaStreamSource(stream).connect(analyser)
    window.__probe = { stream, analyser, data: new Float32Array(analyser.fftSize) }
  }
  const p = window.__probe
  p.analyser.getFloatTimeDomainData(p.data)
  let sum = 0
  for (const v of p.data) sum += v * v
  return Math.sqrt(sum / p.data.length)
})()`

/** Peak spectrum level (dB) near each frequency, over a second: the customer's 440 Hz and the agent's pulsed 880 Hz. */
const TONES_PROBE = `new Promise((resolve) => {
  const p = window.__probe
  const bins = new Float32Array(p.analyser.frequencyBinCount)
  const hz = p.analyser.context.sampleRate / p.analyser.fftSize
  const peak = { 440: -Infinity, 880: -Infinity, 2000: -Infinity }
  const timer = setInterval(() => {
    p.analyser.getFloatFrequencyData(bins)
    for (const f of [440, 880, 2000]) {
      const i = Math.round(f / hz)
      peak[f] = Math.max(peak[f], bins[i - 1], bins[i], bins[i + 1])
    }
  }, 20)
  setTimeout(() => { clearInterval(timer); resolve(peak) }, 1000)
})`

async function remoteLevel(page: Page): Promise<number> {
  return page.evaluate<number>(LEVEL_PROBE)
}

const SILENCE = 0.01

async function untilReport(sipPort: number, check: (legs: LegReport[]) => boolean, what: string): Promise<LegReport[]> {
  const end = Date.now() + 8000
  for (;;) {
    const legs = await report(sipPort)
    if (check(legs)) return legs
    if (Date.now() > end) throw new Error(`demo PBX never reported ${what}: ${JSON.stringify(legs)}`)
    await new Promise((r) => setTimeout(r, 100))
  }
}

test('Listen → the leg is answered by itself and both sides are heard; Whisper and Barge switch who hears the supervisor; End leaves the agent talking', async ({ page }) => {
  test.setTimeout(90_000)
  const sipPort = await freePort()
  host = await startHost(['--demo', '--scenario', 'spy-listen', '--sip-port', String(sipPort)])
  await page.goto(host.url)
  await expect(page.getByTestId('softphone-status')).toHaveAttribute('data-state', 'registered', { timeout: 10_000 })

  // The scenario's customer calls 1001 at 1 s; its own supervisor (2002) joins at 4 s and leaves at 9 s.
  const agent = page.getByRole('row').filter({ hasText: '1001' })
  await expect(agent).toContainText('Talking', { timeout: 10_000 })
  const callText = (await agent.textContent()) ?? ''
  expect(callText).toContain('020 7000 2222')

  const clickedAt = Date.now()
  await agent.getByRole('button', { name: /^Listen/ }).click()
  const bar = page.getByTestId('call-bar')
  await expect(bar).toHaveAttribute('data-phase', 'connected', { timeout: 5_000 })
  await expect(bar).toHaveAttribute('data-mode', 'listen')
  await expect(bar).toContainText('+442070002222')

  // Both sides heard: the remote level rises above silence.
  let heardAt: number | null = null
  while (Date.now() - clickedAt < 10_000) {
    if ((await remoteLevel(page)) > SILENCE) {
      heardAt = Date.now()
      break
    }
    await page.waitForTimeout(20)
  }
  // Both parties, as the demo PBX plays them: the customer's 440 Hz and the agent's 880 Hz stand
  // well above a frequency where neither plays (2 kHz).
  const tones = await page.evaluate<Record<string, number>>(TONES_PROBE)
  expect(tones['440']).toBeGreaterThan((tones['2000'] ?? 0) + 20)
  expect(tones['880']).toBeGreaterThan((tones['2000'] ?? 0) + 20)
  // How fast is a figure of `npm run bench` (click → first remote audio, median of 10), not an assertion here.
  expect(heardAt, 'remote audio above silence').not.toBeNull()

  let legs = await untilReport(sipPort, (l) => l.some((x) => x.supervisorExtension === '2001' && x.phase === 'spying'), 'the softphone spying')
  const mine = (l: LegReport[]) => l.find((x) => x.supervisorExtension === '2001')
  expect(mine(legs)).toMatchObject({ agentExtension: '1001', mode: 'listen', heardBy: [], phone: 'webrtc', mediaConnected: true })
  // The floor shows this supervisor on the call too.
  await expect(agent).toContainText('2001')

  // Whisper by DTMF 5 on the leg: the agent alone hears the supervisor (the fake microphone beeps).
  await bar.getByRole('button', { name: 'Whisper' }).click()
  await expect(bar).toHaveAttribute('data-mode', 'whisper')
  legs = await untilReport(sipPort, (l) => mine(l)?.mode === 'whisper', 'whisper')
  expect(mine(legs)?.heardBy).toEqual(['agent'])
  legs = await untilReport(sipPort, (l) => mine(l)?.supervisorAudio.audible === true, 'the supervisor audible')

  await bar.getByRole('button', { name: 'Barge' }).click()
  await expect(bar).toHaveAttribute('data-mode', 'barge')
  legs = await untilReport(sipPort, (l) => mine(l)?.mode === 'barge', 'barge')
  expect(mine(legs)?.heardBy).toEqual(['agent', 'customer'])
  expect(mine(legs)?.spyerChannel).toBe(mine(await report(sipPort))?.spyerChannel) // the same leg: switched in-call

  await bar.getByRole('button', { name: /^End/ }).click()
  await expect(bar).toHaveCount(0, { timeout: 5_000 })
  await untilReport(sipPort, (l) => mine(l) === undefined, 'the leg gone')
  // The agent and the customer are still talking.
  await expect(agent).toContainText('Talking')
  await expect(agent).toContainText('020 7000 2222')
  await expect(agent).not.toContainText('2001')

  // The session is in the supervision audit, stored by main: who, whom, and each mode change.
  await page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: 'Supervision audit' }).click()
  const session = page.getByRole('table', { name: 'Supervision sessions' }).locator('tbody tr').first()
  await expect(session).toContainText('Sam Supervisor')
  await expect(session).toContainText('1001')
  await expect(session).toContainText('+442070002222')
  await expect(session.getByRole('list', { name: 'Mode changes' }).getByRole('listitem')).toHaveCount(3)
  await expect(session.getByRole('list', { name: 'Mode changes' })).toContainText(/Listen.*Whisper.*DTMF.*Barge.*DTMF/s)
})

test('an ordinary call to the supervisor rings with Accept / Decline and is not answered by itself', async ({ page }) => {
  const sipPort = await freePort()
  host = await startHost(['--demo', '--scenario', 'spy-listen', '--sip-port', String(sipPort)])
  await page.goto(host.url)
  await expect(page.getByTestId('softphone-status')).toHaveAttribute('data-state', 'registered', { timeout: 10_000 })

  const res = await fetch(`http://127.0.0.1:${sipPort}/demo/ring`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ to: '2001', from: '1003' }) })
  expect(res.status).toBe(200)
  const incoming = page.getByTestId('incoming-call')
  await expect(incoming).toBeVisible({ timeout: 5_000 })
  await expect(incoming).toContainText('1003')
  await expect(incoming.getByRole('button', { name: /Accept/ })).toBeVisible()
  // Still ringing two seconds later: nobody answered it.
  await page.waitForTimeout(2_000)
  await expect(incoming).toBeVisible()
  await expect(page.getByTestId('call-bar')).toHaveCount(0)
  await incoming.getByRole('button', { name: /Decline/ }).click()
  await expect(incoming).toHaveCount(0)
})
