/**
 * The softphone and the supervision call bar in the renderer, against the scripted fake API
 * (fixtures/softphone-api.ts) and, for registration and incoming calls, a real SIP-over-WebSocket
 * registrar on 127.0.0.1 (fixtures/sip-ws-registrar.ts) that checks the digest answers with its
 * own MD5 reference. The SIP password exists only in this test process: the page asks for each
 * digest response over `softphone:digest`, as it asks main.
 */
import path from 'node:path'
import { type Locator, type Page, expect, test } from '@playwright/test'
import type { SoftphoneConfig } from '../../src/shared/contract'
import type { AgentRow } from '../../src/shared/floor'
import { type FakeSoftphone, type InstallOptions, installSoftphoneApi } from './fixtures/softphone-api'
import { talking } from './fixtures/floor-data'
import { SipWsRegistrar } from './fixtures/sip-ws-registrar'
import { appUrl, collectPageErrors, expectTimeSince, shootEachLook } from './harness'
import { wrongCall } from '../../src/main/supervision/words'

const PASSWORD = 'correct horse battery staple'
const END_TOOLTIP = 'Leaves the call; the agent and customer stay connected'

function softphoneConfig(url: string, extension = '2001'): SoftphoneConfig {
  return { configured: true, wsUrl: url, extension, domain: '127.0.0.1', authUser: extension, displayName: 'Sam Supervisor', source: 'settings', passwordRevision: 'r1' }
}

function floor(now: number): AgentRow[] {
  return [
    talking('1001', 'Maria Lopez', now, 300, { customer: '+442070001111', id: 'call-maria' }),
    talking('1006', 'Daniel Okafor', now, 1200, { customer: '+442079460000', customerName: 'Northwind Traders', direction: 'outbound', id: 'call-daniel' })
  ]
}

const AGENTS: InstallOptions['agents'] = {
  '1001': { name: 'Maria Lopez', customer: '+442070001111', customerName: null, channel: 'PJSIP/1001-00000001' },
  '1006': { name: 'Daniel Okafor', customer: '+442079460000', customerName: 'Northwind Traders', channel: 'PJSIP/1006-00000002' }
}

function status(page: Page): Locator {
  return page.getByTestId('softphone-status')
}

function callBar(page: Page): Locator {
  return page.getByTestId('call-bar')
}

function controls(page: Page, extension: string): Locator {
  return page.getByRole('grid', { name: 'Agents' }).locator(`tbody tr[data-extension="${extension}"] td.col-controls`)
}

/** The browser's own console errors for sockets the tests close or refuse on purpose. */
function unexpected(errors: string[]): string[] {
  return errors.filter((e) => !/WebSocket connection to 'ws:\/\/127\.0\.0\.1:\d+\/ws' failed/.test(e))
}

/**
 * Chromium as in playwright.config.ts, plus a fake microphone (granted without a prompt), audio
 * that may play without a click and ICE on loopback: the real-media tests need them, the others
 * do not mind.
 */
test.use({
  launchOptions: {
    executablePath: process.env['EARSHOT_CHROMIUM'] ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      '--autoplay-policy=no-user-gesture-required',
      // The tests run in a network namespace with only `lo`: WebRTC must be allowed to use it.
      '--allow-loopback-in-peer-connection'
    ]
  }
})

let registrar: SipWsRegistrar | null = null
let errors: string[] = []

test.beforeEach(({ page }) => {
  errors = collectPageErrors(page)
})

test.afterEach(async () => {
  await registrar?.close()
  registrar = null
  expect(unexpected(errors)).toEqual([])
})

async function open(page: Page, options: InstallOptions = {}): Promise<FakeSoftphone> {
  const fake = await installSoftphoneApi(page, { floor: { rows: floor(Date.now()) }, agents: AGENTS, ...options })
  await page.goto(appUrl())
  await expect(page.getByRole('grid', { name: 'Agents' })).toBeVisible()
  return fake
}

/** A console whose softphone registers with a live registrar. */
async function openRegistered(page: Page, options: InstallOptions = {}): Promise<{ fake: FakeSoftphone; sip: SipWsRegistrar }> {
  const sip = await SipWsRegistrar.start({ passwords: { '2001': PASSWORD } })
  registrar = sip
  const fake = await open(page, { softphone: softphoneConfig(sip.url), sipPassword: PASSWORD, ...options })
  await expect(status(page)).toHaveAttribute('data-state', 'registered')
  return { fake, sip }
}

