import type { AgentRow, QueueView } from '../../shared/floor'
import type { FloorScope } from '../../shared/preferences'
import type { Team } from '../../shared/settings'

/** A scope as it applies now: the extensions it selects (null: everyone) and, when it names something gone, what. */
export interface ResolvedScope {
  /** The scope in force: the chosen one, or All when the chosen one no longer exists. */
  scope: FloorScope
  extensions: ReadonlySet<string> | null
  /** Set when the chosen team or queue no longer exists (the floor then shows everyone). */
  missing: string | null
}

const ALL: FloorScope = { kind: 'all' }

/**
 * Which extensions a scope selects: a team's listed extensions, a queue's members, or (for a
 * "members of queue X" team) that queue's members. A team or queue that no longer exists resolves
 * to everyone, with a note saying what is missing. The floor, its counters and the wallboard all
 * filter through this one function.
 */
export function resolveScope(scope: FloorScope, teams: readonly Team[], queues: readonly QueueView[]): ResolvedScope {
  if (scope.kind === 'all') return { scope, extensions: null, missing: null }
  const queueMembers = (name: string): ReadonlySet<string> | null => {
    const queue = queues.find((q) => q.name === name)
    return queue === undefined ? null : new Set(queue.members)
  }
  if (scope.kind === 'queue') {
    const members = queueMembers(scope.queue)
    return members === null ? { scope: ALL, extensions: null, missing: `The queue “${scope.queue}” no longer exists` } : { scope, extensions: members, missing: null }
  }
  const team = teams.find((t) => t.name === scope.team)
  if (team === undefined) return { scope: ALL, extensions: null, missing: `The team “${scope.team}” no longer exists` }
  if (team.kind === 'extensions') return { scope, extensions: new Set(team.extensions), missing: null }
  const members = queueMembers(team.queue)
  return members === null
    ? { scope: ALL, extensions: null, missing: `The team “${team.name}” follows the queue “${team.queue}”, which no longer exists` }
    : { scope, extensions: members, missing: null }
}

/** The rows a scope selects (the same map when it selects everyone), and the resolution behind it. */
export function agentsInScope(
  rows: ReadonlyMap<string, AgentRow>,
  scope: FloorScope,
  teams: readonly Team[],
  queues: readonly QueueView[]
): { rows: ReadonlyMap<string, AgentRow>; resolved: ResolvedScope } {
  const resolved = resolveScope(scope, teams, queues)
  if (resolved.extensions === null) return { rows, resolved }
  const out = new Map<string, AgentRow>()
  for (const extension of resolved.extensions) {
    const row = rows.get(extension)
    if (row !== undefined) out.set(extension, row)
  }
  return { rows: out, resolved }
}

/**
 * The queues a resolved scope is about (the wallboard's queue tiles): the chosen queue, a
 * "members of queue X" team's queue, the queues a listed team's agents belong to; everyone: all.
 */
export function queuesInScope(resolved: ResolvedScope, teams: readonly Team[], queues: readonly QueueView[]): readonly QueueView[] {
  const { scope, extensions } = resolved
  if (scope.kind === 'all' || extensions === null) return queues
  if (scope.kind === 'queue') return queues.filter((q) => q.name === scope.queue)
  const team = teams.find((t) => t.name === scope.team)
  if (team?.kind === 'queue') return queues.filter((q) => q.name === team.queue)
  return queues.filter((q) => q.members.some((member) => extensions.has(member)))
}

/** Whether two scopes are the same choice. */
export function sameScope(a: FloorScope, b: FloorScope): boolean {
  if (a.kind === 'all' || b.kind === 'all') return a.kind === b.kind
  if (a.kind === 'team') return b.kind === 'team' && a.team === b.team
  return b.kind === 'queue' && a.queue === b.queue
}
