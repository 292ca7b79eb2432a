import { memo, type JSX } from 'react'
import type { AgentCall, AgentRow, AgentStatus } from '../../shared/floor'
import { HeadphonesIcon, IncomingIcon, OutgoingIcon } from '../shell/icons'
import { elapsedSeconds, formatDuration, useNow } from './clock'
import { DIRECTION_LABEL, SPY_LABEL, STATUS_LABEL, callClockStart, customerLabel } from './labels'

export function StatusBadge({ status, count }: { status: AgentStatus; count?: number }): JSX.Element {
  return (
    <span className={`status-badge status-${status}`}>
      <span className="status-dot" aria-hidden="true" />
      {STATUS_LABEL[status]}
      {count !== undefined && <span className="status-count">{count}</span>}
    </span>
  )
}

function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter((w) => w !== '')
  const first = words[0]?.[0] ?? '?'
  const last = words.length > 1 ? (words[words.length - 1]?.[0] ?? '') : ''
  return (first + last).toUpperCase()
}

/** A stable tint per extension (8 hues), so the same agent keeps the same avatar colour. */
function tint(extension: string): number {
  let hash = 0
  for (const char of extension) hash = (hash * 31 + char.charCodeAt(0)) | 0
  return Math.abs(hash) % 8
}

export function AgentCell({ row }: { row: AgentRow }): JSX.Element {
  return (
    <div className="agent-cell">
      <span className={`avatar tint-${String(tint(row.extension))}`} aria-hidden="true">
        {initials(row.name)}
      </span>
      <span className="agent-name" title={row.name}>
        {row.name}
      </span>
      <span className="agent-ext">{row.extension}</span>
    </div>
  )
}

export function StatusCell({ row, call, stale }: { row: AgentRow; call: AgentCall | null; stale: boolean }): JSX.Element {
  return (
    <div className="status-cell">
      <StatusBadge status={row.status} />
      {row.status === 'paused' && row.pauseReason !== null && (
        <span className="pause-reason" title={row.pauseReason}>
          {row.pauseReason}
        </span>
      )}
      {call?.onHold === true && <span className="tag tag-hold">On hold</span>}
      {call?.supervisors.map((s) => (
        <span className={`tag tag-spy spy-${s.mode}`} key={`${s.extension}-${s.mode}`}>
          <HeadphonesIcon />
          {s.extension} {SPY_LABEL[s.mode]}
        </span>
      ))}
      {stale && (
        <span className="tag tag-stale" title="Last known state: Earshot is not receiving updates from the PBX">
          Stale
        </span>
      )}
    </div>
  )
}

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
      ? [record.name, record.company === record.name ? null : record.company, call.customer].filter((part) => part !== null && part !== '').join(' · ')
      : call.customerName !== null && call.customer !== null
        ? `${call.customerName} · ${call.customer}`
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
            : call.customerName !== null && call.customer !== null && <span className="customer-number">{call.customer}</span>}
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
  const now = useNow()
  if (call === null) return <span className="none" aria-label="No call">—</span>
  const seconds = elapsedSeconds(callClockStart(call), now + clockOffset)
  const approx = call.answeredAt !== null && call.answeredAtApprox
  return (
    <span
      className={`time time-${call.state}`}
      title={
        approx
          ? 'About: the call was already in progress when Earshot connected'
          : call.state === 'ringing'
            ? 'Ringing time'
            : 'Talk time'
      }
    >
      {approx && <span className="time-approx">~</span>}
      {formatDuration(seconds)}
    </span>
  )
})
