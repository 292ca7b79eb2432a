import { describe, expect, it } from 'vitest'
import { needsAttention, trayMenu, trayStatus, trayTooltip } from '../../../src/main/desktop'
import { ConnectionStatus } from '../../../src/shared/contract'

const status = (source: ConnectionStatus['source'], state: ConnectionStatus['state']): ConnectionStatus =>
  ConnectionStatus.parse({ source, state, message: null, retryAt: null, stale: state !== 'live' })

describe('the tray icon follows the PBX connection', () => {
  it.each([
    ['pbx', 'live', 'live'],
    ['demo', 'live', 'live'],
    ['pbx', 'connecting', 'reconnecting'],
    ['pbx', 'reconnecting', 'reconnecting'],
    ['pbx', 'stopped', 'offline'],
    ['pbx', 'idle', 'offline'],
    ['none', 'idle', 'offline']
  ] as const)('%s %s → %s', (source, state, expected) => {
    expect(trayStatus(status(source, state))).toBe(expected)
  })

  it('is offline before main has any status, and says the demo is the demo', () => {
    expect(trayStatus(null)).toBe('offline')
    expect(trayTooltip(status('demo', 'live'))).toBe('Earshot — the floor is live (demo floor)')
    expect(trayTooltip(status('pbx', 'reconnecting'))).toBe('Earshot — reconnecting to the PBX')
  })
})

describe('the tray menu', () => {
  it('offers Sign out only while someone is signed in, Restart to update only once an update is downloaded', () => {
    expect(trayMenu({ signedIn: false, updateReady: null }).map((i) => i.command)).toEqual(['show', 'quit'])
    expect(trayMenu({ signedIn: true, updateReady: '0.2.0' })).toEqual([
      { command: 'show', label: 'Show Earshot' },
      { command: 'sign-out', label: 'Sign out' },
      { command: 'restart-to-update', label: 'Restart to update (0.2.0)' },
      { command: 'quit', label: 'Quit Earshot' }
    ])
  })
})

describe('attention for an ordinary call ringing the softphone', () => {
  it('only while it rings and the window is hidden, minimised or gone', () => {
    expect(needsAttention(true, { visible: false, minimized: false })).toBe(true)
    expect(needsAttention(true, { visible: true, minimized: true })).toBe(true)
    expect(needsAttention(true, null)).toBe(true)
    expect(needsAttention(true, { visible: true, minimized: false })).toBe(false)
    expect(needsAttention(false, { visible: false, minimized: true })).toBe(false)
  })
})
