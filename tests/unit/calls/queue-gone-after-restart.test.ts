/**
 * asterisk-restart, followed as the live floor follows it (connection lost at the Shutdown, the new
 * session's snapshot folded by `resync`), on a PBX whose admin removed the `sales` queue from
 * queues.conf before restarting it: the new session's QueueStatus answer has no `sales` at all
 * (no QueueParams, no QueueMember). The floor must not keep showing a `sales` tile with the old
 * session's counters (Completed 5) for as long as Earshot runs.
 */
import { describe, expect, it } from 'vitest'
import { AmiDecoder, type AmiMessage } from '../../../src/main/ami'
import { CallsProjector } from '../../../src/main/calls/projector'
import { queueViews } from '../../../src/main/calls'
import { SNAPSHOT_ACTIONS } from '../../../src/main/calls/live-floor'
import { LAB_OPTIONS, loadLaterCapture } from '../../support/traces'

const records = loadLaterCapture('asterisk-restart')
const SNAPSHOT_IDS = new RegExp(`^earshot-(${SNAPSHOT_ACTIONS.map((a) => a.toLowerCase()).join('|')})-`)

function follow(until: number, dropQueue: string): CallsProjector {
  const calls = new CallsProjector(LAB_OPTIONS)
  const decoder = new AmiDecoder()
  const snapshot: AmiMessage[] = []
  let greetings = 0
  let second = false
  let resynced = false
  for (const r of records) {
    if (r.dir !== 'rx' || r.t > until) continue
    // The second greeting: the restarted PBX's new session.
    if (r.raw.startsWith('Asterisk Call Manager') && ++greetings === 2) {
      second = true
      calls.connectionLost(9476, 9428)
    }
    for (const frame of decoder.write(r.raw)) {
      if (frame.kind !== 'message') continue
      const m = frame.message
      if (!second) calls.apply(m, r.t)
      else if (r.t <= 10090) {
        // The restarted PBX no longer has the dropped queue: its items are not in the answer.
        if (m.fields.Event !== undefined && SNAPSHOT_IDS.test(m.fields.ActionID ?? '') && m.fields.Queue !== dropQueue) snapshot.push(m)
      } else if (m.fields.Queue !== dropQueue) {
        if (!resynced) calls.resync(snapshot, 10090)
        resynced = true
        calls.apply(m, r.t)
      }
    }
  }
  if (!resynced) calls.resync(snapshot, 10090)
  return calls
}

describe('a queue the PBX no longer has after a reconnect', () => {
  it('before the restart the sales tile shows the PBX counters', () => {
    const calls = follow(5000, 'sales')
    expect(queueViews(calls.model).find((q) => q.name === 'sales')).toMatchObject({ answered: 5, abandoned: 0 })
  })

  it('is gone from the tiles once the new snapshot is in', () => {
    const calls = follow(20_000, 'sales')
    expect(queueViews(calls.model).map((q) => q.name)).toEqual(['support'])
  })
})
