/**
 * The PBX's INVITE and the dialog after it, seen byte by byte by a bare client (the media end is
 * a real werift peer): what the INVITE carries, the ACK, and how the PBX answers what a phone
 * may send in the dialog (re-INVITE, UPDATE, INFO, OPTIONS, MESSAGE, CANCEL) and its BYE.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { parseSipUri, parseNameAddr } from '../../../src/main/demo-pbx/sip/uri'
import type { SipRequest, SipResponse } from '../../../src/main/demo-pbx/sip/message'
import { startLab, type Lab } from './support/lab'
import { RawSip, registerWithAuth } from './support/raw-sip'
import { PhoneMedia, waitFor } from './support/softphone'

let lab: Lab | null = null
const cleanup: Array<() => void> = []

afterEach(async () => {
  for (const c of cleanup.splice(0)) c()
  await lab?.stop()
  lab = null
})

describe('the PBX’s INVITE and its dialog', { timeout: 60_000 }, () => {
  it('sends an INVITE like chan_pjsip, confirms with an ACK, answers in-dialog requests, and goes on BYE', async () => {
    lab = await startLab()
    const l = lab
    const sip = await RawSip.connect(l.pbx.sip.url)
    cleanup.push(() => sip.close())
    expect((await registerWithAuth(sip, l.pbx.sip.accounts['2001']?.password ?? '')).status).toBe(200)
    await l.customerCalls('1001')
    await l.ami.send({ Action: 'Originate', Channel: 'PJSIP/2001', Context: 'internal', Exten: '5561001', Priority: '1', CallerID: '"Whisper 1001" <5561001>', Async: 'true' })
    await waitFor(() => sip.received.some((m) => m.kind === 'request' && m.method === 'INVITE'), 'the INVITE')
    const invite = sip.received.find((m): m is SipRequest => m.kind === 'request' && m.method === 'INVITE') as SipRequest
    expect(invite.uri).toBe('sip:rawphone@raw.invalid;transport=ws')
    expect(invite.headers.get('From')).toMatch(/^"Whisper 1001" <sip:5561001@127\.0\.0\.1>;tag=[0-9a-f]+$/)
    expect(invite.headers.get('To')).toBe('<sip:rawphone@raw.invalid;transport=ws>')
    expect(invite.headers.get('Via')).toMatch(/^SIP\/2\.0\/WS 127\.0\.0\.1:\d+;rport;branch=z9hG4bKPj/)
    expect(parseSipUri(parseNameAddr(invite.headers.get('Contact') ?? '')?.uri ?? '')).toMatchObject({ user: 'asterisk', host: '127.0.0.1', params: [['transport', 'ws']] })
    expect(invite.headers.get('Content-Type')).toBe('application/sdp')
    const offer = invite.body
    expect(offer).toMatch(/^m=audio \d+ UDP\/TLS\/RTP\/SAVPF 0 101$/m)
    expect(offer).toContain('a=rtpmap:0 PCMU/8000')
    expect(offer).toContain('a=rtpmap:101 telephone-event/8000')
    expect(offer).not.toMatch(/opus|G722|PCMA/i)
    const candidates = offer.split(/\r?\n/).filter((line) => line.startsWith('a=candidate:'))
    expect(candidates.length).toBeGreaterThan(0)
    for (const c of candidates) expect(c.split(' ')[4]).toBe('127.0.0.1')

    // Answer with a real werift peer.
    const media = new PhoneMedia()
    cleanup.push(() => media.close())
    await media.setDescription(offer)
    const answer = (await media.getDescription()).body
    const lines = (status: string, extra: string[], body = ''): string =>
      [status, ...invite.headers.lines('Via').map((v) => `Via: ${v}`), `From: ${invite.headers.get('From') ?? ''}`, `To: ${invite.headers.get('To') ?? ''};tag=phone1`, `Call-ID: ${invite.headers.get('Call-ID') ?? ''}`, `CSeq: ${invite.headers.get('CSeq') ?? ''}`, ...extra, `Content-Length: ${Buffer.byteLength(body)}`, '', body].join('\r\n')
    sip.send(lines('SIP/2.0 180 Ringing', []))
    await l.waitEvent('Newstate', { ChannelState: '5' })
    sip.send(lines('SIP/2.0 200 OK', ['Contact: <sip:rawphone@raw.invalid;transport=ws>', 'Content-Type: application/sdp'], answer))
    await waitFor(() => sip.received.some((m) => m.kind === 'request' && m.method === 'ACK'), 'the ACK')
    const ack = sip.received.find((m): m is SipRequest => m.kind === 'request' && m.method === 'ACK') as SipRequest
    expect(ack.headers.get('CSeq')).toBe('1 ACK')
    expect(ack.headers.get('To')).toMatch(/;tag=phone1$/)
    expect(ack.headers.get('Via')).not.toBe(invite.headers.get('Via')) // a 2xx ACK is a transaction of its own
    await waitFor(() => media.connected && media.receivedPackets > 10, 'media', 20_000).catch((e: Error) => {
      throw new Error(`${e.message}: ${media.pc.connectionState} ${media.pc.iceConnectionState}, ${media.receivedPackets} packets, PBX ${JSON.stringify(l.pbx.supervision()[0])}`)
    })
    await waitFor(() => l.pbx.supervision()[0]?.mode === 'whisper', 'the report')

    // In the dialog, the phone is the caller: its From carries its tag, its To the PBX's.
    const pbxFrom = invite.headers.get('From') ?? ''
    let cseq = 1
    const inDialog = (method: string, extra: string[] = [], body = ''): string =>
      [
        `${method} sip:asterisk@127.0.0.1 SIP/2.0`,
        `Via: SIP/2.0/WS raw.invalid;branch=z9hG4bK-${method}-${cseq}`,
        `From: <sip:rawphone@raw.invalid;transport=ws>;tag=phone1`,
        `To: ${pbxFrom}`,
        `Call-ID: ${invite.headers.get('Call-ID') ?? ''}`,
        `CSeq: ${++cseq} ${method}`,
        ...extra,
        `Content-Length: ${Buffer.byteLength(body)}`,
        '',
        body
      ].join('\r\n')
    const reinvite: SipResponse = await sip.request(inDialog('INVITE', ['Contact: <sip:rawphone@raw.invalid;transport=ws>', 'Content-Type: application/sdp'], answer))
    expect(reinvite.status).toBe(200)
    expect(reinvite.headers.get('Content-Type')).toBe('application/sdp')
    expect(reinvite.body).toContain('a=rtpmap:0 PCMU/8000')
    sip.send(inDialog('ACK').replace(/CSeq: \d+ ACK/, `CSeq: ${cseq} ACK`))
    const update = await sip.request(inDialog('UPDATE'))
    expect(update.status).toBe(200)
    expect(update.body).toBe('')
    expect((await sip.request(inDialog('UPDATE', ['Content-Type: application/sdp'], answer))).body).toContain('m=audio')
    expect((await sip.request(inDialog('OPTIONS'))).status).toBe(200)
    expect((await sip.request(inDialog('INFO', ['Content-Type: application/dtmf-relay'], 'Signal=6\r\nDuration=200\r\n'))).status).toBe(200)
    await waitFor(() => l.pbx.supervision()[0]?.mode === 'barge', 'barge by INFO')
    expect((await sip.request(inDialog('MESSAGE', ['Content-Type: text/plain'], 'hi'))).status).toBe(405)
    expect((await sip.request(inDialog('INFO').replace('tag=phone1', 'tag=someone-else'))).status).toBe(481)
    expect(media.connected).toBe(true)

    const legName = l.pbx.supervision()[0]?.spyerChannel ?? ''
    expect((await sip.request(inDialog('BYE'))).status).toBe(200)
    await l.waitEvent('Hangup', { Channel: legName })
    // After the BYE the dialog is gone.
    expect((await sip.request(inDialog('INFO'))).status).toBe(481)
  })
})
