import type { ConnectionStatus } from './contract'

/**
 * Why nothing may act on the floor's calls now (Listen, Whisper, Barge): its rows are last known,
 * not live, so a call may have ended meanwhile. Null while live. Main and the renderer say the same.
 */
export function floorNotLiveReason(status: ConnectionStatus): string | null {
  if (status.state === 'live' && !status.stale) return null
  switch (status.state) {
    case 'live':
      return 'The floor may be out of date: Earshot is catching up with the PBX'
    case 'connecting':
      return 'Earshot is still connecting to the PBX'
    case 'reconnecting':
      return 'The connection to the PBX is down: Earshot is reconnecting, and the call may have ended meanwhile'
    case 'stopped':
      return 'Earshot is disconnected from the PBX'
    case 'idle':
      return 'Earshot is not connected to a PBX'
  }
}
