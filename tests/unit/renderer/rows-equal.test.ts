/**
 * The floor store keeps a row's old object across a snapshot when `rowsEqual` says nothing changed,
 * so whatever the rows show or alerts judge must be compared: a field it skips is a change the
 * floor never shows after a (re)snapshot.
 */
import { describe, expect, it } from 'vitest'
import type { AgentRow } from '../../../src/shared/floor'
import { rowsEqual } from '../../../src/renderer/floor/rows-equal'

const base: AgentRow = {
  extension: '1001',
  name: 'Ann',
  status: 'talking',
  statusSince: 1000,
  pauseReason: null,
  pause: null,
  calls: [
    {
      id: 'a.1',
      channel: 'PJSIP/1001-00000001',
      state: 'talking',
      onHold: true,
      customer: '+4420',
      customerName: null,
      direction: 'inbound',
      startedAt: 900,
      answeredAt: 1000,
      answeredAtApprox: false,
      heldSince: 5000,
      supervisors: []
    }
  ],
  unansweredRings: 0
}

describe('rowsEqual', () => {
  it('a copy is equal', () => {
    expect(rowsEqual(base, structuredClone(base))).toBe(true)
  })

  const changes: Array<[string, (row: AgentRow) => AgentRow]> = [
    ['statusSince (time in state, long pause)', (r) => ({ ...r, statusSince: 2000 })],
    ['unansweredRings', (r) => ({ ...r, unansweredRings: 3 })],
    ["a call's heldSince (long hold)", (r) => ({ ...r, calls: r.calls.map((c) => ({ ...c, heldSince: 6000 })) })],
    ['status', (r) => ({ ...r, status: 'ringing' })],
    ["a call's answer", (r) => ({ ...r, calls: r.calls.map((c) => ({ ...c, answeredAt: 1500 })) })]
  ]
  for (const [what, change] of changes) {
    it(`a row differing only in ${what} is not equal`, () => {
      expect(rowsEqual(base, change(structuredClone(base)))).toBe(false)
    })
  }
})
