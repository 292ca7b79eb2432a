/**
 * asterisk-restart, followed as the live floor follows it (connection lost at the Shutdown, the new
 * session's snapshot folded by `resync`), on a PBX whose admin removed the `sales` queue from
 * queues.conf before restarting it: the new session's QueueStatus answer has no `sales` at all
 * (no QueueParams, no QueueMember). The floor must not keep showing a `sales` tile with the old
 * session's counters (Completed 5) for as long as Earshot runs.
 */
import { describe, expect, it } from 'vitest'
import { queueViews } from '../../../src/main/calls'
import { followAsteriskRestart } from '../../support/asterisk-restart'

// The restarted PBX no longer has `sales`: its items are not in the new session.
const follow = (until: number, dropQueue: string) => followAsteriskRestart(until, (m) => m.fields.Queue !== dropQueue)

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
