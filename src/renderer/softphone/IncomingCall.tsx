import type { JSX } from 'react'
import { AnswerIcon, HangUpIcon } from '../shell/icons'
import type { SoftphoneCall } from './phone'
import { useSoftphone, useSoftphoneController } from './useSoftphone'

function selectRinging(calls: readonly SoftphoneCall[]): SoftphoneCall | undefined {
  return calls.find((c) => c.kind === 'ordinary' && c.phase === 'ringing')
}

/**
 * An ordinary call ringing on the softphone (never answered by itself): who calls, Accept or
 * Decline. It rings on the ring output (the softphone's ring element).
 */
export function IncomingCall(): JSX.Element | null {
  const softphone = useSoftphoneController()
  const call = useSoftphone((s) => selectRinging(s.calls))
  if (call === undefined) return null
  return (
    <section className="incoming-call" data-testid="incoming-call" role="alertdialog" aria-labelledby="incoming-call-title" aria-describedby="incoming-call-caller">
      <div className="incoming-call-head">
        <span className="incoming-call-ring" aria-hidden="true">
          <AnswerIcon />
        </span>
        <div>
          <h2 id="incoming-call-title" className="incoming-call-title">
            Incoming call
          </h2>
          <p id="incoming-call-caller" className="incoming-call-caller">
            <span className="incoming-call-name">{call.callerName}</span>
            {call.callerNumber !== null && <span className="incoming-call-number">{call.callerNumber}</span>}
          </p>
        </div>
      </div>
      <div className="incoming-call-actions">
        <button type="button" className="button incoming-call-decline" onClick={() => softphone.decline(call.id)}>
          <HangUpIcon />
          Decline
        </button>
        <button type="button" className="button incoming-call-accept" onClick={() => softphone.accept(call.id)}>
          <AnswerIcon />
          Accept
        </button>
      </div>
    </section>
  )
}
