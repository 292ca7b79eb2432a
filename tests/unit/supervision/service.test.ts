/**
 * SupervisionService's own rules, on a floor of two talking agents that answers every action (no
 * PBX): one leg at a time per softphone, who may end or switch a session however old, and a DTMF
 * switch the PBX must confirm (the events it would send folded by hand, in Asterisk 22's words).
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { type AmiAction, type AmiResponse, amiMessage, type AmiMessage } from '../../../src/main/ami'
import { CallsProjector } from '../../../src/main/calls'
import { SupervisionService } from '../../../src/main/supervision/service'
import { supervisionHandlers } from '../../../src/main/supervision/handlers'
import type { SupervisionAudit } from '../../../src/main/supervision/audit'
import type { Operator } from '../../../src/shared/contract'
import type { AgentCall, AgentRow } from '../../../src/shared/floor'
import type { SupervisionMode, SupervisionSession } from '../../../src/shared/supervision'

function call(id: string, channel: string): AgentCall {
  return { id, channel, state: 'talking', onHold: false, customer: '+15550000000', customerName: null, direction: 'inbound', startedAt: 0, answeredAt: 1, answeredAtApprox: false, supervisors: [] }
}
function row(extension: string, c: AgentCall): AgentRow {
  return { extension, name: `Agent ${extension}`, status: 'talking', statusSince: 1, pauseReason: null, pause: null, calls: [c], unansweredRings: 0 }
}

/** `answer`: how the floor answers an action (at once with Success unless given); `desk.operator`: who is signed in (Ann unless changed). */
function setUp(
  answer?: (action: AmiAction) => Promise<AmiResponse>,
  desk: { operator: { id: string; name: string } | null } = { operator: { id: 'op1', name: 'Ann' } }
): { service: SupervisionService; sent: AmiAction[]; clock: { now: number } } {
  const sent: AmiAction[] = []
  const clock = { now: 0 }
  let n = 0
  const service = new SupervisionService({
    floor: {
      rows: () => [row('1001', call('100.1', 'PJSIP/1001-00000001')), row('1002', call('100.2', 'PJSIP/1002-00000002'))],
      status: () => ({ source: 'pbx', state: 'live', message: null, retryAt: null, stale: false }),
      endpointReachable: () => true,
      send: (a) => (sent.push(a), answer?.(a) ?? Promise.resolve({ fields: { Response: 'Success' } } as unknown as AmiResponse))
    },
    config: () => ({ method: 'chanspy', context: 'internal', featureCodes: { listen: '', whisper: '', barge: '' }, supervisorExtension: '2001', ringTimeoutMs: 20_000 }),
    operator: () => desk.operator,
    now: () => clock.now,
    newToken: () => `es00000000000${String(++n)}`
  })
  return { service, sent, clock }
}

const originates = (sent: AmiAction[]): number => sent.filter((a) => a.Action === 'Originate').length

describe('one supervision leg at a time per softphone', () => {
  it('refuses a second leg to the same softphone while the first is live, on any call, and allows it once that one ended', async () => {
    const { service, sent } = setUp()
    const first = await service.start({ agentExtension: '1001', callId: '100.1', mode: 'barge' })
    await expect(service.start({ agentExtension: '1002', callId: '100.2', mode: 'listen' })).rejects.toThrow('End your supervision of Agent 1001’s call first.')
    expect(originates(sent)).toBe(1)
    service.connectionLost() // ends the first
    expect(service.session(first.id)?.phase).toBe('ended')
    await service.start({ agentExtension: '1002', callId: '100.2', mode: 'listen' })
    expect(originates(sent)).toBe(2)
    service.stop()
  })
})

