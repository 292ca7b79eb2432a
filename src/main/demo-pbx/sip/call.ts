/**
 * The PBX calling a softphone over its WebSocket (RFC 3261 UAC, as chan_pjsip does it): INVITE
 * with a werift SDP offer to the registered contact, 100/180/183 provisional answers, 200 (ACKed,
 * its SDP answer applied) or a failure (ACKed), CANCEL when the PBX gives up first, BYE either
 * way once up. In the dialog it answers BYE, re-INVITE and UPDATE (200 with the SDP it already
 * has), INFO (DTMF as `application/dtmf-relay`) and OPTIONS. WebSocket is reliable: no
 * retransmissions (RFC 3261 §17.1.1.2).
 */
import { randomBytes, randomUUID } from 'node:crypto'
import { parseDtmfInfo, type DtmfSink } from '../media/dtmf'
import { MediaSession, type MediaStats } from '../media/session'
import { SILENCE, type Program } from '../media/sounds'
import type { PhoneCall, PhoneCallEvents, PhoneCallRequest } from '../phones'
import { parseCSeq, responseTo, SipHeaders, type SipMessage, type SipRequest, type SipResponse } from './message'
import { formatNameAddr, param, parseNameAddr } from './uri'

/** What a call needs from the WebSocket connection it runs on. */
export interface CallTransport {
  send(message: SipMessage): void
  /** Via sent-by of the PBX on this transport (`127.0.0.1:8088`). */
  readonly sentBy: string
  /** The PBX's Contact (`<sip:asterisk@127.0.0.1:8088;transport=ws>`). */
  readonly contact: string
  readonly userAgent: string
  /** The call is over: stop routing its messages to it. */
  forget(call: SipCall): void
}

/** chan_pjsip's INVITE Allow / Supported (no 100rel or session timers: the demo does neither). */
export const ALLOW = 'OPTIONS, REGISTER, INVITE, ACK, BYE, CANCEL, UPDATE, INFO'
export const SUPPORTED = 'replaces, norefersub'

type CallState = 'offering' | 'calling' | 'early' | 'confirmed' | 'ended'

function branch(): string {
  return `z9hG4bKPj${randomUUID()}`
}

export function newTag(): string {
  return randomBytes(8).toString('hex')
}

export class SipCall implements PhoneCall {
  readonly callId = randomUUID()
  private state: CallState = 'offering'
  private readonly localTag = newTag()
  private readonly inviteBranch = branch()
  private cseq = 1
  private remoteTag: string | null = null
  private remoteTarget: string
  private provisional = false
  private cancelPending = false
  private media: MediaSession | null = null
  private program: Program = SILENCE
  private readonly from: string
  private readonly toUri: string

  constructor(
    private readonly transport: CallTransport,
    /** The registered contact URI the INVITE goes to. */
    contactUri: string,
    private readonly request: PhoneCallRequest,
    private readonly events: PhoneCallEvents
  ) {
    this.remoteTarget = contactUri
    this.toUri = contactUri
    this.from = formatNameAddr(request.from.name === '' ? null : request.from.name, `sip:${request.from.num}@127.0.0.1`, [['tag', this.localTag]])
  }

  /** Makes the SDP offer and sends the INVITE. */
  async start(): Promise<void> {
    const sink: DtmfSink = {
      begin: (digit) => {
        if (this.state === 'confirmed') this.events.dtmfBegin(digit)
      },
      end: (digit, ms) => {
        if (this.state === 'confirmed') this.events.dtmfEnd(digit, ms)
      }
    }
    let offer: { session: MediaSession; sdp: string }
    try {
      offer = await MediaSession.offer(sink)
    } catch {
      if (this.state === 'offering') this.finish(() => this.events.failed({ status: 500 }))
      return
    }
    if (this.state !== 'offering') {
      offer.session.close()
      return
    }
    this.media = offer.session
    this.media.setProgram(this.program)
    this.state = 'calling'
    this.transport.send(this.inviteRequest(offer.sdp))
  }

