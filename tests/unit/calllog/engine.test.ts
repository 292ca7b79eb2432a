import { describe, expect, it } from 'vitest'
import { block, event } from '../../support/events'
import { agent, Floor, prefixed } from './harness'


const customer = (id: string, number = '+442070001111', name = 'Alice') => block(`Local/${number}@sim-${id};1`, id, 6, { CallerIDNum: number, CallerIDName: name })

/** The customer's channel dials the agent's phone (Dial, or Queue with `queue`). */
function ring(f: Floor, at: number, ext: string, id: string, caller: Record<string, string>, queue?: string): void {
  const leg = agent(ext, id, 0, { Linkedid: caller.Linkedid ?? '' })
  f.apply(at, event('Newchannel', leg))
  if (queue !== undefined) f.apply(at, event('AgentCalled', { ...caller, ...prefixed('Dest', leg), Queue: queue, Interface: `PJSIP/${ext}` }))
  f.apply(at, event('DialBegin', { ...caller, ...prefixed('Dest', leg) }))
  f.apply(at + 1, event('Newstate', agent(ext, id, 5, { Linkedid: caller.Linkedid ?? '', ConnectedLineNum: caller.CallerIDNum ?? '', ConnectedLineName: caller.CallerIDName ?? '' })))
}

function answer(f: Floor, at: number, ext: string, id: string, caller: Record<string, string>): void {
  f.apply(at, event('Newstate', agent(ext, id, 6, { Linkedid: caller.Linkedid ?? '', ConnectedLineNum: caller.CallerIDNum ?? '' })))
  f.apply(at, event('DialEnd', { ...caller, ...prefixed('Dest', agent(ext, id, 6)), DialStatus: 'ANSWER' }))
}

function hangup(f: Floor, at: number, fields: Record<string, string>, cause = '16', text = 'Normal Clearing'): void {
  f.apply(at, event('Hangup', { ...fields, Cause: cause, 'Cause-txt': text }))
}

function dialEnd(f: Floor, at: number, ext: string, id: string, caller: Record<string, string>, status: string): void {
  f.apply(at, event('DialEnd', { ...caller, ...prefixed('Dest', agent(ext, id, 5)), DialStatus: status }))
}

