/**
 * Does a browser softphone work against the demo PBX? Debian's Chromium loads a page from
 * 127.0.0.1 that runs SIP.js 0.21 with its stock WebRTC session description handler (what the
 * Earshot softphone does), registers as the demo supervisor, and is rung by a console Originate
 * (555 + the agent) while a customer talks to agent 1001. It auto-answers and the checker reads:
 * the codec Chromium chose in each direction (PCMU, although the offer also has
 * telephone-event), the audio it receives and its level, what the PBX hears from Chromium's fake
 * microphone, and RTCDTMFSender's digit 5 arriving as RFC 4733 (DTMFEnd on AMI, whisper mode).
 *
 *   npx tsx tools/demo-softphone-check.ts        (prints one JSON line, exit 1 when a check fails)
 *
 * Run it in a network namespace with only `lo` (bash tests/run-all.sh npx tsx tools/demo-softphone-check.ts),
 * see ../shared/notes/webrtc-on-loopback.md. tests/integration/demo-pbx/chromium-softphone.test.ts runs it too.
 */
import { readFile } from 'node:fs/promises'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { chromium } from '@playwright/test'
import { AmiClient, type AmiMessage } from '../src/main/ami'
import { startDemoPbx } from '../src/main/demo-pbx'
import { InboundCall } from '../src/main/demo-pbx/inbound'

const CHROMIUM = process.env.EARSHOT_CHROMIUM ?? '/usr/bin/chromium'
const SIPJS = path.resolve(__dirname, '../node_modules/sip.js/lib')

export interface ChromiumCheck {
  ok: boolean
  failures: string[]
  registered: boolean
  /** What Chromium's getStats says, a few seconds into the call. */
  chromium: { sendCodec: string | null; receiveCodec: string | null; packetsSent: number; packetsReceived: number; audioLevel: number; dtmfSender: boolean }
  /** What the demo PBX reports about the supervision leg. */
  pbx: { mediaConnected: boolean; packets: number; heardAudio: boolean; modeAfterDtmf: string | null; dtmfEnd: Record<string, string | undefined> | null }
  ms: number
}

const PAGE = `<!doctype html><meta charset="utf-8"><title>demo softphone check</title><audio id="remote" autoplay></audio>
<script type="module">
import { UserAgent, Registerer, RegistererState, SessionState } from '/sip.js/index.js'
const state = { registered: false, answered: false, error: null }
window.state = state
window.start = async ({ url, ext, password }) => {
  // A softphone holds microphone permission before it answers (Chromium shows host candidates then).
  await navigator.mediaDevices.getUserMedia({ audio: true })
  const ua = new UserAgent({
    uri: UserAgent.makeURI('sip:' + ext + '@127.0.0.1'),
    transportOptions: { server: url },
    authorizationUsername: ext,
    authorizationPassword: password,
    logLevel: 'error',
    sessionDescriptionHandlerFactoryOptions: { iceGatheringTimeout: 1000, peerConnectionConfiguration: { iceServers: [] } },
    delegate: {
      onInvite: (invitation) => {
        window.invitation = invitation
        invitation.stateChange.addListener((s) => {
          if (s !== SessionState.Established) return
          state.answered = true
          const sdh = invitation.sessionDescriptionHandler
          const audio = document.getElementById('remote')
          audio.srcObject = sdh.remoteMediaStream
          audio.play().catch((e) => (state.error = String(e)))
        })
        invitation.accept({ sessionDescriptionHandlerOptions: { constraints: { audio: true, video: false } } }).catch((e) => (state.error = String(e)))
      }
    }
  })
  await ua.start()
  const registerer = new Registerer(ua)
  registerer.stateChange.addListener((s) => (state.registered = s === RegistererState.Registered))
  await registerer.register()
}
window.stats = async () => {
  const pc = window.invitation?.sessionDescriptionHandler?.peerConnection
  if (!pc) return null
  const report = await pc.getStats()
  const all = [...report.values()]
  const codec = (id) => all.find((s) => s.id === id)?.mimeType ?? null
  const inbound = all.find((s) => s.type === 'inbound-rtp' && s.kind === 'audio')
  const outbound = all.find((s) => s.type === 'outbound-rtp' && s.kind === 'audio')
  return {
    sendCodec: outbound ? codec(outbound.codecId) : null,
    receiveCodec: inbound ? codec(inbound.codecId) : null,
    packetsSent: outbound?.packetsSent ?? 0,
    packetsReceived: inbound?.packetsReceived ?? 0,
    audioLevel: inbound?.audioLevel ?? 0,
    dtmfSender: Boolean(pc.getSenders()[0]?.dtmf?.canInsertDTMF)
  }
}
// As Earshot's softphone on Listen: the microphone's track is off, and DTMF must still switch the mode.
window.silence = () => window.invitation.sessionDescriptionHandler.enableSenderTracks(false)
window.dtmf = (digits) => window.invitation.sessionDescriptionHandler.sendDtmf(digits, { duration: 160, interToneGap: 70 })
window.bye = () => window.invitation.bye()
</script>`