describe('the operator after another at the desk', () => {
  it('is refused while the one before\'s leg is being ended, without being told whose call it was on', async () => {
    const desk: { operator: { id: string; name: string } | null } = { operator: { id: 'op1', name: 'Ann' } }
    const { service } = setUp(undefined, desk)
    await service.start({ agentExtension: '1001', callId: '100.1', mode: 'listen' })
    desk.operator = { id: 'op2', name: 'Bob' }
    service.endOthers('op2') // Ann's leg is being hung up
    const refusals = await Promise.all(
      [
        { agentExtension: '1002', callId: '100.2' },
        { agentExtension: '1001', callId: '100.1' }
      ].map((call) => service.start({ ...call, mode: 'listen' }).then(() => 'started', (error: unknown) => String(error)))
    )
    for (const refusal of refusals) {
      expect(refusal).toContain('another operator')
      expect(refusal).not.toContain('Agent 1001')
    }
    service.stop()
  })
})

describe('who may end or switch a session', () => {
  const ann = { id: 'op1', name: 'Ann', extension: '2001', scopes: ['supervise:listen'] } as unknown as Operator
  const bob = { id: 'op2', name: 'Bob', extension: '1009', scopes: ['supervise:listen'] } as unknown as Operator
  const handlersOf = (service: SupervisionService) =>
    supervisionHandlers({ service, sessions: () => ({ sessions: [], availability: { available: true, reason: null } }), audit: {} as SupervisionAudit })
  const context = (operator: Operator) => ({ origin: 'test', operator })

  it('another operator is refused, also for a session ended long enough ago that it is no longer listed', async () => {
    const { service, clock } = setUp()
    const handlers = handlersOf(service)
    const s = await service.start({ agentExtension: '1001', callId: '100.1', mode: 'listen' })
    await expect(Promise.resolve().then(() => handlers['supervision:end']({ sessionId: s.id }, context(bob)))).rejects.toMatchObject({ error: { code: 'forbidden' } })
    service.connectionLost()
    clock.now = 6 * 60_000
    expect(service.sessions().some((x) => x.id === s.id)).toBe(false)
    await expect(Promise.resolve().then(() => handlers['supervision:end']({ sessionId: s.id }, context(bob)))).rejects.toMatchObject({ error: { code: 'forbidden' } })
    await expect(Promise.resolve().then(() => handlers['supervision:switch']({ sessionId: s.id, mode: 'listen', canSendDtmf: true }, context(bob)))).rejects.toMatchObject({ error: { code: 'forbidden' } })
    // Its owner still gets it back.
    expect(await handlers['supervision:end']({ sessionId: s.id }, context(ann))).toMatchObject({ id: s.id, phase: 'ended' })
    await expect(Promise.resolve().then(() => handlers['supervision:end']({ sessionId: 'no-such-id' }, context(ann)))).rejects.toMatchObject({ error: { code: 'failed' } })
    service.stop()
  })
})

describe('another operator at the desk', () => {
  afterEach(() => void vi.useRealTimers())

  it("ends every live session of the one before: the leg is hung up and the session says why; the operator's own stay", async () => {
    const { service, sent, calls, s } = await startedOnCall('listen')
    calls.apply(ev({ Event: 'Newchannel', Channel: 'PJSIP/2001-00000009', Uniqueid: '100.9', CallerIDNum: s.token, ChannelState: '6' }), 1)
    calls.apply(ev({ Event: 'ChanSpyStart', SpyerChannel: 'PJSIP/2001-00000009', SpyerUniqueid: '100.9', SpyerChannelState: '6', SpyeeChannel: 'PJSIP/1001-00000001', SpyeeUniqueid: '100.1', SpyeeChannelState: '6' }), 2)
    expect(service.session(s.id)?.phase).toBe('connected')

    service.endOthers('op1') // Ann signed in again: her own session stays
    expect(sent.filter((a) => a.Action === 'Hangup')).toEqual([])
    service.endOthers('op2') // Bob signed in at Ann's desk
    expect(sent.filter((a) => a.Action === 'Hangup').map((a) => a.Channel)).toEqual(['PJSIP/2001-00000009'])
    calls.apply(ev({ Event: 'Hangup', Channel: 'PJSIP/2001-00000009', Uniqueid: '100.9', CallerIDNum: s.token, Cause: '16' }), 3)
    expect(service.session(s.id)).toMatchObject({ phase: 'ended', endReason: 'operator-changed' })
    service.stop()
  })
})

const ev = (fields: Record<string, string>): AmiMessage => amiMessage(Object.entries(fields))

