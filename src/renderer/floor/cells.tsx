import { memo, type JSX } from 'react'
import type { AgentCall, AgentRow, AgentStatus, SpyMode } from '../../shared/floor'
import type { SupervisionSession } from '../../shared/supervision'
import { BargeIcon, HeadphonesIcon, IncomingIcon, OutgoingIcon, PauseIcon, PersonIcon, WhisperIcon } from '../shell/icons'
import { initials, tintOf } from '../shell/pure/avatar'
import { useDesk } from '../supervision/useDesk'
import { elapsedSeconds, formatDuration, useFloorNow } from './clock'
import { DIRECTION_LABEL, SPY_LABEL, STATUS_LABEL, callClockStart, customerLabel, customerNumberLabel, pauseWords } from './labels'

export function StatusBadge({ status, count }: { status: AgentStatus; count?: number }): JSX.Element {
  return (
    <span className={`status-badge status-${status}`}>
      <span className="status-dot" aria-hidden="true" />
      {STATUS_LABEL[status]}
      {count !== undefined && <span className="status-count">{count}</span>}
    </span>
  )
}

export function AgentCell({ row }: { row: AgentRow }): JSX.Element {
  return (
    <div className="agent-cell">
      <span className={`avatar tint-${String(tintOf(row.extension))}`} aria-hidden="true">
        {initials(row.name, row.extension)}
      </span>
      <span className="agent-name" title={row.name}>
        {row.name}
      </span>
      <span className="agent-ext">{row.extension}</span>
    </div>
  )
}

/** One icon per mode, so listening, whispering and barging read apart at a glance. */
const SPY_ICON: Readonly<Record<SpyMode, (props: { className?: string }) => JSX.Element>> = {
  listen: HeadphonesIcon,
  whisper: WhisperIcon,
  barge: BargeIcon,
  unknown: PersonIcon
}

/** The operator on this machine's own live leg on the call, when it is one (main names only what this operator may see). */
function operatorName(sessions: readonly SupervisionSession[], callId: string, extension: string): string | null {
  return sessions.find((s) => s.phase !== 'ended' && s.callId === callId && s.supervisorExtension === extension)?.operator?.name ?? null
}

/**
 * Who supervises the call: the first supervisor as a chip (the operator's name when this machine
 * knows it, else the extension), the others as "+N"; every one of them in the tooltip and for
 * screen readers.
 */
function SupervisorTags({ call }: { call: AgentCall }): JSX.Element | null {
  const sessions = useDesk((s) => s.sessions)
  if (call.supervisors.length === 0) return null
  const named = call.supervisors
    .map((s) => ({ ...s, name: operatorName(sessions, call.id, s.extension) }))
    .sort((a, b) => Number(b.name !== null) - Number(a.name !== null))
  const words = named.map((s) => `${s.name === null ? s.extension : `${s.name} (${s.extension})`} ${SPY_LABEL[s.mode]}`)
  const first = named[0]
  if (first === undefined) return null
  const Icon = SPY_ICON[first.mode]
  return (
    <span className="supervisors" title={words.join('\n')}>
      <span className="visually-hidden">{words.join(', ')}</span>
      <span className={`tag tag-spy spy-${first.mode}`} aria-hidden="true">
        <Icon className={`icon-${first.mode}`} />
        <span className="tag-spy-name">{first.name ?? first.extension}</span>
      </span>
      {named.length > 1 && (
        <span className="tag tag-spy-more" aria-hidden="true">
          +{named.length - 1}
        </span>
      )}
    </span>
  )
}

export function StatusCell({ row, call, clockOffset = 0 }: { row: AgentRow; call: AgentCall | null; clockOffset?: number }): JSX.Element {
  const pause = pauseWords(row)
  return (
    <div className="status-cell">
      <StatusBadge status={row.status} />
      {call?.onHold === true && <HoldTag heldSince={call.heldSince ?? null} clockOffset={clockOffset} />}
      {call !== null && <SupervisorTags call={call} />}
      {pause !== null && (
        // Beside a call's status the pause keeps at least its icon when the column is narrow (the title says it all).
        <span className={row.status === 'paused' ? 'pause-reason' : 'pause-reason pause-on-call'} title={pause.title}>
          {row.status !== 'paused' && <PauseIcon />}
          <span className="pause-text">{pause.text}</span>
        </span>
      )}
    </div>
  )
}

/** "On hold 01:20", ticking beside the status (the talk time stays in the Time column); the time only when the hold was seen begin. */
const HoldTag = memo(function HoldTag({ heldSince, clockOffset }: { heldSince: number | null; clockOffset: number }) {
  const { now } = useFloorNow()
  return (
    <span className="tag tag-hold" title={heldSince === null ? 'On hold since before Earshot looked: how long is not known' : 'Hold time'}>
      <span className="tag-hold-words">On hold</span>
      {heldSince !== null && <span className="time"> {formatDuration(elapsedSeconds(heldSince, now + clockOffset))}</span>}
    </span>
  )
})

