import { type JSX, type KeyboardEvent, type ReactNode, useRef, useState } from 'react'
import { CloseIcon, WarningIcon } from '../shell/icons'
import './forms.css'

/** ids of a field's parts, so every input names its hint and error with aria-describedby. */
export function describedBy(id: string, hint: ReactNode | undefined, error: string | null | undefined): string | undefined {
  const ids = [hint !== undefined && hint !== null ? `${id}-hint` : null, error != null ? `${id}-error` : null].filter((x) => x !== null)
  return ids.length === 0 ? undefined : ids.join(' ')
}

export function FieldError({ id, error }: { id: string; error: string | null | undefined }): JSX.Element | null {
  if (error == null) return null
  return (
    <p id={`${id}-error`} className="field-error">
      <WarningIcon className="field-error-icon" />
      <span>{error}</span>
    </p>
  )
}

export function FieldHint({ id, hint }: { id: string; hint: ReactNode | undefined }): JSX.Element | null {
  if (hint === undefined || hint === null) return null
  return (
    <p id={`${id}-hint`} className="field-hint">
      {hint}
    </p>
  )
}

export interface TextFieldProps {
  id: string
  label: string
  value: string
  onChange: (value: string) => void
  onBlur?: (() => void) | undefined
  hint?: ReactNode
  error?: string | null | undefined
  placeholder?: string | undefined
  disabled?: boolean | undefined
  /** Addresses, codes and names the PBX reads: shown in a monospace face. */
  mono?: boolean
  inputMode?: 'text' | 'numeric' | 'tel' | 'url'
  className?: string
  autoFocus?: boolean
}

export function TextField(props: TextFieldProps): JSX.Element {
  const { id, label, hint, error } = props
  return (
    <div className={`field${props.className === undefined ? '' : ` ${props.className}`}`}>
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        className={props.mono === true ? 'input input-mono' : 'input'}
        type="text"
        value={props.value}
        placeholder={props.placeholder}
        disabled={props.disabled}
        inputMode={props.inputMode}
        spellCheck={false}
        autoComplete="off"
        autoFocus={props.autoFocus}
        aria-invalid={error != null ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        onChange={(event) => props.onChange(event.target.value)}
        onBlur={props.onBlur}
      />
      <FieldHint id={id} hint={hint} />
      <FieldError id={id} error={error} />
    </div>
  )
}

export interface RadioOption<T extends string> {
  value: T
  label: string
  hint?: ReactNode
}

/** A choice of a few options as real radio buttons in a fieldset (arrow keys move between them). */
export function RadioGroup<T extends string>(props: {
  id: string
  legend: string
  name: string
  value: T
  options: readonly RadioOption<T>[]
  onChange: (value: T) => void
  error?: string | null | undefined
  disabled?: boolean
  children?: (value: T) => ReactNode
}): JSX.Element {
  const { id, error } = props
  return (
    <fieldset className="field radio-group" aria-describedby={error != null ? `${id}-error` : undefined}>
      <legend className="field-label">{props.legend}</legend>
      {props.options.map((option) => {
        const optionId = `${id}-option-${option.value}`
        const checked = props.value === option.value
        return (
          <div key={option.value} className={checked ? 'radio-option is-checked' : 'radio-option'}>
            <input
              id={optionId}
              type="radio"
              name={props.name}
              value={option.value}
              checked={checked}
              disabled={props.disabled}
              aria-describedby={option.hint !== undefined ? `${optionId}-hint` : undefined}
              onChange={() => props.onChange(option.value)}
            />
            <div className="radio-text">
              <label htmlFor={optionId} className="radio-label">
                {option.label}
              </label>
              {option.hint !== undefined && (
                <p id={`${optionId}-hint`} className="field-hint">
                  {option.hint}
                </p>
              )}
              {checked && props.children?.(option.value)}
            </div>
          </div>
        )
      })}
      <FieldError id={id} error={error} />
    </fieldset>
  )
}

/**
 * A short list of names (queues, extensions): chips with a remove button, and an input that adds
 * on Enter or with the Add button (commas and spaces separate several at once).
 */
export function ListField(props: {
  id: string
  label: string
  /** Names one item, for the remove buttons ("Remove queue support"). */
  itemNoun: string
  values: readonly string[]
  onChange: (values: string[]) => void
  onBlur?: () => void
  hint?: ReactNode
  error?: string | null | undefined
  /** Index of the item the error is about, if it is about one. */
  errorIndex?: number | null | undefined
  placeholder?: string
}): JSX.Element {
  const { id, hint, error } = props
  const [text, setText] = useState('')
  const inputRef = useRef<HTMLInputElement>(null)

  function add(): void {
    const items = text.split(/[\s,;]+/).filter((item) => item !== '')
    if (items.length === 0) return
    props.onChange([...props.values, ...items.filter((item) => !props.values.includes(item))])
    setText('')
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>): void {
    if (event.key === 'Enter') {
      event.preventDefault()
      add()
    } else if (event.key === 'Backspace' && text === '' && props.values.length > 0) {
      props.onChange(props.values.slice(0, -1))
    }
  }

  return (
    <div className="field list-field">
      <label className="field-label" htmlFor={id}>
        {props.label}
      </label>
      <div className={error != null ? 'list-box is-invalid' : 'list-box'}>
        {props.values.length > 0 && (
          <ul className="list-chips" aria-label={props.label}>
            {props.values.map((value, index) => (
              <li key={value} className={props.errorIndex === index ? 'list-chip is-invalid' : 'list-chip'}>
                <span className="list-chip-text">{value}</span>
                <button
                  type="button"
                  className="list-chip-remove"
                  aria-label={`Remove ${props.itemNoun} ${value}`}
                  onClick={() => {
                    props.onChange(props.values.filter((_, i) => i !== index))
                    inputRef.current?.focus()
                  }}
                >
                  <CloseIcon />
                </button>
              </li>
            ))}
          </ul>
        )}
        <div className="list-add">
          <input
            ref={inputRef}
            id={id}
            className="input input-mono"
            type="text"
            value={text}
            placeholder={props.placeholder}
            spellCheck={false}
            autoComplete="off"
            aria-invalid={error != null ? true : undefined}
            aria-describedby={describedBy(id, hint, error)}
            onChange={(event) => setText(event.target.value)}
            onKeyDown={onKeyDown}
            onBlur={() => {
              add()
              props.onBlur?.()
            }}
          />
          <button type="button" className="button button-small" onClick={add} disabled={text.trim() === ''}>
            Add
          </button>
        </div>
      </div>
      <FieldHint id={id} hint={hint} />
      <FieldError id={id} error={error} />
    </div>
  )
}
