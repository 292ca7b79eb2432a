/**
 * The PBX's end of one WebRTC call (werift): it offers PCMU (payload type 0, 8 kHz, 20 ms) plus
 * telephone-event/8000 (RFC 4733) and nothing else, so a browser answers with PCMU, offers only
 * 127.0.0.1 host candidates, streams what the call sounds like (sounds.ts) once ICE and DTLS are
 * up, and listens to the phone: its audio level (is the supervisor audible?) and its DTMF.
 */
import { randomInt } from 'node:crypto'
import { MediaStreamTrack, RTCPeerConnection, RTCRtpCodecParameters, RtpHeader, RtpPacket, type RTCRtpTransceiver } from 'werift'
import { DtmfReceiver, type DtmfSink } from './dtmf'
import { decodeUlaw, encodeUlaw } from './g711'
import { LevelMeter } from './meter'
import { FRAME_SAMPLES, renderFrame, SILENCE, type Program } from './sounds'

export const PCMU_PT = 0
export const TELEPHONE_EVENT_PT = 101
const LOOPBACK = '127.0.0.1'
const FRAME_MS = 20
/** How long an ICE gathering may take before the offer goes out with what it has. */
const GATHER_TIMEOUT_MS = 3000

export interface MediaStats {
  /** RTP packets of audio (PCMU) received from the phone. */
  packets: number
  audible: boolean
  /** RMS of the phone's audio over the last half second, 0..1 of full scale. */
  level: number
  mediaConnected: boolean
  /** Epoch ms of the first audio packet sent to the phone, null before. */
  firstAudioSentAt: number | null
}

export function pbxCodecs(): RTCRtpCodecParameters[] {
  return [
    new RTCRtpCodecParameters({ mimeType: 'audio/PCMU', clockRate: 8000, channels: 1, payloadType: PCMU_PT }),
    new RTCRtpCodecParameters({ mimeType: 'audio/telephone-event', clockRate: 8000, channels: 1, payloadType: TELEPHONE_EVENT_PT, parameters: '0-16' })
  ]
}

/** werift settings for a loopback-only peer: no interface addresses but 127.0.0.1, no IPv6. */
export function loopbackPeerConfig(): ConstructorParameters<typeof RTCPeerConnection>[0] {
  return {
    codecs: { audio: pbxCodecs() },
    iceUseIpv4: false,
    iceUseIpv6: false,
    iceAdditionalHostAddresses: [LOOPBACK],
    iceFilterCandidatePair: (pair) => pair.remoteCandidate.host === LOOPBACK
  }
}

/** Keeps only 127.0.0.1 candidates in an SDP (nothing else may ever be offered). */
export function loopbackOnly(sdp: string): string {
  return sdp
    .split(/\r?\n/)
    .filter((line) => !line.startsWith('a=candidate:') || line.split(' ')[4] === LOOPBACK)
    .join('\r\n')
}

/** The payload type the phone's answer gives telephone-event/8000, if any. */
export function telephoneEventPt(sdp: string): number | null {
  const m = /^a=rtpmap:(\d+) telephone-event\/8000/im.exec(sdp)
  return m === null ? null : Number(m[1])
}

/** Sends every live session its due 20 ms frames from one timer. */
class Pacer {
  private readonly sessions = new Set<MediaSession>()
  private timer: NodeJS.Timeout | null = null

  add(s: MediaSession): void {
    this.sessions.add(s)
    if (this.timer === null) {
      this.timer = setInterval(() => {
        const now = performance.now()
        for (const session of this.sessions) session.tick(now)
      }, 5)
      this.timer.unref()
    }
  }

  delete(s: MediaSession): void {
    this.sessions.delete(s)
    if (this.sessions.size === 0 && this.timer !== null) {
      clearInterval(this.timer)
      this.timer = null
    }
  }
}

const pacer = new Pacer()

export class MediaSession {
  private readonly pc: RTCPeerConnection
  private readonly track = new MediaStreamTrack({ kind: 'audio' })
  private readonly transceiver: RTCRtpTransceiver
  private readonly meter = new LevelMeter()
  private readonly dtmf: DtmfReceiver
  private program: Program = SILENCE
  private connected = false
  private closed = false
  private firstAudioSentAt: number | null = null
  // RFC 3550: random initial sequence number and timestamp (not the demo's seeded Random: media is not part of the replayable floor).
  private seq = randomInt(0x10000)
  private timestamp = randomInt(2 ** 32 - 1)
  private samples = 0
  private nextFrameAt: number | null = null
  private eventPt = TELEPHONE_EVENT_PT
  private lastEventAt = 0
  private readonly frame = new Int16Array(FRAME_SAMPLES)

