/**
 * The demo PBX with the real thing on the other end: Debian's Chromium running SIP.js with its
 * stock WebRTC handler (tools/demo-softphone-check.ts). Chromium must answer the PBX's offer
 * (PCMU + telephone-event) with PCMU both ways, hear the call, be heard, and its RTCDTMFSender's
 * digits must switch the ChanSpy mode.
 */
import { describe, expect, it } from 'vitest'
import { checkChromiumSoftphone } from '../../../tools/demo-softphone-check'

// Like the e2e tests, this needs Debian's Chromium (EARSHOT_CHROMIUM to point elsewhere); it never skips.
describe('a Chromium softphone on the demo PBX', () => {
  it('registers, answers a listen leg with PCMU both ways, is heard, and switches to whisper with RTCDTMFSender’s 5', async () => {
    const r = await checkChromiumSoftphone()
    expect(r.failures).toEqual([])
    expect(r.chromium).toMatchObject({ sendCodec: 'audio/PCMU', receiveCodec: 'audio/PCMU', dtmfSender: true })
    expect(r.pbx).toMatchObject({ mediaConnected: true, heardAudio: true, modeAfterDtmf: 'whisper' })
    expect(r.pbx.dtmfEnd).toMatchObject({ Event: 'DTMFEnd', Digit: '5', Direction: 'Received' })
  }, 60_000)
})
