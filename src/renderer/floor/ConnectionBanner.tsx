import type { JSX, ReactNode } from 'react'
import type { CallLogWriteStatus, ConnectionStatus } from '../../shared/contract'
import { useAdminActions } from '../sign-in/access'
import { WarningIcon } from '../shell/icons'
import { useNow } from './clock'

function sourceName(connection: ConnectionStatus): string {
  return connection.source === 'demo' ? 'the demo PBX' : 'the PBX'
}

function clockTime(ms: number): string {
  return new Date(ms).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' })
}

function Countdown({ retryAt, clockOffset }: { retryAt: number; clockOffset: number }): JSX.Element {
  const now = useNow()
  const seconds = Math.ceil((retryAt - (now + clockOffset)) / 1000)
  return <span className="countdown">{seconds > 0 ? `Next attempt in ${String(seconds)} s` : 'Trying again now…'}</span>
}

export function Banner(props: {
  tone: 'info' | 'warning' | 'error'
  title: string
  message: string | null
  /** Ticking or secondary parts, outside the live region so they are not announced every second. */
  extra?: ReactNode
  testId?: string
}): JSX.Element {
  return (
    <div className={`banner banner-${props.tone}`} data-testid={props.testId ?? 'connection-banner'}>
      {props.tone === 'info' ? <span className="spinner" aria-hidden="true" /> : <WarningIcon className="banner-icon" />}
      <div className="banner-body">
        <span role={props.tone === 'info' ? 'status' : 'alert'} className="banner-live">
          <strong className="banner-title">{props.title}</strong>
          {props.message !== null && <span className="banner-message">{props.message}</span>}
        </span>
        {props.extra}
      </div>
    </div>
  )
}

/**
 * Says, in words, when the floor is not live: connecting, reconnecting (why, and when the next
 * attempt is), stopped, and whether the rows on screen may be out of date.
 */
export function ConnectionBanner({
  connection,
  staleSince,
  clockOffset
}: {
  connection: ConnectionStatus
  staleSince: number | null
  clockOffset: number
}): JSX.Element | null {
  // Admins get the way to find out why: Test connection (the PBX failing, not the demo).
  const admin = useAdminActions()
  const testLink =
    admin !== null && connection.source === 'pbx' ? (
      <button type="button" className="link-button banner-action" onClick={admin.openTestConnection}>
        Test connection
      </button>
    ) : null
  const staleNote =
    connection.stale && staleSince !== null ? (
      <span className="banner-stale">
        Showing the floor as of {clockTime(staleSince)}: talk times are stopped until Earshot is live again.
      </span>
    ) : null

  switch (connection.state) {
    case 'live':
      return connection.stale ? (
        <Banner tone="warning" title="Data may be out of date" message={connection.message} extra={staleNote} />
      ) : null
    case 'connecting':
      return <Banner tone="info" title={`Connecting to ${sourceName(connection)}…`} message={connection.message} extra={staleNote} />
    case 'reconnecting':
      return (
        <Banner
          tone="warning"
          title={`Reconnecting to ${sourceName(connection)}`}
          message={connection.message}
          extra={
            <>
              {connection.retryAt !== null && <Countdown retryAt={connection.retryAt} clockOffset={clockOffset} />}
              {testLink}
              {staleNote}
            </>
          }
        />
      )
    case 'stopped':
      return (
        <Banner
          tone="error"
          title={`Disconnected from ${sourceName(connection)}`}
          message={connection.message}
          extra={
            <>
              {testLink}
              {staleNote}
            </>
          }
        />
      )
    case 'idle':
      return null
  }
}

/** The floor is on screen but the last attempt to refresh it failed (the store retries by itself). */
export function RefreshFailedBanner({ error }: { error: string }): JSX.Element {
  return <Banner tone="error" title="Could not refresh the floor" message={error} extra={<span className="countdown">Retrying…</span>} />
}

/** Calls that end cannot be written to the call log (a full disk, say): they wait in main, retried, until it works again. */
export function CallLogBanner({ status }: { status: CallLogWriteStatus }): JSX.Element | null {
  if (status.failing === null) return null
  // Nothing waits while only the calls in progress cannot be saved.
  const waiting = status.waiting === 0 ? '' : `; ${String(status.waiting)} ${status.waiting === 1 ? 'call' : 'calls'} waiting`
  const dropped = status.dropped === 0 ? '' : `; ${String(status.dropped)} older ${status.dropped === 1 ? 'call' : 'calls'} could not be kept`
  return (
    <Banner
      tone="error"
      testId="calllog-banner"
      title="The call log cannot be written:"
      message={`${status.failing}${waiting}${dropped}.`}
      extra={<span className="countdown">Earshot keeps trying; calls that end are kept until the log can be written.</span>}
    />
  )
}