  private constructor(dtmf: DtmfSink) {
    this.pc = new RTCPeerConnection(loopbackPeerConfig())
    this.transceiver = this.pc.addTransceiver(this.track, { direction: 'sendrecv' })
    this.dtmf = new DtmfReceiver(dtmf)
    this.transceiver.onTrack.subscribe((remote) => {
      remote.onReceiveRtp.subscribe((rtp) => this.receive(rtp))
    })
    this.pc.connectionStateChange.subscribe((state) => {
      if (state === 'connected' && !this.closed) {
        this.connected = true
        this.nextFrameAt = performance.now()
      } else if (state === 'failed' || state === 'closed' || state === 'disconnected') this.connected = false
    })
    pacer.add(this)
  }

  /** A new session and its SDP offer, with every (loopback) candidate in it (no trickle in SIP). */
  static async offer(dtmf: DtmfSink): Promise<{ session: MediaSession; sdp: string }> {
    const session = new MediaSession(dtmf)
    const offer = await session.pc.createOffer()
    await session.pc.setLocalDescription(offer)
    await session.gathered()
    const sdp = session.pc.localDescription?.sdp ?? offer.sdp
    return { session, sdp: loopbackOnly(sdp) }
  }

  /** The phone's SDP answer. */
  async accept(sdp: string): Promise<void> {
    if (this.closed) return
    this.eventPt = telephoneEventPt(sdp) ?? TELEPHONE_EVENT_PT
    await this.pc.setRemoteDescription({ type: 'answer', sdp })
  }

  /** The SDP the PBX stands by (answers to re-INVITEs and UPDATEs repeat it). */
  get localSdp(): string {
    return loopbackOnly(this.pc.localDescription?.sdp ?? '')
  }

  setProgram(program: Program): void {
    this.program = program
  }

  stats(): MediaStats {
    return { packets: this.meter.packets, audible: this.meter.audible, level: round(this.meter.level), mediaConnected: this.connected, firstAudioSentAt: this.firstAudioSentAt }
  }

  close(): void {
    if (this.closed) return
    this.closed = true
    this.connected = false
    this.dtmf.flush()
    pacer.delete(this)
    this.pc.close().catch(() => undefined)
  }

  private async gathered(): Promise<void> {
    if (this.pc.iceGatheringState === 'complete') return
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, GATHER_TIMEOUT_MS)
      const { unSubscribe } = this.pc.iceGatheringStateChange.subscribe((state) => {
        if (state !== 'complete') return
        clearTimeout(timer)
        unSubscribe()
        resolve()
      })
    })
  }

  private receive(rtp: RtpPacket): void {
    const pt = rtp.header.payloadType
    if (pt === PCMU_PT) this.meter.add(decodeUlaw(rtp.payload))
    else if (pt === this.eventPt) {
      this.lastEventAt = performance.now()
      this.dtmf.packet(rtp.header.timestamp, rtp.payload)
    }
  }

  /** @internal the pacer's call: send the frames due by `now`. */
  tick(now: number): void {
    if (this.lastEventAt !== 0 && now - this.lastEventAt > 1000) {
      // The end packets of a digit never came.
      this.lastEventAt = 0
      this.dtmf.flush()
    }
    if (!this.connected || this.closed || this.nextFrameAt === null) return
    // After a stall (a busy event loop) skip ahead rather than burst.
    if (now - this.nextFrameAt > 10 * FRAME_MS) this.nextFrameAt = now
    while (now >= this.nextFrameAt) {
      this.sendFrame()
      this.nextFrameAt += FRAME_MS
    }
  }

  private sendFrame(): void {
    renderFrame(this.program, this.samples, this.frame)
    this.samples += FRAME_SAMPLES
    const header = new RtpHeader({ payloadType: PCMU_PT, sequenceNumber: this.seq, timestamp: this.timestamp >>> 0, marker: this.firstAudioSentAt === null })
    this.seq = (this.seq + 1) & 0xffff
    this.timestamp = (this.timestamp + FRAME_SAMPLES) >>> 0
    this.track.writeRtp(new RtpPacket(header, encodeUlaw(this.frame)))
    this.firstAudioSentAt ??= Date.now()
  }
}

function round(x: number): number {
  return Math.round(x * 10_000) / 10_000
}
