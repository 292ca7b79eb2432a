/**
 * The tray icon as a projection of the PBX connection: one of three colours, a tooltip in words,
 * and the tray menu's items. Pure, so the shell (src/main/electron-desktop.ts) only draws it.
 */
import type { ConnectionStatus } from '../../shared/contract'

/** live: green; reconnecting (or connecting): amber; offline (no PBX, stopped): grey. */
export type TrayStatus = 'live' | 'reconnecting' | 'offline'

export function trayStatus(connection: ConnectionStatus | null): TrayStatus {
  if (connection === null || connection.source === 'none') return 'offline'
  switch (connection.state) {
    case 'live':
      return 'live'
    case 'connecting':
    case 'reconnecting':
      return 'reconnecting'
    case 'idle':
    case 'stopped':
      return 'offline'
  }
}

const STATUS_WORDS: Readonly<Record<TrayStatus, string>> = {
  live: 'the floor is live',
  reconnecting: 'reconnecting to the PBX',
  offline: 'not connected to a PBX'
}

/** The tooltip: what the colour means, and the demo named as such. */
export function trayTooltip(connection: ConnectionStatus | null): string {
  const demo = connection?.source === 'demo' ? ' (demo floor)' : ''
  return `Earshot — ${STATUS_WORDS[trayStatus(connection)]}${demo}`
}

export type TrayCommand = 'show' | 'sign-out' | 'restart-to-update' | 'quit'

export interface TrayMenuItem {
  command: TrayCommand
  label: string
}

/** The tray menu: Show Earshot, Sign out (while someone is signed in), Restart to update (once one is downloaded), Quit. */
export function trayMenu(state: { signedIn: boolean; updateReady: string | null }): TrayMenuItem[] {
  return [
    { command: 'show', label: 'Show Earshot' },
    ...(state.signedIn ? [{ command: 'sign-out' as const, label: 'Sign out' }] : []),
    ...(state.updateReady !== null ? [{ command: 'restart-to-update' as const, label: `Restart to update (${state.updateReady})` }] : []),
    { command: 'quit', label: 'Quit Earshot' }
  ]
}
