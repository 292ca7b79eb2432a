import type { JSX } from 'react'

export function StatusBar({
  ami,
  detail,
  runtime = window.earshot === undefined ? 'Browser host' : 'Desktop app'
}: {
  /** The AMI connection in words; absent when there is nothing to say yet. */
  ami?: string | undefined
  detail?: string | undefined
  /** Where this page runs; defaults to the app (preload) or the browser host. */
  runtime?: string
}): JSX.Element {
  return (
    <footer className="statusbar">
      {ami !== undefined && <span>Asterisk AMI: {ami}</span>}
      {detail !== undefined && <span>{detail}</span>}
      <span className="statusbar-spacer" />
      <span>{runtime}</span>
    </footer>
  )
}
