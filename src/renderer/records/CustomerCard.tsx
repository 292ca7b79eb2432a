import { type JSX, type ReactNode, useEffect, useId, useRef, useState } from 'react'
import type { CustomerCard as Card } from '../../shared/contract'
import type { Direction } from '../../shared/floor'
import { type CallLogSummary, type Customer, PHONE_MIN_DIGITS } from '../../shared/records'
import { DIRECTION_LABEL } from '../floor/labels'
import { editsCustomers, useAccess, useAdminActions } from '../sign-in/access'
import { CloseIcon, IncomingIcon, OutgoingIcon, PersonIcon } from '../shell/icons'
import { FieldError, describedBy } from '../settings/fields'
import { CallTimeline } from './CallTimeline'
import { ConfirmDialog } from '../shell/ConfirmDialog'
import { useRecordsApi } from './context'
import { CustomerForm, EMPTY_DRAFT, FIELD_LABEL, draftOf, inputOf } from './CustomerForm'
import { OUTCOME_LABEL, dateTime, isoTime, talkTime } from './format'
import '../settings/forms.css'
import '../floor/floor.css'
import './records.css'
import { errorText } from '../../shared/error-text'
import { linkToOpen } from '../../shared/links'

type Loaded = { phase: 'loading' } | { phase: 'failed'; message: string } | { phase: 'ready'; card: Card }
type Mode = 'view' | 'edit' | 'create'

export interface CustomerCardProps {
  /** The number the card is about (the call's), or null (a customer opened from the list). */
  number: string | null
  customerId: string | null
  /** The name the PBX gives for the number, shown while no record matches. */
  pbxName?: string | null
  /** The number as the floor shows it (read with the default country and formatted). */
  numberDisplay?: string | null
  /** The call's direction (the floor): the heading says who the number is, "Caller" or "Called". */
  direction?: Direction | null
  /** The matched record's name as the floor knows it, shown while the card loads. */
  knownName?: string | null
  /** Opens straight on the "New customer" form (the Customers page). */
  startCreating?: boolean
  onClose: () => void
  /** A customer was saved (created or edited), or deleted (null). */
  onChanged?: (customer: Customer | null) => void
  /** More sections after the header (the floor's current call). */
  children?: ReactNode
}

/**
 * The customer card: the record matching a number (details, editable notes, Open in CRM, recent
 * calls with their timelines), or, with no match, the number with "Create customer". A side panel
 * over the page, used by the floor's Customer column and the Customers page; give it a `key` per
 * number/customer so each opens fresh.
 */
