import { type FormEvent, type JSX, useId, useRef, useState } from 'react'
import { type Customer, type CustomerInput, MAX_PHONES_PER_CUSTOMER } from '../../shared/records'
import { CloseIcon } from '../shell/icons'
import { FieldError, TextField, describedBy } from '../settings/fields'
import { useAccess } from '../sign-in/access'
import { useRecordsApi } from './context'
import { errorText } from '../../shared/error-text'

export interface CustomerDraft {
  name: string
  company: string
  email: string
  externalUrl: string
  notes: string
  phones: string[]
}

export const EMPTY_DRAFT: CustomerDraft = { name: '', company: '', email: '', externalUrl: '', notes: '', phones: [''] }

export function draftOf(customer: Customer): CustomerDraft {
  return {
    name: customer.name,
    company: customer.company ?? '',
    email: customer.email ?? '',
    externalUrl: customer.externalUrl ?? '',
    notes: customer.notes ?? '',
    phones: customer.phones.length === 0 ? [''] : customer.phones.map((p) => p.raw)
  }
}

/** What `customers:save` takes for a draft, and which draft phone each sent phone came from. */
export function inputOf(draft: CustomerDraft): { input: CustomerInput; phoneIndex: number[] } {
  const phoneIndex: number[] = []
  const phones: string[] = []
  draft.phones.forEach((phone, index) => {
    if (phone.trim() === '') return
    phones.push(phone.trim())
    phoneIndex.push(index)
  })
  return {
    input: { name: draft.name, company: draft.company, email: draft.email, externalUrl: draft.externalUrl, notes: draft.notes, phones },
    phoneIndex
  }
}

export const FIELD_LABEL: Readonly<Record<string, string>> = {
  name: 'Name',
  company: 'Company',
  email: 'Email',
  externalUrl: 'Web address',
  notes: 'Notes',
  phones: 'Phone numbers'
}

/** main's field errors (`email`, `phones.2`) as the form shows them: per field, per phone, or for the whole form. */
export interface FormErrors {
  fields: Partial<Record<'name' | 'company' | 'email' | 'externalUrl' | 'notes' | 'phones', string>>
  phones: Record<number, string>
  form: string | null
}

export const NO_ERRORS: FormErrors = { fields: {}, phones: {}, form: null }

export function formErrors(errors: Record<string, string>, phoneIndex: readonly number[]): FormErrors {
  const out: FormErrors = { fields: {}, phones: {}, form: null }
  const rest: string[] = []
  for (const [key, message] of Object.entries(errors)) {
    const phone = /^phones\.(\d+)$/.exec(key)
    if (phone !== null) {
      const index = phoneIndex[Number(phone[1])]
      if (index !== undefined) out.phones[index] = message
      else out.fields.phones = message
    } else if (key === 'name' || key === 'company' || key === 'email' || key === 'externalUrl' || key === 'notes' || key === 'phones') {
      out.fields[key] = message
    } else {
      rest.push(message)
    }
  }
  out.form = rest.length === 0 ? null : rest.join(' ')
  return out
}

/**
 * A customer's details to create or edit: name, company, phone numbers, email, web address and
 * notes, saved with `customers:save`; main's field errors appear next to their fields.
 */
