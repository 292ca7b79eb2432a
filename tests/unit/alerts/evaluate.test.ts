import { describe, expect, it } from 'vitest'
import type { AgentCall, AgentRow, QueueView } from '../../../src/shared/floor'
import { DEFAULT_SETTINGS, type AlertThresholds } from '../../../src/shared/settings'
import { evaluateAlerts, queuesNeedingAttention, agentsNeedingAttention } from '../../../src/renderer/alerts/pure/evaluate'

const T0 = 1_700_000_000_000
const MIN = 60_000
const defaults: AlertThresholds = DEFAULT_SETTINGS.alerts

function row(extension: string, patch: Partial<AgentRow> = {}): AgentRow {
  return { extension, name: `Agent ${extension}`, status: 'idle', statusSince: T0, pauseReason: null, pause: null, calls: [], unansweredRings: 0, ...patch }
}

function call(patch: Partial<AgentCall> = {}): AgentCall {
  return {
    id: 'u1', channel: 'PJSIP/1001-1', state: 'talking', onHold: false, customer: '+441234567890', customerName: 'Ms Private',
    direction: 'inbound', startedAt: T0, answeredAt: T0, answeredAtApprox: false, heldSince: null, supervisors: [], ...patch
  }
}

function queue(name: string, patch: Partial<QueueView> = {}): QueueView {
  return {
    name, strategy: null, waiting: 0, longestWaitSince: null, callers: [], members: [], available: 0, busy: 0, paused: 0, offline: 0,
    answered: null, abandoned: null, answeredSeen: 0, abandonedSeen: 0, serviceLevelSeconds: null, serviceLevelPercent: null, ...patch
  }
}

function rows(...list: AgentRow[]): Map<string, AgentRow> {
  return new Map(list.map((r) => [r.extension, r]))
}

const kinds = (alerts: ReturnType<typeof evaluateAlerts>): string[] => alerts.map((a) => a.kind)

