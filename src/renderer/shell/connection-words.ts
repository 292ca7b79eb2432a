import type { ConnectionStatus } from '../../shared/contract'

export type ConnectionTone = 'off' | 'pending' | 'live' | 'warning' | 'error'

/** The connection in a few words, for the top bar pill and the status bar. */
export function connectionSummary(connection: ConnectionStatus | null): { text: string; tone: ConnectionTone } {
  if (connection === null) return { text: 'Loading…', tone: 'pending' }
  const where = connection.source === 'demo' ? 'Demo floor' : 'PBX'
  switch (connection.state) {
    case 'idle':
      return { text: 'Not connected', tone: 'off' }
    case 'connecting':
      return { text: `Connecting · ${where}`, tone: 'pending' }
    case 'live':
      return connection.stale ? { text: `Out of date · ${where}`, tone: 'warning' } : { text: `Live · ${where}`, tone: 'live' }
    case 'reconnecting':
      return { text: `Reconnecting · ${where}`, tone: 'warning' }
    case 'stopped':
      return { text: 'Disconnected', tone: 'error' }
  }
}
