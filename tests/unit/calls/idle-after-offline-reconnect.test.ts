/**
 * paused-on-call, followed live. Earshot sees 1001's phone drop off the network (ContactStatus
 * Unreachable, as agent-offline shows it) at 14 s: "Offline" from then. The AMI connection then
 * drops (15 s); meanwhile the phone registers again; Earshot reconnects at 20 s and the snapshot
 * (the PBX's own lists, as this capture's session began with them: 1001 Reachable, its support
 * QueueMember `LastCall` 1796333232 — about 51 s before t=0 — after its `LastPause`) says 1001 is
 * idle. The idle began after 14 s (Earshot itself saw it offline then), so its time in state can
 * be unknown, or start after that — never at the last queue call, before it went offline.
 */
import { describe, expect, it } from 'vitest'
import { amiMessage, type AmiMessage } from '../../../src/main/ami'
import { CallsProjector } from '../../../src/main/calls/projector'
import { agentRows } from '../../../src/main/calls'
import { replayCapture } from '../../../src/main/capture/replay'
import { firstSnapshot } from '../../support/capture-session'
import { LAB_OPTIONS, loadLaterCapture } from '../../support/traces'

const records = loadLaterCapture('paused-on-call')

const initialSnapshot = (): AmiMessage[] => firstSnapshot(records)

describe('an agent seen offline, back while the connection was down', () => {
  it('is not idle since before Earshot saw it offline', () => {
    const calls = replayCapture(records, new CallsProjector(LAB_OPTIONS), 14_000)
    calls.apply(amiMessage(Object.entries({ Event: 'ContactStatus', Privilege: 'system,all', URI: 'sip:1001@127.0.0.1:5071;ob', ContactStatus: 'Unreachable', AOR: '1001', EndpointName: '1001', RoundtripUsec: '0' })), 14_000)
    expect(agentRows(calls.model).find((r) => r.extension === '1001')).toMatchObject({ status: 'offline', statusSince: 14_000 })

    calls.connectionLost(15_000, 14_900)
    calls.resync(initialSnapshot(), 20_000)
    const row = agentRows(calls.model).find((r) => r.extension === '1001')
    expect(row?.status).toBe('idle')
    // Unknown (null) or after the moment it was last seen offline; the figures place it at about -51 s.
    expect(row?.statusSince === null || (row?.statusSince ?? 0) >= 14_000, `statusSince ${String(row?.statusSince)}`).toBe(true)
  })
})