describe('evaluateAlerts', () => {
  it('raises a long call at its threshold, not a second before, and keys it by the call', () => {
    const floor = rows(row('1001', { status: 'talking', statusSince: T0, calls: [call()] }))
    expect(evaluateAlerts(floor, [], defaults, T0 + 20 * MIN - 1000)).toEqual([])
    const [alert] = evaluateAlerts(floor, [], defaults, T0 + 20 * MIN)
    expect(alert).toMatchObject({ kind: 'long-call', extension: '1001', since: T0, key: '1001:long-call:u1', thresholdSeconds: 1200 })
  })

  it('never names the customer in what a notification shows', () => {
    const floor = rows(row('1001', { status: 'talking', calls: [call({ onHold: true, heldSince: T0 })] }))
    const alerts = evaluateAlerts(floor, [], defaults, T0 + 30 * MIN)
    expect(kinds(alerts)).toEqual(['long-call', 'long-hold'])
    for (const alert of alerts) expect(alert.subject).not.toMatch(/Private|1234567890/)
  })

  it('raises a long hold from the hold, and never from an unknown hold start', () => {
    const held = (heldSince: number | null) => rows(row('1001', { status: 'talking', calls: [call({ answeredAt: T0 + 10 * MIN, onHold: true, heldSince })] }))
    expect(kinds(evaluateAlerts(held(T0 + 12 * MIN), [], defaults, T0 + 15 * MIN))).toEqual(['long-hold'])
    expect(evaluateAlerts(held(T0 + 13 * MIN), [], defaults, T0 + 15 * MIN)).toEqual([])
    expect(evaluateAlerts(held(null), [], defaults, T0 + 15 * MIN)).toEqual([])
  })

  it('uses the pause reason\'s own threshold (case-insensitive), else the general one', () => {
    const paused = (reason: string | null) => rows(row('1001', { status: 'paused', pauseReason: reason, statusSince: T0 }))
    expect(evaluateAlerts(paused('Lunch'), [], defaults, T0 + 59 * MIN)).toEqual([])
    expect(kinds(evaluateAlerts(paused('LUNCH'), [], defaults, T0 + 60 * MIN))).toEqual(['long-pause'])
    expect(kinds(evaluateAlerts(paused('break '), [], defaults, T0 + 15 * MIN))).toEqual(['long-pause'])
    expect(evaluateAlerts(paused('training'), [], defaults, T0 + 19 * MIN)).toEqual([])
    expect(kinds(evaluateAlerts(paused(null), [], defaults, T0 + 20 * MIN))).toEqual(['long-pause'])
  })

  it('never alerts on time when the status start is unknown', () => {
    const floor = rows(row('1001', { status: 'paused', pauseReason: 'break', statusSince: null }))
    expect(evaluateAlerts(floor, [], defaults, T0 + 24 * 60 * MIN)).toEqual([])
  })

  it('switches each threshold off with null (and offline-in-queue with false)', () => {
    const off: AlertThresholds = { ...defaults, longCallSeconds: null, longHoldSeconds: null, longPauseSeconds: null, pauseReasons: [], queueWaitSeconds: null, unansweredRings: null, offlineInQueue: false }
    const floor = rows(
      row('1001', { status: 'talking', calls: [call({ onHold: true, heldSince: T0 })] }),
      row('1002', { status: 'paused', pauseReason: 'lunch' }),
      row('1003', { status: 'offline', unansweredRings: 5 })
    )
    const queues = [queue('support', { members: ['1003'], callers: [{ id: 'c1', number: '+44', name: null, position: 1, joinedAt: T0, joinedAtApprox: false }] })]
    expect(evaluateAlerts(floor, queues, defaults, T0 + 24 * 60 * MIN).length).toBe(6)
    expect(evaluateAlerts(floor, queues, off, T0 + 24 * 60 * MIN)).toEqual([])
  })

  it('raises offline-in-queue only for members, with their queues, and marks those queue tiles', () => {
    const floor = rows(row('1003', { status: 'offline', statusSince: null }), row('1004', { status: 'offline' }))
    const queues = [queue('support', { members: ['1003'] }), queue('sales', { members: ['1003', '1005'] })]
    const alerts = evaluateAlerts(floor, queues, defaults, T0)
    expect(alerts).toMatchObject([{ kind: 'offline-in-queue', extension: '1003', queues: ['support', 'sales'], since: null }])
    expect([...queuesNeedingAttention(alerts)]).toEqual(['support', 'sales'])
    expect([...agentsNeedingAttention(alerts)]).toEqual(['1003'])
  })

  it('raises unanswered-rings when the run reaches the threshold, one alert per run that grows with it', () => {
    const missed = (n: number) => rows(row('1001', { unansweredRings: n }))
    expect(evaluateAlerts(missed(2), [], defaults, T0)).toEqual([])
    const [alert] = evaluateAlerts(missed(3), [], defaults, T0)
    expect(alert).toMatchObject({ kind: 'unanswered-rings', extension: '1001', key: '1001:unanswered-rings', count: 3, since: null, queues: [] })
    // A fourth miss is the same trouble: same key, so an acknowledge holds; the count follows the row.
    expect(evaluateAlerts(missed(4), [], defaults, T0)).toMatchObject([{ key: alert?.key, count: 4 }])
    expect(evaluateAlerts(missed(1), [], { ...defaults, unansweredRings: 1 }, T0)).toMatchObject([{ kind: 'unanswered-rings', count: 1 }])
    expect(evaluateAlerts(missed(99), [], { ...defaults, unansweredRings: null }, T0)).toEqual([])
  })

  it('raises one queue-wait alert per caller waiting past the threshold', () => {
    const caller = (id: string, joinedAt: number) => ({ id, number: '+441', name: null, position: 1, joinedAt, joinedAtApprox: false })
    const queues = [queue('support', { callers: [caller('a', T0), caller('b', T0 + 30_000)] })]
    const alerts = evaluateAlerts(new Map(), queues, defaults, T0 + 60_000)
    expect(alerts).toMatchObject([{ kind: 'queue-wait', key: 'queue:support:queue-wait:a', extension: null, queues: ['support'] }])
    expect(evaluateAlerts(new Map(), queues, defaults, T0 + 90_000).map((a) => a.key)).toEqual(['queue:support:queue-wait:a', 'queue:support:queue-wait:b'])
  })
})
