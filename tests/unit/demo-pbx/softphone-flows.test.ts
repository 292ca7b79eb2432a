/**
 * The call flows with a real phone behind an endpoint, in virtual time: a scripted stand-in for
 * the SIP server's softphones lets each test say exactly what the phone does (ring, answer,
 * refuse, press digits, hang up) and read the AMI events the demo writes, in order.
 */
import { describe, expect, it } from 'vitest'
import type { Headers } from '../../../src/main/demo-pbx/ami-server'
import { VirtualClock } from '../../../src/main/demo-pbx/clock'
import { Demo } from '../../../src/main/demo-pbx/demo'
import { InboundCall } from '../../../src/main/demo-pbx/inbound'
import type { Program } from '../../../src/main/demo-pbx/media/sounds'
import type { PhoneCall, PhoneCallEvents, PhoneCallRequest, Softphones } from '../../../src/main/demo-pbx/phones'
import { registerSoftphone } from '../../../src/main/demo-pbx/presence'
import type { ActionReplier } from '../../../src/main/demo-pbx/snapshot'
import { amiMessage } from '../../../src/main/ami/message'

interface FakeCall extends PhoneCall {
  request: PhoneCallRequest
  events: PhoneCallEvents
  ended: number
  programs: Program[]
}

function setup() {
  const clock = new VirtualClock()
  const demo = new Demo({ clock, scenario: 'queue-pause', consoleActions: 'client' })
  const model = demo.model
  const events: Headers[] = []
  model.onEvent((e) => events.push(e))
  const calls: FakeCall[] = []
  const softphones: Softphones = {
    dial: (request, ev) => {
      if (request.endpoint.ext !== '2001') return null
      const call: FakeCall = {
        request,
        events: ev,
        ended: 0,
        programs: [],
        end: () => void call.ended++,
        setProgram: (p) => void call.programs.push(p),
        stats: () => ({ packets: 0, audible: false, level: 0, mediaConnected: true, firstAudioSentAt: 1 })
      }
      calls.push(call)
      return call
    },
    registered: (ext) => ext === '2001'
  }
  model.softphones = softphones
  demo.start()
  registerSoftphone(model, model.endpoint('2001'), { uri: 'sip:abc@x.invalid;transport=ws', callId: 'c', viaAddr: 'x.invalid', viaPort: 0, userAgent: 'SIP.js/0.21.2', expiresS: 600 })
  events.length = 0
  const replies: Headers[] = []
  const replier: ActionReplier = { reply: (_a, h) => replies.push(h), send: (h) => replies.push(h) }
  const act = (action: Record<string, string>): void => demo.handle(replier, amiMessage(Object.entries(action)))
  const names = (from = 0): string[] => events.slice(from).map((e) => String(e.Event))
  return { clock, demo, model, events, calls, act, replies, names }
}

const LISTEN = { Action: 'Originate', ActionID: 'o1', Channel: 'PJSIP/2001', Context: 'internal', Exten: '5551001', Priority: '1', CallerID: '"Listen 1001" <5551001>', Async: 'true' }