describe('call log engine', () => {
  it('keeps hold, unhold and a blind transfer in the timeline; each agent leg of the call is its own row', () => {
    const f = new Floor()
    const c = customer('c.1')
    f.apply(0, event('Newchannel', c))
    ring(f, 1000, '1001', 'a.1', c)
    answer(f, 2000, '1001', 'a.1', c)
    f.apply(3000, event('Hold', agent('1001', 'a.1', 6)))
    f.apply(4000, event('Unhold', agent('1001', 'a.1', 6)))
    f.apply(5000, event('BlindTransfer', { Result: 'Success', ...prefixed('Transferer', agent('1001', 'a.1', 6)), ...prefixed('Transferee', c), IsExternal: 'No', Context: 'internal', Extension: '1002' }))
    hangup(f, 5100, agent('1001', 'a.1', 6))
    expect(f.call('a.1')).toMatchObject({ agentExtension: '1001', customerNumber: '+442070001111', outcome: 'answered', talkSeconds: 3, direction: 'inbound' })
    expect(f.call('a.1')?.timeline).toEqual([
      { at: 1000, kind: 'ringing' },
      { at: 2000, kind: 'answered', approx: false },
      { at: 3000, kind: 'hold' },
      { at: 4000, kind: 'unhold' },
      { at: 5000, kind: 'transfer', type: 'blind', role: 'transferer', party: '1002', result: 'Success' },
      { at: 5100, kind: 'hangup', cause: 16, causeText: 'Normal Clearing', dialStatus: null }
    ])
    // The transferee goes on to 1002: a new leg, same Linkedid.
    ring(f, 5200, '1002', 'b.1', { ...c, Linkedid: 'c.1' })
    answer(f, 5300, '1002', 'b.1', c)
    hangup(f, 9300, agent('1002', 'b.1', 6, { Linkedid: 'c.1' }))
    expect(f.call('b.1')).toMatchObject({ agentExtension: '1002', customerNumber: '+442070001111', outcome: 'answered', talkSeconds: 4, linkedid: 'c.1' })
    expect(f.done).toHaveLength(2)
  })

  it('a blind-transferred caller who hangs up while the new agent rings abandoned that leg (the first agent’s answer is over)', () => {
    const f = new Floor()
    const c = customer('c.1')
    f.apply(0, event('Newchannel', c))
    ring(f, 1000, '1001', 'a.1', c)
    answer(f, 2000, '1001', 'a.1', c)
    f.apply(5000, event('BlindTransfer', { Result: 'Success', ...prefixed('Transferer', agent('1001', 'a.1', 6)), ...prefixed('Transferee', c), IsExternal: 'No', Context: 'internal', Extension: '1002' }))
    hangup(f, 5100, agent('1001', 'a.1', 6))
    ring(f, 5200, '1002', 'b.1', { ...c, Linkedid: 'c.1' })
    hangup(f, 9000, c)
    hangup(f, 9001, agent('1002', 'b.1', 5, { Linkedid: 'c.1' }), '26', 'Answered elsewhere')
    f.settle(20_000)
    expect(f.call('a.1')).toMatchObject({ outcome: 'answered' })
    expect(f.call('b.1')).toMatchObject({ agentExtension: '1002', outcome: 'abandoned', answeredAt: null })
  })

  it('an attended transfer is in the transferer’s and the target’s timelines', () => {
    const f = new Floor()
    const c = customer('c.1')
    f.apply(0, event('Newchannel', c))
    ring(f, 0, '1001', 'a.1', c)
    answer(f, 100, '1001', 'a.1', c)
    f.apply(1000, event('Hold', agent('1001', 'a.1', 6)))
    // 1001 calls 1002 to consult: an outbound leg of 1001, an inbound leg of 1002.
    const consult = agent('1001', 'a.2', 4, { Exten: '1002' })
    f.apply(1100, event('Newchannel', consult))
    ring(f, 1100, '1002', 'b.1', consult)
    answer(f, 1500, '1002', 'b.1', consult)
    f.apply(1500, event('Newstate', agent('1001', 'a.2', 6, { Exten: '1002', ConnectedLineNum: '1002' })))
    f.apply(3000, event('AttendedTransfer', {
      Result: 'Success',
      ...prefixed('OrigTransferer', agent('1001', 'a.1', 6)),
      ...prefixed('SecondTransferer', agent('1001', 'a.2', 6, { ConnectedLineNum: '1002' })),
      ...prefixed('Transferee', c),
      ...prefixed('TransferTarget', agent('1002', 'b.1', 6)),
      IsExternal: 'No',
      DestType: 'Bridge'
    }))
    hangup(f, 3010, agent('1001', 'a.1', 6))
    hangup(f, 3010, agent('1001', 'a.2', 6))
    f.apply(3020, event('NewConnectedLine', agent('1002', 'b.1', 6, { ConnectedLineNum: '+442070001111', ConnectedLineName: 'Alice' })))
    hangup(f, 8000, agent('1002', 'b.1', 6))
    expect(f.call('a.1')?.timeline.find((e) => e.kind === 'transfer')).toEqual({ at: 3000, kind: 'transfer', type: 'attended', role: 'transferer', party: '1002', result: 'Success' })
    expect(f.call('a.2')).toMatchObject({ direction: 'outbound', customerNumber: '1002', outcome: 'answered' })
    expect(f.call('b.1')?.timeline.find((e) => e.kind === 'transfer')).toMatchObject({ role: 'target', party: '+442070001111' })
    // After the transfer the target's customer is the transferee.
    expect(f.call('b.1')).toMatchObject({ customerNumber: '+442070001111', talkSeconds: 7 })
  })

  it('records supervision: joined with mode and supervisor, DTMF mode switches, left; the spy leg is no call', () => {
    const f = new Floor()
    const c = customer('c.1')
    f.apply(0, event('Newchannel', c))
    ring(f, 0, '1001', 'a.1', c)
    answer(f, 100, '1001', 'a.1', c)
    const spyer = block('PJSIP/2002-00000009', 's.1', 6, { Exten: '5551001', CallerIDNum: '2002' })
    f.apply(1000, event('Newchannel', spyer))
    f.apply(1100, event('ChanSpyStart', { ...prefixed('Spyer', spyer), ...prefixed('Spyee', agent('1001', 'a.1', 6)) }))
    f.apply(2000, event('DTMFEnd', { ...spyer, Digit: '5', DurationMs: '100', Direction: 'Received' }))
    f.apply(3000, event('DTMFEnd', { ...spyer, Digit: '6', DurationMs: '100', Direction: 'Received' }))
    f.apply(4000, event('ChanSpyStop', { ...prefixed('Spyer', spyer), ...prefixed('Spyee', agent('1001', 'a.1', 6)) }))
    hangup(f, 4100, spyer)
    hangup(f, 6000, agent('1001', 'a.1', 6))
    expect(f.done.map((c) => c.id)).toEqual(['a.1'])
    expect(f.call('a.1')?.monitored).toBe(true)
    expect(f.call('a.1')?.timeline.filter((e) => e.kind.startsWith('supervision'))).toEqual([
      { at: 1100, kind: 'supervision-joined', supervisor: '2002', mode: 'listen' },
      { at: 2000, kind: 'supervision-mode', supervisor: '2002', mode: 'whisper' },
      { at: 3000, kind: 'supervision-mode', supervisor: '2002', mode: 'barge' },
      { at: 4000, kind: 'supervision-left', supervisor: '2002', mode: 'barge' }
    ])
  })

  it('a supervisor still on the call when it ends leaves with it', () => {
    const f = new Floor()
    const c = customer('c.1')
    f.apply(0, event('Newchannel', c))
    ring(f, 0, '1001', 'a.1', c)
    answer(f, 100, '1001', 'a.1', c)
    const spyer = block('PJSIP/2002-00000009', 's.1', 6, { Exten: '5571001' })
    f.apply(1000, event('Newchannel', spyer))
    f.apply(1100, event('ChanSpyStart', { ...prefixed('Spyer', spyer), ...prefixed('Spyee', agent('1001', 'a.1', 6)) }))
    hangup(f, 5000, agent('1001', 'a.1', 6))
    expect(f.call('a.1')?.timeline.slice(-2)).toMatchObject([
      { at: 5000, kind: 'supervision-left', supervisor: '2002', mode: 'barge' },
      { at: 5000, kind: 'hangup' }
    ])
  })

  it('queue ringall: the leg of the agent who did not answer is missed at once, the other answered', () => {
    const f = new Floor()
    const c = customer('c.1', '+442070009999')
    f.apply(0, event('Newchannel', c))
    ring(f, 100, '1003', 'a.3', c, 'sales')
    ring(f, 100, '1004', 'a.4', c, 'sales')
    answer(f, 3000, '1003', 'a.3', c)
    dialEnd(f, 3000, '1004', 'a.4', c, 'CANCEL')
    hangup(f, 3001, agent('1004', 'a.4', 5), '26', 'Answered elsewhere')
    expect(f.call('a.4')).toMatchObject({ outcome: 'missed', talkSeconds: 0, customerNumber: '+442070009999', answeredAt: null })
    expect(f.call('a.4')?.timeline.at(-1)).toMatchObject({ kind: 'hangup', cause: 26, causeText: 'Answered elsewhere', dialStatus: 'CANCEL' })
    hangup(f, 9000, agent('1003', 'a.3', 6))
    expect(f.call('a.3')).toMatchObject({ outcome: 'answered', talkSeconds: 6 })
  })

  it('queue: a member ring timeout is missed when the caller keeps waiting; a caller who hangs up while it rings abandoned', () => {
    const f = new Floor()
    const c = customer('c.1')
    f.apply(0, event('Newchannel', c))
    ring(f, 100, '1004', 'a.4', c, 'support')
    f.apply(15_100, event('AgentRingNoAnswer', { ...c, ...prefixed('Dest', agent('1004', 'a.4', 5)), Queue: 'support' }))
    dialEnd(f, 15_100, '1004', 'a.4', c, 'NOANSWER')
    hangup(f, 15_100, agent('1004', 'a.4', 5), '0', 'Unknown')
    expect(f.done).toEqual([]) // the caller's fate is not known yet
    // 1004 rings again (retry) and this time the caller gives up while it rings.
    ring(f, 17_100, '1004', 'a.5', c, 'support')
    expect(f.call('a.4')?.outcome).toBe('missed') // the grace ran out with the caller still queued
    f.apply(20_000, event('QueueCallerAbandon', { ...c, Queue: 'support', Position: '1', OriginalPosition: '1', HoldTime: '20' }))
    dialEnd(f, 20_000, '1004', 'a.5', c, 'CANCEL')
    hangup(f, 20_000, c, '16')
    hangup(f, 20_001, agent('1004', 'a.5', 5), '0', 'Unknown')
    expect(f.call('a.5')).toMatchObject({ outcome: 'abandoned', talkSeconds: 0 })
  })

  it('Dial: no answer in time is missed even though the caller hangs up right after', () => {
    const f = new Floor()
    const c = customer('c.1')
    f.apply(0, event('Newchannel', c))
    ring(f, 100, '1001', 'a.1', c)
    dialEnd(f, 30_100, '1001', 'a.1', c, 'NOANSWER')
    hangup(f, 30_100, agent('1001', 'a.1', 5), '19', 'No answer')
    hangup(f, 30_105, c)
    expect(f.call('a.1')).toMatchObject({ outcome: 'missed' })
  })

  it('Dial: the caller hanging up while the phone rings is abandoned, whichever Hangup comes first', () => {
    const first = new Floor()
    const c = customer('c.1')
    first.apply(0, event('Newchannel', c))
    ring(first, 100, '1001', 'a.1', c)
    hangup(first, 5000, c)
    dialEnd(first, 5000, '1001', 'a.1', c, 'CANCEL')
    hangup(first, 5001, agent('1001', 'a.1', 5), '0', 'Unknown')
    expect(first.call('a.1')?.outcome).toBe('abandoned')

    const after = new Floor()
    after.apply(0, event('Newchannel', c))
    ring(after, 100, '1001', 'a.1', c)
    dialEnd(after, 5000, '1001', 'a.1', c, 'CANCEL')
    hangup(after, 5000, agent('1001', 'a.1', 5), '0', 'Unknown')
    expect(after.done).toEqual([])
    hangup(after, 5300, c)
    expect(after.call('a.1')?.outcome).toBe('abandoned')
  })

  it('Dial: a cancelled leg whose caller stays is missed once the grace is over (settled by a timer); a late caller hangup changes nothing', () => {
    const f = new Floor()
    const c = customer('c.1')
    f.apply(0, event('Newchannel', c))
    ring(f, 100, '1001', 'a.1', c)
    dialEnd(f, 5000, '1001', 'a.1', c, 'CANCEL')
    hangup(f, 5000, agent('1001', 'a.1', 5), '0', 'Unknown')
    f.settle(5999)
    expect(f.done).toEqual([])
    f.settle(6000)
    expect(f.call('a.1')?.outcome).toBe('missed')
    hangup(f, 9000, c)
    expect(f.done).toHaveLength(1)
  })

  it('outbound: a call the far end never answered is unanswered, with the number dialled minus the prefix', () => {
    const f = new Floor()
    f.apply(0, event('Newchannel', agent('1002', 'a.2', 4, { Exten: '915551230000' })))
    f.apply(10, event('Newstate', agent('1002', 'a.2', 4, { Exten: '915551230000' })))
    hangup(f, 20_000, agent('1002', 'a.2', 4, { Exten: '915551230000' }), '17', 'User busy')
    expect(f.call('a.2')).toMatchObject({ direction: 'outbound', outcome: 'unanswered', customerNumber: '15551230000', talkSeconds: 0 })
    expect(f.call('a.2')?.timeline).toEqual([
      { at: 0, kind: 'dialling', number: '15551230000' },
      { at: 20_000, kind: 'hangup', cause: 17, causeText: 'User busy', dialStatus: null }
    ])
  })

  it('never writes a call twice: repeated and late events after the hangup add nothing', () => {
    const f = new Floor()
    const c = customer('c.1')
    f.apply(0, event('Newchannel', c))
    ring(f, 0, '1001', 'a.1', c)
    answer(f, 100, '1001', 'a.1', c)
    hangup(f, 2000, agent('1001', 'a.1', 6))
    hangup(f, 2000, agent('1001', 'a.1', 6))
    f.apply(2001, event('NewConnectedLine', agent('1001', 'a.1', 6, { ConnectedLineNum: '+4420' })))
    f.apply(2002, event('Newchannel', agent('1001', 'a.1', 0)))
    hangup(f, 2003, agent('1001', 'a.1', 6))
    expect(f.done).toHaveLength(1)
    expect(f.open().size).toBe(0)
  })

  it('gives no row to a supervisor phone left out by the roster', () => {
    const f = new Floor()
    f.apply(0, event('Newchannel', block('PJSIP/2001-00000001', 'x.1', 4, { Exten: '1001' })))
    hangup(f, 100, block('PJSIP/2001-00000001', 'x.1', 4))
    expect(f.done).toEqual([])
  })

  describe('resync after a reconnect', () => {
    function twoCalls(): Floor {
      const f = new Floor()
      const c1 = customer('c.1', '+442070000001')
      const c2 = customer('c.2', '+442070000002')
      f.apply(0, event('Newchannel', c1), event('Newchannel', c2))
      ring(f, 0, '1001', 'a.1', c1)
      answer(f, 1000, '1001', 'a.1', c1)
      ring(f, 0, '1002', 'a.2', c2)
      answer(f, 2000, '1002', 'a.2', c2)
      return f
    }

    it('closes a call that vanished while Earshot was away, flagged resync, ended when the link was lost', () => {
      const f = twoCalls()
      f.lost(5000)
      // Back at 9000: the snapshot has 1002's call (and its customer), not 1001's.
      const snapshot = [
        event('CoreShowChannel', { ...agent('1002', 'a.2', 6), Application: 'AppDial', ApplicationData: '(Outgoing Line)', Duration: '00:00:09', BridgeId: 'b2' }),
        event('CoreShowChannel', { ...customer('c.2', '+442070000002'), Application: 'Dial', ApplicationData: 'PJSIP/1002', Duration: '00:00:09', BridgeId: 'b2' })
      ]
      f.resync(9000, ...snapshot, event('CoreShowChannelsComplete', { EventList: 'Complete', ListItems: '2' }))
      expect(f.done).toHaveLength(1)
      expect(f.call('a.1')).toMatchObject({ closedBy: 'resync', outcome: 'answered', endedAt: 5000, talkSeconds: 4, customerNumber: '+442070000001' })
      expect(f.call('a.1')?.timeline.at(-1)).toEqual({ at: 5000, kind: 'lost' })
      // A late Hangup for the closed call changes nothing; 1002's call carries on with its exact answer time.
      hangup(f, 9500, agent('1001', 'a.1', 6))
      hangup(f, 12_000, agent('1002', 'a.2', 6))
      expect(f.done).toHaveLength(2)
      expect(f.call('a.2')).toMatchObject({ closedBy: 'hangup', answeredAt: 2000, answeredAtApprox: false, talkSeconds: 10 })
    })

    it('does not close a call that began after the reconnect but before the snapshot arrived', () => {
      const f = twoCalls()
      f.lost(5000)
      const c3 = customer('c.3', '+442070000003')
      f.apply(8000, event('Newchannel', c3))
      ring(f, 8000, '1003', 'a.3', c3)
      // The snapshot has the two calls from before the drop (a.3 began after it was asked for).
      const item = (fields: Record<string, string>) => event('CoreShowChannel', { ...fields, Application: 'AppDial', ApplicationData: '(Outgoing Line)', Duration: '00:00:09', BridgeId: '' })
      f.resync(9000, item(agent('1001', 'a.1', 6)), item(customer('c.1', '+442070000001')), item(agent('1002', 'a.2', 6)), item(customer('c.2', '+442070000002')))
      expect(f.done).toEqual([])
      expect([...f.open().keys()].sort()).toEqual(['a.1', 'a.2', 'a.3'])
    })

    it('opens a call first seen in the snapshot with an estimated answer time', () => {
      const f = new Floor()
      f.lost(0)
      const snapshot = [event('CoreShowChannel', { ...agent('1001', 'a.9', 6, { ConnectedLineNum: '+442070000009' }), Application: 'AppQueue', ApplicationData: '(Outgoing Line)', Duration: '00:01:00', BridgeId: 'b9' })]
      f.resync(100_000, ...snapshot)
      hangup(f, 130_000, agent('1001', 'a.9', 6))
      expect(f.call('a.9')).toMatchObject({ answeredAt: 40_000, answeredAtApprox: true, talkSeconds: 90, outcome: 'answered', customerNumber: '+442070000009' })
      expect(f.call('a.9')?.timeline[0]).toEqual({ at: 40_000, kind: 'answered', approx: true })
    })

    it('an unanswered leg that vanished is missed; without connectionLost the resync time is its end', () => {
      const f = new Floor()
      const c = customer('c.1')
      f.apply(0, event('Newchannel', c))
      ring(f, 0, '1001', 'a.1', c)
      f.resync(7000)
      expect(f.call('a.1')).toMatchObject({ outcome: 'missed', closedBy: 'resync', endedAt: 7000 })
    })
  })
})
