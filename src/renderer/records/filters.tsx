import { type JSX, type ReactNode, useState } from 'react'
import { useFloorStore } from '../floor/useFloor'
import { agentChoices } from './hooks'

/** A labelled filter control (label above, control below), as the filter bars lay them out. */
export function Filter({ id, label, children, className }: { id: string; label: string; children: ReactNode; className?: string }): JSX.Element {
  return (
    <div className={className === undefined ? 'filter' : `filter ${className}`}>
      <label className="filter-label" htmlFor={id}>
        {label}
      </label>
      {children}
    </div>
  )
}

/** The agents on the floor (read again each time the list is opened), plus whichever is chosen. */
export function AgentSelect({ id, value, onChange }: { id: string; value: string; onChange: (extension: string) => void }): JSX.Element {
  const store = useFloorStore()
  const [agents, setAgents] = useState(() => agentChoices(store))
  const refresh = (): void => setAgents(agentChoices(store))
  const known = value === '' || agents.some((a) => a.extension === value)
  return (
    <select id={id} className="input select" value={value} onFocus={refresh} onPointerDown={refresh} onChange={(event) => onChange(event.target.value)}>
      <option value="">Any agent</option>
      {!known && <option value={value}>{value}</option>}
      {agents.map((agent) => (
        <option key={agent.extension} value={agent.extension}>
          {agent.name} ({agent.extension})
        </option>
      ))}
    </select>
  )
}

/** From / to dates (`<input type="date">`); `to` includes its whole day. */
export function DateRange({
  idPrefix,
  from,
  to,
  onFrom,
  onTo
}: {
  idPrefix: string
  from: string
  to: string
  onFrom: (value: string) => void
  onTo: (value: string) => void
}): JSX.Element {
  const backwards = from !== '' && to !== '' && to < from
  return (
    <>
      <Filter id={`${idPrefix}-from`} label="From">
        <input id={`${idPrefix}-from`} className="input" type="date" value={from} max={to === '' ? undefined : to} onChange={(event) => onFrom(event.target.value)} />
      </Filter>
      <Filter id={`${idPrefix}-to`} label="To">
        <input
          id={`${idPrefix}-to`}
          className="input"
          type="date"
          value={to}
          min={from === '' ? undefined : from}
          aria-invalid={backwards ? true : undefined}
          aria-describedby={backwards ? `${idPrefix}-range-error` : undefined}
          onChange={(event) => onTo(event.target.value)}
        />
        {backwards && (
          <span id={`${idPrefix}-range-error`} className="filter-error">
            Before “From”
          </span>
        )}
      </Filter>
    </>
  )
}
