import type { JSX } from 'react'
import { CallLogBanner, ConnectionBanner, RefreshFailedBanner } from './ConnectionBanner'
import { selectClockOffset, selectConnection, useFloor } from './useFloor'

/**
 * What a floor screen says above itself, from the floor store: a failed refresh, the PBX
 * connection's state, and whether calls reach the call log. Shared by the live floor and My calls.
 */
export function FloorBanners(): JSX.Element {
  const connection = useFloor(selectConnection)
  const clockOffset = useFloor(selectClockOffset)
  const staleSince = useFloor((s) => s.staleSince)
  const callLog = useFloor((s) => s.callLog)
  const refreshError = useFloor((s) => (s.phase === 'failed' ? (s.error ?? 'unknown error') : null))
  return (
    <>
      {refreshError !== null && <RefreshFailedBanner error={refreshError} />}
      {connection !== null && <ConnectionBanner connection={connection} staleSince={staleSince} clockOffset={clockOffset} />}
      {callLog !== null && <CallLogBanner status={callLog} />}
    </>
  )
}