export function CustomerForm({
  customerId,
  initial,
  title,
  submitLabel,
  onSaved,
  onCancel
}: {
  customerId: string | null
  initial: CustomerDraft
  title: string
  submitLabel: string
  onSaved: (customer: Customer) => void
  onCancel: () => void
}): JSX.Element {
  const api = useRecordsApi()
  const { seeEveryone } = useAccess()
  const uid = useId()
  const id = (field: string): string => `${uid}-${field}`
  const [draft, setDraft] = useState<CustomerDraft>(initial)
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS)
  const [busy, setBusy] = useState(false)
  const phonesRef = useRef<HTMLDivElement>(null)
  const formRef = useRef<HTMLFormElement>(null)

  const set = <K extends keyof CustomerDraft>(key: K, value: CustomerDraft[K]): void => setDraft((d) => ({ ...d, [key]: value }))
  const setPhone = (index: number, value: string): void => setDraft((d) => ({ ...d, phones: d.phones.map((p, i) => (i === index ? value : p)) }))

  function focusFirstError(): void {
    // After React has drawn the errors.
    requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus())
  }

  function submit(event: FormEvent): void {
    event.preventDefault()
    if (busy) return
    if (draft.name.trim() === '') {
      setErrors({ ...NO_ERRORS, fields: { name: 'Enter a name for the customer.' } })
      focusFirstError()
      return
    }
    const { input, phoneIndex } = inputOf(draft)
    setBusy(true)
    setErrors(NO_ERRORS)
    api.invoke('customers:save', { id: customerId, input }).then(
      (result) => {
        setBusy(false)
        if (result.ok) onSaved(result.customer)
        else {
          setErrors(formErrors(result.errors, phoneIndex))
          focusFirstError()
        }
      },
      (failure: unknown) => {
        setBusy(false)
        setErrors({ ...NO_ERRORS, form: `The customer could not be saved: ${errorText(failure)}` })
      }
    )
  }

  const phonesError = errors.fields.phones
  return (
    <form ref={formRef} className="customer-form" aria-label={title} onSubmit={submit} noValidate>
      <h3 className="form-title">{title}</h3>
      <TextField id={id('name')} label="Name" value={draft.name} onChange={(v) => set('name', v)} error={errors.fields.name} autoFocus={customerId === null} />
      <TextField id={id('company')} label="Company" value={draft.company} onChange={(v) => set('company', v)} error={errors.fields.company} />
      <fieldset className="field phone-fields" aria-describedby={phonesError !== undefined ? `${id('phones')}-error` : undefined}>
        <legend className="field-label">Phone numbers</legend>
        <div ref={phonesRef} className="phone-list">
          {draft.phones.map((phone, index) => {
            const phoneId = id(`phone-${String(index)}`)
            const error = errors.phones[index]
            return (
              <div key={index} className="phone-item">
                <div className="phone-row">
                  <input
                    id={phoneId}
                    className="input input-mono"
                    type="text"
                    inputMode="tel"
                    autoComplete="off"
                    spellCheck={false}
                    value={phone}
                    aria-label={`Phone number ${String(index + 1)}`}
                    aria-invalid={error !== undefined ? true : undefined}
                    aria-describedby={describedBy(phoneId, undefined, error)}
                    placeholder="+44 20 7000 1111"
                    onChange={(event) => setPhone(index, event.target.value)}
                  />
                  {draft.phones.length > 1 && (
                    <button
                      type="button"
                      className="icon-button"
                      aria-label={`Remove phone number ${String(index + 1)}`}
                      onClick={() => {
                        setDraft((d) => ({ ...d, phones: d.phones.filter((_, i) => i !== index) }))
                        setErrors((e) => ({ ...e, phones: {} }))
                      }}
                    >
                      <CloseIcon />
                    </button>
                  )}
                </div>
                <FieldError id={phoneId} error={error} />
              </div>
            )
          })}
        </div>
        {draft.phones.length < MAX_PHONES_PER_CUSTOMER && (
          <button
            type="button"
            className="link-button phone-add"
            onClick={() => {
              set('phones', [...draft.phones, ''])
              requestAnimationFrame(() => phonesRef.current?.querySelector<HTMLInputElement>('.phone-item:last-child input')?.focus())
            }}
          >
            Add another number
          </button>
        )}
        <FieldError id={id('phones')} error={phonesError} />
      </fieldset>
      <TextField id={id('email')} label="Email" value={draft.email} onChange={(v) => set('email', v)} error={errors.fields.email} />
      <TextField
        id={id('url')}
        label="Web address"
        value={draft.externalUrl}
        onChange={(v) => set('externalUrl', v)}
        error={errors.fields.externalUrl}
        placeholder="https://crm.example.com/customers/42"
        inputMode="url"
      />
      {/* Notes are for operators who see everyone: main keeps the stored ones for anyone else. */}
      {seeEveryone && (
        <div className="field">
          <label className="field-label" htmlFor={id('notes')}>
            Notes
          </label>
          <textarea
            id={id('notes')}
            className="input textarea notes-input"
            rows={4}
            value={draft.notes}
            aria-invalid={errors.fields.notes !== undefined ? true : undefined}
            aria-describedby={describedBy(id('notes'), undefined, errors.fields.notes)}
            onChange={(event) => set('notes', event.target.value)}
          />
          <FieldError id={id('notes')} error={errors.fields.notes} />
        </div>
      )}
      {errors.form !== null && (
        <p className="form-error" role="alert">
          {errors.form}
        </p>
      )}
      <div className="form-actions">
        <button type="button" className="button button-quiet" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Saving…' : submitLabel}
        </button>
      </div>
    </form>
  )
}