export function CustomerCard(props: CustomerCardProps): JSX.Element {
  const { onClose, onChanged } = props
  const api = useRecordsApi()
  const access = useAccess()
  const uid = useId()
  const titleId = `${uid}-title`
  const closeRef = useRef<HTMLButtonElement>(null)
  const creatingBlank = props.startCreating === true && props.number === null && props.customerId === null
  const [target, setTarget] = useState({ number: props.number, customerId: props.customerId })
  const [loaded, setLoaded] = useState<Loaded>(creatingBlank ? { phase: 'ready', card: blankCard() } : { phase: 'loading' })
  const [attempt, setAttempt] = useState(0)
  const [mode, setMode] = useState<Mode>(props.startCreating === true ? 'create' : 'view')
  const [confirmDelete, setConfirmDelete] = useState(false)
  const [actionError, setActionError] = useState<string | null>(null)

  const panelRef = useRef<HTMLElement>(null)

  // Focus moves into the card when it opens, and back to where it was when it closes (unless the
  // page has put it somewhere on purpose, as the floor does with its table).
  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null
    const panel = panelRef.current
    closeRef.current?.focus()
    return () => {
      const now = document.activeElement
      const lost = now === null || now === document.body || (panel !== null && panel.contains(now))
      if (lost && before !== null && before.isConnected) before.focus()
    }
  }, [])

  useEffect(() => {
    if (target.number === null && target.customerId === null) return
    let live = true
    api.invoke('customers:card', { number: target.number, customerId: target.customerId }).then(
      (card) => {
        if (live) setLoaded({ phase: 'ready', card })
      },
      (failure: unknown) => {
        if (live) setLoaded({ phase: 'failed', message: errorText(failure) })
      }
    )
    return () => {
      live = false
    }
  }, [api, target.number, target.customerId, attempt])

  const card = loaded.phase === 'ready' ? loaded.card : null
  const customer = card?.customer ?? null

  function saved(next: Customer): void {
    setMode('view')
    if (card !== null && card.customer !== null && card.customer.id === next.id) {
      setLoaded({ phase: 'ready', card: { ...card, customer: next } })
      // New numbers bring other recent calls.
      const numbers = (c: Customer): string => c.phones.map((p) => p.e164 ?? p.raw).join('|')
      if (numbers(card.customer) !== numbers(next)) setAttempt((n) => n + 1)
    } else {
      setLoaded({ phase: 'loading' })
      setTarget((t) => ({ number: t.number, customerId: next.id }))
    }
    onChanged?.(next)
  }

  function openCrm(): void {
    if (card === null) return
    const number = card.e164 ?? card.number ?? customer?.phones.find((p) => p.e164 !== null)?.e164 ?? null
    if (number === null) return
    setActionError(null)
    api.invoke('customers:open-crm', { number }).then(
      ({ url, opened }) => {
        // The browser host cannot reach the OS browser: open the page here instead.
        if (!opened) window.open(url, '_blank', 'noopener')
      },
      (failure: unknown) => setActionError(`The CRM page could not be opened: ${errorText(failure)}`)
    )
  }

  function remove(): void {
    if (customer === null) return
    setConfirmDelete(false)
    setActionError(null)
    api.invoke('customers:delete', { id: customer.id }).then(
      () => {
        onChanged?.(null)
        onClose()
      },
      (failure: unknown) => setActionError(`${customer.name} could not be deleted: ${errorText(failure)}`)
    )
  }

  const shownNumber = target.number === null ? null : (props.numberDisplay ?? target.number)
  const title = mode === 'create' && creatingBlank ? 'New customer' : (customer?.name ?? props.knownName ?? props.pbxName ?? shownNumber ?? 'Unknown caller')
  const kicker = customer !== null ? 'Customer' : creatingBlank ? 'Customers' : props.direction === 'outbound' ? 'Called' : 'Caller'
  // A number main could not read with the default country (not an extension): a customer saved with
  // it would never match this call, so the card says so, and where an admin fixes it.
  const unreadable = card !== null && card.e164 === null && target.number !== null && target.number.replace(/\D/g, '').length >= PHONE_MIN_DIGITS

  return (
    <aside
      ref={panelRef}
      className="customer-panel customer-card"
      role="dialog"
      aria-modal="false"
      aria-labelledby={titleId}
      aria-busy={loaded.phase === 'loading'}
      onKeyDown={(event) => {
        // Keys typed in the card are the card's: the floor's shortcuts (L / W / B, arrows, Enter) stay out of it.
        event.stopPropagation()
        if (event.key === 'Escape' && !event.defaultPrevented) onClose()
      }}
    >
      <header className="customer-panel-header">
        <span className="customer-avatar" aria-hidden="true">
          <PersonIcon />
        </span>
        <div className="customer-panel-heading">
          <div className="customer-panel-kicker">{kicker}</div>
          <h2 id={titleId} className="customer-panel-title">
            {title}
          </h2>
          {customer !== null && customer.company !== null && customer.company !== customer.name && (
            <div className="customer-panel-company">{customer.company}</div>
          )}
          {shownNumber !== null && title !== shownNumber && <div className="customer-panel-number">{shownNumber}</div>}
        </div>
        <button ref={closeRef} type="button" className="icon-button" aria-label="Close customer details" onClick={onClose}>
          <CloseIcon />
        </button>
      </header>

      {props.children}

      {loaded.phase === 'loading' && (
        <section className="customer-panel-section">
          <p className="records-loading">
            <span className="spinner" aria-hidden="true" /> Looking up the customer…
          </p>
        </section>
      )}
      {loaded.phase === 'failed' && (
        <section className="customer-panel-section" role="alert">
          <p className="form-error">The customer record could not be loaded: {loaded.message}</p>
          <button type="button" className="button button-small" onClick={() => setAttempt((n) => n + 1)}>
            Try again
          </button>
        </section>
      )}

      {card !== null && mode === 'create' && (
        <section className="customer-panel-section" aria-label="New customer">
          <CustomerForm
            customerId={null}
            title={creatingBlank ? 'Details' : 'Create customer'}
            submitLabel="Create customer"
            // The number as main read it (E.164), so the customer saved matches the call whatever the region.
            initial={{ ...EMPTY_DRAFT, name: props.pbxName ?? '', phones: [card.e164 ?? target.number ?? ''] }}
            onSaved={saved}
            onCancel={() => (creatingBlank ? onClose() : setMode('view'))}
          />
        </section>
      )}

      {card !== null && mode === 'edit' && customer !== null && (
        <section className="customer-panel-section" aria-label="Edit customer">
          <CustomerForm
            customerId={customer.id}
            title="Edit details"
            submitLabel="Save"
            initial={draftOf(customer)}
            onSaved={saved}
            onCancel={() => setMode('view')}
          />
        </section>
      )}

      {card !== null && mode === 'view' && customer !== null && (
        <>
          <section className="customer-panel-section" aria-labelledby={`${uid}-details`}>
            <h3 id={`${uid}-details`} className="section-title">
              Details
            </h3>
            <CustomerDetails customer={customer} />
            <div className="card-actions">
              {editsCustomers(access) && (
                <button type="button" className="button button-small" onClick={() => setMode('edit')}>
                  Edit details
                </button>
              )}
              {card.crmUrl !== null && (
                <button type="button" className="button button-small" onClick={openCrm}>
                  Open in CRM
                </button>
              )}
              {access.configure && (
                <button type="button" className="button button-small button-quiet card-delete" onClick={() => setConfirmDelete(true)}>
                  Delete…
                </button>
              )}
            </div>
            {actionError !== null && (
              <p className="form-error" role="alert">
                {actionError}
              </p>
            )}
          </section>
          {/* Notes are for operators who see everyone (main sends no others any). */}
          {access.seeEveryone && (
            <section className="customer-panel-section" aria-labelledby={`${uid}-notes`}>
              <NotesEditor key={customer.id} customer={customer} labelId={`${uid}-notes`} onSaved={saved} />
            </section>
          )}
        </>
      )}

      {card !== null && mode === 'view' && customer === null && (
        <section className="customer-panel-section" aria-labelledby={`${uid}-none`}>
          <h3 id={`${uid}-none`} className="section-title">
            Customer record
          </h3>
          <p className="no-record">
            {target.number !== null ? (
              <>
                <strong className="mono">{shownNumber}</strong> is not in your customers.
              </>
            ) : (
              'This caller gave no number.'
            )}
          </p>
          {unreadable && <UnreadableNumber />}
          <div className="card-actions">
            {editsCustomers(access) && (
              <button type="button" className="button button-small button-primary" onClick={() => setMode('create')}>
                Create customer
              </button>
            )}
            {card.crmUrl !== null && (
              <button type="button" className="button button-small" onClick={openCrm}>
                Open in CRM
              </button>
            )}
          </div>
          {actionError !== null && (
            <p className="form-error" role="alert">
              {actionError}
            </p>
          )}
        </section>
      )}

      {card !== null && !creatingBlank && (
        <section className="customer-panel-section" aria-labelledby={`${uid}-recent`}>
          <h3 id={`${uid}-recent`} className="section-title">
            {customer !== null && customer.phones.length > 1 ? 'Recent calls with these numbers' : 'Recent calls with this number'}
          </h3>
          <RecentCalls calls={card.recentCalls} />
        </section>
      )}

      {confirmDelete && customer !== null && (
        <ConfirmDialog
          title={`Delete ${customer.name}?`}
          text="The customer record and its numbers are removed. Calls in the call log stay."
          confirmLabel="Delete customer"
          onConfirm={remove}
          onCancel={() => setConfirmDelete(false)}
        />
      )}
    </aside>
  )
}

