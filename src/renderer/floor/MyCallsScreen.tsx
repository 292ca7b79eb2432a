import { type JSX, useCallback, useState } from 'react'
import type { AgentCall, AgentRow } from '../../shared/floor'
import { IncomingIcon, OutgoingIcon } from '../shell/icons'
import { initials, tintOf } from '../shell/pure/avatar'
import { StatusBadge, TimeCell } from './cells'
import { FloorBanners } from './FloorBanners'
import { type CustomerRef, CustomerPanel } from './CustomerPanel'
import { DIRECTION_LABEL, customerLabel, customerNumberLabel, pauseWords } from './labels'
import { selectClockOffset, selectConnection, selectRows, useFloor } from './useFloor'
import './floor.css'

/**
 * "My calls", the floor of an operator without see-everyone (an agent): their own line — who,
 * its status and pause — and each call on it (the customer, which opens the customer card, the
 * direction, ringing or talk time, hold). None of the supervisors' chrome: no counters of other
 * agents, no search or filters, no table of one row, no Listen/Whisper/Barge, and never who is
 * supervising the call (main does not send it: operators/visibility.ts).
 */
export function MyCallsScreen({ extension, onCallLog }: { extension: string; onCallLog: () => void }): JSX.Element {
  const rows = useFloor(selectRows)
  const connection = useFloor(selectConnection)
  const clockOffset = useFloor(selectClockOffset)
  const stale = connection?.stale ?? false
  // Main sends this operator their own row only.
  const row = rows.get(extension) ?? null
  const [customer, setCustomer] = useState<CustomerRef | null>(null)

  const openCustomer = useCallback(
    (call: AgentCall) => {
      const label = call.customer ?? customerLabel(call)
      if (label === null) return
      setCustomer({ customer: label, customerName: call.customerName, number: call.customer, customerId: call.customerRecord?.id ?? null, extension, callId: call.id })
    },
    [extension]
  )

  return (
    <div className={customer !== null ? 'floor-screen my-calls has-panel' : 'floor-screen my-calls'}>
      <div className="floor-main">
        <FloorBanners />
        <section className={stale ? 'panel my-line is-stale' : 'panel my-line'} aria-labelledby="my-line-title" data-testid="my-line">
          {row === null ? (
            <NotOnFloor extension={extension} live={connection?.state === 'live'} />
          ) : (
            <MyLine row={row} clockOffset={clockOffset} onOpen={openCustomer} />
          )}
        </section>
        <p className="my-calls-more">
          Your calls that have ended, with their timelines, are in the{' '}
          <button type="button" className="link-button" onClick={onCallLog}>
            Call log
          </button>
          .
        </p>
      </div>
      {customer !== null && <CustomerPanel target={customer} onClose={() => setCustomer(null)} />}
    </div>
  )
}

function MyLine({ row, clockOffset, onOpen }: { row: AgentRow; clockOffset: number; onOpen: (call: AgentCall) => void }): JSX.Element {
  const pause = pauseWords(row)
  return (
    <>
      <header className="my-line-head">
        <span className={`avatar avatar-large tint-${String(tintOf(row.extension))}`} aria-hidden="true">
          {initials(row.name, row.extension)}
        </span>
        <div className="my-line-who">
          <h2 id="my-line-title" className="my-line-name">
            {row.name}
          </h2>
          <span className="my-line-ext">Extension {row.extension}</span>
        </div>
        <div className="my-line-state">
          <StatusBadge status={row.status} />
          {pause !== null && (
            <span className="pause-reason" title={pause.title}>
              <span className="pause-text">{pause.text}</span>
            </span>
          )}
        </div>
      </header>
      {row.calls.length === 0 ? (
        <p className="my-line-empty">{noCallWords(row)}</p>
      ) : (
        <ul className="my-calls-list" aria-label={row.calls.length === 1 ? 'Your call' : 'Your calls'}>
          {row.calls.map((call) => (
            <MyCall key={call.id} call={call} clockOffset={clockOffset} onOpen={onOpen} />
          ))}
        </ul>
      )}
    </>
  )
}

function MyCall({ call, clockOffset, onOpen }: { call: AgentCall; clockOffset: number; onOpen: (call: AgentCall) => void }): JSX.Element {
  const internal = call.internal ?? null
  const record = call.customerRecord
  const label = record?.name ?? customerLabel(call)
  const number = customerNumberLabel(call)
  // Under the name: the company of a known customer, else the number when the name is the PBX's.
  const detail = internal !== null ? `Internal · ${internal.extension}` : record !== undefined ? [record.company === record.name ? null : record.company, number].filter((p) => p !== null && p !== '').join(' · ') : call.customerName !== null ? number : null
  return (
    <li className={`my-call my-call-${call.state}`} data-call={call.id}>
      <span className={`direction direction-${call.direction}`}>
        {call.direction === 'inbound' ? <IncomingIcon /> : <OutgoingIcon />}
        {DIRECTION_LABEL[call.direction]}
      </span>
      <div className="my-call-who">
        {internal !== null ? (
          <span className="my-call-name">
            Internal call {call.direction === 'outbound' ? 'to' : 'from'} {internal.name ?? internal.extension}
          </span>
        ) : label === null ? (
          <span className="my-call-name none">Unknown caller</span>
        ) : (
          <button type="button" className="customer-button my-call-name" aria-label={`Customer details: ${label}`} onClick={() => onOpen(call)}>
            <span className="customer-primary">{label}</span>
          </button>
        )}
        {detail !== null && detail !== '' && <span className="my-call-detail">{detail}</span>}
      </div>
      {/* Talking goes without saying beside a talk time; ringing and hold do not. */}
      <div className="my-call-state">
        {call.state === 'ringing' && <StatusBadge status="ringing" />}
        {call.onHold && <span className="tag tag-hold">On hold</span>}
      </div>
      <div className="my-call-time">
        <TimeCell call={call} clockOffset={clockOffset} />
      </div>
    </li>
  )
}

/** What an agent's line with no call means, in words. */
function noCallWords(row: AgentRow): string {
  if (row.status === 'offline') return `Your phone (extension ${row.extension}) is not connected to the PBX, so no call can reach it. Check that it is on and signed in.`
  if (row.status === 'paused' || row.pause !== null) {
    return row.pause !== null && row.pause.active.length > 0
      ? `No call right now. Paused in ${row.pause.queues.join(', ')}: only calls from ${row.pause.active.join(', ')} and direct calls ring you.`
      : 'No call right now. While you are paused, queue calls do not ring you.'
  }
  return `No call right now. Calls to extension ${row.extension} show here as soon as they ring.`
}

function NotOnFloor({ extension, live }: { extension: string; live: boolean }): JSX.Element {
  return (
    <div className="my-line-missing">
      <h2 id="my-line-title" className="my-line-name">
        {live ? `Extension ${extension} is not on the floor` : 'Waiting for the PBX'}
      </h2>
      <p className="muted">
        {live
          ? `Earshot shows the calls of your extension, ${extension}, and the PBX does not list it among the agents (or an administrator hid it in Settings → Floor). If your extension is another one, ask an administrator to change it in Settings → Operators.`
          : `Your calls on extension ${extension} show here as soon as the PBX answers.`}
      </p>
    </div>
  )
}