test.describe('registration', () => {
  test('registers through main’s digest answers; the indicator says so', async ({ page }) => {
    const { fake, sip } = await openRegistered(page)
    await expect(status(page)).toHaveText('Softphone 2001 · Registered')
    // The registrar's own MD5 check accepted the answer main (the test) computed.
    expect(sip.registrar.checked).toEqual([expect.objectContaining({ method: 'REGISTER', ok: true })])
    expect(sip.registrar.registrations.map((r) => r.user)).toEqual(['2001'])
    const digests = await fake.invocations('softphone:digest')
    expect(digests).toEqual([
      {
        channel: 'softphone:digest',
        request: expect.objectContaining({ method: 'REGISTER', uri: 'sip:127.0.0.1', realm: 'earshot-test', algorithm: 'MD5', qop: 'auth', nc: '00000001' }) as unknown
      }
    ])
    // Supervision is offered now.
    await expect(controls(page, '1001').getByRole('button', { name: 'Listen' })).toHaveAttribute('title', 'Listen (L)')
  })

  test('a rejected registration shows the status and reason phrase, and a new config registers again', async ({ page }, testInfo) => {
    const { fake } = await openRegistered(page)
    const refusing = await SipWsRegistrar.start({ passwords: {}, reject: [403, 'Forbidden'] })
    try {
      await fake.setSoftphone(softphoneConfig(refusing.url))
      await expect(status(page)).toHaveAttribute('data-state', 'failed')
      await expect(status(page)).toHaveText('Softphone 2001 · Failed: 403 Forbidden')
      await expect(status(page)).toHaveAttribute('title', /^403 Forbidden\. Trying again in \d+ s\.$/)
      await page.locator('.statusbar').screenshot({ path: path.join(testInfo.project.outputDir, 'softphone-status-failed.png') })
      await expect(controls(page, '1001').getByRole('button', { name: 'Listen' })).toHaveAttribute(
        'title',
        'Listen\nYour softphone is not registered: failed with 403 Forbidden'
      )
      // It keeps trying (backoff: ~1 s, then ~2 s).
      await refusing.waitFor(() => refusing.registrar.requests.length >= 3, 10_000, 'REGISTER retries')
      // Main’s config changes back: registered again at once.
      await fake.setSoftphone(softphoneConfig(registrar?.url ?? ''))
      await expect(status(page)).toHaveAttribute('data-state', 'registered')
    } finally {
      await refusing.close()
    }
  })

  test('a lost connection is retried until the softphone is registered again', async ({ page }) => {
    const { sip } = await openRegistered(page)
    sip.dropAll()
    await expect(status(page)).toHaveAttribute('data-state', 'failed')
    await expect(status(page)).toContainText('Failed: Connection to the PBX lost')
    await expect(status(page)).toHaveAttribute('data-state', 'registered', { timeout: 10_000 })
    expect(sip.registrar.registrations.length).toBeGreaterThanOrEqual(2)
  })

  test('no account, or ws:// to another computer: says why, and supervision explains itself', async ({ page }) => {
    const fake = await open(page)
    await expect(status(page)).toHaveAttribute('data-state', 'unconfigured')
    await expect(status(page)).toHaveText('Softphone · Not set up')
    await expect(status(page)).toHaveAttribute('title', 'No softphone account is set up on this computer')
    const listen = controls(page, '1001').getByRole('button', { name: 'Listen' })
    await expect(listen).toHaveAttribute('aria-disabled', 'true')
    await expect(listen).toHaveAttribute('title', 'Listen\nYour softphone is not registered: not set up')
    await listen.click({ force: true })
    await expect(page.locator('.toast')).toHaveText(['Your softphone is not registered: not set up'])
    expect(await fake.invocations('supervision:start')).toEqual([])

    await fake.setSoftphone(softphoneConfig('ws://192.0.2.10:8088/ws'))
    await expect(status(page)).toHaveAttribute('data-state', 'refused')
    await expect(status(page)).toHaveText('Softphone 2001 · Not allowed')
    await expect(status(page)).toHaveAttribute('title', /unencrypted ws:\/\/ is only allowed to this computer; use wss:\/\//)
  })

  test('without main’s digest answer the registration fails with 401 and the reason', async ({ page }) => {
    const sip = await SipWsRegistrar.start({ passwords: { '2001': PASSWORD } })
    registrar = sip
    await open(page, { softphone: softphoneConfig(sip.url) })
    await expect(status(page)).toHaveAttribute('data-state', 'failed')
    await expect(status(page)).toContainText('Failed: 401 Unauthorized (No SIP password is saved for the softphone')
  })
})

test.describe('call bar', () => {
  test('Listen from the row: ringing, then connected with agent, customer, mode and time; switch; End', async ({ page }) => {
    const { fake } = await openRegistered(page)
    await controls(page, '1006').getByRole('button', { name: 'Listen' }).click()
    await expect.poll(() => fake.invocations('supervision:start')).toEqual([
      { channel: 'supervision:start', request: { agentExtension: '1006', callId: 'call-daniel', mode: 'listen' } }
    ])
    const bar = callBar(page)
    await expect(bar).toHaveAttribute('data-phase', 'ringing')
    await expect(bar).toHaveAttribute('data-mode', 'listen')
    await expect(bar).toContainText('Calling your softphone…')
    await expect(bar).toContainText('Daniel Okafor')
    await expect(bar).toContainText('1006')
    await expect(bar).toContainText('Northwind Traders')
    await expect(bar).toContainText('+442079460000')
    await expect(bar.getByTestId('call-bar-elapsed')).toHaveText('--:--')
    // Switching waits for the answer.
    await expect(bar.getByRole('button', { name: 'Whisper' })).toHaveAttribute('aria-disabled', 'true')

    const [session] = await fake.sessions()
    // Answered 65 s before the fake stamps it, in the page, while the test waits.
    const asked = Date.now()
    await fake.answer(session?.id ?? '', 65_000)
    const answered = Date.now()
    await expect(bar).toHaveAttribute('data-phase', 'connected')
    await expect(bar).toContainText('Listening')
    await expectTimeSince(bar.getByTestId('call-bar-elapsed'), asked - 65_000, answered - 65_000)
    await expect(bar.getByRole('button', { name: 'Listen' })).toHaveAttribute('aria-pressed', 'true')
    await expect(bar.getByRole('button', { name: 'Whisper' })).toHaveAttribute('aria-pressed', 'false')
    // The row shows the supervisor on the call: Listen pressed.
    await expect(controls(page, '1006').getByRole('button', { name: 'Listen' })).toHaveAttribute('aria-pressed', 'true')
    await expect(controls(page, '1006').getByRole('button', { name: 'Barge' })).toHaveAttribute('title', 'Switch to Barge (B)')
    // One supervision at a time.
    await expect(controls(page, '1001').getByRole('button', { name: 'Listen' })).toHaveAttribute('title', 'Listen\nEnd your supervision of Daniel Okafor’s call first')

    // No SIP leg here that could send DTMF: main re-originates.
    await bar.getByRole('button', { name: 'Whisper' }).click()
    await expect.poll(() => fake.invocations('supervision:switch')).toEqual([
      { channel: 'supervision:switch', request: { sessionId: session?.id, mode: 'whisper', canSendDtmf: false } }
    ])
    await expect(bar).toHaveAttribute('data-mode', 'whisper')
    await expect(bar).toHaveAttribute('data-phase', 'ringing')
    await fake.answer(session?.id ?? '', 0)
    await expect(bar).toHaveAttribute('data-phase', 'connected')
    await expect(bar).toContainText('Whispering')
    // Who hears the supervisor stays in words; how the mode switched is the tooltip (issue 13.15).
    await expect(bar.locator('.call-bar-detail')).toHaveText('Only the agent hears you')
    await expect(bar.locator('.call-bar-detail')).toHaveAttribute('title', 'Switched to Whisper by calling again')

    // The row's B while on the call switches the same leg (no second start).
    await page.getByRole('grid', { name: 'Agents' }).locator('tbody tr[data-extension="1006"] td.col-agent').click()
    await page.keyboard.press('b')
    await expect(bar).toHaveAttribute('data-mode', 'barge')
    expect(await fake.invocations('supervision:start')).toHaveLength(1)
    expect((await fake.invocations('supervision:switch')).at(-1)?.request).toEqual({ sessionId: session?.id, mode: 'barge', canSendDtmf: false })

    const end = bar.getByRole('button', { name: 'End' })
    await expect(end).toHaveAttribute('title', END_TOOLTIP)
    await end.click()
    await expect.poll(() => fake.invocations('supervision:end')).toEqual([{ channel: 'supervision:end', request: { sessionId: session?.id } }])
    await expect(bar).toHaveAttribute('data-phase', 'ended')
    await expect(bar).toContainText('You left the call')
    await expect(bar).toHaveCount(0, { timeout: 6000 })
    await expect(controls(page, '1006').getByRole('button', { name: 'Listen' })).not.toHaveAttribute('aria-pressed')
  })

  test('Listen / Whisper / Barge are disabled, with the reason, while the floor is not live (issue 13.8)', async ({ page }) => {
    const { fake } = await openRegistered(page)
    const listen = controls(page, '1001').getByRole('button', { name: 'Listen' })
    await expect(listen).toHaveAttribute('title', 'Listen (L)')
    await fake.floor.setStatus({ source: 'pbx', state: 'reconnecting', message: 'Connection refused', retryAt: fake.floor.serverNow() + 8000, stale: true })
    const reason = 'The connection to the PBX is down: Earshot is reconnecting, and the call may have ended meanwhile'
    for (const name of ['Listen', 'Whisper', 'Barge']) {
      await expect(controls(page, '1001').getByRole('button', { name })).toHaveAttribute('aria-disabled', 'true')
      await expect(controls(page, '1001').getByRole('button', { name })).toHaveAttribute('title', `${name}\n${reason}`)
    }
    await listen.click({ force: true })
    await expect(page.locator('.toast')).toHaveText([reason])
    // The key does the same.
    await page.getByRole('grid', { name: 'Agents' }).locator('tbody tr[data-extension="1001"] td.col-agent').click()
    await page.keyboard.press('w')
    await expect(page.locator('.toast').last()).toHaveText(reason)
    expect(await fake.invocations('supervision:start')).toEqual([])
    await expect(callBar(page)).toHaveCount(0)

    await fake.floor.setStatus({ source: 'pbx', state: 'live', message: null, retryAt: null, stale: false })
    await expect(listen).toHaveAttribute('title', 'Listen (L)')
    await expect(listen).not.toHaveAttribute('aria-disabled')
  })

  test('a DTMF answer that the softphone cannot send is said in words', async ({ page }) => {
    const { fake } = await openRegistered(page)
    await controls(page, '1001').getByRole('button', { name: 'Listen' }).click()
    await expect(callBar(page)).toHaveAttribute('data-phase', 'ringing')
    const [session] = await fake.sessions()
    await fake.answer(session?.id ?? '', 1000)
    await fake.setSwitchHow('dtmf')
    await callBar(page).getByRole('button', { name: 'Barge' }).click()
    await expect(page.locator('.toast')).toHaveText(['Could not switch to Barge: the softphone could not send the DTMF digit 6'])
  })

  test('a session main is ending (an operator change, another window\'s End) says so and offers no switching', async ({ page }) => {
    const { fake } = await openRegistered(page)
    await controls(page, '1006').getByRole('button', { name: 'Whisper' }).click()
    const bar = callBar(page)
    await expect(bar).toHaveAttribute('data-phase', 'ringing')
    const [session] = await fake.sessions()
    await fake.answer(session?.id ?? '', 0)
    await expect(bar).toHaveAttribute('data-phase', 'connected')
    await fake.markEnding(session?.id ?? '')
    await expect(bar.locator('.call-bar-detail')).toHaveText('Leaving the call…')
    await expect(bar.getByRole('button', { name: 'Barge' })).toHaveAttribute('aria-disabled', 'true')
    await expect(bar.getByRole('button', { name: 'End' })).toHaveAttribute('aria-disabled', 'true')
  })

  test('sessions that end with an error say it in words', async ({ page }) => {
    const { fake } = await openRegistered(page)
    await controls(page, '1001').getByRole('button', { name: 'Whisper' }).click()
    await expect(callBar(page)).toHaveAttribute('data-phase', 'ringing')
    const [session] = await fake.sessions()
    await fake.end(session?.id ?? '', 'originate-failed', 'Extension 556 does not exist in context internal.')
    await expect(page.locator('.toast')).toHaveText(['Could not whisper to Maria Lopez: Extension 556 does not exist in context internal.'])
    await expect(callBar(page)).toHaveAttribute('data-phase', 'ended')

    await fake.failNextStart('Your softphone (extension 2001) is not registered with the PBX, so it cannot be rung.')
    await controls(page, '1006').getByRole('button', { name: 'Barge' }).click()
    await expect(page.locator('.toast').last()).toHaveText(
      'Could not barge in on Daniel Okafor’s call: Your softphone (extension 2001) is not registered with the PBX, so it cannot be rung.'
    )
  })

  test('no Listen / Whisper / Barge buttons when main says supervision is not available', async ({ page }) => {
    await openRegistered(page, { availability: { available: false, reason: 'Listen, Whisper and Barge are hidden: set the barge feature code in Settings → PBX, or choose direct ChanSpy.' } })
    await expect(controls(page, '1001').getByRole('button')).toHaveCount(0)
    await page.getByRole('grid', { name: 'Agents' }).locator('tbody tr[data-extension="1001"] td.col-agent').click()
    await page.keyboard.press('l')
    await expect(page.locator('.toast')).toHaveText([
      'Listen, Whisper and Barge are hidden: set the barge feature code in Settings → PBX, or choose direct ChanSpy.'
    ])
  })
})

const DUMMY_OFFER = [
  'v=0',
  'o=- 1 1 IN IP4 127.0.0.1',
  's=-',
  'c=IN IP4 127.0.0.1',
  't=0 0',
  'm=audio 4000 RTP/AVP 0',
  'a=rtpmap:0 PCMU/8000',
  'a=sendrecv',
  ''
].join('\r\n')

test.describe('incoming calls', () => {
  test('an ordinary call rings with Accept / Decline and is never answered by itself; Decline sends 603', async ({ page }) => {
    const { sip } = await openRegistered(page)
    const call = sip.invite({ fromUser: '+442079460000', fromName: 'Northwind Traders', sdp: DUMMY_OFFER })
    const card = page.getByTestId('incoming-call')
    await expect(card).toBeVisible()
    await expect(card).toContainText('Incoming call')
    await expect(card).toContainText('Northwind Traders')
    await expect(card).toContainText('+442079460000')
    await sip.waitFor(() => call.statuses.includes(180), 5000, '180 Ringing')
    // It rings on the ring output.
    await expect.poll(() => page.getByTestId('ring-audio').evaluate((el) => !(el as unknown as { paused: boolean }).paused)).toBe(true)
    await page.waitForTimeout(1500)
    expect(call.statuses.filter((s) => s >= 200)).toEqual([])
    await card.getByRole('button', { name: 'Decline' }).click()
    await sip.waitFor(() => call.statuses.includes(603), 5000, '603 Decline')
    await expect(card).toHaveCount(0)
    await expect.poll(() => page.getByTestId('ring-audio').evaluate((el) => (el as unknown as { paused: boolean }).paused)).toBe(true)
  })

  test('a token-shaped caller that no session of this machine claims is turned away, never rung to be accepted', async ({ page }) => {
    const { sip } = await openRegistered(page)
    // A supervision leg nobody at this desk asked for: accepted as an ordinary call, the microphone would go into its ChanSpy.
    const call = sip.invite({ fromUser: 'es0123456789ab', fromName: 'Listen · Maria Lopez (1001)', sdp: DUMMY_OFFER })
    await sip.waitFor(() => call.statuses.includes(486), 5000, '486 after waiting for its session')
    await expect(page.getByTestId('incoming-call')).toHaveCount(0)
    expect(call.statuses.filter((s) => s === 200)).toEqual([])
  })
})

test('screenshots: call bar and incoming call, light and dark', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1280, height: 800 })
  const shots = (name: string): Promise<void> => shootEachLook(page, testInfo, { widths: [1280], height: 800 }, (_width, scheme) => `softphone-${name}-${scheme}`)
  const { fake, sip } = await openRegistered(page)
  await controls(page, '1006').getByRole('button', { name: 'Whisper' }).click()
  await expect(callBar(page)).toHaveAttribute('data-phase', 'ringing')
  await shots('call-bar-ringing')
  const [session] = await fake.sessions()
  await fake.answer(session?.id ?? '', 83_000)
  await expect(callBar(page)).toHaveAttribute('data-phase', 'connected')
  await shots('call-bar')

  // Ended by main, with its longest words: ChanSpy joined another call (see follow.ts).
  await fake.end(session?.id ?? '', 'wrong-call', wrongCall('PJSIP/10060-00000032', 'PJSIP/1006-00000031'))
  await expect(callBar(page)).toHaveAttribute('data-phase', 'ended')
  await expect(callBar(page)).toContainText('Earshot hung up straight away')
  await shootEachLook(page, testInfo, { widths: [1440, 1024], height: 800 }, (width, scheme) => `softphone-call-bar-ended-${width}-${scheme}`)
  await expect(callBar(page)).toHaveCount(0, { timeout: 10_000 })
  sip.invite({ fromUser: '+442079460000', fromName: 'Northwind Traders', sdp: DUMMY_OFFER })
  await expect(page.getByTestId('incoming-call')).toBeVisible()
  await shots('incoming')
  await page.getByTestId('incoming-call').getByRole('button', { name: 'Decline' }).click()

  await page.getByRole('button', { name: 'Audio devices' }).click()
  await expect(page.getByRole('dialog', { name: 'Audio devices' })).toBeVisible()
  await shots('audio')
})

