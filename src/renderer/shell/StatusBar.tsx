import type { JSX } from 'react'

export function StatusBar({
  ami,
  detail,
  runtime = window.earshot === undefined ? 'Browser host' : 'Desktop app'
}: {
  ami: string
  detail?: string | undefined
  /** Where this page runs; defaults to the app (preload) or the browser host. */
  runtime?: string
}): JSX.Element {
  return (
    <footer className="statusbar">
      <span>Asterisk AMI: {ami}</span>
      {detail !== undefined && <span>{detail}</span>}
      <span className="statusbar-spacer" />
      <span>{runtime}</span>
    </footer>
  )
}
