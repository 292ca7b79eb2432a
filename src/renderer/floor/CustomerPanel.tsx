import { type JSX, useEffect, useRef } from 'react'
import { CloseIcon, PersonIcon } from '../shell/icons'
import { StatusBadge, TimeCell } from './cells'
import { DIRECTION_LABEL } from './labels'
import { selectClockOffset, selectRows, useFloor } from './useFloor'

export interface CustomerRef {
  /** The number (or name, when the PBX gives no number) the panel is about. */
  customer: string
  customerName: string | null
  extension: string
  callId: string
}

/**
 * Details for the customer on a call. The customer record (history, notes) arrives with a later
 * issue; for now: who they are, and the call in progress, kept live from the floor.
 */
export function CustomerPanel({ target, onClose }: { target: CustomerRef; onClose: () => void }): JSX.Element {
  const rows = useFloor(selectRows)
  const clockOffset = useFloor(selectClockOffset)
  const closeRef = useRef<HTMLButtonElement>(null)
  const row = rows.get(target.extension)
  const call = row?.calls.find((c) => c.id === target.callId) ?? null

  useEffect(() => {
    closeRef.current?.focus()
  }, [target.callId])

  return (
    <aside
      className="customer-panel"
      role="dialog"
      aria-modal="false"
      aria-labelledby="customer-panel-title"
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation()
          onClose()
        }
      }}
    >
      <header className="customer-panel-header">
        <span className="customer-avatar" aria-hidden="true">
          <PersonIcon />
        </span>
        <div className="customer-panel-heading">
          <div className="customer-panel-kicker">Customer</div>
          <h2 id="customer-panel-title" className="customer-panel-title">
            {target.customerName ?? target.customer}
          </h2>
          {target.customerName !== null && <div className="customer-panel-number">{target.customer}</div>}
        </div>
        <button ref={closeRef} type="button" className="icon-button" aria-label="Close customer details" onClick={onClose}>
          <CloseIcon />
        </button>
      </header>

      <section className="customer-panel-section" aria-label="Current call">
        <h3 className="section-title">Current call</h3>
        {row === undefined || call === null ? (
          <p className="muted">This call has ended.</p>
        ) : (
          <dl className="details">
            <dt>Agent</dt>
            <dd>
              {row.name} <span className="muted">· {row.extension}</span>
            </dd>
            <dt>Status</dt>
            <dd>
              <StatusBadge status={call.state === 'ringing' ? 'ringing' : 'talking'} />
              {call.onHold && <span className="tag tag-hold">On hold</span>}
            </dd>
            <dt>Direction</dt>
            <dd>{DIRECTION_LABEL[call.direction]}</dd>
            <dt>{call.state === 'ringing' ? 'Ringing for' : 'Talk time'}</dt>
            <dd>
              <TimeCell call={call} clockOffset={clockOffset} />
            </dd>
          </dl>
        )}
      </section>

      <section className="customer-panel-section customer-record-placeholder" aria-label="Customer record">
        <h3 className="section-title">Customer record</h3>
        <p className="muted">
          Call history, notes and the customer&rsquo;s details from your CRM will appear here in a coming update.
        </p>
      </section>
    </aside>
  )
}
