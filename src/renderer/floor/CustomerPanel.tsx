import type { JSX } from 'react'
import { CustomerCard } from '../records/CustomerCard'
import { StatusBadge, TimeCell } from './cells'
import { DIRECTION_LABEL } from './labels'
import { selectClockOffset, selectRows, useFloor } from './useFloor'

export interface CustomerRef {
  /** The number (or name, when the PBX gives no number) the panel is about. */
  customer: string
  customerName: string | null
  /** The call's number as the PBX gives it (null when it gave only a name). */
  number: string | null
  /** The customer record main matched to the number, when one did. */
  customerId: string | null
  extension: string
  callId: string
}

/**
 * The Customer column's click: the customer card (records/CustomerCard: the matched record with
 * notes and recent calls, or "Create customer"), with the call in progress, kept live from the floor.
 */
export function CustomerPanel({ target, onClose }: { target: CustomerRef; onClose: () => void }): JSX.Element {
  const rows = useFloor(selectRows)
  const clockOffset = useFloor(selectClockOffset)
  const row = rows.get(target.extension)
  const call = row?.calls.find((c) => c.id === target.callId) ?? null

  return (
    <CustomerCard
      key={`${target.callId}|${target.number ?? ''}|${target.customerId ?? ''}`}
      number={target.number}
      customerId={target.customerId}
      pbxName={target.customerName ?? (target.number === null ? target.customer : null)}
      numberDisplay={call?.customerNumber?.display ?? null}
      direction={call?.direction ?? null}
      knownName={call?.customerRecord?.name ?? null}
      onClose={onClose}
    >
      <section className="customer-panel-section" aria-label="Current call">
        <h3 className="section-title">Current call</h3>
        {row === undefined || call === null ? (
          <p className="muted">This call has ended.</p>
        ) : (
          <dl className="details current-call">
            <dt>Agent</dt>
            <dd>
              <span className="current-call-agent" title={`${row.name} · ${row.extension}`}>
                {row.name} <span className="muted">· {row.extension}</span>
              </span>
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
    </CustomerCard>
  )
}
