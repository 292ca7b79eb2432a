import type { JSX, ReactNode } from 'react'

export function StatusBar({
  ami,
  detail,
  softphone,
  runtime = window.earshot === undefined ? 'Browser host' : 'Desktop app'
}: {
  /** The AMI connection in words; absent when there is nothing to say yet. */
  ami?: string | undefined
  detail?: string | undefined
  /** The softphone's registration and audio devices (softphone/SoftphoneStatus). */
  softphone?: ReactNode
  /** Where this page runs; defaults to the app (preload) or the browser host. */
  runtime?: string
}): JSX.Element {
  return (
    <footer className="statusbar">
      {ami !== undefined && <span>Asterisk AMI: {ami}</span>}
      {detail !== undefined && <span>{detail}</span>}
      {softphone}
      <span className="statusbar-spacer" />
      <span>{runtime}</span>
    </footer>
  )
}
