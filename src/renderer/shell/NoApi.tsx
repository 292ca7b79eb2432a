import type { JSX } from 'react'
import { EmptyState } from './EmptyState'
import { StatusBar } from './StatusBar'
import { Topbar } from './Topbar'

/** The page was opened outside the app and outside the browser host: there is no floor to show. */
export function NoApi({ reason }: { reason: string }): JSX.Element {
  return (
    <div className="shell">
      <Topbar connection={{ text: 'Not connected', tone: 'off' }} />
      <main className="content" aria-labelledby="page-title">
        <div className="page-heading">
          <h1 id="page-title">Live floor</h1>
        </div>
        <EmptyState title="The live floor will appear once connected" text={reason} />
      </main>
      {/* Neither the app's preload nor a browser-host token: a plain page, e.g. the built renderer opened directly. */}
      <StatusBar ami="offline" runtime="Browser preview" />
    </div>
  )
}
