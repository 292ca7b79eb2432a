/**
 * Issue 14.1: a snapshot still loading when its floor is dropped (a reconnect, "Try the demo
 * floor", saved PBX settings) must end quietly. It used to emit `error` on a floor whose listeners
 * were gone, which throws, and the rejected promise killed the main process.
 */
import { describe, expect, it } from 'vitest'
import { AmiDisconnectedError } from '../../../src/main/ami/errors'
import type { AmiMessage } from '../../../src/main/ami/message'
import { LiveFloor } from '../../../src/main/calls'
import { block, event } from '../../support/events'
import { LAB_OPTIONS } from '../../support/traces'

/** A session whose snapshot actions wait until the test fails them. */
function stalledSession(): { session: { send: () => Promise<{ events: readonly AmiMessage[] }> }; fail: (error: Error) => void } {
  const waiting: Array<(error: Error) => void> = []
  return {
    session: { send: () => new Promise((_resolve, reject) => waiting.push(reject)) },
    fail: (error) => waiting.splice(0).forEach((reject) => reject(error))
  }
}

describe('LiveFloor snapshot cancelled mid-load', () => {
  it('a floor closed while its snapshot loads ends the snapshot quietly: no error, no throw', async () => {
    const floor = new LiveFloor(LAB_OPTIONS)
    const errors: Error[] = []
    floor.on('error', (e) => errors.push(e))
    const { session, fail } = stalledSession()
    const resync = floor.resync(session)
    floor.close()
    fail(new Error('Connection closed'))
    await expect(resync).resolves.toBeUndefined()
    expect(errors).toEqual([])
  })

  it('a snapshot failing on a floor nobody listens to any more does not throw', async () => {
    const floor = new LiveFloor(LAB_OPTIONS)
    const { session, fail } = stalledSession()
    const resync = floor.resync(session)
    floor.removeAllListeners() // what dropping the floor did before it had close()
    fail(new Error('Permission denied'))
    await expect(resync).resolves.toBeUndefined()
  })

  it('a call that began while a snapshot loaded, on a connection that then dropped, is checked by the next snapshot: no ghost', async () => {
    let t = 0
    const floor = new LiveFloor(LAB_OPTIONS, () => t)
    const first = stalledSession()
    const resync = floor.resync(first.session)
    // 1001 starts ringing while the snapshot loads: its events wait in the buffer.
    t = 100
    floor.apply(event('Newchannel', block('PJSIP/1001-00000001', 'a.1', 5)))
    // The connection drops: the client says so before the snapshot's actions fail.
    t = 200
    floor.connectionLost()
    first.fail(new AmiDisconnectedError('Asterisk closed the connection'))
    await resync
    expect(floor.rows().find((r) => r.extension === '1001')?.calls.map((c) => c.id)).toEqual(['a.1'])
    // The next connection's snapshot: the call ended while Earshot was away.
    t = 5000
    await floor.resync({ send: () => Promise.resolve({ events: [] }) })
    expect(floor.rows().flatMap((r) => r.calls)).toEqual([])
  })
})
