import { type JSX, useEffect, useRef } from 'react'
import { managerConfUser } from '../../shared/ami-privileges'

/** What connecting to a real PBX takes, and the way to the settings page where it is entered. */
export function ConnectPbxInfo({
  id,
  onClose,
  onOpenSettings
}: {
  id: string
  onClose: () => void
  onOpenSettings?: (() => void) | undefined
}): JSX.Element {
  const ref = useRef<HTMLElement>(null)
  useEffect(() => {
    ref.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' })
  }, [])
  return (
    <section ref={ref} id={id} className="panel pbx-info" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="pbx-info-title">
        Connecting to your PBX
      </h3>
      <p>
        Earshot reads the floor from the <strong>Asterisk Manager Interface</strong> (AMI) as its own manager user, over
        TCP (port 5038) or TLS (port 5039, recommended). You will need:
      </p>
      <ol className="pbx-steps">
        <li>
          The PBX address, e.g. <code>amis://pbx.example.com:5039</code>.
        </li>
        <li>
          A manager user in <code>/etc/asterisk/manager.conf</code> with only the privileges Earshot needs, permitted from this
          workstation (then <code>asterisk -rx &quot;manager reload&quot;</code>):
          <pre className="pbx-info-conf">{managerConfUser()}</pre>
          Nothing more: <code>command</code> would let anyone with this password run any Asterisk CLI command. Test connection
          warns when the user holds more than this.
        </li>
        <li>The user&rsquo;s secret.</li>
      </ol>
      <p className="pbx-info-note">
        Enter these in Settings, then use Test connection: it checks each step and says what to change when one fails.
      </p>
      <div className="pbx-info-actions">
        <button type="button" className="button" onClick={onClose}>
          Close
        </button>
        {onOpenSettings !== undefined && (
          <button type="button" className="button button-primary" onClick={onOpenSettings}>
            Open PBX settings
          </button>
        )}
      </div>
    </section>
  )
}