  end(): void {
    switch (this.state) {
      case 'offering':
        this.finish()
        break
      case 'calling':
      case 'early':
        if (this.provisional) this.sendCancel()
        else this.cancelPending = true
        this.state = 'ended'
        this.media?.close()
        // Stay around for the INVITE's final answer (487, or a 200 that crossed the CANCEL) to
        // ACK it, but not forever (Timer B: 64 T1).
        setTimeout(() => this.transport.forget(this), 32_000).unref()
        break
      case 'confirmed':
        this.transport.send(this.inDialog('BYE'))
        this.finish()
        break
      case 'ended':
        break
    }
  }

  setProgram(program: Program): void {
    this.program = program
    this.media?.setProgram(program)
  }

  stats(): MediaStats {
    return this.media?.stats() ?? { packets: 0, audible: false, level: 0, mediaConnected: false, firstAudioSentAt: null }
  }

  /** The WebSocket closed under the call. */
  transportLost(): void {
    const state = this.state
    if (state === 'ended') return
    this.finish(() => {
      if (state === 'confirmed') this.events.hungUp()
      else this.events.failed({ status: 503 })
    })
  }

  // ------------------------------------------------------------------ responses to our requests

  onResponse(res: SipResponse): void {
    const cseq = parseCSeq(res.headers.get('CSeq') ?? '')
    if (cseq === null || cseq.method !== 'INVITE' || cseq.seq !== 1) return // CANCEL, BYE: nothing to do
    if (res.status < 200) {
      if (res.status === 100) return
      this.provisional = true
      if (this.cancelPending) {
        this.cancelPending = false
        this.sendCancel()
        return
      }
      if (this.state === 'calling') this.state = 'early'
      // 180 and 183 both mean the phone is alerting (a WebRTC phone sends 180).
      if (this.state === 'early') this.events.ringing()
      return
    }
    const toTag = param(parseNameAddr(res.headers.get('To') ?? '')?.params ?? [], 'tag') ?? null
    if (res.status >= 300) {
      // The INVITE transaction's own ACK (same branch, the response's To).
      this.transport.send(this.ackFailure(res))
      if (this.state === 'ended') {
        this.transport.forget(this)
        return
      }
      this.finish(() => this.events.failed({ status: res.status }))
      return
    }
    // 2xx: the dialog is confirmed; its ACK is a request of its own (new branch).
    if (this.remoteTag !== null) return // a retransmitted 200
    this.remoteTag = toTag
    const contact = parseNameAddr(res.headers.getAll('Contact')[0] ?? '')
    if (contact !== null && contact.uri !== '*') this.remoteTarget = contact.uri
    this.transport.send(this.inDialog('ACK', 1))
    if (this.state === 'ended') {
      // Answered after we gave up (CANCEL crossed the 200): hang up at once.
      this.transport.send(this.inDialog('BYE'))
      this.transport.forget(this)
      return
    }
    const sdp = (res.headers.get('Content-Type') ?? '').toLowerCase().startsWith('application/sdp') ? res.body : ''
    if (sdp === '' || this.media === null) {
      this.transport.send(this.inDialog('BYE'))
      this.finish(() => this.events.failed({ status: 488 }))
      return
    }
    this.state = 'confirmed'
    const media = this.media
    media.accept(sdp).then(
      () => {
        if (this.state === 'confirmed') this.events.answered()
      },
      () => {
        if (this.state !== 'confirmed') return
        this.transport.send(this.inDialog('BYE'))
        this.finish(() => this.events.failed({ status: 488 }))
      }
    )
  }

  // ------------------------------------------------------------------ requests from the phone in the dialog