/** The number could not be read as a phone number with the default country: no customer can match it. */
function UnreadableNumber(): JSX.Element {
  const admin = useAdminActions()
  return (
    <p className="note note-warning unreadable-number" role="note">
      Earshot cannot read this number with the default country, so a customer saved with it would not match this call.{' '}
      {admin !== null ? (
        <button type="button" className="link-button" onClick={() => admin.openSettings('records')}>
          Set the default country
        </button>
      ) : (
        'An admin can set the default country in Settings → Records.'
      )}
    </p>
  )
}

function blankCard(): Card {
  return { number: null, e164: null, customer: null, recentCalls: [], crmUrl: null }
}

function CustomerDetails({ customer }: { customer: Customer }): JSX.Element {
  return (
    <dl className="details customer-details">
      <dt>Company</dt>
      <dd>{customer.company ?? <span className="muted">—</span>}</dd>
      <dt>Numbers</dt>
      <dd>
        {customer.phones.length === 0 ? (
          <span className="muted">None</span>
        ) : (
          <ul className="phone-values">
            {customer.phones.map((phone) => (
              <li key={phone.raw} className="mono" title={phone.e164 === null ? 'Not matched against calls: no international form' : phone.e164}>
                {phone.raw}
                {phone.e164 === null && <span className="muted"> (not matched)</span>}
              </li>
            ))}
          </ul>
        )}
      </dd>
      <dt>Email</dt>
      <dd>{customer.email !== null ? <a href={`mailto:${customer.email}`}>{customer.email}</a> : <span className="muted">—</span>}</dd>
      <dt>Web page</dt>
      <dd>
        {customer.externalUrl !== null ? <WebPageLink url={customer.externalUrl} /> : <span className="muted">—</span>}
      </dd>
    </dl>
  )
}

/**
 * A customer's web page: a link the OS opens (src/shared/links.ts) or, for an address Earshot does
 * not open (an http:// page saved before https became the rule), the address as text and why.
 */
