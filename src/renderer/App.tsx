import type { JSX } from 'react'

/**
 * Application shell. The live floor (agents, queues, calls) replaces the empty state once the
 * AMI connection and the IPC contract exist; until then every figure shows an em dash.
 */
export function App(): JSX.Element {
  return (
    <div className="shell">
      <Header />
      <main className="content" aria-labelledby="floor-title">
        <div className="page-heading">
          <h1 id="floor-title">Live floor</h1>
          <p className="page-subtitle">Agents, queues and calls, as they happen.</p>
        </div>
        <FloorSummary />
        <EmptyFloor />
      </main>
      <StatusBar />
    </div>
  )
}

function BrandMark(): JSX.Element {
  // The app icon (resources/icon.svg), simplified so it stays crisp at 28 px.
  return (
    <svg className="brand-mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <defs>
        <linearGradient id="brand-gradient" x1="0" y1="0" x2="1" y2="1">
          <stop offset="0" stopColor="#14b8a6" />
          <stop offset="1" stopColor="#2563eb" />
        </linearGradient>
      </defs>
      <rect width="32" height="32" rx="8" fill="url(#brand-gradient)" />
      <path
        d="M10 6.5h12a4.5 4.5 0 0 1 4.5 4.5v7a4.5 4.5 0 0 1-4.5 4.5h-8l-4.6 3.4a.6.6 0 0 1-.95-.6l.55-3.1A4.5 4.5 0 0 1 5.5 18v-7A4.5 4.5 0 0 1 10 6.5z"
        fill="#fff"
      />
      <g fill="#1769c9">
        <rect x="10.3" y="12.2" width="2.4" height="4.6" rx="1.2" />
        <rect x="14.8" y="9.8" width="2.4" height="9.4" rx="1.2" />
        <rect x="19.3" y="11.4" width="2.4" height="6.2" rx="1.2" />
      </g>
    </svg>
  )
}

function Header(): JSX.Element {
  return (
    <header className="topbar">
      <div className="brand">
        <BrandMark />
        <span className="brand-name">Earshot</span>
        <span className="brand-divider" aria-hidden="true" />
        <span className="brand-role">Supervisor console</span>
      </div>
      <div className="connection" role="status" aria-live="polite">
        <span className="connection-dot" aria-hidden="true" />
        Not connected
      </div>
    </header>
  )
}

const SUMMARY: ReadonlyArray<{ label: string; hint: string }> = [
  { label: 'Agents signed in', hint: 'available · on a call · paused' },
  { label: 'Calls in progress', hint: 'across all queues' },
  { label: 'Callers waiting', hint: 'longest wait —' },
  { label: 'Service level', hint: 'answered within target today' }
]

function FloorSummary(): JSX.Element {
  return (
    <section className="summary" aria-label="Floor summary">
      {SUMMARY.map(({ label, hint }) => (
        <div className="tile" key={label}>
          <div className="tile-label">{label}</div>
          <div className="tile-value" aria-label={`${label}: no data`}>
            —
          </div>
          <div className="tile-hint">{hint}</div>
        </div>
      ))}
    </section>
  )
}

function EmptyFloor(): JSX.Element {
  return (
    <section className="floor panel" aria-labelledby="floor-empty-title">
      <div className="panel-header">
        <h2 className="panel-title">Agents</h2>
      </div>
      <div className="empty">
        <svg className="empty-icon" viewBox="0 0 48 48" aria-hidden="true" focusable="false">
          <path
            d="M10 27v-3a14 14 0 0 1 28 0v3"
            fill="none"
            stroke="currentColor"
            strokeWidth="2.5"
            strokeLinecap="round"
          />
          <rect x="7" y="26" width="8" height="12" rx="3" fill="none" stroke="currentColor" strokeWidth="2.5" />
          <rect x="33" y="26" width="8" height="12" rx="3" fill="none" stroke="currentColor" strokeWidth="2.5" />
          <path d="M37 38c0 3-3 5-8 5h-3" fill="none" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" />
        </svg>
        <h3 id="floor-empty-title" className="empty-title">
          The live floor will appear once connected
        </h3>
        <p className="empty-text">
          Earshot shows every agent, queue and call in real time as soon as it is connected to your Asterisk
          server. From here you will be able to listen, whisper and barge.
        </p>
      </div>
    </section>
  )
}

function StatusBar(): JSX.Element {
  const runtime = window.earshot === undefined ? 'Browser host' : 'Desktop app'
  return (
    <footer className="statusbar">
      <span>Asterisk AMI: offline</span>
      <span className="statusbar-spacer" />
      <span>{runtime}</span>
    </footer>
  )
}
