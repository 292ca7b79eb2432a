/**
 * The queue tile's Answered figure against a real capture. paused-on-call: support's QueueParams
 * says Completed 3 at t=4; 1002 answers a support caller at 1519 (AgentConnect); a QueueStatus at
 * 7127, while that call is still up, still says Completed 3 (Asterisk counts a queue call as
 * completed when it ends: AgentComplete at 13131); the call ends at 13132.
 */
import { describe, expect, it } from 'vitest'
import { amiMessage, type AmiMessage } from '../../../src/main/ami'
import { CallsProjector } from '../../../src/main/calls/projector'
import { type FloorSession, LiveFloor } from '../../../src/main/calls/live-floor'
import { queueViews } from '../../../src/main/calls/queues'
import { replayCapture } from '../../../src/main/capture/replay'
import { LAB_OPTIONS, loadLaterCapture } from '../../support/traces'

const records = loadLaterCapture('paused-on-call')
const answeredAt = (at: number): number | null =>
  queueViews(replayCapture(records, new CallsProjector(LAB_OPTIONS), at).model).find((q) => q.name === 'support')?.answered ?? null

describe('a queue’s Answered', () => {
  it('counts a call from its answer on, through a QueueStatus taken while it is talked and after it ends', () => {
    expect(answeredAt(1000)).toBe(3)
    expect(answeredAt(7000)).toBe(4) // 3 completed + the call answered at 1519
    expect(answeredAt(7200)).toBe(4) // the QueueStatus at 7127 still says 3: the call is not completed yet
    expect(answeredAt(13131)).toBe(4) // completed (AgentComplete)
    expect(answeredAt(23000)).toBe(4)
  })
})

describe('a queue’s Answered across a reconnect', () => {
  const ev = (fields: Record<string, string>): AmiMessage => amiMessage(Object.entries(fields))
  const params = (completed: number): AmiMessage => ev({ Event: 'QueueParams', Queue: 'support', Strategy: 'ringall', Completed: String(completed), Abandoned: '0', ServiceLevel: '0', ServicelevelPerf: '0' })
  const caller = (id: string): Record<string, string> => ({ Channel: `Local/+44207004000${id}@in-0000000${id};1`, Uniqueid: `1.${id}`, ChannelState: '6', CallerIDNum: `+44207004000${id}` })
  const answered = (calls: CallsProjector): number | null => queueViews(calls.model).find((q) => q.name === 'support')?.answered ?? null

  it('an AgentComplete held back while the snapshot loaded counts only when it came after the QueueStatus answer (the model)', () => {
    const calls = new CallsProjector(LAB_OPTIONS)
    calls.apply(params(3), 0)
    for (const id of ['1', '2', '3']) {
      calls.apply(ev({ Event: 'Newchannel', ...caller(id) }), 5)
      calls.apply(ev({ Event: 'AgentConnect', Queue: 'support', ...caller(id) }), 10)
    }
    expect(answered(calls)).toBe(6)
    calls.connectionLost(50)
    // Call 1 ended before the QueueStatus answer (its Completed, 4, has it: one AgentComplete held
    // back came before the answer), calls 2 and 3 are still up (in the snapshot's channels).
    calls.resync([params(4), ev({ Event: 'CoreShowChannel', ...caller('2') }), ev({ Event: 'CoreShowChannel', ...caller('3') }), ev({ Event: 'CoreShowChannelsComplete' })], 120, null, {
      messages: [ev({ Event: 'AgentComplete', Queue: 'support', ...caller('1') }), ev({ Event: 'Hangup', ...caller('1') })],
      beforeQueues: 1
    })
    // Then the events held back meanwhile, in arrival order (the live floor folds them at once).
    calls.apply(ev({ Event: 'AgentComplete', Queue: 'support', ...caller('1') }), 90)
    calls.apply(ev({ Event: 'Hangup', ...caller('1') }), 90)
    expect(answered(calls)).toBe(6) // 4 completed + 2 talking
    calls.apply(ev({ Event: 'AgentComplete', Queue: 'support', ...caller('2') }), 110)
    expect(answered(calls)).toBe(6) // 5 completed + 1 talking
    calls.apply(ev({ Event: 'AgentComplete', Queue: 'support', ...caller('3') }), 130)
    expect(answered(calls)).toBe(6)
  })
})

describe('the live floor tells which held-back events came before the QueueStatus answer', () => {
  const ev = (fields: Record<string, string>): AmiMessage => amiMessage(Object.entries(fields))
  const complete = (id: string): AmiMessage => ev({ Event: 'AgentComplete', Queue: 'support', Channel: `Local/x${id}@in;1`, Uniqueid: `1.${id}`, ChannelState: '6' })

  it('by stream order, whatever the clock says: the same millisecond, or a clock stepped back', async () => {
    const t = 1000 // the clock stands still: every event and the answer in the same millisecond
    const floor = new LiveFloor(LAB_OPTIONS, () => t)
    // A session that answers each list at once, QueueStatus with Completed 4 and Abandoned 2 and, in
    // the same read as its Complete, a completed call and an abandon before it and one of each after
    // (as Asterisk writes them, in order).
    const abandon = (id: string): AmiMessage => ev({ Event: 'QueueCallerAbandon', Queue: 'support', Channel: `Local/a${id}@in;1`, Uniqueid: `2.${id}`, Position: '1' })
    const session: FloorSession = {
      send: (action, options) => {
        if (action.Action !== 'QueueStatus') return Promise.resolve({ events: [] })
        floor.apply(complete('1'))
        floor.apply(abandon('1'))
        options?.onListComplete?.()
        floor.apply(complete('2'))
        floor.apply(abandon('2'))
        return Promise.resolve({ events: [ev({ Event: 'QueueParams', Queue: 'support', Strategy: 'ringall', Completed: '4', Abandoned: '2', ServiceLevel: '0', ServicelevelPerf: '0' })] })
      }
    }
    await floor.resync(session)
    // 4 completed and 2 abandoned by the answer (the first of each among them) + one of each after it.
    expect(queueViews(floor.model()).find((q) => q.name === 'support')).toMatchObject({ answered: 5, abandoned: 3 })
  })
})
