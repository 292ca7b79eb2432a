import type { JSX } from 'react'
import { elapsedSeconds, formatDuration, useNow } from '../floor/clock'
import { HangUpIcon, MicIcon } from '../shell/icons'
import { MuteButton } from './MuteButton'
import { useSoftphone, useSoftphoneController } from './useSoftphone'

/** An ordinary call the supervisor accepted: who, time, Mute and Hang up. */
export function OrdinaryCallBar(): JSX.Element | null {
  const softphone = useSoftphoneController()
  const call = useSoftphone((s) => s.calls.find((c) => c.kind === 'ordinary' && c.phase !== 'ringing'))
  const now = useNow()
  if (call === undefined) return null
  const connected = call.phase === 'connected'
  return (
    <section className="call-bar call-bar-ordinary" data-testid="ordinary-call-bar" data-phase={call.phase} aria-label="Your call">
      <div className="call-bar-state" role="status" aria-live="polite">
        <span className="call-bar-badge" aria-hidden="true">
          {connected ? <MicIcon /> : <span className="spinner" />}
        </span>
        <span className="call-bar-words">
          <strong className="call-bar-title">{connected ? 'On a call' : 'Answering…'}</strong>
          <span className="call-bar-detail">
            {call.callerName}
            {call.callerNumber !== null ? ` · ${call.callerNumber}` : ''}
          </span>
        </span>
      </div>
      <div className="call-bar-time" title="Time on the call">
        {connected && call.answeredAt !== null ? formatDuration(elapsedSeconds(call.answeredAt, now)) : '--:--'}
      </div>
      <div className="call-bar-actions">
        <MuteButton muted={call.muted} enabled={connected} onToggle={() => softphone.setMuted(call.id, !call.muted)} />
        <button type="button" className="call-bar-button call-bar-end" onClick={() => softphone.hangUp(call.id)}>
          <HangUpIcon />
          Hang up
        </button>
      </div>
    </section>
  )
}