/** A session started on 1001's call (fake timers on), the service following the calls model it is a projection of; no leg yet. */
async function startedOnCall(mode: SupervisionMode, answer?: (action: AmiAction) => Promise<AmiResponse>): Promise<{ service: SupervisionService; sent: AmiAction[]; calls: CallsProjector; s: SupervisionSession }> {
  vi.useFakeTimers()
  const { service, sent } = setUp(answer)
  const calls = new CallsProjector()
  calls.attach(service, 0)
  calls.apply(ev({ Event: 'Newchannel', Channel: 'PJSIP/1001-00000001', Uniqueid: '100.1', ChannelState: '6', CallerIDNum: '1001' }), 0)
  const s = await service.start({ agentExtension: '1001', callId: '100.1', mode })
  return { service, sent, calls, s }
}

/** A Barge leg answered and spying on 1001's call, folded through the calls model the service follows. */
async function connectedBarge(answer?: (action: AmiAction) => Promise<AmiResponse>): Promise<{ service: SupervisionService; sent: AmiAction[]; calls: CallsProjector; id: string }> {
    const { service, sent, calls, s } = await startedOnCall('barge', answer)
    // As the live floor folds the actions it writes.
    calls.apply(ev({ Action: 'Originate', ActionID: 'o1', Channel: 'PJSIP/2001', Application: 'ChanSpy', Data: 'PJSIP/1001-00000001,qEdB', CallerID: `<${s.token}>` }), 0)
    calls.apply(ev({ Event: 'Newchannel', Channel: 'PJSIP/2001-00000009', Uniqueid: '100.9', CallerIDNum: s.token, ChannelState: '0' }), 1)
    calls.apply(ev({ Event: 'Newstate', Channel: 'PJSIP/2001-00000009', Uniqueid: '100.9', CallerIDNum: s.token, ChannelState: '6' }), 1)
    calls.apply(ev({ Event: 'ChanSpyStart', SpyerChannel: 'PJSIP/2001-00000009', SpyerUniqueid: '100.9', SpyerChannelState: '6', SpyeeChannel: 'PJSIP/1001-00000001', SpyeeUniqueid: '100.1', SpyeeChannelState: '6' }), 2)
    expect(service.session(s.id)?.phase).toBe('connected')
    return { service, sent, calls, id: s.id }
}

describe('hanging up every leg (the window closed, Earshot quitting)', () => {
  afterEach(() => void vi.useRealTimers())

  it('waits for the Hangups an earlier call sent too, so quitting does not close the connection under them', async () => {
    let answerHangup = (): void => undefined
    const { service, sent, id } = await connectedBarge((action) =>
      action.Action === 'Hangup' ? new Promise((resolve) => (answerHangup = () => resolve({ fields: { Response: 'Success' } } as unknown as AmiResponse))) : Promise.resolve({ fields: { Response: 'Success' } } as unknown as AmiResponse)
    )
    void service.hangUpAll(1500) // the window closed
    expect(sent.filter((a) => a.Action === 'Hangup').map((a) => a.Channel)).toEqual(['PJSIP/2001-00000009'])
    expect(service.session(id)).toMatchObject({ phase: 'ended', endReason: 'supervisor-hung-up' })
    let quitWaited = false
    const quitting = service.hangUpAll(1500).then(() => (quitWaited = true)) // then Earshot quits
    await vi.advanceTimersByTimeAsync(500)
    expect(quitWaited).toBe(false)
    answerHangup()
    await quitting
    expect(quitWaited).toBe(true)
    service.stop()
  })
})

