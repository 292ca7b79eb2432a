import { type JSX, useEffect, useRef, useState } from 'react'
import type { EarshotApi, SettingsView } from '../../shared/contract'
import { describedBy, FieldError, FieldHint } from './fields'
import { errorText } from '../../shared/error-text'

/**
 * A password kept in the OS keychain by main. It is never loaded or shown: the field says whether
 * one is saved, and Replace opens an input whose value goes to `settings:set-secret` and nowhere
 * else. The input is uncontrolled (React would mirror a controlled value into the DOM attribute)
 * and is unmounted once saved. Without a keychain there is no fallback: the field is disabled.
 */
export function SecretField({
  api,
  id,
  label,
  account,
  saved,
  keychain,
  hint,
  address,
  onSaved
}: {
  api: EarshotApi
  id: string
  label: string
  account: 'ami' | 'sip'
  saved: boolean
  keychain: SettingsView['keychain']
  hint?: string
  /** The address in the form this password is for: main sends it there and nowhere else. */
  address: string
  onSaved: (view: SettingsView) => void
}): JSX.Element {
  const [editing, setEditing] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [note, setNote] = useState<string | null>(null)
  const inputRef = useRef<HTMLInputElement>(null)
  const openRef = useRef<HTMLButtonElement>(null)
  const refocusOpen = useRef(false)

  useEffect(() => {
    if (editing) inputRef.current?.focus()
    else if (refocusOpen.current) {
      refocusOpen.current = false
      openRef.current?.focus()
    }
  }, [editing])

  const unavailable = !keychain.available
  const unavailableText = `The keychain is not available${keychain.message === null ? '' : `: ${keychain.message}`}. Passwords cannot be saved until it is — Earshot never keeps them in plain text.`

  function close(): void {
    if (inputRef.current !== null) inputRef.current.value = ''
    refocusOpen.current = true
    setEditing(false)
    setError(null)
  }

  function save(): void {
    const input = inputRef.current
    if (input === null || busy) return
    const value = input.value
    if (value === '') {
      setError(`Type the new ${label}, or Cancel.`)
      input.focus()
      return
    }
    if (value.length > 256) {
      setError('A password can be 256 characters at most.')
      return
    }
    setBusy(true)
    setError(null)
    api.invoke('settings:set-secret', { account, value, address: address.trim() }).then(
      (view) => {
        input.value = ''
        setBusy(false)
        setNote('Saved in the keychain')
        close()
        onSaved(view)
      },
      (failure: unknown) => {
        setBusy(false)
        setError(errorText(failure))
      }
    )
  }

  if (!editing) {
    return (
      <div className="field secret-field">
        <span className="field-label" id={`${id}-label`}>
          {label}
        </span>
        <div className="secret-row">
          <span className={saved ? 'secret-state is-saved' : 'secret-state'} id={`${id}-state`}>
            {saved ? 'Saved' : 'Not set'}
          </span>
          <button
            ref={openRef}
            type="button"
            className="button button-small"
            // The name starts with the words shown (WCAG 2.5.3), so "click Set password" works by voice.
            aria-label={`${saved ? 'Replace' : 'Set password'} (${label})`}
            aria-describedby={unavailable ? `${id}-error` : describedBy(id, hint, null)}
            disabled={unavailable}
            onClick={() => {
              setNote(null)
              setEditing(true)
            }}
          >
            {saved ? 'Replace' : 'Set password'}
          </button>
          {note !== null && (
            <span className="secret-note" role="status">
              {note}
            </span>
          )}
        </div>
        {!unavailable && <FieldHint id={id} hint={hint} />}
        <FieldError id={id} error={unavailable ? unavailableText : null} />
      </div>
    )
  }

  return (
    <div className="field secret-field">
      <label className="field-label" htmlFor={id}>
        {saved ? `New ${label}` : label}
      </label>
      <div className="secret-row">
        <input
          ref={inputRef}
          id={id}
          className="input"
          type="password"
          autoComplete="new-password"
          spellCheck={false}
          maxLength={256}
          aria-invalid={error !== null ? true : undefined}
          aria-describedby={describedBy(id, hint, error)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault()
              save()
            } else if (event.key === 'Escape') {
              event.preventDefault()
              event.stopPropagation()
              close()
            }
          }}
        />
        <button type="button" className="button button-small button-primary" disabled={busy} onClick={save}>
          {busy ? 'Saving…' : 'Save password'}
        </button>
        <button type="button" className="button button-small" onClick={close}>
          Cancel
        </button>
      </div>
      <FieldHint id={id} hint={hint} />
      <FieldError id={id} error={error} />
    </div>
  )
}
