/** The demo's media building blocks: G.711 µ-law, the two parties' sounds, the level meter, RFC 4733 DTMF. */
import { describe, expect, it } from 'vitest'
import { DtmfReceiver, parseDtmfInfo } from '../../../src/main/demo-pbx/media/dtmf'
import { decodeUlaw, encodeUlaw, linearToUlaw, ulawToLinear } from '../../../src/main/demo-pbx/media/g711'
import { LevelMeter } from '../../../src/main/demo-pbx/media/meter'
import { loopbackOnly, telephoneEventPt } from '../../../src/main/demo-pbx/media/session'
import { AGENT_HZ, CUSTOMER_HZ, FRAME_SAMPLES, renderFrame, rms, toneShare } from '../../../src/main/demo-pbx/media/sounds'

function render(program: { customer: boolean; agent: boolean }, frames: number): Int16Array {
  const out = new Int16Array(frames * FRAME_SAMPLES)
  for (let f = 0; f < frames; f++) out.set(renderFrame(program, f * FRAME_SAMPLES), f * FRAME_SAMPLES)
  return out
}

describe('G.711 µ-law', () => {
  it('encodes silence as 0xFF and round-trips within the codec’s step size', () => {
    expect(linearToUlaw(0)).toBe(0xff)
    expect(ulawToLinear(0xff)).toBe(0)
    for (const x of [1, -1, 100, -100, 1000, -1000, 8000, -8000, 32_000, -32_000]) {
      const y = ulawToLinear(linearToUlaw(x))
      expect(Math.abs(y - x)).toBeLessThanOrEqual(Math.max(8, Math.abs(x) * 0.07))
    }
    // Every code decodes and re-encodes to itself (but the two zeros).
    for (let code = 0; code < 256; code++) if (code !== 0x7f) expect(linearToUlaw(ulawToLinear(code))).toBe(code)
  })
})

describe('the call’s sounds', () => {
  it('customer = steady 440 Hz, agent = pulsed 880 Hz, told apart by a Goertzel filter through PCMU', () => {
    const customer = decodeUlaw(encodeUlaw(render({ customer: true, agent: false }, 25)))
    expect(toneShare(customer, CUSTOMER_HZ)).toBeGreaterThan(0.9)
    expect(toneShare(customer, AGENT_HZ)).toBeLessThan(0.01)
    const agent = decodeUlaw(encodeUlaw(render({ customer: false, agent: true }, 25)))
    // 50 ms blocks (20 Hz bins): the tone while on; over the whole pulse, half the energy is in its bin.
    expect(toneShare(agent.subarray(0, 400), AGENT_HZ)).toBeGreaterThan(0.9)
    expect(toneShare(agent, AGENT_HZ)).toBeGreaterThan(0.4)
    expect(toneShare(agent, CUSTOMER_HZ)).toBeLessThan(0.01)
    // Pulsed: the second 250 ms of the agent are silent.
    expect(rms(agent.subarray(2000, 4000))).toBeLessThan(0.001)
    const both = decodeUlaw(encodeUlaw(render({ customer: true, agent: true }, 50)))
    expect(toneShare(both, CUSTOMER_HZ)).toBeGreaterThan(0.3)
    expect(toneShare(both, AGENT_HZ)).toBeGreaterThan(0.15)
    expect(rms(render({ customer: false, agent: false }, 5))).toBe(0)
  })
})

describe('LevelMeter', () => {
  it('is audible while sound arrives, and goes quiet when silence (or nothing) does', () => {
    let now = 0
    const meter = new LevelMeter(500, () => now)
    const tone = render({ customer: true, agent: false }, 1)
    for (let i = 0; i < 25; i++, now += 20) meter.add(decodeUlaw(encodeUlaw(tone)))
    expect(meter.audible).toBe(true)
    expect(meter.level).toBeGreaterThan(0.1)
    for (let i = 0; i < 30; i++, now += 20) meter.add(new Int16Array(FRAME_SAMPLES))
    expect(meter.audible).toBe(false)
    expect(meter.packets).toBe(55)
    now += 10_000
    expect(meter.level).toBe(0)
  })
})

describe('RFC 4733 telephone-events', () => {
  const packet = (event: number, end: boolean, duration: number): Uint8Array => new Uint8Array([event, (end ? 0x80 : 0) | 10, duration >> 8, duration & 0xff])

  it('one begin on the first packet, one end with the duration (the three end copies count once)', () => {
    const seen: string[] = []
    const rx = new DtmfReceiver({ begin: (d) => seen.push(`begin ${d}`), end: (d, ms) => seen.push(`end ${d} ${ms}`) })
    rx.packet(1000, packet(5, false, 160))
    rx.packet(1000, packet(5, false, 320))
    rx.packet(1000, packet(5, false, 640))
    for (let i = 0; i < 3; i++) rx.packet(1000, packet(5, true, 800))
    rx.packet(5000, packet(11, false, 160))
    rx.packet(9000, packet(10, true, 400)) // a new event before the last one's end: that one ends
    expect(seen).toEqual(['begin 5', 'end 5 100', 'begin #', 'end # 20', 'begin *', 'end * 50'])
    rx.packet(9000, packet(10, true, 400))
    rx.packet(9100, new Uint8Array([1, 2]))
    rx.packet(9200, packet(200, false, 1))
    expect(seen).toHaveLength(6)
  })

  it('reads SIP INFO bodies (application/dtmf-relay, application/dtmf)', () => {
    expect(parseDtmfInfo('application/dtmf-relay', 'Signal=5\r\nDuration=160\r\n')).toEqual({ digit: '5', durationMs: 160 })
    expect(parseDtmfInfo('application/dtmf-relay; charset=x', 'signal= 4\r\n')).toEqual({ digit: '4', durationMs: null })
    expect(parseDtmfInfo('application/dtmf', '6')).toEqual({ digit: '6', durationMs: null })
    expect(parseDtmfInfo('application/dtmf-relay', 'Signal=Z')).toBeNull()
    expect(parseDtmfInfo('text/plain', 'Signal=5')).toBeNull()
  })
})

describe('SDP helpers', () => {
  it('keeps only 127.0.0.1 candidates and finds telephone-event’s payload type', () => {
    const sdp = ['v=0', 'a=candidate:1 1 udp 2 192.168.1.5 4000 typ host', 'a=candidate:2 1 udp 2 127.0.0.1 4001 typ host', 'a=rtpmap:0 PCMU/8000', 'a=rtpmap:110 telephone-event/8000'].join('\r\n')
    expect(loopbackOnly(sdp)).not.toContain('192.168.1.5')
    expect(loopbackOnly(sdp)).toContain('127.0.0.1 4001')
    expect(telephoneEventPt(sdp)).toBe(110)
    expect(telephoneEventPt('a=rtpmap:0 PCMU/8000')).toBeNull()
  })
})
