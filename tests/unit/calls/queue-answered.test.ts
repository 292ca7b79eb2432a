/**
 * The queue tile's Answered figure against a real capture. paused-on-call: support's QueueParams
 * says Completed 3 at t=4; 1002 answers a support caller at 1519 (AgentConnect); a QueueStatus at
 * 7127, while that call is still up, still says Completed 3 (Asterisk counts a queue call as
 * completed when it ends: AgentComplete at 13131); the call ends at 13132.
 */
import { describe, expect, it } from 'vitest'
import { CallsProjector } from '../../../src/main/calls/projector'
import { queueViews } from '../../../src/main/calls/queues'
import { replayCapture } from '../../../src/main/capture/replay'
import { LAB_OPTIONS, loadLaterCapture } from '../../support/traces'

const records = loadLaterCapture('paused-on-call')
const answeredAt = (at: number): number | null =>
  queueViews(replayCapture(records, new CallsProjector(LAB_OPTIONS), at).model).find((q) => q.name === 'support')?.answered ?? null

describe('a queue’s Answered', () => {
  it('counts a call from its answer on, through a QueueStatus taken while it is talked and after it ends', () => {
    expect(answeredAt(1000)).toBe(3)
    expect(answeredAt(7000)).toBe(4) // 3 completed + the call answered at 1519
    expect(answeredAt(7200)).toBe(4) // the QueueStatus at 7127 still says 3: the call is not completed yet
    expect(answeredAt(13131)).toBe(4) // completed (AgentComplete)
    expect(answeredAt(23000)).toBe(4)
  })
})