describe('hanging up every leg before its leg appeared (the window closed a moment after Listen)', () => {
  afterEach(() => void vi.useRealTimers())

  it('hangs the leg up as soon as it appears, as End does, and the session ends as the supervisor hung up', async () => {
    const { service, sent, calls, s } = await startedOnCall('whisper')
    await service.hangUpAll(1500)
    expect(sent.filter((a) => a.Action === 'Hangup')).toEqual([])
    // Should a softphone see the leg ring now (the window opened again), it turns it away.
    expect(service.session(s.id)).toMatchObject({ phase: 'ringing', ending: true })
    // The floor runs on (macOS keeps Earshot without its window): the leg appears, ringing a softphone that is gone.
    calls.apply(ev({ Event: 'Newchannel', Channel: 'PJSIP/2001-0000000a', Uniqueid: '100.10', CallerIDNum: s.token, ChannelState: '0' }), 1)
    expect(sent.filter((a) => a.Action === 'Hangup').map((a) => a.Channel)).toEqual(['PJSIP/2001-0000000a'])
    calls.apply(ev({ Event: 'Hangup', Channel: 'PJSIP/2001-0000000a', Uniqueid: '100.10', CallerIDNum: s.token, Cause: '16' }), 2)
    expect(service.session(s.id)).toMatchObject({ phase: 'ended', endReason: 'supervisor-hung-up' })
    service.stop()
  })

  it('Earshot quitting: the floor disconnects before the leg appears, and the session ends as the supervisor hung up, not as a connection lost', async () => {
    const { service, s } = await startedOnCall('whisper')
    await service.hangUpAll(1500)
    service.connectionLost() // the floor's disconnect at quit
    expect(service.session(s.id)).toMatchObject({ phase: 'ended', endReason: 'supervisor-hung-up', error: null })
    service.stop()
  })
})

describe('a mode switch by DTMF', () => {
  afterEach(() => void vi.useRealTimers())
  const hangups = (sent: AmiAction[]): unknown[] => sent.filter((a) => a.Action === 'Hangup').map((a) => a.Channel)

  it('confirmed by the DTMFEnd the PBX sends for the leg: the session stays in the new mode', async () => {
    const { service, sent, calls, id } = await connectedBarge()
    const r = await service.switchMode({ sessionId: id, mode: 'listen', canSendDtmf: true })
    // Pending until the PBX takes the digit: the softphone keeps the microphone to what the leg may still be in.
    expect(r).toMatchObject({ how: 'dtmf', digit: '4', session: { mode: 'listen', switchPending: true } })
    calls.apply(ev({ Event: 'DTMFEnd', Channel: 'PJSIP/2001-00000009', Uniqueid: '100.9', Digit: '4', DurationMs: '160', Direction: 'Received' }), 3)
    expect(service.session(id)).toMatchObject({ phase: 'connected', mode: 'listen', switchPending: false })
    vi.advanceTimersByTime(10_000)
    expect(service.session(id)).toMatchObject({ phase: 'connected', mode: 'listen' })
    expect(hangups(sent)).toEqual([])
    service.stop()
  })

  it('switched away and back before either digit arrived: confirmed by the second digit only', async () => {
    const dtmf = (digit: string): AmiMessage => ev({ Event: 'DTMFEnd', Channel: 'PJSIP/2001-00000009', Uniqueid: '100.9', Digit: digit, DurationMs: '160', Direction: 'Received' })
    const other = (n: number): AmiMessage => ev({ Event: 'Newchannel', Channel: `PJSIP/1002-0000001${n}`, Uniqueid: `200.${n}`, ChannelState: '4', CallerIDNum: '1002' })
    for (const lastArrives of [true, false]) {
      const { service, sent, calls, id } = await connectedBarge()
      await service.switchMode({ sessionId: id, mode: 'listen', canSendDtmf: true }) // digit 4
      await service.switchMode({ sessionId: id, mode: 'barge', canSendDtmf: true }) // digit 6: the leg is still in Barge
      calls.apply(other(1), 3) // any event folds the model again: no proof of anything
      calls.apply(dtmf('4'), 4)
      if (lastArrives) calls.apply(dtmf('6'), 5)
      vi.advanceTimersByTime(3_100)
      expect(hangups(sent)).toEqual(lastArrives ? [] : ['PJSIP/2001-00000009'])
      expect(service.session(id)?.phase).toBe(lastArrives ? 'connected' : 'ended')
      service.stop()
      vi.useRealTimers()
    }
  })

  it('a switch the softphone could not send, then one it did: confirmed by the digit that came', async () => {
    const { service, sent, calls, id } = await connectedBarge()
    await service.switchMode({ sessionId: id, mode: 'listen', canSendDtmf: true }) // digit 4 never sent
    vi.advanceTimersByTime(1_000)
    await service.switchMode({ sessionId: id, mode: 'whisper', canSendDtmf: true }) // digit 5 sent
    calls.apply(ev({ Event: 'DTMFEnd', Channel: 'PJSIP/2001-00000009', Uniqueid: '100.9', Digit: '5', DurationMs: '160', Direction: 'Received' }), 4)
    vi.advanceTimersByTime(10_000)
    expect(hangups(sent)).toEqual([])
    expect(service.session(id)).toMatchObject({ phase: 'connected', mode: 'whisper' })
    service.stop()
  })

  it('never confirmed (the digit lost, or no read=dtmf): the leg is hung up and the session says why', async () => {
    const { service, sent, calls, id } = await connectedBarge()
    await service.switchMode({ sessionId: id, mode: 'listen', canSendDtmf: true })
    // A digit the supervisor's phone sent the other way is no confirmation.
    calls.apply(ev({ Event: 'DTMFEnd', Channel: 'PJSIP/2001-00000009', Uniqueid: '100.9', Digit: '4', DurationMs: '160', Direction: 'Sent' }), 3)
    vi.advanceTimersByTime(2_900)
    expect(service.session(id)?.phase).toBe('connected')
    vi.advanceTimersByTime(200)
    expect(hangups(sent)).toEqual(['PJSIP/2001-00000009'])
    expect(service.session(id)).toMatchObject({ phase: 'ended', endReason: 'switch-unconfirmed' })
    expect(service.session(id)?.error).toContain('switch to Listen')
    service.stop()
  })
})