function WebPageLink({ url }: { url: string }): JSX.Element {
  const verdict = linkToOpen(url)
  if (verdict.open) {
    return (
      <a className="external-link" href={verdict.url} target="_blank" rel="noopener noreferrer">
        {url}
      </a>
    )
  }
  return (
    <span className="link-refused">
      <span className="mono">{url}</span>
      <span className="muted link-refused-reason">Not opened: {verdict.reason}</span>
    </span>
  )
}

/** The notes, editable in place; saved with the rest of the record as it is. */
function NotesEditor({ customer, labelId, onSaved }: { customer: Customer; labelId: string; onSaved: (customer: Customer) => void }): JSX.Element {
  const api = useRecordsApi()
  const uid = useId()
  const inputId = `${uid}-notes`
  const [notes, setNotes] = useState(customer.notes ?? '')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [status, setStatus] = useState<string | null>(null)
  const changed = notes !== (customer.notes ?? '')

  function save(): void {
    const { input } = inputOf({ ...draftOf(customer), notes })
    setBusy(true)
    setError(null)
    setStatus(null)
    api.invoke('customers:save', { id: customer.id, input }).then(
      (result) => {
        setBusy(false)
        if (result.ok) {
          setNotes(result.customer.notes ?? '')
          setStatus('Notes saved.')
          onSaved(result.customer)
          return
        }
        const entries = Object.entries(result.errors)
        const notesError = result.errors['notes']
        if (notesError !== undefined) setError(notesError)
        else {
          const [field, message] = entries[0] ?? ['', 'The customer could not be saved.']
          const label = FIELD_LABEL[field.split('.')[0] ?? ''] ?? null
          setError(`Not saved: ${label !== null ? `${label}: ` : ''}${message} Edit the details to correct it.`)
        }
      },
      (failure: unknown) => {
        setBusy(false)
        setError(`Not saved: ${errorText(failure)}`)
      }
    )
  }

  return (
    <div className="field notes-editor">
      <label id={labelId} className="section-title" htmlFor={inputId}>
        Notes
      </label>
      <textarea
        id={inputId}
        className="input textarea notes-input"
        rows={3}
        value={notes}
        placeholder="Anything the next person on a call with them should know"
        aria-invalid={error !== null ? true : undefined}
        aria-describedby={describedBy(inputId, undefined, error)}
        onChange={(event) => {
          setNotes(event.target.value)
          setStatus(null)
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && changed && !busy) {
            event.preventDefault()
            save()
          }
        }}
      />
      <FieldError id={inputId} error={error} />
      <div className="notes-actions">
        <span className="notes-status" role="status">
          {status}
        </span>
        {changed && (
          <button type="button" className="button button-small button-quiet" onClick={() => setNotes(customer.notes ?? '')} disabled={busy}>
            Discard
          </button>
        )}
        <button type="button" className="button button-small button-primary" onClick={save} disabled={!changed || busy}>
          {busy ? 'Saving…' : 'Save notes'}
        </button>
      </div>
    </div>
  )
}

/** Calls with the number(s), newest first; each opens its timeline in place. */
function RecentCalls({ calls }: { calls: readonly CallLogSummary[] }): JSX.Element {
  const uid = useId()
  const [open, setOpen] = useState<string | null>(null)
  if (calls.length === 0) return <p className="muted">No calls with this number in the call log yet.</p>
  return (
    <ul className="recent-calls" aria-label="Recent calls">
      {calls.map((call) => {
        const expanded = open === call.id
        const regionId = `${uid}-${call.id}`
        return (
          <li key={call.id} className={expanded ? 'recent-call is-open' : 'recent-call'}>
            <button
              type="button"
              className="recent-call-button"
              aria-expanded={expanded}
              aria-controls={regionId}
              onClick={() => setOpen(expanded ? null : call.id)}
            >
              <span className="recent-call-when">
                <time dateTime={isoTime(call.startedAt)}>{dateTime(call.startedAt)}</time>
                <span className="recent-call-agent">
                  {call.agentName} · {call.agentExtension}
                </span>
              </span>
              <span className="recent-call-how">
                <span className={`direction direction-${call.direction}`} title={DIRECTION_LABEL[call.direction]}>
                  {call.direction === 'inbound' ? <IncomingIcon /> : <OutgoingIcon />}
                  <span className="visually-hidden">{DIRECTION_LABEL[call.direction]}</span>
                </span>
                <span className={`outcome outcome-${call.outcome}`}>{OUTCOME_LABEL[call.outcome]}</span>
                <span className="recent-call-talk" title="Talk time">
                  {talkTime(call)}
                </span>
              </span>
            </button>
            {expanded && (
              <div id={regionId} className="recent-call-timeline" role="region" aria-label={`Call at ${dateTime(call.startedAt)}`}>
                <CallTimeline callId={call.id} compact />
              </div>
            )}
          </li>
        )
      })}
    </ul>
  )
}
