/**
 * paused-on-call: 1002 is a member of `support` and `sales`; after its call ends (13.1 s) it stays
 * paused in `support` only (`coaching`), still a `sales` member that sales rings. Here its phone then
 * drops off the network: Asterisk says so exactly as in agent-offline (ContactStatus Unreachable,
 * then a QueueMemberStatus per queue with Status 5 = AST_DEVICE_UNAVAILABLE, each keeping its
 * queue's pause). Asterisk will not ring an unavailable member: in sales 1002 is offline, not
 * available (1003 and 1004 are).
 */
import { describe, expect, it } from 'vitest'
import { amiMessage } from '../../../src/main/ami'
import { CallsProjector } from '../../../src/main/calls/projector'
import { agentRows, queueViews } from '../../../src/main/calls'
import { replayCapture } from '../../../src/main/capture/replay'
import { evaluateAlerts, queuesNeedingAttention } from '../../../src/renderer/alerts/pure/evaluate'
import { DEFAULT_SETTINGS } from '../../../src/shared/settings'
import { LAB_OPTIONS, loadLaterCapture } from '../../support/traces'

const records = loadLaterCapture('paused-on-call')
const ev = (fields: Record<string, string>) => amiMessage(Object.entries(fields))

// As agent-offline shows Asterisk 22 reporting an unreachable phone (t=6966 there).
const memberStatus = (queue: string, paused: boolean) =>
  ev({
    Event: 'QueueMemberStatus', Privilege: 'agent,all', Queue: queue, MemberName: 'Agent 1002', Interface: 'PJSIP/1002', StateInterface: 'PJSIP/1002',
    Membership: 'dynamic', Penalty: '0', CallsTaken: '1', LastCall: '1796333296', LastPause: paused ? '1796333288' : '0', LoginTime: '1796333281',
    InCall: '0', Status: '5', Paused: paused ? '1' : '0', PausedReason: paused ? 'coaching' : '', Ringinuse: '0', Wrapuptime: '0'
  })

function unreachableAt(at: number): CallsProjector {
  const calls = replayCapture(records, new CallsProjector(LAB_OPTIONS), at)
  calls.apply(ev({ Event: 'ContactStatus', Privilege: 'system,all', URI: 'sip:1002@127.0.0.1:5072;ob', ContactStatus: 'Unreachable', AOR: '1002', EndpointName: '1002', RoundtripUsec: '0' }), at)
  calls.apply(memberStatus('support', true), at)
  calls.apply(memberStatus('sales', false), at)
  return calls
}

describe('an agent paused in one queue whose phone goes offline', () => {
  it('is not counted available in the queue it is not paused in', () => {
    const calls = unreachableAt(15_000)
    const sales = queueViews(calls.model).find((q) => q.name === 'sales')
    // sales: 1002 (unreachable), 1003 and 1004 (idle, reachable).
    expect(sales).toMatchObject({ available: 2, offline: 1 })
  })

  it('reads Offline (it is paused in some of its queues only)', () => {
    const calls = unreachableAt(15_000)
    expect(agentRows(calls.model).find((r) => r.extension === '1002')?.status).toBe('offline')
  })

  it('raises "Offline in a queue" for the queue that would ring it', () => {
    const calls = unreachableAt(15_000)
    const rows = new Map(agentRows(calls.model).map((r) => [r.extension, r]))
    const alerts = evaluateAlerts(rows, queueViews(calls.model), DEFAULT_SETTINGS.alerts, 15_000)
    expect(alerts.filter((a) => a.kind === 'offline-in-queue').map((a) => a.extension)).toContain('1002')
  })

  it('names only that queue in the alert, not the one it is paused in (counted paused there, not offline)', () => {
    const calls = unreachableAt(15_000)
    const queues = queueViews(calls.model)
    expect(queues.find((q) => q.name === 'support')).toMatchObject({ offline: 0 })
    const rows = new Map(agentRows(calls.model).map((r) => [r.extension, r]))
    const alerts = evaluateAlerts(rows, queues, DEFAULT_SETTINGS.alerts, 15_000)
    expect(alerts.find((a) => a.kind === 'offline-in-queue' && a.extension === '1002')?.queues).toEqual(['sales'])
    expect(queuesNeedingAttention(alerts).has('support')).toBe(false)
  })
})
