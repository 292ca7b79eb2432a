/**
 * A real softphone for the tests: SIP.js 0.21 (the library Earshot's softphone uses) in Node, over
 * a `ws` WebSocket, with a session description handler backed by a werift RTCPeerConnection.
 * It answers with PCMU, decodes what it receives (so a test can look for the two parties'
 * tones), sends a tone or silence as the supervisor's voice, and sends DTMF as RFC 4733
 * telephone-events on its RTP stream (what a browser's RTCDTMFSender does) or as SIP INFO.
 */
import { Invitation, Registerer, RegistererState, SessionState, UserAgent, type Session, type SessionDescriptionHandler } from 'sip.js'
import { MediaStreamTrack, RTCPeerConnection, RTCRtpCodecParameters, RtpHeader, type RTCRtpTransceiver } from 'werift'
import { WebSocket } from 'ws'
import { decodeUlaw, encodeUlaw } from '../../../../src/main/demo-pbx/media/g711'
import { FRAME_SAMPLES, rms, toneShare } from '../../../../src/main/demo-pbx/media/sounds'
import { waitFor as waitUntil } from '../../../support/wait'

// SIP.js opens its transport with the browser's global WebSocket.
;(globalThis as unknown as { WebSocket: unknown }).WebSocket ??= WebSocket

/** tests/support/wait.ts's, with the longer wait media over a loaded machine needs. */
export async function waitFor(check: () => boolean, what: string, ms = 15_000): Promise<void> {
  await waitUntil(check, what, ms)
}

function phoneCodecs(): RTCRtpCodecParameters[] {
  return [
    new RTCRtpCodecParameters({ mimeType: 'audio/PCMU', clockRate: 8000, channels: 1, payloadType: 0 }),
    new RTCRtpCodecParameters({ mimeType: 'audio/telephone-event', clockRate: 8000, channels: 1, payloadType: 101, parameters: '0-16' })
  ]
}

/** What the phone's microphone sends: a 1 kHz tone (the supervisor talking) or silence. */
export type Voice = 'tone' | 'silence'

/** The media end of one call: a werift peer that answers the PBX's offer. */
export class PhoneMedia implements SessionDescriptionHandler {
  readonly pc = new RTCPeerConnection({ codecs: { audio: phoneCodecs() }, iceUseIpv4: false, iceUseIpv6: false, iceAdditionalHostAddresses: ['127.0.0.1'] })
  /** Decoded PCMU received, in arrival order. */
  readonly received: number[] = []
  receivedPackets = 0
  voice: Voice = 'silence'
  offer = ''
  private transceiver: RTCRtpTransceiver | null = null
  private timer: NodeJS.Timeout | null = null
  private seq = 1
  private ts = 1000
  private phase = 0
  private eventPt = 101
  private closed = false

  constructor() {
    this.pc.onTrack.subscribe((track) => {
      track.onReceiveRtp.subscribe((rtp) => {
        if (rtp.header.payloadType !== 0) return
        this.receivedPackets++
        for (const s of decodeUlaw(rtp.payload)) this.received.push(s)
      })
    })
  }

  hasDescription(contentType: string): boolean {
    return contentType.toLowerCase().startsWith('application/sdp')
  }

  async setDescription(sdp: string): Promise<void> {
    if (this.pc.signalingState === 'stable' && this.pc.remoteDescription !== null) return // a re-offer: keep media as it is
    this.offer = sdp
    this.eventPt = Number(/^a=rtpmap:(\d+) telephone-event\/8000/m.exec(sdp)?.[1] ?? 101)
    await this.pc.setRemoteDescription({ type: 'offer', sdp })
  }

  async getDescription(): Promise<{ body: string; contentType: string }> {
    if (this.pc.signalingState !== 'have-remote-offer') return { body: this.pc.localDescription?.sdp ?? '', contentType: 'application/sdp' }
    const transceiver = this.pc.getTransceivers()[0]
    if (transceiver === undefined) throw new Error('no audio in the offer')
    this.transceiver = transceiver
    await transceiver.sender.replaceTrack(new MediaStreamTrack({ kind: 'audio' }))
    transceiver.setDirection('sendrecv')
    const answer = await this.pc.createAnswer()
    await this.pc.setLocalDescription(answer)
    await new Promise<void>((resolve) => {
      if (this.pc.iceGatheringState === 'complete') return resolve()
      this.pc.iceGatheringStateChange.subscribe((s) => {
        if (s === 'complete') resolve()
      })
    })
    this.startSending()
    return { body: this.pc.localDescription?.sdp ?? answer.sdp, contentType: 'application/sdp' }
  }

  /** RFC 4733: the digit's event packets (marker on the first, three end packets) on the audio stream. */
  sendDtmf(tones: string): boolean {
    void this.dtmf(tones)
    return true
  }

