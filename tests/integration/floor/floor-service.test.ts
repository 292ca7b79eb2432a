/** FloorService over a real loopback AMI connection: sequenced deltas and connection status in words. */
import { afterEach, describe, expect, it } from 'vitest'
import type { ConnectionStatus, FloorDelta } from '../../../src/shared/contract'
import { FloorService } from '../../../src/main/calls/floor-service'
import { type CaptureServer, startCaptureServer } from '../../support/capture-server'
import { LAB_OPTIONS, loadTrace } from '../../support/traces'
import { waitFor } from '../../support/wait'

let server: CaptureServer | null = null
let service: FloorService | null = null
afterEach(async () => {
  service?.disconnect()
  await server?.close()
})

describe('FloorService', () => {
  it('streams gap-free deltas that rebuild the same floor as a snapshot', async () => {
    server = await startCaptureServer(loadTrace('spy-listen'), { speed: 10 })
    service = new FloorService()
    const deltas: FloorDelta[] = []
    const statuses: ConnectionStatus[] = []
    service.on('delta', (d) => deltas.push(d))
    service.on('status', (s) => statuses.push(s))
    service.connect({ kind: 'pbx', client: { url: `ami://127.0.0.1:${server.port}`, username: 'earshot', secret: 'earshot-secret' }, floor: LAB_OPTIONS })
    await waitFor(() => statuses.some((s) => s.state === 'live'), 'live')
    await server.until(6500)
    await new Promise((r) => setTimeout(r, 120)) // one delta interval and then some

    expect(deltas.map((d) => d.seq)).toEqual(deltas.map((_, i) => i + 1))
    const rebuilt = new Map<string, unknown>()
    for (const d of deltas) {
      for (const r of d.rows) rebuilt.set(r.extension, r)
      for (const e of d.removed) rebuilt.delete(e)
    }
    const snapshot = service.snapshot()
    expect(snapshot.seq).toBe(deltas.at(-1)?.seq)
    expect(new Map(snapshot.rows.map((r) => [r.extension, r]))).toEqual(rebuilt)
    expect(snapshot.rows.find((r) => r.extension === '1001')?.calls[0]?.supervisors).toEqual([{ extension: '2002', mode: 'listen' }])
  })

  it('says reconnecting, with the reason and next retry, and marks the floor stale', async () => {
    server = await startCaptureServer(loadTrace('spy-listen'), { speed: 10 })
    service = new FloorService()
    const statuses: ConnectionStatus[] = []
    service.on('status', (s) => statuses.push(s))
    service.connect({ kind: 'pbx', client: { url: `ami://127.0.0.1:${server.port}`, username: 'earshot', secret: 'earshot-secret', backoff: { baseMs: 300, maxMs: 300 } }, floor: LAB_OPTIONS })
    await waitFor(() => service?.status().state === 'live', 'live')
    server.refuseClients(true)
    server.dropClients()
    await waitFor(() => service?.status().state === 'reconnecting', 'reconnecting')
    const lost = service.status()
    expect(lost).toMatchObject({ source: 'pbx', stale: true })
    expect(lost.message).toBeTruthy()
    expect(lost.retryAt).toBeGreaterThan(Date.now() - 1000)
    server.refuseClients(false)
    await waitFor(() => service?.status().state === 'live', 'live again')
    expect(service.status().stale).toBe(false)
  })
})
