import type { JSX } from 'react'

export function StatusBar({ ami, detail }: { ami: string; detail?: string | undefined }): JSX.Element {
  const runtime = window.earshot === undefined ? 'Browser host' : 'Desktop app'
  return (
    <footer className="statusbar">
      <span>Asterisk AMI: {ami}</span>
      {detail !== undefined && <span>{detail}</span>}
      <span className="statusbar-spacer" />
      <span>{runtime}</span>
    </footer>
  )
}
