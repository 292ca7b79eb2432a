/**
 * Unanswered rings across a reconnect, on real loopback TCP: LiveFloor follows ringing-abandoned
 * (1004 rings, the caller gives up) through Earshot's AMI client, then the connection drops. What
 * the agents missed or answered while Earshot was away is unknown, so the count starts again from none.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { AmiClient } from '../../../src/main/ami/client'
import { LiveFloor } from '../../../src/main/calls/live-floor'
import { type CaptureServer, startCaptureServer } from '../../support/capture-server'
import { LAB_OPTIONS, loadSteps, loadTrace } from '../../support/traces'

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

async function waitFor(check: () => boolean, what: string): Promise<void> {
  const until = Date.now() + 5000
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 10))
  }
}

describe('unanswered rings over a real AMI connection', () => {
  it('counts the ring the caller gave up on live, and forgets it after a reconnect', async () => {
    if (gaveUp === undefined) throw new Error('ringing-abandoned.steps.jsonl no longer says when the caller gives up')
    server = await startCaptureServer(records, { speed: 10 })
    const pbx = server
    const floor = new LiveFloor(LAB_OPTIONS, () => pbx.now())
    let snapshots = 0
    floor.on('snapshot', () => snapshots++)
    client = new AmiClient({ url: `ami://127.0.0.1:${pbx.port}`, username: 'earshot', secret: 'earshot-secret', backoff: { baseMs: 50, maxMs: 200 } })
    client.on('event', (m) => floor.apply(m))
    client.on('ready', (session) => void floor.resync(session))
    client.start()
    const rings = (): number | undefined => floor.rows().find((r) => r.extension === '1004')?.unansweredRings

    await waitFor(() => snapshots === 1, 'the first snapshot')
    expect(rings()).toBe(0)
    await pbx.until(gaveUp + 500)
    await waitFor(() => rings() === 1, '1004 to count the ring the caller gave up on')

    pbx.dropClients()
    await waitFor(() => snapshots === 2, 'the snapshot after reconnecting')
    expect(rings()).toBe(0)
  })
})