async function until(check: () => boolean | Promise<boolean>, ms: number): Promise<boolean> {
  const end = Date.now() + ms
  for (;;) {
    if (await check()) return true
    if (Date.now() > end) return false
    await new Promise((r) => setTimeout(r, 50))
  }
}

/** Serves the page and SIP.js's ES modules on 127.0.0.1. */
async function servePage(): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    const url = (req.url ?? '/').split('?')[0] ?? '/'
    if (url === '/') {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' })
      res.end(PAGE)
      return
    }
    const file = path.resolve(SIPJS, `.${url.replace(/^\/sip\.js/, '')}`)
    if (!url.startsWith('/sip.js/') || !file.startsWith(SIPJS + path.sep) || !file.endsWith('.js')) {
      res.writeHead(404).end()
      return
    }
    readFile(file).then(
      (body) => res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8' }).end(body),
      () => res.writeHead(404).end()
    )
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve()))
  }
}

export async function checkChromiumSoftphone(options: { timeoutMs?: number } = {}): Promise<ChromiumCheck> {
  const started = Date.now()
  const wait = options.timeoutMs ?? 15_000
  const failures: string[] = []
  const pbx = await startDemoPbx({ scenario: 'queue-pause', consoleActions: 'client' })
  const page = await servePage()
  const events: AmiMessage[] = []
  const ami = new AmiClient({ url: pbx.url, username: pbx.username, secret: pbx.secret })
  let amiReady = false
  ami.on('event', (m) => events.push(m))
  ami.on('ready', () => (amiReady = true))
  ami.start()
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--allow-loopback-in-peer-connection',
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      '--autoplay-policy=no-user-gesture-required'
    ]
  })
  const result: ChromiumCheck = {
    ok: false,
    failures,
    registered: false,
    chromium: { sendCodec: null, receiveCodec: null, packetsSent: 0, packetsReceived: 0, audioLevel: 0, dtmfSender: false },
    pbx: { mediaConnected: false, packets: 0, heardAudio: false, modeAfterDtmf: null, dtmfEnd: null },
    ms: 0
  }
  try {
    if (!(await until(() => amiReady, wait))) throw new Error('no AMI login')
    const tab = await browser.newPage()
    await tab.goto(page.url)
    const account = pbx.sip.accounts[pbx.sip.supervisorExtension]
    if (account === undefined) throw new Error('no supervisor account')
    await tab.evaluate((a) => (globalThis as unknown as { start: (x: unknown) => Promise<void> }).start(a), { url: pbx.sip.url, ext: pbx.sip.supervisorExtension, password: account.password })
    result.registered = await until(() => pbx.model.endpoint('2001').contact !== null, wait)
    if (!result.registered) throw new Error('Chromium did not register')

    const customer = InboundCall.arrive(pbx.model, { customer: { number: '+442070002222', name: 'Dave Customer' }, did: '1001', originateId: 'check-1' })
    if (!(await until(() => customer.phase === 'talking', wait))) throw new Error('the customer call did not connect')
    await ami.send({ Action: 'Originate', Channel: 'PJSIP/2001', Context: 'internal', Exten: '5551001', Priority: '1', CallerID: '"Listen 1001" <5551001>', Async: 'true' })
    const leg = (): ReturnType<typeof pbx.supervision>[number] | undefined => pbx.supervision()[0]
    if (!(await until(() => leg()?.mediaConnected === true && leg()?.phase === 'spying', wait))) throw new Error(`no media: ${JSON.stringify(leg())}`)
    result.pbx.mediaConnected = true

    type Stats = ChromiumCheck['chromium'] | null
    const stats = (): Promise<Stats> => tab.evaluate(() => (globalThis as unknown as { stats: () => Promise<Stats> }).stats())
    await until(async () => {
      const s = await stats()
      if (s !== null) result.chromium = s
      return s !== null && s.packetsReceived >= 50 && s.packetsSent >= 50 && s.audioLevel > 0.01
    }, wait)
    // Chromium's fake microphone beeps now and then: the PBX must hear some of it.
    result.pbx.heardAudio = await until(() => leg()?.supervisorAudio.audible === true, wait)
    result.pbx.packets = leg()?.supervisorAudio.packets ?? 0

    // Earshot keeps the microphone off on Listen: the digit goes out with the track disabled.
    await tab.evaluate(() => (globalThis as unknown as { silence: () => void }).silence())
    await tab.evaluate(() => (globalThis as unknown as { dtmf: (d: string) => boolean }).dtmf('5'))
    await until(() => events.some((e) => e.fields.Event === 'DTMFEnd' && e.fields.Digit === '5'), wait)
    const end = events.find((e) => e.fields.Event === 'DTMFEnd' && e.fields.Digit === '5')
    result.pbx.dtmfEnd = end === undefined ? null : { ...end.fields }
    await until(() => leg()?.mode === 'whisper', 2000)
    result.pbx.modeAfterDtmf = leg()?.mode ?? null
    await tab.evaluate(() => (globalThis as unknown as { bye: () => Promise<void> }).bye())
    await until(() => pbx.supervision().length === 0, wait)
  } catch (error) {
    failures.push(error instanceof Error ? error.message : String(error))
  } finally {
    await browser.close()
    ami.stop()
    await page.close()
    await pbx.stop()
  }
  const c = result.chromium
  if (c.sendCodec !== 'audio/PCMU') failures.push(`Chromium sends ${c.sendCodec ?? 'nothing'}, not PCMU`)
  if (c.receiveCodec !== 'audio/PCMU') failures.push(`Chromium receives ${c.receiveCodec ?? 'nothing'}, not PCMU`)
  if (c.packetsReceived < 50 || c.audioLevel <= 0.01) failures.push(`Chromium hears too little (${c.packetsReceived} packets, level ${c.audioLevel})`)
  if (c.packetsSent < 50) failures.push(`Chromium sent ${c.packetsSent} packets`)
  if (!c.dtmfSender) failures.push('no RTCDTMFSender (telephone-event not negotiated)')
  if (!result.pbx.heardAudio) failures.push('the PBX never heard the fake microphone')
  if (result.pbx.dtmfEnd === null) failures.push('no DTMFEnd for digit 5')
  if (result.pbx.modeAfterDtmf !== 'whisper') failures.push(`mode after 5: ${result.pbx.modeAfterDtmf ?? 'none'}`)
  result.ok = failures.length === 0
  result.ms = Date.now() - started
  return result
}

if (require.main === module) {
  checkChromiumSoftphone().then(
    (r) => {
      console.log(JSON.stringify(r))
      process.exit(r.ok ? 0 : 1)
    },
    (e: unknown) => {
      console.error(e)
      process.exit(1)
    }
  )
}
