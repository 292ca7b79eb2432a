import type { JSX } from 'react'
import type { Team } from '../../shared/settings'
import { FieldError, ListField, RadioGroup, TextField } from './fields'
import type { SectionProps } from './sections'
import './teams.css'

const NEW_TEAM: Team = { kind: 'extensions', name: '', extensions: [] }

/**
 * Named groups of agents the floor can be narrowed to (each operator picks one on the floor's
 * toolbar): a list of extensions, or whoever is a member of one queue. Saved with the page's Save,
 * validated like every other machine setting (src/shared/settings.ts TeamsSettings).
 */
export function TeamsSection({ form }: SectionProps): JSX.Element {
  const teams = form.draft.teams.teams
  const set = (next: Team[], path: string): void => form.edit('teams', { teams: next }, path)
  const replace = (index: number, team: Team, path: string): void => set(teams.map((t, i) => (i === index ? team : t)), path)
  return (
    <div className="teams-section">
      {teams.length === 0 && <p className="muted">No teams yet. Operators can still narrow the floor to one queue’s members.</p>}
      {teams.map((team, index) => {
        const base = `teams.teams.${String(index)}`
        const id = `setting-teams-${String(index)}`
        return (
          <fieldset key={index} className="team-card">
            <legend className="visually-hidden">{`Team ${String(index + 1)}`}</legend>
            <div className="form-grid">
              <TextField
                id={`${id}-name`}
                label="Team name"
                value={team.name}
                placeholder="Early shift"
                error={form.errorAt(`${base}.name`)}
                onChange={(name) => replace(index, { ...team, name }, `${base}.name`)}
                onBlur={() => form.touch(`${base}.name`)}
              />
              <RadioGroup
                id={`${id}-kind`}
                legend="Who is in it"
                name={`${id}-kind`}
                value={team.kind}
                options={[
                  { value: 'extensions', label: 'These extensions' },
                  { value: 'queue', label: 'The members of a queue' }
                ]}
                onChange={(kind) =>
                  replace(index, kind === 'extensions' ? { kind, name: team.name, extensions: [] } : { kind, name: team.name, queue: '' }, base)
                }
              />
              {team.kind === 'extensions' ? (
                <ListField
                  id={`${id}-extensions`}
                  label="Extensions"
                  itemNoun="extension"
                  placeholder="1001"
                  values={team.extensions}
                  error={form.errorUnder(`${base}.extensions`)?.message ?? null}
                  errorIndex={form.errorUnder(`${base}.extensions`)?.index}
                  hint="Press Enter after each."
                  onChange={(extensions) => replace(index, { ...team, extensions }, `${base}.extensions`)}
                  onBlur={() => form.touch(`${base}.extensions`)}
                />
              ) : (
                <TextField
                  id={`${id}-queue`}
                  label="Queue"
                  mono
                  placeholder="support"
                  value={team.queue}
                  hint="The queue name as in queues.conf; its members today are the team."
                  error={form.errorAt(`${base}.queue`)}
                  onChange={(queue) => replace(index, { ...team, queue }, `${base}.queue`)}
                  onBlur={() => form.touch(`${base}.queue`)}
                />
              )}
            </div>
            <button type="button" className="button" onClick={() => set(teams.filter((_, i) => i !== index), 'teams.teams')}>
              Remove team {team.name}
            </button>
          </fieldset>
        )
      })}
      <FieldError id="setting-teams-teams" error={form.errorAt('teams.teams')} />
      <button type="button" className="button" onClick={() => set([...teams, { ...NEW_TEAM }], 'teams.teams')}>
        Add a team
      </button>
    </div>
  )
}
