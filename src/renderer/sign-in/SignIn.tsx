import { type FormEvent, type JSX, useEffect, useId, useRef, useState } from 'react'
import type { EarshotApi, SignInState } from '../../shared/contract'
import { WarningIcon } from '../shell/icons'
import { initials, tintOf } from '../shell/pure/avatar'
import '../settings/forms.css'
import './sign-in.css'
import { errorText } from '../../shared/error-text'

export const PIN_PATTERN = /^\d{4,12}$/

/**
 * Who is at this desk: the operators main offers (names only) and a PIN. A wrong PIN shows main's
 * words and clears the field. The PIN input is uncontrolled, so React never mirrors it into the DOM.
 */
export function SignIn({
  api,
  state,
  onSignedIn,
  onCancel
}: {
  api: EarshotApi
  state: SignInState
  onSignedIn: (state: SignInState) => void
  /** Switching operator: back to the one signed in. */
  onCancel?: (() => void) | undefined
}): JSX.Element {
  const id = useId()
  const switching = onCancel !== undefined
  const current = state.operator?.id ?? null
  const [chosen, setChosen] = useState<string | null>(() => {
    const others = state.operators.filter((o) => o.id !== current)
    if (others.length === 1) return others[0]?.id ?? null
    const last = lastOperator.read()
    return others.some((o) => o.id === last) ? last : null
  })
  const [error, setError] = useState<{ field: 'operator' | 'pin'; text: string } | null>(null)
  const [busy, setBusy] = useState(false)
  const pinRef = useRef<HTMLInputElement>(null)
  const chosenAtStart = useRef(chosen)
  const listRef = useRef<HTMLFieldSetElement>(null)

  // The focus starts where the next keystroke goes: the PIN when someone is already chosen, else the
  // choice of operator (switching: the one already chosen or the first).
  useEffect(() => {
    const list = listRef.current
    if (chosenAtStart.current !== null) pinRef.current?.focus()
    else (list?.querySelector<HTMLInputElement>('input:checked') ?? list?.querySelector<HTMLInputElement>('input'))?.focus()
  }, [])

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault()
    const pinInput = pinRef.current
    if (pinInput === null || busy) return
    if (chosen === null) {
      setError({ field: 'operator', text: 'Choose who you are first.' })
      listRef.current?.querySelector('input')?.focus()
      return
    }
    const pin = pinInput.value
    if (!PIN_PATTERN.test(pin)) {
      setError({ field: 'pin', text: 'Enter your PIN: 4 to 12 digits.' })
      pinInput.focus()
      return
    }
    setBusy(true)
    setError(null)
    api.invoke('session:sign-in', { operatorId: chosen, pin }).then(
      (next) => {
        pinInput.value = ''
        lastOperator.write(chosen)
        onSignedIn(next)
      },
      (failure: unknown) => {
        setBusy(false)
        pinInput.value = ''
        setError({ field: 'pin', text: errorText(failure) })
        pinInput.focus()
      }
    )
  }

  const title = switching ? 'Switch operator' : 'Sign in'
  return (
    <section className="session-card sign-in" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title" className="session-title">
        {title}
      </h1>
      <p className="session-lead">
        {switching ? 'Choose who takes over this console and enter their PIN.' : 'Choose your name and enter your PIN.'}
      </p>
      {state.operators.length === 0 ? (
        <p className="form-error" role="alert">
          This machine has no operators to sign in as. Ask an administrator.
        </p>
      ) : (
        <form className="session-form" onSubmit={submit} noValidate>
          <fieldset
            ref={listRef}
            className="operator-choices"
            aria-describedby={error?.field === 'operator' ? `${id}-error` : undefined}
          >
            <legend className="field-label">Operator</legend>
            {state.operators.map((operator) => (
              <label key={operator.id} className="operator-choice">
                <input
                  type="radio"
                  name="operator"
                  value={operator.id}
                  checked={chosen === operator.id}
                  onChange={() => {
                    setChosen(operator.id)
                    setError(null)
                  }}
                />
                <span className={`avatar tint-${String(tintOf(operator.id))}`} aria-hidden="true">
                  {initials(operator.name)}
                </span>
                <span className="operator-choice-name">{operator.name}</span>
                {operator.id === current && <span className="operator-choice-note">signed in</span>}
              </label>
            ))}
          </fieldset>
          <div className="field">
            <label className="field-label" htmlFor={`${id}-pin`}>
              PIN
            </label>
            <input
              ref={pinRef}
              id={`${id}-pin`}
              name="pin"
              className="input input-pin"
              type="password"
              inputMode="numeric"
              autoComplete="off"
              maxLength={12}
              aria-invalid={error?.field === 'pin' ? true : undefined}
              aria-describedby={error?.field === 'pin' ? `${id}-error` : undefined}
              onInput={() => {
                if (error?.field === 'pin') setError(null)
              }}
            />
          </div>
          {error !== null && (
            <p id={`${id}-error`} className="field-error" role="alert">
              <WarningIcon className="field-error-icon" />
              <span>{error.text}</span>
            </p>
          )}
          <div className="session-actions">
            {switching && (
              <button type="button" className="button" onClick={onCancel}>
                Cancel
              </button>
            )}
            <button type="submit" className="button button-primary" disabled={busy}>
              {busy ? 'Signing in…' : 'Sign in'}
            </button>
          </div>
        </form>
      )}
    </section>
  )
}

/**
 * Who signed in last at this desk, so the next sign-in has them chosen. Only the operator's id, in
 * the window's own storage: the sign-in screen lists the names anyway, and no PIN is kept.
 */
const lastOperator = {
  key: 'earshot.sign-in.last-operator',
  read(): string | null {
    try {
      return window.localStorage.getItem(this.key)
    } catch {
      return null
    }
  },
  write(id: string): void {
    try {
      window.localStorage.setItem(this.key, id)
    } catch {
      // Storage refused (private mode, quota): the next sign-in just has nobody chosen.
    }
  }
}
