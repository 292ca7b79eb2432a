/**
 * Which agents a floor scope selects (src/renderer/floor/scope.ts): everyone, a team's listed
 * extensions, a queue's members, a "members of queue X" team; and a scope naming a team or queue
 * that is gone falls back to everyone with a note.
 */
import { describe, expect, it } from 'vitest'
import type { AgentRow, QueueView } from '../../../src/shared/floor'
import type { Team } from '../../../src/shared/settings'
import { agentsInScope, queuesInScope, resolveScope, sameScope } from '../../../src/renderer/floor/scope'

const row = (extension: string): AgentRow => ({ extension, name: `Agent ${extension}`, status: 'idle', statusSince: null, pauseReason: null, pause: null, calls: [], unansweredRings: 0 })
const floor = new Map(['101', '102', '103', '104'].map((e) => [e, row(e)]))

const queue = (name: string, members: string[]): QueueView => ({
  name, strategy: null, waiting: 0, longestWaitSince: null, callers: [], members,
  available: 0, busy: 0, paused: 0, offline: 0, answered: null, abandoned: null, answeredSeen: 0, abandonedSeen: 0,
  serviceLevelSeconds: null, serviceLevelPercent: null
})
const queues = [queue('support', ['101', '103', '199']), queue('sales', ['102'])]
const teams: Team[] = [
  { kind: 'extensions', name: 'Early shift', extensions: ['102', '104'] },
  { kind: 'queue', name: 'Support desk', queue: 'support' },
  { kind: 'queue', name: 'Old billing', queue: 'billing' }
]
const selected = (scope: Parameters<typeof agentsInScope>[1]): string[] => [...agentsInScope(floor, scope, teams, queues).rows.keys()].sort()

describe('agentsInScope', () => {
  it('All selects every agent, the very same map', () => {
    expect(agentsInScope(floor, { kind: 'all' }, teams, queues).rows).toBe(floor)
  })

  it("a queue selects its members on the floor (a member the floor does not show is left out)", () => {
    expect(selected({ kind: 'queue', queue: 'support' })).toEqual(['101', '103'])
  })

  it("a team of extensions selects those extensions; a queue team selects that queue's members", () => {
    expect(selected({ kind: 'team', team: 'Early shift' })).toEqual(['102', '104'])
    expect(selected({ kind: 'team', team: 'Support desk' })).toEqual(['101', '103'])
  })

  it('a team or queue that no longer exists falls back to everyone and says what is missing', () => {
    for (const scope of [{ kind: 'team', team: 'Night shift' }, { kind: 'queue', queue: 'billing' }, { kind: 'team', team: 'Old billing' }] as const) {
      const { rows, resolved } = agentsInScope(floor, scope, teams, queues)
      expect(rows).toBe(floor)
      expect(resolved.scope).toEqual({ kind: 'all' })
      expect(resolved.missing).toMatch(/no longer exists/)
    }
    expect(resolveScope({ kind: 'queue', queue: 'sales' }, teams, queues).missing).toBeNull()
  })
})

describe('sameScope', () => {
  it('compares by kind and name', () => {
    expect(sameScope({ kind: 'all' }, { kind: 'all' })).toBe(true)
    expect(sameScope({ kind: 'queue', queue: 'a' }, { kind: 'queue', queue: 'a' })).toBe(true)
    expect(sameScope({ kind: 'queue', queue: 'a' }, { kind: 'team', team: 'a' })).toBe(false)
    expect(sameScope({ kind: 'team', team: 'a' }, { kind: 'all' })).toBe(false)
  })
})

describe('queuesInScope (the wallboard’s queue tiles)', () => {
  const names = (scope: Parameters<typeof resolveScope>[0]): string[] => queuesInScope(resolveScope(scope, teams, queues), teams, queues).map((q) => q.name)

  it('All shows every queue; a queue shows itself; a queue team shows its queue', () => {
    expect(names({ kind: 'all' })).toEqual(['support', 'sales'])
    expect(names({ kind: 'queue', queue: 'sales' })).toEqual(['sales'])
    expect(names({ kind: 'team', team: 'Support desk' })).toEqual(['support'])
  })

  it("a team of extensions shows the queues its agents are members of; a gone team shows every queue", () => {
    expect(names({ kind: 'team', team: 'Early shift' })).toEqual(['sales'])
    expect(names({ kind: 'team', team: 'Old billing' })).toEqual(['support', 'sales'])
  })
})