/** The browser-side helpers of fixtures/webrtc-page.js, as the tests call them. */
interface WebRtcHelpers {
  pbxOffer(): Promise<string>
  pbxAnswer(sdp: string): Promise<void>
  pbxState(): string
  recordWebRtc(): void
  senderTracksEnabled(): boolean[]
  dtmfSent(): Array<{ tones: string; duration: number | undefined }>
  remoteLevel(selector: string): Promise<number>
}

const WEBRTC_HELPERS = path.join(__dirname, 'fixtures', 'webrtc-page.js')

/**
 * The PBX's end of the media, played by a second page of the same browser: an RTCPeerConnection
 * that sends a 440 Hz tone and makes the SDP offer the fake PBX puts in its INVITE.
 */
class PbxMedia {
  private constructor(readonly page: Page) {}

  static async open(page: Page): Promise<PbxMedia> {
    const media = await page.context().newPage()
    await media.addInitScript({ path: WEBRTC_HELPERS })
    // Any page of the app's origin: a secure context (127.0.0.1) without the app in it.
    await media.goto(appUrl('/no-such-page'))
    // The app's page in front again, as the app's window is: a page behind another gets no
    // animation frames, and every click on it waited 1–2 s for Playwright's stability check.
    await page.bringToFront()
    return new PbxMedia(media)
  }

