/**
 * RFC 4733 telephone-events received over RTP, turned into the begin/end pairs Asterisk's RTP
 * stack makes of them (res_rtp_asterisk: a DTMF_BEGIN frame on the first packet of an event, a
 * DTMF_END frame with the event's duration on its end packet; the end packet's three copies count
 * once). Also the `application/dtmf-relay` bodies of SIP INFO.
 */

export const DTMF_EVENTS = '0123456789*#ABCD'

export interface DtmfSink {
  begin(digit: string): void
  end(digit: string, durationMs: number): void
}

export interface TelephoneEvent {
  event: number
  end: boolean
  volume: number
  /** In timestamp units (8 kHz: samples). */
  duration: number
}

export function parseTelephoneEvent(payload: Uint8Array): TelephoneEvent | null {
  if (payload.length < 4) return null
  return {
    event: payload[0] as number,
    end: ((payload[1] as number) & 0x80) !== 0,
    volume: (payload[1] as number) & 0x3f,
    duration: (((payload[2] as number) << 8) | (payload[3] as number)) >>> 0
  }
}

/** Follows one RTP stream's telephone-events. */
export class DtmfReceiver {
  private current: { timestamp: number; digit: string; duration: number } | null = null
  /** Timestamps of events already ended (their repeated end packets are ignored). */
  private readonly ended: number[] = []

  constructor(
    private readonly sink: DtmfSink,
    private readonly clockRate = 8000
  ) {}

  packet(timestamp: number, payload: Uint8Array): void {
    const ev = parseTelephoneEvent(payload)
    if (ev === null || ev.event >= DTMF_EVENTS.length) return
    if (this.ended.includes(timestamp)) return
    const digit = DTMF_EVENTS[ev.event] as string
    if (this.current !== null && this.current.timestamp !== timestamp) {
      // A new event before the last one's end packet: that one is over.
      this.finish()
    }
    if (this.current === null) {
      this.current = { timestamp, digit, duration: ev.duration }
      this.sink.begin(digit)
    } else this.current.duration = Math.max(this.current.duration, ev.duration)
    if (ev.end) this.finish()
  }

  /** Ends an event whose end packets never came (called when the stream goes quiet, or stops). */
  flush(): void {
    if (this.current !== null) this.finish()
  }

  private finish(): void {
    const c = this.current
    if (c === null) return
    this.current = null
    this.ended.push(c.timestamp)
    if (this.ended.length > 16) this.ended.shift()
    this.sink.end(c.digit, Math.round((c.duration * 1000) / this.clockRate))
  }
}

/** `Signal=5\r\nDuration=160` (application/dtmf-relay) or `5` (application/dtmf). */
export function parseDtmfInfo(contentType: string, body: string): { digit: string; durationMs: number | null } | null {
  const type = contentType.split(';')[0]?.trim().toLowerCase()
  if (type === 'application/dtmf-relay') {
    const signal = /^\s*signal\s*=\s*(\S)\s*$/im.exec(body)?.[1]
    if (signal === undefined) return null
    const digit = signal.toUpperCase()
    if (!DTMF_EVENTS.includes(digit)) return null
    const duration = /^\s*duration\s*=\s*(\d{1,6})\s*$/im.exec(body)?.[1]
    return { digit, durationMs: duration === undefined ? null : Number(duration) }
  }
  if (type === 'application/dtmf') {
    const digit = body.trim().toUpperCase()
    return digit.length === 1 && DTMF_EVENTS.includes(digit) ? { digit, durationMs: null } : null
  }
  return null
}
