/**
 * The call log across a restart: what it hands out to save (`takeChanges`), and what a new
 * engine makes of the saved calls (`restoreCalls`) at its first resync.
 */
import { describe, expect, it } from 'vitest'
import type { SavedCall } from '../../../src/main/calllog/saved'
import { block, event } from '../../support/events'
import { agent, Floor, prefixed } from './harness'


const customer = (id: string, number = '+442070001111') => block(`Local/${number}@sim-${id};1`, id, 6, { CallerIDNum: number, CallerIDName: 'Alice' })
const snapshotItem = (ext: string, id: string, duration: string, extra: Record<string, string> = {}) =>
  event('CoreShowChannel', { ...agent(ext, id, 6, { Linkedid: 'c.1', ConnectedLineNum: '+442070001111', ...extra }), Application: 'AppQueue', ApplicationData: '(Outgoing Line)', Duration: duration, BridgeId: 'b1' })

/** An inbound queue call to 1001: rings at 1000, answered at 2000, on hold at 3000. */
function talking(): Floor {
  const f = new Floor()
  const c = customer('c.1')
  f.apply(0, event('Newchannel', c))
  const leg = agent('1001', 'a.1', 0, { Linkedid: 'c.1' })
  f.apply(1000, event('Newchannel', leg), event('AgentCalled', { ...c, ...prefixed('Dest', leg), Queue: 'support' }), event('DialBegin', { ...c, ...prefixed('Dest', leg) }))
  f.apply(1001, event('Newstate', agent('1001', 'a.1', 5, { Linkedid: 'c.1', ConnectedLineNum: '+442070001111' })))
  f.apply(2000, event('Newstate', agent('1001', 'a.1', 6, { Linkedid: 'c.1', ConnectedLineNum: '+442070001111' })))
  f.apply(2000, event('DialEnd', { ...c, ...prefixed('Dest', agent('1001', 'a.1', 6)), DialStatus: 'ANSWER' }))
  f.apply(3000, event('Hold', agent('1001', 'a.1', 6, { Linkedid: 'c.1' })))
  return f
}

/** A new engine (the next Earshot) given what the first one saved. */
function restarted(saved: SavedCall[], at: number, resolvable = true): Floor {
  return new Floor({ calls: saved, at, resolvable })
}

describe('saving the calls in progress', () => {
  it('a call that opens or is answered is urgent; hold, transfers and names wait for the tick', () => {
    const f = new Floor()
    const c = customer('c.1')
    f.apply(0, event('Newchannel', c))
    expect(f.changes()).toEqual({ save: [], drop: [], urgent: false })
    const leg = agent('1001', 'a.1', 0, { Linkedid: 'c.1' })
    f.apply(1000, event('Newchannel', leg), event('DialBegin', { ...c, ...prefixed('Dest', leg) }))
    expect(f.changes()).toMatchObject({ urgent: true, save: [{ id: 'a.1', extension: '1001', call: { state: 'open', startedAt: 1000, answeredAt: null } }] })
    // Events that change nothing the log keeps save nothing.
    f.apply(1001, event('Newstate', agent('1001', 'a.1', 5, { Linkedid: 'c.1', ConnectedLineNum: '+442070001111' })))
    expect(f.changes().urgent).toBe(false)
    f.apply(1002, event('NewCallerid', agent('1001', 'a.1', 5, { Linkedid: 'c.1', ConnectedLineNum: '+442070001111' })))
    expect(f.changes()).toEqual({ save: [], drop: [], urgent: false })
    f.apply(2000, event('Newstate', agent('1001', 'a.1', 6, { Linkedid: 'c.1', ConnectedLineNum: '+442070001111' })))
    expect(f.changes()).toMatchObject({ urgent: true, save: [{ call: { answeredAt: 2000, answeredAtApprox: false } }] })
    f.apply(3000, event('Hold', agent('1001', 'a.1', 6, { Linkedid: 'c.1' })))
    expect(f.changes()).toMatchObject({ urgent: false, save: [{ call: { onHold: true } }] })
  })

  it('a leg that hangs up unanswered waits on the grace as a pending call, and is saved so', () => {
    const f = new Floor()
    const c = customer('c.1')
    f.apply(0, event('Newchannel', c))
    const leg = agent('1001', 'a.1', 0, { Linkedid: 'c.1' })
    f.apply(1000, event('Newchannel', leg), event('AgentCalled', { ...c, ...prefixed('Dest', leg), Queue: 'support' }), event('DialBegin', { ...c, ...prefixed('Dest', leg) }))
    f.changes()
    f.apply(5000, event('Hangup', { ...agent('1001', 'a.1', 5), Cause: '16', 'Cause-txt': 'Normal Clearing' }))
    expect(f.done).toEqual([])
    const [pending] = f.saved()
    expect(pending).toMatchObject({ state: 'pending', id: 'a.1', viaQueue: true, deadline: 6000, call: { closedBy: 'hangup', endedAt: 5000 } })
    // Earshot stopped within the grace: the next one decides it missed (nothing said abandoned).
    const g = restarted([pending!], 9000).settle(9000)
    expect(g.call('a.1')).toMatchObject({ outcome: 'missed', closedBy: 'hangup', endedAt: 5000 })
  })

  it('a connection lost marks its calls lost (saved at the tick), and the resync finding them up clears it', () => {
    const f = talking()
    f.changes()
    f.lost(4000)
    expect(f.changes()).toMatchObject({ urgent: false, save: [{ id: 'a.1', call: { lostAt: 4000 } }] })
    const snapshot = [snapshotItem('1001', 'a.1', '00:00:08')]
    f.resync(9000, ...snapshot)
    expect(f.saved()).toMatchObject([{ id: 'a.1', lostAt: null }])
  })
})

