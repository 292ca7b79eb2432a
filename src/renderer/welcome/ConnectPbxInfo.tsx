import { type JSX, useEffect, useRef } from 'react'

/** What connecting to a real PBX will take. The settings page itself arrives with a later issue. */
export function ConnectPbxInfo({ id, onClose }: { id: string; onClose: () => void }): JSX.Element {
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
          A manager user in <code>/etc/asterisk/manager.conf</code> with <code>read</code> and <code>write</code> for{' '}
          <code>system, call, agent, user, config, command, reporting, originate, dtmf</code>, permitted from this workstation.
        </li>
        <li>The user&rsquo;s secret.</li>
      </ol>
      <p className="pbx-info-note">
        Connection settings arrive in the next update. Until then, the demo floor shows exactly what you will see.
      </p>
      <div className="pbx-info-actions">
        <button type="button" className="button" onClick={onClose}>
          Close
        </button>
      </div>
    </section>
  )
}
