/**
 * The demo PBX with a real softphone: SIP.js 0.21 over a WebSocket on 127.0.0.1, werift media.
 * It registers (digest), is rung by the console's Originate (a real INVITE), answers, hears the
 * customer (440 Hz) and the agent (pulsed 880 Hz), is heard as the mode says, switches mode with
 * DTMF, and hangs up or is hung up: every step as the AMI shows it.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { startLab, type Lab } from './support/lab'
import { Softphone, waitFor } from './support/softphone'

let lab: Lab | null = null
const phones: Softphone[] = []

afterEach(async () => {
  for (const p of phones.splice(0)) await p.stop()
  await lab?.stop()
  lab = null
})

async function registered(l: Lab, ext = '2001'): Promise<Softphone> {
  const account = l.pbx.sip.accounts[ext]
  if (account === undefined) throw new Error(`no account ${ext}`)
  const phone = new Softphone(l.pbx.sip.url, ext, account.password)
  phones.push(phone)
  await phone.register()
  return phone
}

describe('a softphone on the demo PBX', { timeout: 60_000 }, () => {
  it('registers with digest auth: the contact shows on AMI as Asterisk shows a WebRTC contact', async () => {
    lab = await startLab()
    const l = lab
    expect(l.pbx.sip.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/ws$/)
    expect(l.pbx.sip.supervisorExtension).toBe('2001')
    const phone = await registered(l)
    const created = await l.waitEvent('ContactStatus', { AOR: '2001', ContactStatus: 'NonQualified' })
    expect(created.fields.URI).toMatch(/^sip:[a-z0-9]+@[a-z0-9]+\.invalid;transport=ws$/)
    await l.waitEvent('ContactStatus', { AOR: '2001', ContactStatus: 'Unknown' })
    await l.waitEvent('PeerStatus', { Peer: 'PJSIP/2001', PeerStatus: 'Reachable' })
    await l.waitEvent('DeviceStateChange', { Device: 'PJSIP/2001', State: 'NOT_INUSE' })
    const contacts = await l.ami.send({ Action: 'PJSIPShowContacts' })
    const list = contacts.events.find((e) => e.fields.Endpoint === '2001')
    expect(list?.fields).toMatchObject({ Uri: created.fields.URI, Status: 'Unknown', QualifyFrequency: '0', UserAgent: expect.stringContaining('SIP.js') as unknown })
    const endpoints = await l.ami.send({ Action: 'PJSIPShowEndpoints' })
    expect(endpoints.events.find((e) => e.fields.ObjectName === '2001')?.fields).toMatchObject({ Transport: 'transport-ws', DeviceState: 'Not in use' })

    await phone.unregister()
    await l.waitEvent('ContactStatus', { AOR: '2001', ContactStatus: 'Removed' })
    await l.waitEvent('PeerStatus', { Peer: 'PJSIP/2001', PeerStatus: 'Unreachable' })
    expect(l.pbx.model.endpoint('2001').contact).toBeNull()
  })

  it('listens in: a real INVITE, both parties’ tones, nobody hears the supervisor; DTMF 5/6 switch mode; the phone’s BYE leaves the agent’s call up', async () => {
    lab = await startLab()
    const l = lab
    const phone = await registered(l)
    const customer = await l.customerCalls('1001')
    const agentChannel = customer.agent?.name ?? ''
    // Nobody answers for the phone: the test does, after seeing it ring.
    await l.ami.send({ Action: 'Originate', Channel: 'PJSIP/2001', Context: 'internal', Exten: '5551001', Priority: '1', CallerID: '"Listen 1001" <5551001>', Async: 'true' })
    const call = await phone.nextCall()
    expect(call.from).toMatch(/^"Listen 1001" <sip:5551001@127\.0\.0\.1>;tag=/)
    const leg = await l.waitEvent('Newstate', { ChannelState: '5' })
    expect(leg.fields.Channel).toMatch(/^PJSIP\/2001-/)
    expect(l.find('OriginateResponse', { Exten: '5551001' })).toHaveLength(0)
    await call.invitation.accept()
    const response = await l.waitEvent('OriginateResponse', { Exten: '5551001' })
    expect(response.fields).toMatchObject({ Response: 'Success', Reason: '4', Channel: leg.fields.Channel })
    await l.waitEvent('ChanSpyStart', { SpyerChannel: leg.fields.Channel ?? '', SpyeeChannel: agentChannel })

    // The customer's steady 440 Hz and the agent's pulsed 880 Hz reach the phone.
    await waitFor(() => call.media.received.length >= 8000, 'a second of audio')
    await waitFor(() => {
      const t = call.media.tones(1000)
      return t.customer >= 10 && t.agent >= 4
    }, 'both tones')
    let report = l.pbx.supervision()
    expect(report).toHaveLength(1)
    expect(report[0]).toMatchObject({ spyerChannel: leg.fields.Channel, spyeeChannel: agentChannel, agentExtension: '1001', mode: 'listen', heardBy: [], mediaConnected: true, phone: 'webrtc' })
    expect(report[0]?.firstAudioSentAt).toBeGreaterThan(0)

    // The supervisor talks: the PBX hears it (but in listen mode nobody else does).
    call.media.voice = 'tone'
    await waitFor(() => l.pbx.supervision()[0]?.supervisorAudio.audible === true, 'the supervisor to be audible')
    call.media.voice = 'silence'
    await waitFor(() => l.pbx.supervision()[0]?.supervisorAudio.audible === false, 'silence')

    // DTMF 5 (RFC 4733 on the RTP stream): whisper; 6: barge. AMI says so as Asterisk does.
    await call.media.dtmf('5')
    const end5 = await l.waitEvent('DTMFEnd', { Digit: '5' })
    expect(end5.headers.map(([k]) => k).slice(-4)).toEqual(['Linkedid', 'Digit', 'DurationMs', 'Direction'])
    expect(end5.fields).toMatchObject({ Channel: leg.fields.Channel, Direction: 'Received', Privilege: 'dtmf,all' })
    expect(Number(end5.fields.DurationMs)).toBeGreaterThanOrEqual(100)
    expect(l.find('DTMFBegin', { Digit: '5', Channel: leg.fields.Channel ?? '' })).toHaveLength(1)
    await waitFor(() => l.pbx.supervision()[0]?.mode === 'whisper', 'whisper')
    expect(l.pbx.supervision()[0]?.heardBy).toEqual(['agent'])
    await call.media.dtmf('6')
    await waitFor(() => l.pbx.supervision()[0]?.mode === 'barge', 'barge')
    expect(l.pbx.supervision()[0]?.heardBy).toEqual(['agent', 'customer'])
    // SIP INFO works too (the fallback): 4 = back to listen; only a DTMFEnd, as Asterisk writes it.
    await call.invitation.info({ requestOptions: { body: { contentDisposition: 'render', contentType: 'application/dtmf-relay', content: 'Signal=4\r\nDuration=160\r\n' } } })
    await waitFor(() => l.pbx.supervision()[0]?.mode === 'listen', 'listen again')
    expect((await l.waitEvent('DTMFEnd', { Digit: '4' })).fields.DurationMs).toBe('160')
    expect(l.find('DTMFBegin', { Digit: '4' })).toHaveLength(0)

    // Over HTTP, the same report.
    const http = (await (await fetch(l.pbx.sip.reportUrl)).json()) as unknown[]
    expect(http).toHaveLength(1)
    report = l.pbx.supervision()
    expect(http[0]).toMatchObject({ spyerChannel: report[0]?.spyerChannel, mode: 'listen' })

    // The supervisor hangs up: ChanSpy stops, the leg goes, the agent's call stays up.
    await call.invitation.bye()
    await l.waitEvent('ChanSpyStop', { SpyerChannel: leg.fields.Channel ?? '' })
    await l.waitEvent('Hangup', { Channel: leg.fields.Channel ?? '' })
    expect(l.find('Hangup', { Channel: agentChannel })).toHaveLength(0)
    expect(customer.phase).toBe('talking')
    const channels = await l.ami.send({ Action: 'CoreShowChannels' })
    expect(channels.events.map((e) => e.fields.Channel)).toContain(agentChannel)
    expect(l.pbx.supervision()).toHaveLength(0)
  })

  it('whispers (556): heard by the agent only; the agent’s call ending (ChanSpy E) sends the phone a BYE', async () => {
    lab = await startLab()
    const l = lab
    const phone = await registered(l)
    phone.onInvite = (c) => void c.invitation.accept()
    const customer = await l.customerCalls('1002')
    await l.ami.send({ Action: 'Originate', Channel: 'PJSIP/2001', Context: 'internal', Exten: '5561002', Priority: '1', CallerID: '"Whisper 1002" <5561002>', Async: 'true' })
    const call = await phone.nextCall()
    await waitFor(() => l.pbx.supervision()[0]?.spyeeChannel === customer.agent?.name, 'ChanSpy on 1002')
    expect(l.pbx.supervision()[0]).toMatchObject({ mode: 'whisper', heardBy: ['agent'], options: 'qdEw' })
    call.media.voice = 'tone'
    await waitFor(() => l.pbx.supervision()[0]?.supervisorAudio.audible === true, 'the whisper to be heard')
    customer.customerHangup()
    await waitFor(() => call.ended, 'the BYE from the PBX')
    const spyer = (await l.waitEvent('ChanSpyStop')).fields.SpyerChannel ?? ''
    await l.waitEvent('Hangup', { Channel: spyer })
    expect(l.pbx.supervision()).toHaveLength(0)
  })

  it('fails the Originate as Asterisk does: unregistered (0), busy (5), declined (8), unavailable (3), no answer in time (3, CANCEL)', async () => {
    lab = await startLab()
    const l = lab
    let n = 0
    const originate = async (timeout?: number): Promise<string> => {
      const exten = `555${2100 + ++n}`
      await l.ami.send({ Action: 'Originate', Channel: 'PJSIP/2001', Context: 'internal', Exten: exten, Priority: '1', CallerID: `"Listen" <${exten}>`, Async: 'true', ...(timeout === undefined ? {} : { Timeout: String(timeout) }) })
      return exten
    }
    const failure = async (exten: string): Promise<Record<string, string>> => {
      const m = await l.waitEvent('OriginateResponse', { Exten: exten, Response: 'Failure' })
      return m.fields as Record<string, string>
    }
    // Nobody registered: no channel at all.
    expect(await failure(await originate())).toMatchObject({ Reason: '0', Channel: 'PJSIP/2001', Uniqueid: '<null>' })

    const phone = await registered(l)
    const answers: Array<(c: import('./support/softphone').IncomingCall) => void> = [
      (c) => void c.invitation.reject({ statusCode: 486 }),
      (c) => void c.invitation.reject({ statusCode: 603 }),
      (c) => void c.invitation.reject({ statusCode: 480 })
    ]
    const expected = [
      { Reason: '5', DialStatus: 'BUSY', Cause: '17' },
      { Reason: '8', DialStatus: 'NOANSWER', Cause: '21' },
      { Reason: '3', DialStatus: 'NOANSWER', Cause: '19' }
    ]
    for (const [i, answer] of answers.entries()) {
      phone.onInvite = answer
      const exten = await originate()
      const r = await failure(exten)
      const want = expected[i] as (typeof expected)[number]
      expect(r).toMatchObject({ Reason: want.Reason, Channel: 'PJSIP/2001' })
      const leg = l.find('DialBegin', { DestCallerIDNum: exten }).at(-1)?.fields.DestChannel ?? ''
      expect(l.find('DialEnd', { DestChannel: leg })[0]?.fields.DialStatus).toBe(want.DialStatus)
      expect(l.find('Hangup', { Channel: leg })[0]?.fields.Cause).toBe(want.Cause)
      expect(l.find('HangupRequest', { Channel: leg })[0]?.fields.Cause).toBe(want.Cause)
    }
    // It rings and rings: after the Originate's Timeout the PBX CANCELs it.
    phone.onInvite = () => undefined
    const before = phone.calls.length
    const exten = await originate(600)
    const ringing = await phone.nextCall(before)
    expect(await failure(exten)).toMatchObject({ Reason: '3' })
    await waitFor(() => ringing.ended, 'the CANCEL')
    const leg = l.find('DialBegin', { DestCallerIDNum: exten }).at(-1)?.fields.DestChannel ?? ''
    expect(l.find('DialEnd', { DestChannel: leg })[0]?.fields.DialStatus).toBe('NOANSWER')
    expect(l.find('Newstate', { Channel: leg, ChannelState: '6' })).toHaveLength(0)
    expect(l.pbx.model.channels.size).toBe(0)
  })

  it('rings the softphone with an ordinary call (1003 dials 2001): shown as an internal call, never answered for it', async () => {
    lab = await startLab()
    const l = lab
    const phone = await registered(l)
    const ring = l.pbx.ring('2001', '1003')
    if (!ring.ok) throw new Error(ring.error)
    const call = await phone.nextCall()
    expect(call.from).toMatch(/^"Agent 1003" <sip:1003@127\.0\.0\.1>;tag=/)
    const begin = await l.waitEvent('DialBegin', { DestChannel: ring.calleeChannel })
    expect(begin.fields).toMatchObject({ Channel: ring.callerChannel, ChannelState: '4', Exten: '2001', DestCallerIDNum: '2001', DestConnectedLineNum: '1003', DialString: '2001' })
    await l.waitEvent('Newstate', { Channel: ring.calleeChannel, ChannelState: '5' })
    await l.waitEvent('ExtensionStatus', { Exten: '2001', StatusText: 'Ringing' })
    // Left alone, it keeps ringing: nobody answers for the supervisor.
    await new Promise((r) => setTimeout(r, 300))
    expect(l.find('Newstate', { Channel: ring.calleeChannel, ChannelState: '6' })).toHaveLength(0)
    expect(call.ended).toBe(false)
    expect(l.pbx.supervision()).toHaveLength(0)
    // The caller gives up: CANCEL.
    expect(l.pbx.hangup(ring.id)).toBe(1)
    await waitFor(() => call.ended, 'the CANCEL')
    expect((await l.waitEvent('DialEnd', { DestChannel: ring.calleeChannel })).fields.DialStatus).toBe('CANCEL')

    // Again, answered this time: the phone hears the agent (the pulsed 880 Hz), then hangs up.
    const second = l.pbx.ring('2001', '1003')
    if (!second.ok) throw new Error(second.error)
    const answered = await phone.nextCall(1)
    await answered.invitation.accept()
    await l.waitEvent('BridgeEnter', { Channel: second.calleeChannel })
    await waitFor(() => answered.media.tones(1000).agent >= 4, 'the agent’s tone')
    expect(answered.media.tones(1000).customer).toBe(0)
    await answered.invitation.bye()
    await l.waitEvent('Hangup', { Channel: second.callerChannel })
    expect(l.pbx.model.channels.size).toBe(0)
  })

  it('barges (557), ignores DTMF without ChanSpy’s d option, and hangs the leg up when the WebSocket goes', async () => {
    lab = await startLab()
    const l = lab
    const phone = await registered(l)
    phone.onInvite = (c) => void c.invitation.accept()
    const customer = await l.customerCalls('1003')
    await l.ami.send({ Action: 'Originate', Channel: 'PJSIP/2001', Context: 'internal', Exten: '5571003', Priority: '1', CallerID: '"Barge 1003" <5571003>', Async: 'true' })
    const barge = await phone.nextCall()
    await waitFor(() => l.pbx.supervision()[0]?.phase === 'spying', 'barge')
    expect(l.pbx.supervision()[0]).toMatchObject({ mode: 'barge', heardBy: ['agent', 'customer'] })
    await barge.invitation.bye()
    await waitFor(() => l.pbx.supervision().length === 0, 'the barge leg to go')

    // The console's own ChanSpy without d: digits are reported but change nothing.
    await l.ami.send({ Action: 'Originate', Channel: 'PJSIP/2001', Application: 'ChanSpy', Data: `${customer.agent?.name ?? ''},qE`, CallerID: '"Listen" <2001>', Async: 'true' })
    const listen = await phone.nextCall(1)
    await waitFor(() => l.pbx.supervision()[0]?.phase === 'spying' && l.pbx.supervision()[0]?.mediaConnected === true, 'listen')
    await listen.media.dtmf('6')
    await l.waitEvent('DTMFEnd', { Digit: '6' })
    expect(l.pbx.supervision()[0]?.mode).toBe('listen')
    const spyer = l.pbx.supervision()[0]?.spyerChannel ?? ''
    await phone.stop() // the WebSocket closes under the call
    await l.waitEvent('Hangup', { Channel: spyer })
    await l.waitEvent('ContactStatus', { AOR: '2001', ContactStatus: 'Removed' })
    expect(customer.phase).toBe('talking')
  })
})
