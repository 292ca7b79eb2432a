/**
 * The live floor keeps its queue counts by the rows that changed (QueueTallies); a replay counts
 * them afresh (queueViews). Over a living demo floor in virtual time — calls, pauses, phones going
 * offline, members leaving and joining — both must say the same at every moment.
 */
import { describe, expect, it } from 'vitest'
import { amiMessage } from '../../../src/main/ami'
import { CallsProjector } from '../../../src/main/calls/projector'
import { QueueTallies, queueViews } from '../../../src/main/calls/queues'
import { VirtualClock } from '../../../src/main/demo-pbx/clock'
import { Demo } from '../../../src/main/demo-pbx/demo'

describe('QueueTallies', () => {
  it('counts as a fresh count does, change after change', () => {
    const clock = new VirtualClock()
    const demo = new Demo({ clock, seed: 9, floor: { agents: 60, rate: 150, queues: 4 } })
    const calls = new CallsProjector({ featureCodes: { listen: '555', whisper: '556', barge: '557' }, outboundPrefix: '9' })
    const tallies = new QueueTallies()
    calls.attach(tallies, 0)
    const fold = (pairs: Array<readonly [string, string]>): void => calls.apply(amiMessage(pairs), clock.now())
    // The directory first (a snapshot's QueueMember items), then every live event.
    for (const q of demo.model.queues.values()) {
      for (const m of q.members) fold([['Event', 'QueueMember'], ['Queue', q.name], ['StateInterface', `PJSIP/${m.endpoint.ext}`], ['Name', m.endpoint.name], ['Paused', '0']])
    }
    demo.model.onEvent((h) => fold(Object.entries(h).map(([k, v]) => [k, String(v)] as const)))
    demo.start()
    let compared = 0
    for (let at = 5000; at <= 30 * 60_000; at += 5000) {
      clock.runUntil(at)
      if (at === 10 * 60_000) fold([['Event', 'QueueMemberRemoved'], ['Queue', 'queue-02'], ['StateInterface', 'PJSIP/1002']])
      if (at === 15 * 60_000) fold([['Event', 'QueueMemberAdded'], ['Queue', 'queue-02'], ['StateInterface', 'PJSIP/1002'], ['MemberName', 'back'], ['Paused', '0']])
      expect(tallies.views(calls.model), `at ${at}`).toEqual(queueViews(calls.model))
      compared++
    }
    const views = queueViews(calls.model)
    expect(compared).toBe(360)
    expect(views.map((q) => q.members.length)).toEqual([30, 30, 30, 30])
    // The floor moved: someone was busy, paused and offline in the queues at the end or before.
    expect(views.reduce((n, q) => n + q.busy, 0)).toBeGreaterThan(0)
  })
})

describe('a queue view’s callers', () => {
  const join = (id: string, position: number): Array<readonly [string, string]> => [
    ['Event', 'QueueCallerJoin'],
    ['Queue', 'support'],
    ['Uniqueid', id],
    ['CallerIDNum', `+4420794600${id}`],
    ['CallerIDName', 'Caller'],
    ['Position', String(position)]
  ]
  const leave = (id: string): Array<readonly [string, string]> => [['Event', 'QueueCallerLeave'], ['Queue', 'support'], ['Uniqueid', id]]

  it('keep their array while every view shows the same, and get a new one once a view showed anything else', () => {
    const calls = new CallsProjector({ featureCodes: { listen: '555', whisper: '556', barge: '557' }, outboundPrefix: '9' })
    const tallies = new QueueTallies()
    calls.attach(tallies, 0)
    const fold = (pairs: Array<readonly [string, string]>, at: number): void => calls.apply(amiMessage(pairs), at)
    const callers = (): unknown => tallies.views(calls.model).find((q) => q.name === 'support')?.callers
    fold(join('11', 1), 1000)
    const first = callers()
    expect(first).toHaveLength(1)
    expect(callers()).toBe(first)
    // Someone joined and left between two views: nothing a view showed changed.
    fold(join('12', 2), 2000)
    fold(leave('12'), 3000)
    expect(callers()).toBe(first)
    // A view (a snapshot for another window, say) showed the second caller: back to one is a change.
    fold(join('13', 2), 4000)
    const two = callers()
    expect(two).toHaveLength(2)
    fold(leave('13'), 5000)
    const again = callers()
    expect(again).toEqual(first)
    expect(again).not.toBe(first)
    // A caller moving up is a change too.
    fold(join('14', 2), 6000)
    const before = callers()
    fold(leave('11'), 7000)
    expect(callers()).not.toBe(before)
    expect(callers()).toEqual([expect.objectContaining({ id: '14', position: 1 })])
  })
})
