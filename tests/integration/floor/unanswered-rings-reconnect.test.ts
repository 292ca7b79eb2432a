/**
 * Unanswered rings across a reconnect, on real loopback TCP: LiveFloor follows ringing-abandoned
 * (1004 rings, the caller gives up) through Earshot's AMI client, then the connection drops. What
 * the agents missed or answered while Earshot was away is unknown, so the count starts again from none.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { AmiClient } from '../../../src/main/ami/client'
import type { CaptureServer } from '../../support/capture-server'
import { followCapture } from '../../support/live-floor-over-ami'
import { loadSteps, loadTrace } from '../../support/traces'
import { waitFor } from '../../support/wait'

const records = loadTrace('ringing-abandoned')
const gaveUp = loadSteps('ringing-abandoned').find((s) => /caller gives up/.test(s.step))?.t
let server: CaptureServer | null = null
let client: AmiClient | null = null

afterEach(async () => {
  client?.stop()
  await server?.close()
  client = null
  server = null
})

describe('unanswered rings over a real AMI connection', () => {
  it('counts the ring the caller gave up on live, and forgets it after a reconnect', async () => {
    if (gaveUp === undefined) throw new Error('ringing-abandoned.steps.jsonl no longer says when the caller gives up')
    const { server: pbx, client: ami, floor, snapshots } = await followCapture(records)
    server = pbx
    client = ami
    const rings = (): number | undefined => floor.rows().find((r) => r.extension === '1004')?.unansweredRings

    await waitFor(() => snapshots() === 1, 'the first snapshot')
    expect(rings()).toBe(0)
    await pbx.until(gaveUp + 500)
    await waitFor(() => rings() === 1, '1004 to count the ring the caller gave up on')

    pbx.dropClients()
    await waitFor(() => snapshots() === 2, 'the snapshot after reconnecting')
    expect(rings()).toBe(0)
  })
})