export function CustomerCell({
  row,
  call,
  onOpen
}: {
  row: AgentRow
  call: AgentCall | null
  onOpen: (extension: string, callId: string) => void
}): JSX.Element | null {
  if (call === null) return <span className="none" aria-label="No call">—</span>
  if (call.internal !== undefined && call.internal !== null) return <InternalPeerCell row={row} call={call} internal={call.internal} />
  // A customer record matched to the number names the customer (with their company); else the PBX's name or the number.
  const record = call.customerRecord
  const label = record?.name ?? customerLabel(call)
  const further = row.calls.length - 1
  const furtherTitle = row.calls
    .slice(1)
    .map((c) => `${DIRECTION_LABEL[c.direction]} ${c.state} call${c.customer === null ? '' : ` with ${c.customerRecord?.name ?? customerLabel(c) ?? ''}`}`)
    .join('\n')
  const title =
    record !== undefined
      ? [record.name, record.company === record.name ? null : record.company, customerNumberLabel(call)].filter((part) => part !== null && part !== '').join(' · ')
      : call.customerName !== null && call.customer !== null
        ? `${call.customerName} · ${customerNumberLabel(call) ?? ''}`
        : label
  return (
    <div className="customer-cell">
      {label === null ? (
        <span className="none">Unknown caller</span>
      ) : (
        <button
          type="button"
          className="customer-button"
          aria-label={`Customer details: ${label}`}
          title={title ?? undefined}
          onClick={(event) => {
            event.stopPropagation()
            onOpen(row.extension, call.id)
          }}
        >
          <span className="customer-primary">{label}</span>
          {record !== undefined
            ? record.company !== null &&
              record.company !== record.name && <span className="customer-number customer-company">{record.company}</span>
            : call.customerName !== null && call.customer !== null && <span className="customer-number">{customerNumberLabel(call)}</span>}
        </button>
      )}
      {further > 0 && (
        <span className="tag tag-more" title={furtherTitle}>
          +{further} {further === 1 ? 'call' : 'calls'}
        </span>
      )}
    </div>
  )
}

/** An internal call: the colleague's phone on the other side, by name and extension; no customer card to open. */
function InternalPeerCell({ row, call, internal }: { row: AgentRow; call: AgentCall; internal: { extension: string; name: string | null } }): JSX.Element {
  const who = internal.name === null ? internal.extension : `${internal.name} (${internal.extension})`
  const words = `Internal call ${call.direction === 'outbound' ? 'to' : 'from'} ${who}`
  return (
    <div className="customer-cell internal-call" title={words}>
      <span className="visually-hidden">{words}</span>
      <span className="customer-primary" aria-hidden="true">
        {internal.name ?? internal.extension}
      </span>
      <span className="customer-number" aria-hidden="true">
        Internal · {internal.extension}
      </span>
      {row.calls.length > 1 && (
        <span className="tag tag-more">
          +{row.calls.length - 1} {row.calls.length === 2 ? 'call' : 'calls'}
        </span>
      )}
    </div>
  )
}

export function DirectionCell({ call }: { call: AgentCall | null }): JSX.Element {
  if (call === null) return <span className="none" aria-label="No call">—</span>
  return (
    <span className={`direction direction-${call.direction}`}>
      {call.direction === 'inbound' ? <IncomingIcon /> : <OutgoingIcon />}
      {DIRECTION_LABEL[call.direction]}
    </span>
  )
}

/** Talk time (or ringing time) of a call, ticking on the shared clock. */
export const TimeCell = memo(function TimeCell({ call, clockOffset }: { call: AgentCall | null; clockOffset: number }) {
  const { now, stopped } = useFloorNow()
  if (call === null) return <span className="none" aria-label="No call">—</span>
  const seconds = elapsedSeconds(callClockStart(call), now + clockOffset)
  const approx = call.answeredAt !== null && call.answeredAtApprox
  const what = approx
    ? 'About: Earshot did not hear the answer (it joined during the call, or its connection to the PBX was down), so the talk time counts from the earliest it can have been'
    : call.state === 'ringing'
      ? 'Ringing time'
      : 'Talk time'
  return (
    <span
      className={`time time-${call.state}`}
      title={stopped ? `Stopped: the ${call.state === 'ringing' ? 'ringing' : 'talk'} time${approx ? ' (about)' : ''} when Earshot last heard from the PBX` : what}
    >
      {approx && <span className="time-approx">~</span>}
      {formatDuration(seconds)}
    </span>
  )
})

/**
 * A row's time: its call's (see TimeCell), else how long it has been idle, paused or offline,
 * ticking (read with the Status column: "Paused · lunch" 47:05). "—" (as for no call) where
 * Earshot cannot tell when the state began.
 */
export const StateTimeCell = memo(function StateTimeCell({ row, call, clockOffset }: { row: AgentRow; call: AgentCall | null; clockOffset: number }) {
  const { now, stopped } = useFloorNow()
  if (call !== null) return <TimeCell call={call} clockOffset={clockOffset} />
  const since = row.statusSince
  const state = row.status === 'paused' && row.pauseReason !== null && row.pauseReason !== '' ? `Paused · ${row.pauseReason}` : STATUS_LABEL[row.status]
  if (since === null) {
    return (
      <span className="none" title={`${state} since before Earshot could tell: how long is not known`}>
        —
      </span>
    )
  }
  const duration = formatDuration(elapsedSeconds(since, now + clockOffset))
  // The Status column names the state; the label stays for screen readers and the tooltip.
  return (
    <span className={`time time-state time-${row.status}`} title={stopped ? `Stopped: ${state} ${duration} when Earshot last heard from the PBX` : `${state} ${duration}`}>
      <span className="visually-hidden">{state} </span>
      {duration}
    </span>
  )
})
