/**
 * The whole live path on real loopback TCP: Earshot's AMI client logs in to a stand-in Asterisk
 * serving a real capture, LiveFloor takes its snapshot and follows the live events. Then the
 * connection drops: while Earshot is away calls end, and after the reconnect no ghost remains.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { AmiClient } from '../../../src/main/ami/client'
import { replayAt } from '../../../src/main/capture/replay'
import { viewOfRows } from '../../../src/main/capture/view'
import type { LiveFloor } from '../../../src/main/calls/live-floor'
import type { CaptureServer } from '../../support/capture-server'
import { followCapture } from '../../support/live-floor-over-ami'
import { LAB_OPTIONS, loadTrace } from '../../support/traces'
import { waitFor } from '../../support/wait'

const records = loadTrace('spy-listen')
let server: CaptureServer | null = null
let client: AmiClient | null = null

afterEach(async () => {
  client?.stop()
  await server?.close()
  client = null
  server = null
})

async function connect(): Promise<{ floor: LiveFloor; snapshots: () => number }> {
  const followed = await followCapture(records)
  server = followed.server
  client = followed.client
  return followed
}

function view(floor: LiveFloor, at: number) {
  return viewOfRows(floor.rows(), at).agents
}

describe('LiveFloor over a real AMI connection', () => {
  it('shows what the capture showed, live', async () => {
    const { floor, snapshots } = await connect()
    await waitFor(() => snapshots() === 1, 'the first snapshot')
    await server?.until(6000)
    await new Promise((r) => setTimeout(r, 50))
    const live = view(floor, 6000).find((a) => a.extension === '1001')
    expect(live).toMatchObject({ status: 'talking', customer: '+442070002222', supervisors: [{ extension: '2002', mode: 'listen' }] })
    // The same floor, but for when the call was answered: the stand-in's timing is the capture's to a few ms, not exactly.
    const replayed = replayAt(records, LAB_OPTIONS, 6000).agents.find((a) => a.extension === '1001')
    expect({ ...live, statusSince: null, statusSeconds: null }).toEqual({ ...replayed, statusSince: null, statusSeconds: null })
    expect(Math.abs((live?.statusSince ?? -1e9) - (replayed?.statusSince ?? 0))).toBeLessThanOrEqual(1000)
  })

  it('after a reconnect keeps the call that is still up, with its exact talk time', async () => {
    const { floor, snapshots } = await connect()
    await waitFor(() => snapshots() === 1, 'the first snapshot')
    await server?.until(6000)
    const before = floor.rows().find((r) => r.extension === '1001')?.calls[0]
    expect(before?.answeredAtApprox).toBe(false)
    server?.dropClients()
    await waitFor(() => snapshots() === 2, 'the snapshot after reconnecting')
    const after = floor.rows().find((r) => r.extension === '1001')?.calls[0]
    expect(after).toMatchObject({ id: before?.id, answeredAt: before?.answeredAt, answeredAtApprox: false, state: 'talking' })
    // The snapshot says the spy leg runs ChanSpy(PJSIP/1001,qdE): still listening.
    expect(after?.supervisors).toEqual([{ extension: '2002', mode: 'listen' }])
  })

  it('leaves no ghost of calls that ended while it was disconnected', async () => {
    const { floor, snapshots } = await connect()
    await waitFor(() => snapshots() === 1, 'the first snapshot')
    await server?.until(6000)
    expect(floor.rows().find((r) => r.extension === '1001')?.status).toBe('talking')
    server?.refuseClients(true)
    server?.dropClients()
    await server?.until(13000) // the spy and then the customer hang up while Earshot is away
    server?.refuseClients(false)
    await waitFor(() => snapshots() === 2, 'the snapshot after reconnecting')
    expect(floor.rows().filter((r) => r.calls.length > 0)).toEqual([])
    expect(floor.rows().find((r) => r.extension === '1001')?.status).toBe('idle')
  })
})