describe('restoring the calls a previous Earshot saved', () => {
  it('a call still up at the first resync carries on with its exact times, hold and timeline', () => {
    const saved = talking().saved()
    expect(saved).toHaveLength(1)
    const f = restarted(saved.map((s) => ({ ...s, lostAt: 3500 })), 10_000)
    expect([...f.open().keys()]).toEqual(['a.1'])
    // Events on the agent before the snapshot (1001 dials out while the customer holds) leave it alone.
    f.apply(10_500, event('Newchannel', agent('1001', 'x.1', 4, { Exten: '915550000000' })))
    expect(f.done).toEqual([])
    expect([...f.open().keys()]).toEqual(['a.1', 'x.1'])
    const snapshot = [snapshotItem('1001', 'a.1', '00:00:10'), event('CoreShowChannel', { ...customer('c.1'), Application: 'Queue', ApplicationData: 'support', Duration: '00:00:11', BridgeId: 'b1' })]
    f.resync(11_000, ...snapshot, event('CoreShowChannelsComplete', { EventList: 'Complete', ListItems: '2' }))
    expect(f.done).toEqual([])
    f.apply(12_000, event('Unhold', agent('1001', 'a.1', 6, { Linkedid: 'c.1' })))
    f.apply(15_000, event('Hangup', { ...agent('1001', 'a.1', 6, { Linkedid: 'c.1' }), Cause: '16', 'Cause-txt': 'Normal Clearing' }))
    expect(f.call('a.1')).toMatchObject({ closedBy: 'hangup', outcome: 'answered', startedAt: 1000, answeredAt: 2000, answeredAtApprox: false, talkSeconds: 13, linkedid: 'c.1', customerNumber: '+442070001111' })
    // No "unhold" at the snapshot (it cannot know hold): the hold lasts until the real Unhold.
    expect(f.call('a.1')?.timeline).toEqual([
      { at: 1000, kind: 'ringing' },
      { at: 2000, kind: 'answered', approx: false },
      { at: 3000, kind: 'hold' },
      { at: 12_000, kind: 'unhold' },
      { at: 15_000, kind: 'hangup', cause: 16, causeText: 'Normal Clearing', dialStatus: null }
    ])
  })

  it('a call gone at the first resync is closed with what is known: resync, lost, ended when last known up', () => {
    const f = restarted(talking().saved().map((s) => ({ ...s, lostAt: 3500 })), 10_000)
    f.resync(11_000)
    expect(f.done).toHaveLength(1)
    expect(f.call('a.1')).toMatchObject({ closedBy: 'resync', outcome: 'answered', endedAt: 3500, talkSeconds: 2, answeredAt: 2000 })
    expect(f.call('a.1')?.timeline.map((e) => e.kind)).toEqual(['ringing', 'answered', 'hold', 'lost'])
    // Its channel showing up later (a late event) opens nothing.
    f.apply(12_000, event('Hangup', { ...agent('1001', 'a.1', 6), Cause: '16' }))
    expect(f.done).toHaveLength(1)
    expect(f.open().size).toBe(0)
  })

  it('a Hangup of a restored call before the snapshot ends it there (a hangup, not lost)', () => {
    const f = restarted(talking().saved().map((s) => ({ ...s, lostAt: 3500 })), 10_000)
    f.apply(10_200, event('Hangup', { ...agent('1001', 'a.1', 6, { Linkedid: 'c.1' }), Cause: '16', 'Cause-txt': 'Normal Clearing' }))
    expect(f.call('a.1')).toMatchObject({ closedBy: 'hangup', endedAt: 10_200, talkSeconds: 8 })
    f.resync(11_000)
    expect(f.done).toHaveLength(1)
  })

  it('a call saved on another connection is closed as lost at once', () => {
    const f = restarted(talking().saved().map((s) => ({ ...s, lostAt: 3500 })), 10_000, false)
    expect(f.done).toMatchObject([{ id: 'a.1', closedBy: 'resync', endedAt: 3500, outcome: 'answered' }])
    expect(f.open().size).toBe(0)
    // A snapshot of this connection with a channel of the same Uniqueid does not bring it back.
    const snapshot = [snapshotItem('1001', 'a.1', '00:00:10')]
    f.resync(11_000, ...snapshot)
    expect(f.open().size).toBe(0)
  })

  it('a ringing call lost while down is missed; one restored ringing and found talking gets an estimated answer', () => {
    const ringing = new Floor()
    const c = customer('c.1')
    ringing.apply(0, event('Newchannel', c))
    const leg = agent('1001', 'a.1', 0, { Linkedid: 'c.1' })
    ringing.apply(1000, event('Newchannel', leg), event('DialBegin', { ...c, ...prefixed('Dest', leg) }))
    const saved = ringing.saved().map((s) => ({ ...s, lostAt: 1500 }))

    const gone = restarted(saved, 10_000)
    gone.resync(11_000)
    expect(gone.call('a.1')).toMatchObject({ closedBy: 'resync', outcome: 'missed', endedAt: 1500, answeredAt: null })

    const up = restarted(saved, 10_000)
    const snapshot = [snapshotItem('1001', 'a.1', '00:00:10')]
    up.resync(11_000, ...snapshot)
    up.apply(20_000, event('Hangup', { ...agent('1001', 'a.1', 6), Cause: '16' }))
    // Saved ringing when the connection was lost at 1500: answered no earlier than that (14.10; it was the start, 1000).
    expect(up.call('a.1')).toMatchObject({ startedAt: 1000, answeredAt: 1500, answeredAtApprox: true, outcome: 'answered', closedBy: 'hangup' })
    expect(up.call('a.1')?.timeline.map((e) => e.kind)).toEqual(['ringing', 'answered', 'hangup'])
  })
})