describe('a mode switch after End, before the leg has hung up', () => {
  afterEach(() => void vi.useRealTimers())

  it('is refused: no new leg is called, which the softphone would turn away (the session is ending) as busy', async () => {
    const { service, sent, calls, id } = await connectedBarge()
    service.end(id)
    // Pressed in the moment the call bar still shows the leg (its Hangup event not in yet), or the Hangup failed.
    await expect(service.switchMode({ sessionId: id, mode: 'listen', canSendDtmf: false })).rejects.toThrow('ending')
    await expect(service.switchMode({ sessionId: id, mode: 'listen', canSendDtmf: true })).rejects.toThrow('ending')
    expect(originates(sent)).toBe(1)
    calls.apply(ev({ Event: 'Hangup', Channel: 'PJSIP/2001-00000009', Uniqueid: '100.9', CallerIDNum: service.session(id)?.token ?? '', Cause: '16' }), 3)
    expect(service.session(id)).toMatchObject({ phase: 'ended', endReason: 'supervisor-hung-up' })
    service.stop()
  })
})

describe('a leg the softphone answered but ChanSpy never joined to the call', () => {
  afterEach(() => void vi.useRealTimers())

  it('is hung up in the end, saying the PBX never joined the call, not that the softphone did not answer', async () => {
    const { service, sent, calls, s } = await startedOnCall('whisper')
    // The softphone answers at once; ChanSpy then waits for a channel it never finds (a feature code's target such as SIP/1001).
    calls.apply(ev({ Event: 'Newchannel', Channel: 'PJSIP/2001-00000009', Uniqueid: '100.9', CallerIDNum: s.token, ChannelState: '0' }), 1)
    calls.apply(ev({ Event: 'Newstate', Channel: 'PJSIP/2001-00000009', Uniqueid: '100.9', CallerIDNum: s.token, ChannelState: '6' }), 2)
    expect(service.session(s.id)?.answeredAt).not.toBeNull()
    vi.advanceTimersByTime(30_000)
    expect(sent.filter((a) => a.Action === 'Hangup').map((a) => a.Channel)).toEqual(['PJSIP/2001-00000009'])
    const ended = service.session(s.id)
    expect(ended?.phase).toBe('ended')
    expect(ended?.error).not.toMatch(/did not answer/)
    expect(ended?.error).toMatch(/answered, but the PBX did not join Agent 1001’s call/)
    service.stop()
  })
})
