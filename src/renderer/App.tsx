import { type JSX, useEffect, useState } from 'react'
import type { EarshotApi } from '../shared/contract'
import { FloorScreen } from './floor/FloorScreen'
import { FloorStore } from './floor/store'
import { FloorStoreContext, selectConnection, useFloor, useFloorStore } from './floor/useFloor'
import { connectionSummary } from './shell/connection-words'
import { EmptyState } from './shell/EmptyState'
import { StatusBar } from './shell/StatusBar'
import { Toasts } from './shell/Toasts'
import { Topbar } from './shell/Topbar'
import { Welcome } from './welcome/Welcome'

/** The console: owns the floor store for the api it is given (preload or browser host). */
export function App({ api }: { api: EarshotApi }): JSX.Element {
  const [store] = useState(() => new FloorStore(api))
  useEffect(() => store.start(), [store])
  return (
    <FloorStoreContext.Provider value={store}>
      <Console api={api} />
    </FloorStoreContext.Provider>
  )
}

function Console({ api }: { api: EarshotApi }): JSX.Element {
  const store = useFloorStore()
  const phase = useFloor((s) => s.phase)
  const error = useFloor((s) => s.error)
  const everLoaded = useFloor((s) => s.snapshots > 0)
  const connection = useFloor(selectConnection)
  const agents = useFloor((s) => s.rows.size)
  const summary = connectionSummary(phase === 'loading' && !everLoaded ? null : connection)

  let body: JSX.Element
  if (phase === 'failed' && !everLoaded) {
    body = (
      <EmptyState
        title="Earshot could not load the floor"
        text={error ?? 'The request for the floor failed.'}
        action={{ label: 'Try again', onClick: () => store.requestSnapshot() }}
      />
    )
  } else if (!everLoaded || connection === null) {
    body = <EmptyState title="Loading the floor…" text="Asking Earshot for the agents on the floor." busy />
  } else if (connection.source === 'none') {
    body = <Welcome api={api} onDemoStarted={() => store.requestSnapshot()} />
  } else {
    body = (
      <>
        <div className="page-heading">
          <h1 id="page-title">Live floor</h1>
          {connection.source === 'demo' && <span className="source-badge">Demo floor · simulated calls</span>}
        </div>
        <FloorScreen />
      </>
    )
  }

  return (
    <div className="shell">
      <Topbar connection={summary} />
      <main className="content" aria-labelledby={connection?.source === 'none' ? 'welcome-title' : 'page-title'}>
        {body}
      </main>
      <StatusBar ami={summary.text} detail={everLoaded && connection?.source !== 'none' ? `${String(agents)} agents` : undefined} />
      <Toasts />
    </div>
  )
}
