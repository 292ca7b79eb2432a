/**
 * Review of 2d48529 ("a state learned after a reconnect never begins before the one Earshot saw it
 * replace"). The fix compares the learned start with the replaced status's `since`; when that was
 * unknown (null: an agent found offline in a snapshot, the usual case at start-up) nothing bounds it,
 * though Earshot itself saw the agent offline until the connection dropped.
 *
 * paused-on-call: at a first reconnect (20 s) the snapshot finds 1001's phone unreachable: Offline,
 * since unknown. Earshot then watches it offline until the connection drops again at 40 s; after the
 * next snapshot (45 s) 1001 is idle. Its idle began after 40 s (or is unknown), never at its last
 * queue call ~51 s before t=0, when Earshot had it offline all along.
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

/** The same lists, with 1001's phone unreachable (as the PBX lists a phone switched off). */
function snapshotWith1001Unreachable(): AmiMessage[] {
  return initialSnapshot().map((m) => {
    const f = m.fields
    if (f.Event === 'ContactList' && f.Endpoint === '1001') return amiMessage(Object.entries({ ...f, Status: 'Unreachable' }))
    if (f.Event === 'QueueMember' && f.StateInterface === 'PJSIP/1001') return amiMessage(Object.entries({ ...f, Status: '5' }))
    return m
  })
}

describe('an agent found offline at a reconnect, back idle after the next one', () => {
  it('is not idle since before the time Earshot last saw it offline', () => {
    const calls = replayCapture(records, new CallsProjector(LAB_OPTIONS), 14_000)
    calls.connectionLost(15_000, 14_900)
    calls.resync(snapshotWith1001Unreachable(), 20_000)
    expect(agentRows(calls.model).find((r) => r.extension === '1001')).toMatchObject({ status: 'offline', statusSince: null })

    // Offline all the while Earshot was connected; the next drop is at 40 s.
    calls.connectionLost(40_000, 39_900)
    calls.resync(initialSnapshot(), 45_000)
    const row = agentRows(calls.model).find((r) => r.extension === '1001')
    expect(row?.status).toBe('idle')
    expect(row?.statusSince === null || (row?.statusSince ?? 0) >= 39_900, `statusSince ${String(row?.statusSince)}`).toBe(true)
  })
})
