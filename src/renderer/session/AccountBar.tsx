import type { JSX } from 'react'
import type { Operator } from '../../shared/contract'
import { initials, tintOf } from './initials'

/** The top bar's operator: who is signed in, Switch operator and Sign out. */
export function AccountBar({ operator, onSwitch, onSignOut }: { operator: Operator; onSwitch: () => void; onSignOut: () => void }): JSX.Element {
  return (
    <div className="account" role="group" aria-label="Operator">
      <span className={`avatar tint-${String(tintOf(operator.id))}`} aria-hidden="true">
        {initials(operator.name)}
      </span>
      <span className="account-name" title={`${operator.name} · ${operator.extension}`}>
        {operator.name}
      </span>
      <button type="button" className="button button-small button-quiet" onClick={onSwitch}>
        Switch operator
      </button>
      <button type="button" className="button button-small button-quiet" onClick={onSignOut}>
        Sign out
      </button>
    </div>
  )
}
