/**
 * What main sends each operator of the floor (src/main/operators/visibility.ts): every row with
 * see-everyone; without it only their own row, and never who is supervising their call
 * (issue 13.13: an agent must not learn that a supervisor is listening).
 */
import { describe, expect, it } from 'vitest'
import type { FloorDelta, FloorSnapshot, Operator } from '../../../src/shared/contract'
import type { AgentRow, QueueView } from '../../../src/shared/floor'
import { visibleDelta, visibleSnapshot } from '../../../src/main/operators'

const t0 = Date.UTC(2026, 0, 5, 9)

function talking(extension: string, supervisors: AgentRow['calls'][number]['supervisors']): AgentRow {
  return {
    extension,
    name: `Agent ${extension}`,
    status: 'talking',
    statusSince: t0,
    pauseReason: null,
    pause: null,
    calls: [
      {
        id: `call-${extension}`,
        channel: `PJSIP/${extension}-00000001`,
        state: 'talking',
        onHold: false,
        customer: '+442070001111',
        customerName: null,
        direction: 'inbound',
        startedAt: t0,
        answeredAt: t0 + 5000,
        answeredAtApprox: false,
        supervisors
      },
      {
        id: `call-${extension}-2`,
        channel: `PJSIP/${extension}-00000002`,
        state: 'talking',
        onHold: true,
        customer: '+442070002222',
        customerName: null,
        direction: 'outbound',
        startedAt: t0,
        answeredAt: t0 + 1000,
        answeredAtApprox: false,
        supervisors: [{ extension: '2002', mode: 'barge' }]
      }
    ],
    unansweredRings: 0
  }
}

const queue: QueueView = {
  name: 'support', strategy: 'rrmemory', waiting: 1, longestWaitSince: t0,
  callers: [{ id: 'c.1', number: '+442070020001', name: 'Ann Waiting', position: 1, joinedAt: t0, joinedAtApprox: false }],
  members: ['1001', '1002'], available: 0, busy: 2, paused: 0, offline: 0,
  answered: 3, abandoned: 1, answeredSeen: 1, abandonedSeen: 0, serviceLevelSeconds: 20, serviceLevelPercent: 90
}

const rows = [talking('1001', [{ extension: '2001', mode: 'listen' }, { extension: '2002', mode: 'whisper' }]), talking('1002', [{ extension: '2001', mode: 'barge' }])]
const snapshot: FloorSnapshot = {
  seq: 7,
  rows,
  queues: [queue],
  connection: { source: 'pbx', state: 'live', message: null, retryAt: null, stale: false },
  callLog: { failing: null, waiting: 0, dropped: 0 },
  serverTime: t0
}
const delta: FloorDelta = { seq: 8, rows, removed: [], queues: [queue] }

const agent: Operator = { id: 'op-agent', name: 'Ben (agent)', extension: '1001', scopes: [] }
const admin: Operator = { id: 'op-admin', name: 'Alex', extension: '2001', scopes: ['configure-everything'] }
const supervisor: Operator = { id: 'op-sup', name: 'Sam', extension: '2002', scopes: ['see-everyone', 'supervise:listen'] }

describe('visibility of the floor', () => {
  it('an operator without see-everyone gets their own row with no supervisors on any of its calls', () => {
    for (const operator of [agent, { ...admin, extension: '1001' }]) {
      const seen = visibleSnapshot(snapshot, operator)
      expect(seen.rows.map((r) => r.extension)).toEqual(['1001'])
      expect(seen.rows[0]?.calls.map((c) => c.supervisors)).toEqual([[], []])
      // Everything else about the call is as main knows it.
      expect(seen.rows[0]?.calls.map((c) => ({ ...c, supervisors: [] }))).toEqual(rows[0]?.calls.map((c) => ({ ...c, supervisors: [] })))
      const d = visibleDelta(delta, operator)
      expect(d.seq).toBe(8)
      expect(d.rows.map((r) => r.extension)).toEqual(['1001'])
      expect(d.rows[0]?.calls.map((c) => c.supervisors)).toEqual([[], []])
      expect(d.removed).toEqual(['1002'])
      // The queues tell of everyone's state and of the callers waiting: none of it.
      expect(seen.queues).toEqual([])
      expect(d.queues).toEqual([])
    }
    // The rows main holds are not changed for the others.
    expect(rows[0]?.calls[0]?.supervisors).toHaveLength(2)
  })

  it('see-everyone gets every row with its supervisors', () => {
    expect(visibleSnapshot(snapshot, supervisor)).toEqual(snapshot)
    expect(visibleDelta(delta, supervisor)).toEqual(delta)
  })

  it('nobody signed in gets no row', () => {
    expect(visibleSnapshot(snapshot, null).rows).toEqual([])
    expect(visibleSnapshot(snapshot, null).queues).toEqual([])
    expect(visibleDelta(delta, null)).toEqual({ seq: 8, rows: [], removed: ['1001', '1002'], queues: [] })
  })
})