  async dtmf(tones: string, durationMs = 120): Promise<void> {
    for (const tone of tones) {
      const event = '0123456789*#ABCD'.indexOf(tone.toUpperCase())
      if (event < 0) continue
      const start = this.ts
      const steps = Math.ceil(durationMs / 20)
      for (let i = 1; i <= steps + 2; i++) {
        const end = i > steps
        const duration = Math.min(i, steps) * FRAME_SAMPLES
        await this.rtp(this.eventPt, Buffer.from([event, (end ? 0x80 : 0) | 10, duration >> 8, duration & 0xff]), i === 1, start)
        if (!end) await new Promise((r) => setTimeout(r, 20))
      }
      this.ts += steps * FRAME_SAMPLES
    }
  }

  close(): void {
    this.closed = true
    if (this.timer !== null) clearInterval(this.timer)
    void this.pc.close()
  }

  get connected(): boolean {
    return this.pc.connectionState === 'connected'
  }

  /** Share of the last `ms` of received audio at each frequency, per 50 ms block (20 Hz bins). */
  tones(ms = 1000): { blocks: number; customer: number; agent: number; level: number } {
    const samples = this.received.slice(-Math.floor((ms * 8000) / 1000))
    let customer = 0
    let agent = 0
    let blocks = 0
    for (let at = 0; at + 400 <= samples.length; at += 400) {
      const block = samples.slice(at, at + 400)
      blocks++
      if (toneShare(block, 440) > 0.2) customer++
      if (toneShare(block, 880) > 0.2) agent++
    }
    return { blocks, customer, agent, level: rms(samples) }
  }

  private startSending(): void {
    // Audio every 20 ms, sent on the sender's SSRC (the one the SDP announced).
    this.timer = setInterval(() => {
      if (!this.connected || this.closed) return
      const frame = new Int16Array(FRAME_SAMPLES)
      if (this.voice === 'tone') for (let i = 0; i < FRAME_SAMPLES; i++) frame[i] = Math.round(8000 * Math.sin((2 * Math.PI * 1000 * this.phase++) / 8000))
      void this.rtp(0, encodeUlaw(frame), false, this.ts)
      this.ts += FRAME_SAMPLES
    }, 20)
    this.timer.unref()
  }

  private async rtp(pt: number, payload: Buffer, marker: boolean, timestamp: number): Promise<void> {
    const sender = this.transceiver?.sender
    if (sender === undefined || !this.connected || this.closed) return
    const header = new RtpHeader({ payloadType: pt, sequenceNumber: this.seq, timestamp: timestamp >>> 0, ssrc: sender.ssrc, marker })
    this.seq = (this.seq + 1) & 0xffff
    await sender.dtlsTransport.sendRtp(payload, header).catch(() => 0)
  }
}

export interface IncomingCall {
  invitation: Invitation
  media: PhoneMedia
  /** The From header the PBX sent. */
  from: string
  ended: boolean
}

/** A SIP.js user agent registered as a demo supervisor. */
export class Softphone {
  readonly ua: UserAgent
  readonly registerer: Registerer
  readonly calls: IncomingCall[] = []
  /** What to do with an INVITE: ring (default; the test answers), or answer/reject at once. */
  onInvite: (call: IncomingCall) => void = () => undefined

  constructor(
    server: string,
    readonly ext: string,
    password: string,
    options: { expires?: number } = {}
  ) {
    const uri = UserAgent.makeURI(`sip:${ext}@127.0.0.1`)
    if (uri === undefined) throw new Error('bad URI')
    this.ua = new UserAgent({
      uri,
      transportOptions: { server },
      authorizationUsername: ext,
      authorizationPassword: password,
      logLevel: 'error',
      logBuiltinEnabled: false,
      sessionDescriptionHandlerFactory: (session: Session) => this.calls.find((c) => c.invitation === session)?.media ?? new PhoneMedia(),
      delegate: {
        onInvite: (invitation) => {
          const call: IncomingCall = { invitation, media: new PhoneMedia(), from: invitation.request.getHeader('From') ?? '', ended: false }
          invitation.stateChange.addListener((s) => {
            if (s === SessionState.Terminated) {
              call.ended = true
              call.media.close()
            }
          })
          this.calls.push(call)
          this.onInvite(call)
        }
      }
    })
    this.registerer = new Registerer(this.ua, { expires: options.expires ?? 600 })
  }

  async register(): Promise<void> {
    await this.ua.start()
    await this.registerer.register()
    await waitFor(() => this.registerer.state === RegistererState.Registered, `${this.ext} to register`)
  }

  async unregister(): Promise<void> {
    await this.registerer.unregister()
    await waitFor(() => this.registerer.state === RegistererState.Unregistered, `${this.ext} to unregister`)
  }

  async stop(): Promise<void> {
    for (const c of this.calls) c.media.close()
    await this.ua.stop().catch(() => undefined)
  }

  async nextCall(after = 0, ms = 8000): Promise<IncomingCall> {
    await waitFor(() => this.calls.length > after, 'an INVITE', ms)
    return this.calls[after] as IncomingCall
  }
}
