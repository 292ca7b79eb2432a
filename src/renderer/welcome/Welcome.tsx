import { type JSX, useState } from 'react'
import type { EarshotApi } from '../../shared/contract'
import { ServerIcon, SparkIcon } from '../shell/icons'
import { ConnectPbxInfo } from './ConnectPbxInfo'
import './welcome.css'
import { errorText } from '../../shared/error-text'

/**
 * First run (no floor source yet): connect to a PBX, or try the built-in demo floor. Once the
 * demo is started the connection status changes and the floor replaces this screen.
 */
export function Welcome({
  api,
  onDemoStarted,
  onOpenSettings
}: {
  api: EarshotApi
  onDemoStarted: () => void
  /** Opens the settings page at the PBX section. */
  onOpenSettings?: () => void
}): JSX.Element {
  const [showPbx, setShowPbx] = useState(false)
  const [demo, setDemo] = useState<{ state: 'idle' | 'starting' } | { state: 'failed'; message: string }>({ state: 'idle' })

  function startDemo(): void {
    setDemo({ state: 'starting' })
    api.invoke('demo:start', {}).then(
      () => onDemoStarted(),
      (error: unknown) => setDemo({ state: 'failed', message: errorText(error) })
    )
  }

  return (
    <section className="welcome" aria-labelledby="welcome-title">
      <div className="welcome-intro">
        <h2 id="welcome-title" className="welcome-title">
          Welcome to Earshot
        </h2>
        <p className="welcome-lead">
          See every agent on your floor as it happens — who is talking, to whom, for how long — and listen, whisper or
          barge in with one key.
        </p>
      </div>

      <div className="choices">
        <div className={showPbx ? 'choice is-open' : 'choice'}>
          <span className="choice-icon" aria-hidden="true">
            <ServerIcon />
          </span>
          <h3 className="choice-title">Connect to your PBX</h3>
          <p className="choice-text">Point Earshot at your Asterisk server&rsquo;s Manager Interface (AMI).</p>
          <button
            type="button"
            className="button"
            aria-expanded={showPbx}
            aria-controls="connect-pbx-info"
            onClick={() => setShowPbx((open) => !open)}
          >
            Connect to your PBX
          </button>
        </div>

        <div className="choice choice-demo">
          <span className="choice-icon" aria-hidden="true">
            <SparkIcon />
          </span>
          <h3 className="choice-title">Try the demo floor</h3>
          <p className="choice-text">A simulated call centre with live calls — nothing to set up, nothing leaves this machine.</p>
          <button type="button" className="button button-primary" disabled={demo.state === 'starting'} onClick={startDemo}>
            {demo.state === 'starting' ? 'Starting the demo…' : 'Try the demo floor'}
          </button>
          {demo.state === 'failed' && (
            <p className="form-error" role="alert">
              The demo did not start: {demo.message}
            </p>
          )}
        </div>
      </div>

      {showPbx && <ConnectPbxInfo id="connect-pbx-info" onClose={() => setShowPbx(false)} onOpenSettings={onOpenSettings} />}
    </section>
  )
}
