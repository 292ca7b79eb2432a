import type { JSX } from 'react'
import { MicIcon, MicOffIcon } from '../shell/icons'

/**
 * Mute / Unmute for a call of the softphone: the label says what a press does (Unmute while
 * muted), so it is no toggle button — `data-muted` styles the muted state.
 */
export function MuteButton({ muted, enabled, disabledTitle, onToggle }: { muted: boolean; enabled: boolean; disabledTitle?: string; onToggle: () => void }): JSX.Element {
  return (
    <button
      type="button"
      className="call-bar-button call-bar-mute"
      data-muted={muted ? true : undefined}
      aria-disabled={enabled ? undefined : true}
      title={enabled ? (muted ? 'Your microphone is off: unmute it' : 'Mute your microphone') : disabledTitle}
      onClick={() => {
        if (enabled) onToggle()
      }}
    >
      {muted ? <MicOffIcon /> : <MicIcon />}
      {muted ? 'Unmute' : 'Mute'}
    </button>
  )
}
