/**
 * A phone in no queue has no name in any snapshot list (PJSIPShowEndpoints carries none, and no
 * QueueMember names it): the model learns it from the phone's own caller ID on its first call
 * (spy-listen: PJSIP/2002's Newchannel says "Supervisor 2002" <2002>). A dropped connection must
 * not take that name back: the new snapshot (here the same PBX's, as it listed itself at the start
 * of the capture: a network blip, nothing changed in its configuration) lists the phone again.
 */
import { describe, expect, it } from 'vitest'
import { AmiDecoder, type AmiMessage } from '../../../src/main/ami'
import { agentRow, CallsProjector, SNAPSHOT_ACTIONS } from '../../../src/main/calls'
import { LAB_OPTIONS, loadTrace } from '../../support/traces'

const SNAPSHOT_IDS = new RegExp(`^earshot-(${SNAPSHOT_ACTIONS.map((a) => a.toLowerCase()).join('|')})-`)

/** spy-listen folded live up to `until`, then the connection lost and the PBX's snapshot folded again. */
function reconnectAfter(until: number): CallsProjector {
  const calls = new CallsProjector(LAB_OPTIONS)
  const decoder = new AmiDecoder()
  const snapshot: AmiMessage[] = []
  for (const r of loadTrace('spy-listen')) {
    if (r.dir !== 'rx' || r.t > until) continue
    for (const frame of decoder.write(r.raw)) {
      if (frame.kind !== 'message') continue
      if (frame.message.fields.Event !== undefined && SNAPSHOT_IDS.test(frame.message.fields.ActionID ?? '')) snapshot.push(frame.message)
      calls.apply(frame.message, r.t)
    }
  }
  calls.connectionLost(until)
  calls.resync(snapshot, until + 2000)
  return calls
}

describe('a name learned from caller ID, after a reconnect', () => {
  it('the phone in no queue keeps the name its own calls gave it', () => {
    const calls = new CallsProjector(LAB_OPTIONS)
    const decoder = new AmiDecoder()
    for (const r of loadTrace('spy-listen')) if (r.dir === 'rx' && r.t <= 13_000) for (const f of decoder.write(r.raw)) if (f.kind === 'message') calls.apply(f.message, r.t)
    expect(agentRow(calls.model, '2002')?.name).toBe('Supervisor 2002')
    expect(agentRow(reconnectAfter(13_000).model, '2002')?.name).toBe('Supervisor 2002')
  })

  it('queue members still take their names from the snapshot', () => {
    expect(agentRow(reconnectAfter(13_000).model, '1001')?.name).toBe('Agent 1001')
  })
})
