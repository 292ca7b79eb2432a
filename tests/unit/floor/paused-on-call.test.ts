/**
 * Issue 13.7 on the real capture `paused-on-call`: 1002 (in `support` and `sales`) answers a
 * `support` call at 1.5 s, is paused in `support` only (reason `coaching`) at 5.5 s while talking,
 * the call ends at 13.1 s, and it stays paused in `support` (not `sales`) until 21.1 s. The row
 * must say the pause while talking, and that it applies to `support` only.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseCapture } from '../../../src/main/capture/format'
import { replayFloor } from '../../../src/main/capture/replay'
import { agentRow } from '../../../src/main/calls'
import { LAB_OPTIONS, TRACES_DIR } from '../../support/traces'

const capture = parseCapture(readFileSync(join(TRACES_DIR, 'paused-on-call.jsonl'), 'utf8'))
const rowAt = (at: number) => agentRow(replayFloor(capture, LAB_OPTIONS, at), '1002')

describe('paused-on-call capture (issue 13.7)', () => {
  it('before the pause: talking, not paused', () => {
    expect(rowAt(4000)).toMatchObject({ status: 'talking', pause: null })
  })

  it('paused in support while talking: the call decides the status, the pause is still there, for support only', () => {
    expect(rowAt(8000)).toMatchObject({ status: 'talking', pause: { reason: 'coaching', queues: ['support'], active: ['sales'] } })
  })

  it('after the call: paused, still in support only (sales still rings it)', () => {
    expect(rowAt(15000)).toMatchObject({ status: 'paused', pause: { reason: 'coaching', queues: ['support'], active: ['sales'] } })
  })

  it('unpaused: idle, no pause', () => {
    expect(rowAt(22000)).toMatchObject({ status: 'idle', pause: null })
  })
})
