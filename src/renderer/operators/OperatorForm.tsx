import { type FormEvent, type JSX, useId, useRef, useState } from 'react'
import type { Operator } from '../../shared/contract'
import { type Scope, SipExtension, SUPERVISE_SCOPE } from '../../shared/settings'
import { SupervisionMode } from '../../shared/supervision'
import { SCOPE_LABEL } from '../sign-in/access'
import { PIN_PATTERN } from '../sign-in/SignIn'
import { describedBy, FieldError, FieldHint } from '../settings/fields'

export interface OperatorDraft {
  name: string
  extension: string
  scopes: Scope[]
  /** Null when editing and the PIN stays as it is. */
  pin: string | null
}

type Errors = Partial<Record<'name' | 'extension' | 'pin' | 'pin2', string>>

const SCOPES: readonly Scope[] = ['see-everyone', 'configure-everything']
const MODE_SCOPES: readonly Scope[] = SupervisionMode.options.map((mode) => SUPERVISE_SCOPE[mode])

export function checkOperator(name: string, extension: string): Errors {
  const errors: Errors = {}
  if (name.trim() === '') errors.name = 'Enter the operator’s name, as the sign-in screen should show it.'
  else if (name.trim().length > 60) errors.name = 'Keep the name to 60 characters.'
  const ext = SipExtension.safeParse(extension.trim())
  if (!ext.success) errors.extension = ext.error.issues[0]?.message ?? 'This is not an extension.'
  return errors
}

export function checkPins(pin: string, again: string, required: boolean): Errors {
  if (pin === '' && again === '' && !required) return {}
  if (!PIN_PATTERN.test(pin)) return { pin: 'Use 4 to 12 digits.' }
  if (pin !== again) return { pin2: 'The two PINs are not the same.' }
  return {}
}

/**
 * Name, extension, scopes and PIN of an operator, for adding one, editing one, and the first-run
 * admin (`fixedScopes`: both, not editable). The PIN inputs are uncontrolled: their value is read
 * on submit and never rendered.
 */
