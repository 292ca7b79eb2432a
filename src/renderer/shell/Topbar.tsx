import type { JSX, ReactNode } from 'react'
import { BrandMark } from './BrandMark'
import type { ConnectionTone } from './connection-words'

export function Topbar({
  connection,
  nav,
  account,
  role = 'Supervisor console',
  demo = false
}: {
  /** The floor is the built-in demo PBX's: marked on every page, so nothing passes for a real PBX. */
  demo?: boolean
  /** What the console is for this operator; null for an agent's own calls (no supervisor's tagline). */
  role?: string | null
  /** Absent before anyone is signed in (no floor is asked for yet). */
  connection?: { text: string; tone: ConnectionTone }
  /** The console's pages (shell/PageNav). */
  nav?: ReactNode
  /** The signed-in operator (session/AccountBar). */
  account?: ReactNode
}): JSX.Element {
  return (
    <header className="topbar">
      <div className="brand">
        <BrandMark />
        <span className="brand-name">Earshot</span>
        {demo && (
          <span className="demo-mark" title="The built-in demo PBX: simulated calls, nothing kept">
            Demo
          </span>
        )}
        {role !== null && (
          <>
            <span className="brand-divider" aria-hidden="true" />
            <span className="brand-role">{role}</span>
          </>
        )}
      </div>
      {nav}
      {connection !== undefined && (
        <div className={`connection tone-${connection.tone}`} role="status" aria-live="polite">
          <span className="connection-dot" aria-hidden="true" />
          {connection.text}
        </div>
      )}
      {account}
    </header>
  )
}
