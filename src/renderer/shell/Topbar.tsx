import type { JSX } from 'react'
import { BrandMark } from './BrandMark'
import type { ConnectionTone } from './connection-words'

export function Topbar({ connection }: { connection: { text: string; tone: ConnectionTone } }): JSX.Element {
  return (
    <header className="topbar">
      <div className="brand">
        <BrandMark />
        <span className="brand-name">Earshot</span>
        <span className="brand-divider" aria-hidden="true" />
        <span className="brand-role">Supervisor console</span>
      </div>
      <div className={`connection tone-${connection.tone}`} role="status" aria-live="polite">
        <span className="connection-dot" aria-hidden="true" />
        {connection.text}
      </div>
    </header>
  )
}
