import { type JSX, useState } from 'react'
import type { EarshotApi } from '../../shared/contract'
import { errorText } from '../../shared/error-text'
import { showToast } from '../shell/toasts'

/**
 * "Leave the demo": main stops the demo and puts the console back on this computer's own PBX
 * settings — the welcome page, or first run when the demo was tried before any admin existed
 * (main then says who is signed in: nobody).
 */
export function LeaveDemoButton({ api, className = 'button' }: { api: EarshotApi; className?: string }): JSX.Element {
  const [busy, setBusy] = useState(false)
  return (
    <button
      type="button"
      className={className}
      disabled={busy}
      onClick={() => {
        setBusy(true)
        api.invoke('demo:leave', {}).then(
          () => setBusy(false),
          (failure: unknown) => {
            setBusy(false)
            showToast(`Could not leave the demo: ${errorText(failure)}`)
          }
        )
      }}
    >
      {busy ? 'Leaving the demo…' : 'Leave the demo'}
    </button>
  )
}

/** What Settings says while the demo runs, instead of this computer's (blank) PBX fields and a Test connection that would fail. */
export function DemoPbxNotice({ api, what }: { api: EarshotApi; what: 'pbx' | 'softphone' | 'test' }): JSX.Element {
  const text = {
    pbx: 'Earshot is connected to the built-in demo PBX: a simulated Asterisk running inside Earshot on this computer (loopback only), not a PBX of yours.',
    softphone: 'The softphone is registered with the built-in demo PBX as its supervisor 2001, with a password the demo makes up for this run.',
    test: 'Test connection checks your own PBX. The built-in demo needs no test: it is running inside Earshot.'
  }[what]
  return (
    <div className="demo-notice" role="note">
      <p className="demo-notice-title">
        <span className="demo-mark">Demo</span> The built-in demo PBX is connected
      </p>
      <p>{text}</p>
      <p className="muted">Leave the demo to connect your own PBX here.</p>
      <div>
        <LeaveDemoButton api={api} className="button button-primary" />
      </div>
    </div>
  )
}
