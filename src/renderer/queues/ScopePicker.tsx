import type { JSX } from 'react'
import type { FloorScope } from '../../shared/preferences'
import type { FloorScopeState } from './useFloorScope'

function encode(scope: FloorScope): string {
  return scope.kind === 'all' ? 'all' : scope.kind === 'team' ? `team:${scope.team}` : `queue:${scope.queue}`
}

function decode(value: string): FloorScope {
  if (value.startsWith('team:')) return { kind: 'team', team: value.slice(5) }
  if (value.startsWith('queue:')) return { kind: 'queue', queue: value.slice(6) }
  return { kind: 'all' }
}

/** All / each team / each queue: which agents the floor and its counters show (remembered per operator). */
export function ScopePicker({ state }: { state: FloorScopeState }): JSX.Element | null {
  const { resolved, teams, queues, setScope } = state
  if (teams.length === 0 && queues.length === 0 && resolved.missing === null) return null
  return (
    <>
    <label className="scope-picker">
      <span className="scope-label">Show</span>
      <select aria-label="Show agents of" value={encode(resolved.scope)} onChange={(event) => setScope(decode(event.target.value))}>
        <option value="all">All agents</option>
        {teams.length > 0 && (
          <optgroup label="Teams">
            {teams.map((team) => (
              <option key={team.name} value={`team:${team.name}`}>
                {team.name}
              </option>
            ))}
          </optgroup>
        )}
        {queues.length > 0 && (
          <optgroup label="Queues">
            {queues.map((queue) => (
              <option key={queue.name} value={`queue:${queue.name}`}>
                Queue {queue.name}
              </option>
            ))}
          </optgroup>
        )}
      </select>
    </label>
    {resolved.missing !== null && (
      <span className="scope-missing" role="status">
        {resolved.missing}: showing all agents.
      </span>
    )}
    </>
  )
}