  /** A request whose Call-ID is this call's (the server checked the tags). */
  onRequest(req: SipRequest): void {
    const reply = (status: number, extra: Array<[string, string]> = [], body = ''): void => this.transport.send(this.respond(req, status, extra, body))
    switch (req.method) {
      case 'ACK':
        return
      case 'BYE': {
        reply(200)
        if (this.state !== 'confirmed') return
        this.finish(() => this.events.hungUp())
        return
      }
      case 'INVITE':
      case 'UPDATE': {
        if (this.state !== 'confirmed') {
          reply(491)
          return
        }
        // A re-INVITE/UPDATE (hold, ICE restart, refresh): the demo keeps its media as it is.
        const withSdp = req.method === 'INVITE' || req.body !== ''
        if (withSdp && this.media !== null) reply(200, [['Contact', this.transport.contact], ['Allow', ALLOW], ['Content-Type', 'application/sdp']], this.media.localSdp)
        else reply(200, [['Contact', this.transport.contact], ['Allow', ALLOW]])
        return
      }
      case 'INFO': {
        reply(200)
        const dtmf = parseDtmfInfo(req.headers.get('Content-Type') ?? '', req.body)
        if (dtmf !== null && this.state === 'confirmed') {
          // res_pjsip_dtmf_info queues only a DTMF end (Asterisk writes DTMFEnd for it, no begin).
          this.events.dtmfEnd(dtmf.digit, dtmf.durationMs ?? 100)
        }
        return
      }
      case 'OPTIONS':
        reply(200, [['Allow', ALLOW], ['Accept', 'application/sdp, application/dtmf-relay'], ['Supported', SUPPORTED]])
        return
      case 'CANCEL':
        reply(481)
        return
      default:
        reply(405, [['Allow', ALLOW]])
    }
  }

  /** Does an in-dialog request belong here (its From tag is the phone's, its To tag ours)? */
  matches(req: SipRequest): boolean {
    const from = param(parseNameAddr(req.headers.get('From') ?? '')?.params ?? [], 'tag')
    const to = param(parseNameAddr(req.headers.get('To') ?? '')?.params ?? [], 'tag')
    return to === this.localTag && (this.remoteTag === null || from === this.remoteTag)
  }

  // ------------------------------------------------------------------ building messages

  private finish(then?: () => void): void {
    this.state = 'ended'
    this.media?.close()
    this.transport.forget(this)
    then?.()
  }

  private baseHeaders(method: string, seq: number, viaBranch: string, withToTag: boolean): SipHeaders {
    const to = formatNameAddr(null, this.toUri, withToTag && this.remoteTag !== null ? [['tag', this.remoteTag]] : [])
    return new SipHeaders([
      ['Via', `SIP/2.0/WS ${this.transport.sentBy};rport;branch=${viaBranch}`],
      ['From', this.from],
      ['To', to],
      ['Call-ID', this.callId],
      ['CSeq', `${seq} ${method}`],
      ['Max-Forwards', '70'],
      ['User-Agent', this.transport.userAgent]
    ])
  }

  private inviteRequest(sdp: string): SipRequest {
    const headers = this.baseHeaders('INVITE', 1, this.inviteBranch, false)
    headers.append('Contact', this.transport.contact)
    headers.append('Allow', ALLOW)
    headers.append('Supported', SUPPORTED)
    headers.append('Content-Type', 'application/sdp')
    return { kind: 'request', method: 'INVITE', uri: this.remoteTarget, headers, body: sdp }
  }

  private sendCancel(): void {
    const headers = this.baseHeaders('CANCEL', 1, this.inviteBranch, false)
    this.transport.send({ kind: 'request', method: 'CANCEL', uri: this.toUri, headers, body: '' })
  }

  private ackFailure(res: SipResponse): SipRequest {
    const headers = this.baseHeaders('ACK', 1, this.inviteBranch, false)
    headers.set('To', res.headers.get('To') ?? '')
    return { kind: 'request', method: 'ACK', uri: this.toUri, headers, body: '' }
  }

  /** ACK (of the 200) or a new request in the confirmed dialog. */
  private inDialog(method: 'ACK' | 'BYE', seq?: number): SipRequest {
    const n = seq ?? ++this.cseq
    const headers = this.baseHeaders(method, n, branch(), true)
    return { kind: 'request', method, uri: this.remoteTarget, headers, body: '' }
  }

  private respond(req: SipRequest, status: number, extra: Array<[string, string]>, body: string): SipResponse {
    return responseTo(req, status, [...extra, ['Server', this.transport.userAgent]], body, this.localTag)
  }

  /** @internal the request the call was made for (the ordinary call's report reads it). */
  get endpointExt(): string {
    return this.request.endpoint.ext
  }
}