  /** The offer, with its ICE candidates gathered. */
  offer(): Promise<string> {
    return this.page.evaluate(() => (globalThis as unknown as { __earshotTest: WebRtcHelpers }).__earshotTest.pbxOffer())
  }

  async answer(sdp: string): Promise<void> {
    await this.page.evaluate((answer) => (globalThis as unknown as { __earshotTest: WebRtcHelpers }).__earshotTest.pbxAnswer(answer), sdp)
    await expect
      .poll(() => this.page.evaluate(() => (globalThis as unknown as { __earshotTest: WebRtcHelpers }).__earshotTest.pbxState()), { timeout: 10_000 })
      .toBe('connected')
  }

  close(): Promise<void> {
    return this.page.close()
  }
}

/** RMS level of the remote-audio element's stream (0 when silent). */
function remoteLevel(page: Page): Promise<number> {
  return page.evaluate(() => (globalThis as unknown as { __earshotTest: WebRtcHelpers }).__earshotTest.remoteLevel('[data-testid="remote-audio"]'))
}

test.describe('real media (WebRTC between two pages)', () => {
  test('the token leg is answered by itself: remote audio plays, Mute, DTMF switch, End sends BYE', async ({ page }) => {
    await page.addInitScript({ path: WEBRTC_HELPERS })
    await page.addInitScript(() => (globalThis as unknown as { __earshotTest: WebRtcHelpers }).__earshotTest.recordWebRtc())
    const { fake, sip } = await openRegistered(page)
    const pbx = await PbxMedia.open(page)
    try {
      await controls(page, '1006').getByRole('button', { name: 'Listen' }).click()
      await expect(callBar(page)).toHaveAttribute('data-phase', 'ringing')
      const [session] = await fake.sessions()
      if (session === undefined) throw new Error('no session')

      const call = sip.invite({ fromUser: session.token, fromName: 'Listen · Daniel Okafor (1006)', sdp: await pbx.offer() })
      await sip.waitFor(() => call.answer !== null, 10_000, 'the softphone to answer')
      await expect(page.getByTestId('incoming-call')).toHaveCount(0)
      await pbx.answer(call.answer ?? '')
      await fake.answer(session.id, 0)
      const bar = callBar(page)
      await expect(bar).toHaveAttribute('data-phase', 'connected')

      // The tone from the PBX side plays on the remote-audio element.
      await expect.poll(() => remoteLevel(page), { timeout: 10_000 }).toBeGreaterThan(0.05)

      const mute = bar.getByRole('button', { name: 'Mute', exact: true })
      await expect(mute).not.toHaveAttribute('aria-disabled')
      await mute.click()
      // Muted, the button says what it does next (issue 13.15): Unmute.
      const unmute = bar.getByRole('button', { name: 'Unmute', exact: true })
      await expect(unmute).toHaveAttribute('data-muted', 'true')
      await expect(mute).toHaveCount(0)
      const senderEnabled = (): Promise<boolean[]> =>
        page.evaluate(() => (globalThis as unknown as { __earshotTest: WebRtcHelpers }).__earshotTest.senderTracksEnabled())
      expect(await senderEnabled()).toEqual([false])
      await unmute.click()
      await expect(mute).not.toHaveAttribute('data-muted')
      // Listen: nothing the supervisor says leaves the computer, muted or not.
      expect(await senderEnabled()).toEqual([false])

      // The leg can send RFC 4733 DTMF: main answers with the digit, the softphone sends it.
      await bar.getByRole('button', { name: 'Whisper' }).click()
      await expect.poll(async () => (await fake.invocations('supervision:switch')).map((i) => i.request)).toEqual([
        { sessionId: session.id, mode: 'whisper', canSendDtmf: true }
      ])
      await expect(bar.locator('.call-bar-detail')).toHaveText('Only the agent hears you')
      await expect(bar.locator('.call-bar-detail')).toHaveAttribute('title', 'Switched to Whisper (DTMF)')
      await expect(bar).toHaveAttribute('data-mode', 'whisper')
      expect(await page.evaluate(() => (globalThis as unknown as { __earshotTest: WebRtcHelpers }).__earshotTest.dtmfSent())).toEqual([
        { tones: '5', duration: 160 }
      ])
      // Whisper: the agent hears the supervisor, so the microphone goes out now.
      await expect.poll(senderEnabled).toEqual([true])

      await bar.getByRole('button', { name: 'End' }).click()
      await sip.waitFor(() => call.requests.includes('BYE'), 5000, 'the BYE')
      await expect.poll(() => fake.invocations('supervision:end')).toHaveLength(1)
    } finally {
      await pbx.close()
    }
  })

  test('an ordinary call is answered only on Accept, and Hang up ends it', async ({ page }) => {
    await page.addInitScript({ path: WEBRTC_HELPERS })
    const { sip } = await openRegistered(page)
    const pbx = await PbxMedia.open(page)
    try {
      const call = sip.invite({ fromUser: '+442079460000', fromName: 'Northwind Traders', sdp: await pbx.offer() })
      const card = page.getByTestId('incoming-call')
      await expect(card).toBeVisible()
      await page.waitForTimeout(1000)
      expect(call.answer).toBeNull()
      await card.getByRole('button', { name: 'Accept' }).click()
      await sip.waitFor(() => call.answer !== null, 10_000, 'the answer')
      await pbx.answer(call.answer ?? '')
      const bar = page.getByTestId('ordinary-call-bar')
      await expect(bar).toHaveAttribute('data-phase', 'connected')
      await expect(bar).toContainText('Northwind Traders')
      await expect.poll(() => remoteLevel(page), { timeout: 10_000 }).toBeGreaterThan(0.05)
      // Muted, the button says Unmute (issue 13.15).
      await bar.getByRole('button', { name: 'Mute', exact: true }).click()
      await bar.getByRole('button', { name: 'Unmute', exact: true }).click()
      await expect(bar.getByRole('button', { name: 'Mute', exact: true })).toBeVisible()
      await bar.getByRole('button', { name: 'Hang up' }).click()
      await sip.waitFor(() => call.requests.includes('BYE'), 5000, 'the BYE')
      await expect(bar).toHaveCount(0)
    } finally {
      await pbx.close()
    }
  })
})