export function OperatorForm({
  operator,
  title,
  submitLabel,
  busyLabel,
  fixedScopes,
  onSubmit,
  onCancel,
  refusal
}: {
  /** Editing this operator; adding when absent. */
  operator?: Operator
  title?: string
  submitLabel: string
  busyLabel: string
  fixedScopes?: boolean
  /** Resolves when main has answered (the parent shows a refusal through `refusal`). */
  onSubmit: (draft: OperatorDraft) => Promise<void>
  onCancel?: () => void
  refusal: string | null
}): JSX.Element {
  const id = useId()
  const editing = operator !== undefined
  const [name, setName] = useState(operator?.name ?? '')
  const [extension, setExtension] = useState(operator?.extension ?? '')
  const [scopes, setScopes] = useState<Scope[]>(operator?.scopes ?? [])
  const [errors, setErrors] = useState<Errors>({})
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set())
  const [busy, setBusy] = useState(false)
  const pinRef = useRef<HTMLInputElement>(null)
  const pin2Ref = useRef<HTMLInputElement>(null)
  const nameRef = useRef<HTMLInputElement>(null)

  const live = checkOperator(name, extension)
  const admin = scopes.includes('configure-everything')
  const supervises = MODE_SCOPES.some((scope) => scopes.includes(scope))
  // A mode configure-everything implies shows ticked and locked; unticking Configure everything shows the modes given on their own.
  const scopeBox = (scope: Scope, implied: boolean): JSX.Element => (
    <label key={scope} className="checkbox">
      <input
        type="checkbox"
        checked={implied || scopes.includes(scope)}
        disabled={implied}
        onChange={(event) => setScopes((current) => (event.target.checked ? [...current.filter((s) => s !== scope), scope] : current.filter((s) => s !== scope)))}
      />
      <span>{SCOPE_LABEL[scope].long}</span>
    </label>
  )
  const shown = (key: 'name' | 'extension'): string | undefined => (touched.has(key) ? live[key] : undefined) ?? errors[key]

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault()
    if (busy) return
    const pin = pinRef.current?.value ?? ''
    const again = pin2Ref.current?.value ?? ''
    const found: Errors = { ...checkOperator(name, extension), ...checkPins(pin, again, !editing) }
    setErrors(found)
    setTouched(new Set(['name', 'extension']))
    const first = (['name', 'extension', 'pin', 'pin2'] as const).find((key) => found[key] !== undefined)
    if (first !== undefined) {
      if (first === 'name') nameRef.current?.focus()
      else if (first === 'extension') document.getElementById(`${id}-extension`)?.focus()
      else (first === 'pin' ? pinRef : pin2Ref).current?.focus()
      return
    }
    setBusy(true)
    void onSubmit({ name: name.trim(), extension: extension.trim(), scopes, pin: pin === '' ? null : pin }).finally(() => {
      setBusy(false)
      if (pinRef.current !== null) pinRef.current.value = ''
      if (pin2Ref.current !== null) pin2Ref.current.value = ''
    })
  }

  const input = (key: 'name' | 'extension', label: string, hint: string, value: string, set: (v: string) => void, mono = false) => {
    const fieldId = `${id}-${key}`
    const error = shown(key)
    return (
      <div className="field">
        <label className="field-label" htmlFor={fieldId}>
          {label}
        </label>
        <input
          ref={key === 'name' ? nameRef : undefined}
          id={fieldId}
          className={mono ? 'input input-mono' : 'input'}
          type="text"
          value={value}
          spellCheck={false}
          autoComplete="off"
          maxLength={key === 'name' ? 60 : 40}
          aria-invalid={error !== undefined ? true : undefined}
          aria-describedby={describedBy(fieldId, hint, error)}
          onChange={(event) => {
            set(event.target.value)
            setErrors((current) => ({ ...current, [key]: undefined }))
          }}
          onBlur={() => setTouched((current) => new Set(current).add(key))}
        />
        <FieldHint id={fieldId} hint={hint} />
        <FieldError id={fieldId} error={error} />
      </div>
    )
  }

  const pinField = (key: 'pin' | 'pin2', label: string, hint: string | undefined) => {
    const fieldId = `${id}-${key}`
    const error = errors[key]
    return (
      <div className="field">
        <label className="field-label" htmlFor={fieldId}>
          {label}
        </label>
        <input
          ref={key === 'pin' ? pinRef : pin2Ref}
          id={fieldId}
          className="input input-pin"
          type="password"
          inputMode="numeric"
          autoComplete="new-password"
          maxLength={12}
          aria-invalid={error !== undefined ? true : undefined}
          aria-describedby={describedBy(fieldId, hint, error)}
          onInput={() => setErrors((current) => ({ ...current, [key]: undefined }))}
        />
        <FieldHint id={fieldId} hint={hint} />
        <FieldError id={fieldId} error={error} />
      </div>
    )
  }

  return (
    <form className="operator-form" onSubmit={submit} noValidate aria-labelledby={title === undefined ? undefined : `${id}-title`}>
      {title !== undefined && (
        <h3 id={`${id}-title`} className="form-title">
          {title}
        </h3>
      )}
      <div className="form-grid">
        {input('name', 'Name', 'As the sign-in screen and the floor show it.', name, setName)}
        {input('extension', 'SIP extension', 'Their own phone: the floor shows their calls.', extension, setExtension, true)}
        {fixedScopes !== true && (
          <fieldset className="field span-2 scope-choices">
            <legend className="field-label">What they may do</legend>
            {SCOPES.map((scope) => scopeBox(scope, false))}
            <fieldset className="scope-modes">
              <legend className="field-label">Supervise calls</legend>
              {MODE_SCOPES.map((scope) => scopeBox(scope, admin))}
            </fieldset>
            <p className="field-hint">
              {admin
                ? 'Configure everything includes every supervision mode.'
                : supervises && !scopes.includes('see-everyone')
                  ? 'Supervising works from the live floor: give them See everyone too, or they have no one to supervise.'
                  : 'Without any, they see only their own calls. A team lead who coaches needs See everyone and Listen, Whisper.'}
            </p>
          </fieldset>
        )}
        {pinField('pin', editing ? 'New PIN' : 'PIN', editing ? 'Leave both PIN fields empty to keep the current PIN.' : '4 to 12 digits, to sign in at this desk.')}
        {pinField('pin2', editing ? 'New PIN again' : 'PIN again', undefined)}
      </div>
      {refusal !== null && (
        <p className="form-error" role="alert">
          {refusal}
        </p>
      )}
      <div className="form-actions">
        {onCancel !== undefined && (
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
        )}
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? busyLabel : submitLabel}
        </button>
      </div>
    </form>
  )
}
