import { type JSX, useEffect, useState } from 'react'
import type { CallLogEntry } from '../../shared/records'
import { DIRECTION_LABEL } from '../floor/labels'
import { useRecordsApi } from './context'
import { OUTCOME_LABEL, callCustomer, dateTimeSeconds, describeEvent, isoTime, offset, talkTime, timeOfDay } from './format'
import { errorText } from '../../shared/error-text'

type Loaded = { phase: 'loading'; id: string } | { phase: 'failed'; id: string; message: string } | { phase: 'ready'; id: string; entry: CallLogEntry }

/** Says plainly when a call was closed because Earshot lost the PBX, not by a hangup it saw. */
export function ResyncNote({ entry }: { entry: Pick<CallLogEntry, 'closedBy'> }): JSX.Element | null {
  if (entry.closedBy !== 'resync') return null
  return (
    <p className="note note-warning records-resync">
      <strong>Closed after a lost connection.</strong> Earshot lost its connection to the PBX during this call, and the call was gone when it
      reconnected: it ended at or after the time the connection was lost, so its talk time is at least the time shown.
    </p>
  )
}

/** The moments of one call, in order, in words. */
export function Timeline({ entry, label }: { entry: CallLogEntry; label: string }): JSX.Element {
  if (entry.timeline.length === 0) return <p className="muted">No events were recorded for this call.</p>
  return (
    <ol className="timeline" aria-label={label}>
      {entry.timeline.map((event, index) => {
        const words = describeEvent(event)
        return (
          <li key={`${String(index)}-${event.kind}`} className={`timeline-event tone-${words.tone}`} data-kind={event.kind}>
            <span className="timeline-dot" aria-hidden="true" />
            <div className="timeline-when">
              <time dateTime={isoTime(event.at)}>{timeOfDay(event.at)}</time>
              <span className="timeline-offset" title="Since the call started">
                {offset(entry.startedAt, event.at)}
              </span>
            </div>
            <div className="timeline-what">
              <span className="timeline-title">{words.title}</span>
              {words.detail !== null && <span className="timeline-detail">{words.detail}</span>}
            </div>
          </li>
        )
      })}
    </ol>
  )
}

/**
 * One logged call from `calllog:get`: (unless `compact`) who, when and how it went, then its
 * timeline. `compact` is for the customer card, where the call's row already says who and when.
 */
export function CallTimeline({ callId, compact = false }: { callId: string; compact?: boolean }): JSX.Element {
  const api = useRecordsApi()
  const [loaded, setLoaded] = useState<Loaded>({ phase: 'loading', id: callId })
  const [attempt, setAttempt] = useState(0)
  if (loaded.id !== callId) setLoaded({ phase: 'loading', id: callId })

  useEffect(() => {
    let live = true
    api.invoke('calllog:get', { id: callId }).then(
      (entry) => {
        if (live) setLoaded({ phase: 'ready', id: callId, entry })
      },
      (failure: unknown) => {
        if (live) setLoaded({ phase: 'failed', id: callId, message: errorText(failure) })
      }
    )
    return () => {
      live = false
    }
  }, [api, callId, attempt])

  if (loaded.phase === 'loading') {
    return (
      <div className="records-loading" aria-busy="true">
        <span className="spinner" aria-hidden="true" /> Loading the call…
      </div>
    )
  }
  if (loaded.phase === 'failed') {
    return (
      <div className="records-failed" role="alert">
        <p className="form-error">The call could not be loaded: {loaded.message}</p>
        <button type="button" className="button button-small" onClick={() => setAttempt((n) => n + 1)}>
          Try again
        </button>
      </div>
    )
  }
  const { entry } = loaded
  return (
    <div className="call-detail">
      <ResyncNote entry={entry} />
      {!compact && (
        <dl className="details call-facts">
          <dt>Started</dt>
          <dd>
            <time dateTime={isoTime(entry.startedAt)}>{dateTimeSeconds(entry.startedAt)}</time>
          </dd>
          <dt>Agent</dt>
          <dd>
            {entry.agentName} <span className="muted">· {entry.agentExtension}</span>
          </dd>
          <dt>Customer</dt>
          <dd>
            {callCustomer(entry)}
            {entry.customerName !== null && entry.customerNumber !== null && <span className="muted">· {entry.customerNumber}</span>}
          </dd>
          <dt>Direction</dt>
          <dd>{DIRECTION_LABEL[entry.direction]}</dd>
          <dt>Outcome</dt>
          <dd>
            <span className={`outcome outcome-${entry.outcome}`}>{OUTCOME_LABEL[entry.outcome]}</span>
          </dd>
          <dt>Talk time</dt>
          <dd>
            {talkTime(entry)}
            {entry.answeredAtApprox && <span className="muted">(estimated)</span>}
          </dd>
          {entry.monitored && (
            <>
              <dt>Monitored</dt>
              <dd>A supervisor was on this call</dd>
            </>
          )}
        </dl>
      )}
      <Timeline entry={entry} label={`Timeline of the call at ${dateTimeSeconds(entry.startedAt)}`} />
    </div>
  )
}