describe('a softphone (WebSocket) supervisor in the flows', () => {
  it('registers as an unqualified WebRTC contact: NonQualified, Unknown, then the endpoint comes online', () => {
    const clock = new VirtualClock()
    const demo = new Demo({ clock, scenario: 'queue-pause', consoleActions: 'client' })
    const events: Headers[] = []
    demo.model.onEvent((e) => events.push(e))
    registerSoftphone(demo.model, demo.model.endpoint('2001'), { uri: 'sip:abc@x.invalid;transport=ws', callId: 'c', viaAddr: 'x.invalid', viaPort: 0, userAgent: 'SIP.js', expiresS: 600 })
    expect(events.map((e) => [e.Event, e.ContactStatus ?? e.PeerStatus ?? e.State ?? e.StatusText])).toEqual([
      ['ContactStatus', 'NonQualified'],
      ['ContactStatus', 'Unknown'],
      ['PeerStatus', 'Reachable'],
      ['DeviceStateChange', 'NOT_INUSE'],
      ['ExtensionStatus', 'Idle']
    ])
    expect(demo.model.endpoint('2001').contact).toMatchObject({ status: 'Unknown', qualifyFrequency: 0, viaAddr: 'x.invalid' })
  })

  it('rings for real: the INVITE shows the Originate’s caller ID; Ringing; once answered, the same events as a simulated phone', () => {
    const s = setup()
    s.act(LISTEN)
    s.clock.advance(5)
    const call = s.calls[0] as FakeCall
    expect(call.request.from).toEqual({ num: '5551001', name: 'Listen 1001' })
    expect(call.request.channel.name).toMatch(/^PJSIP\/2001-/)
    expect(s.names()).toEqual(['Newchannel', 'NewCallerid', 'NewConnectedLine', 'DialBegin'])
    // It rings as long as the phone does not answer (nothing auto-answers it).
    s.clock.advance(10_000)
    expect(s.names()).toHaveLength(4)
    call.events.ringing()
    call.events.ringing()
    expect(s.names(4)).toEqual(['Newstate', 'ExtensionStatus', 'DeviceStateChange'])
    expect(s.events[5]).toMatchObject({ Exten: '2001', StatusText: 'Ringing' })
    expect(s.events[6]).toMatchObject({ Device: 'PJSIP/2001', State: 'RINGING' })
    const afterRing = s.events.length
    call.events.answered()
    const answered = s.names(afterRing)

    // The simulated desk phone 2002, for comparison.
    const sim = setup()
    sim.act({ ...LISTEN, Channel: 'PJSIP/2002' })
    sim.clock.advance(100)
    expect(answered).toEqual(sim.names(4))
    expect(s.events.find((e) => e.Event === 'OriginateResponse')).toMatchObject({ Response: 'Success', Reason: 4, ActionID: 'o1' })
  })

  it('spies: the phone hears both parties while ChanSpy runs, silence before and after', () => {
    const s = setup()
    const customer = InboundCall.arrive(s.model, { customer: { number: '+442070002222', name: 'Dave Customer' }, did: '1001', originateId: 'x' })
    s.clock.advance(10)
    s.act(LISTEN)
    s.clock.advance(5)
    const call = s.calls[0] as FakeCall
    call.events.answered()
    s.clock.advance(200)
    expect(call.programs.at(-1)).toEqual({ customer: true, agent: true })
    expect(s.demo.supervision()).toEqual([
      expect.objectContaining({ spyeeChannel: customer.agent?.name, agentExtension: '1001', supervisorExtension: '2001', mode: 'listen', heardBy: [], phase: 'spying', phone: 'webrtc', mediaConnected: true })
    ])
    customer.customerHangup()
    s.clock.advance(10)
    expect(call.programs.at(-1)).toEqual({ customer: false, agent: false })
    // ChanSpy E: the leg ends with the agent's call, and the phone is sent its BYE.
    expect(call.ended).toBeGreaterThan(0)
    expect(s.demo.supervision()).toEqual([])
  })

  it('refusals end the Originate as Asterisk reports them (busy 5, declined 8, unavailable 3)', () => {
    for (const [status, reason, dialStatus, cause, text] of [
      [486, 5, 'BUSY', 17, 'User busy'],
      [603, 8, 'NOANSWER', 21, 'Call Rejected'],
      [480, 3, 'NOANSWER', 19, 'User alerting, no answer'],
      [503, 8, 'CONGESTION', 34, 'Circuit/channel congestion']
    ] as const) {
      const s = setup()
      s.act(LISTEN)
      s.clock.advance(5)
      const call = s.calls[0] as FakeCall
      call.events.ringing()
      const from = s.events.length
      call.events.failed({ status })
      expect(s.names(from)).toEqual(['HangupRequest', 'DialEnd', 'Hangup', 'ExtensionStatus', 'DeviceStateChange', 'OriginateResponse'])
      expect(s.events[from]).toMatchObject({ Cause: cause })
      expect(s.events[from + 1]).toMatchObject({ DialStatus: dialStatus })
      expect(s.events[from + 2]).toMatchObject({ Cause: cause, 'Cause-txt': text })
      expect(s.events[from + 4]).toMatchObject({ Device: 'PJSIP/2001', State: 'NOT_INUSE' })
      expect(s.events[from + 5]).toMatchObject({ Response: 'Failure', Reason: reason, Channel: 'PJSIP/2001', Uniqueid: '<null>', Exten: '5551001' })
      // Late news from the phone changes nothing.
      call.events.answered()
      call.events.hungUp()
      expect(s.events).toHaveLength(from + 6)
      expect(s.model.channels.size).toBe(0)
    }
  })

  it('gives up after the Originate’s Timeout (default 30 s): CANCEL, NOANSWER, Reason 3', () => {
    const s = setup()
    s.act({ ...LISTEN, Timeout: '1500' })
    s.clock.advance(5)
    const call = s.calls[0] as FakeCall
    s.clock.advance(1400)
    expect(call.ended).toBe(0)
    s.clock.advance(200)
    expect(call.ended).toBe(1)
    expect(s.events.find((e) => e.Event === 'DialEnd')).toMatchObject({ DialStatus: 'NOANSWER' })
    expect(s.events.find((e) => e.Event === 'OriginateResponse')).toMatchObject({ Response: 'Failure', Reason: 3 })

    const t = setup()
    t.act(LISTEN)
    t.clock.advance(29_990)
    expect(t.events.find((e) => e.Event === 'OriginateResponse')).toBeUndefined()
    t.clock.advance(20)
    expect(t.events.find((e) => e.Event === 'OriginateResponse')).toMatchObject({ Reason: 3 })
  })

  it('a synchronous Originate answers when the phone did: Success, or Error "Originate failed"', () => {
    const s = setup()
    const { Async: _async, ...sync } = LISTEN
    s.act(sync)
    s.clock.advance(5)
    expect(s.replies).toEqual([])
    ;(s.calls[0] as FakeCall).events.answered()
    expect(s.replies).toEqual([{ Response: 'Success', Message: 'Originate successfully queued' }])
    s.act(sync)
    s.clock.advance(5)
    ;(s.calls[1] as FakeCall).events.failed({ status: 486 })
    expect(s.replies.at(-1)).toEqual({ Response: 'Error', Message: 'Originate failed' })
  })

  it('the console hanging up a ringing leg CANCELs the phone (Reason 1); an answered one gets a BYE', () => {
    const s = setup()
    s.act(LISTEN)
    s.clock.advance(5)
    const call = s.calls[0] as FakeCall
    s.act({ Action: 'Hangup', Channel: call.request.channel.name })
    expect(call.ended).toBe(1)
    expect(s.events.find((e) => e.Event === 'OriginateResponse')).toMatchObject({ Response: 'Failure', Reason: 1 })

    s.act(LISTEN)
    s.clock.advance(5)
    const up = s.calls[1] as FakeCall
    up.events.answered()
    s.clock.advance(200)
    s.act({ Action: 'Hangup', Channel: up.request.channel.name })
    expect(up.ended).toBe(1)
    expect(s.events.filter((e) => e.Event === 'Hangup' && e.Channel === up.request.channel.name)).toEqual([expect.objectContaining({ Cause: 16 })])
    expect(s.demo.supervision()).toEqual([])
  })

  it('DTMF: DTMFBegin/DTMFEnd as Asterisk writes them; 4/5/6 switch the mode with d, nothing without it', () => {
    const s = setup()
    InboundCall.arrive(s.model, { customer: { number: '+442070002222', name: 'Dave Customer' }, did: '1001', originateId: 'x' })
    s.clock.advance(10)
    s.act(LISTEN)
    s.clock.advance(5)
    const call = s.calls[0] as FakeCall
    call.events.dtmfEnd('5', 100) // before the answer: ignored
    call.events.answered()
    s.clock.advance(200)
    const from = s.events.length
    call.events.dtmfBegin('5')
    call.events.dtmfEnd('5', 120)
    const [begin, end] = s.events.slice(from)
    expect(Object.keys(begin ?? {})).toEqual(['Event', 'Privilege', 'Channel', 'ChannelState', 'ChannelStateDesc', 'CallerIDNum', 'CallerIDName', 'ConnectedLineNum', 'ConnectedLineName', 'Language', 'AccountCode', 'Context', 'Exten', 'Priority', 'Uniqueid', 'Linkedid', 'Digit', 'Direction'])
    expect(Object.keys(end ?? {}).slice(-4)).toEqual(['Linkedid', 'Digit', 'DurationMs', 'Direction'])
    expect(end).toMatchObject({ Event: 'DTMFEnd', Privilege: 'dtmf,all', Channel: call.request.channel.name, Exten: '5551001', Digit: '5', DurationMs: 120, Direction: 'Received' })
    expect(s.demo.supervision()[0]).toMatchObject({ mode: 'whisper', heardBy: ['agent'] })
    call.events.dtmfEnd('6', 100)
    expect(s.demo.supervision()[0]).toMatchObject({ mode: 'barge', heardBy: ['agent', 'customer'] })
    call.events.dtmfEnd('1', 100)
    expect(s.demo.supervision()[0]?.mode).toBe('barge')
    call.events.dtmfEnd('4', 100)
    expect(s.demo.supervision()[0]).toMatchObject({ mode: 'listen', heardBy: [] })

    const t = setup()
    t.act({ Action: 'Originate', Channel: 'PJSIP/2001', Application: 'ChanSpy', Data: 'PJSIP/1001,qEw', Async: 'true' })
    t.clock.advance(5)
    ;(t.calls[0] as FakeCall).events.answered()
    ;(t.calls[0] as FakeCall).events.dtmfEnd('6', 100)
    expect(t.events.filter((e) => e.Event === 'DTMFEnd')).toHaveLength(1)
    expect(t.demo.supervision()[0]).toMatchObject({ mode: 'whisper', options: 'qEw' })
  })

  it('an ordinary call rings the softphone until it answers; the caller hanging up CANCELs it', () => {
    const s = setup()
    const r = s.demo.ring('2001', '1003')
    if (!r.ok) throw new Error(r.error)
    const call = s.calls[0] as FakeCall
    expect(call.request.from).toEqual({ num: '1003', name: 'Agent 1003' })
    expect(s.names()).toEqual(['Newchannel', 'Newchannel', 'NewConnectedLine', 'DialBegin', 'NewConnectedLine', 'ExtensionStatus', 'DeviceStateChange', 'QueueMemberStatus', 'QueueMemberStatus'])
    s.clock.advance(20_000)
    call.events.ringing()
    expect(s.model.channelByName(r.calleeChannel)?.state).toBe(5)
    const from = s.events.length
    call.events.answered()
    expect(s.names(from)).toEqual(['Newstate', 'ExtensionStatus', 'DeviceStateChange', 'DialEnd', 'Newstate', 'DeviceStateChange', 'BridgeCreate', 'BridgeEnter', 'BridgeEnter'])
    expect(call.programs.at(-1)).toEqual({ customer: false, agent: true })
    call.events.hungUp()
    expect(s.model.channels.size).toBe(0)
    expect(s.demo.calls.size).toBe(0)

    expect(s.demo.ring('1003', '2001')).toEqual({ ok: false, status: 409, error: '2001 is a softphone: it places its own calls' })

    const t = setup()
    const again = t.demo.ring('2001', '1003')
    if (!again.ok) throw new Error(again.error)
    expect(t.demo.hangup()).toBe(1)
    expect((t.calls[0] as FakeCall).ended).toBe(1)
    expect(t.events.find((e) => e.Event === 'DialEnd')).toMatchObject({ DialStatus: 'CANCEL' })
    expect(t.model.channels.size).toBe(0)
    // Unanswered for the dialplan's 30 s: NOANSWER, CANCEL.
    const u = setup()
    u.demo.ring('2001', '1003')
    u.clock.advance(30_001)
    expect((u.calls[0] as FakeCall).ended).toBe(1)
    expect(u.events.find((e) => e.Event === 'DialEnd')).toMatchObject({ DialStatus: 'NOANSWER' })
  })
})
