/**
 * A floor that says "live" must be live: FloorService over real loopback TCP against stand-in
 * PBXs that misbehave on purpose (issue 14, items 7, 8 and 11). Each test failed before its fix.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { ConnectionStatus } from '../../../src/shared/contract'
import { FloorService } from '../../../src/main/calls/floor-service'
import { type CaptureServer, startCaptureServer } from '../../support/capture-server'
import { LAB_OPTIONS, loadTrace } from '../../support/traces'
import { FakeAsterisk, SECRET, USERNAME } from '../ami/fake-asterisk'
import { waitFor } from '../../support/wait'

let server: CaptureServer | null = null
let fake: FakeAsterisk | null = null
let service: FloorService | null = null
const timers: NodeJS.Timeout[] = []

afterEach(async () => {
  service?.disconnect()
  service = null
  for (const t of timers.splice(0)) clearInterval(t)
  await server?.close()
  await fake?.close()
  server = null
  fake = null
})

function watch(s: FloorService): ConnectionStatus[] {
  const statuses: ConnectionStatus[] = []
  s.on('status', (status) => statuses.push(status))
  return statuses
}

describe('a hostile PBX cannot freeze a floor that says live (14.7)', () => {
  it('one unexpected Response: Follows is read as an ordinary message: later events still reach the floor', async () => {
    let followed = false
    server = await startCaptureServer(loadTrace('spy-listen'), {
      speed: 5,
      // Right after the snapshot's last reply, before the call and the spy start.
      afterAnswer: (c, action) => {
        if (action !== 'BridgeList' || followed) return
        followed = true
        c.sendRaw('Response: Follows\r\nPrivilege: Command\r\n\r\n')
      }
    })
    service = new FloorService()
    service.connect({
      kind: 'pbx',
      client: { url: `ami://127.0.0.1:${server.port}`, username: 'earshot', secret: 'earshot-secret', pingIntervalMs: 100, pingTimeoutMs: 500 },
      floor: LAB_OPTIONS
    })
    await waitFor(() => service?.status().state === 'live', 'live')
    await server.until(6500)
    await new Promise((r) => setTimeout(r, 100))
    expect(followed).toBe(true)
    expect(service.status().state).toBe('live')
    expect(service.rows().find((r) => r.extension === '1001')?.calls[0]?.supervisors).toEqual([{ extension: '2002', mode: 'listen' }])
  })

  it('a PBX that trickles 1 byte/s is not alive: the heartbeat wants its Pong, reconnects and says so', async () => {
    fake = await FakeAsterisk.start({
      // The Pong would queue behind the trickle: it never comes in time.
      silent: ['Ping'],
      handle: (action, c) => {
        if (action.fields.Action !== 'BridgeList') return false
        const junk = 'Event: Slow\r\nData: '
        let i = 0
        timers.push(setInterval(() => c.write(junk.charAt(i++ % junk.length)), 1000))
        return false
      }
    })
    service = new FloorService()
    const statuses = watch(service)
    service.connect({ kind: 'pbx', client: { url: fake.url, username: USERNAME, secret: SECRET, pingIntervalMs: 200, pingTimeoutMs: 1500 }, floor: LAB_OPTIONS })
    await waitFor(() => statuses.some((s) => s.state === 'live'), 'live')
    await waitFor(() => service?.status().state === 'reconnecting', 'reconnecting', 6000)
    expect(service.status()).toMatchObject({ source: 'pbx', stale: true })
    expect(service.status().message).toMatch(/did not answer in time \(Heartbeat timeout: Asterisk did not answer Ping within 1500 ms\)/)
  }, 10_000)
})

describe('a snapshot that gets no answer is retried, then the connection is replaced (14.8)', () => {
  const snapshot = { timeoutMs: 300, retries: 2 }

  it('one lost CoreShowChannels reply: the retry brings the floor live, on the same connection', async () => {
    let asked = 0
    server = await startCaptureServer(loadTrace('spy-listen'), { speed: 5, silent: (action) => action === 'CoreShowChannels' && ++asked === 1 })
    service = new FloorService()
    const statuses = watch(service)
    service.connect({ kind: 'pbx', client: { url: `ami://127.0.0.1:${server.port}`, username: 'earshot', secret: 'earshot-secret' }, floor: LAB_OPTIONS, snapshot })
    await waitFor(() => service?.status().state === 'live', 'live')
    expect(asked).toBe(2)
    expect(statuses.map((s) => s.state)).not.toContain('reconnecting')
  })

  it('a PBX that never answers CoreShowChannels: 3 tries, then a reconnect that says why', async () => {
    let asked = 0
    server = await startCaptureServer(loadTrace('spy-listen'), { speed: 5, silent: (action) => action === 'CoreShowChannels' && ++asked > 0 })
    service = new FloorService()
    service.connect({
      kind: 'pbx',
      client: { url: `ami://127.0.0.1:${server.port}`, username: 'earshot', secret: 'earshot-secret', backoff: { baseMs: 5000 } },
      floor: LAB_OPTIONS,
      snapshot
    })
    await waitFor(() => service?.status().state === 'reconnecting', 'reconnecting')
    expect(asked).toBe(3)
    expect(service.status()).toMatchObject({ source: 'pbx', state: 'reconnecting' })
    expect(service.status().message).toMatch(/did not answer in time \(The floor snapshot failed 3 times: .*CoreShowChannels/)
  })
})

describe('fast drops each get a full resync (14.11)', () => {
  it('the backoff starts over once a login and its snapshot succeed, however short the connection', async () => {
    server = await startCaptureServer(loadTrace('spy-listen'), { speed: 1 })
    service = new FloorService()
    const statuses = watch(service)
    service.connect({
      kind: 'pbx',
      client: { url: `ami://127.0.0.1:${server.port}`, username: 'earshot', secret: 'earshot-secret', backoff: { baseMs: 50, maxMs: 10_000 } },
      floor: LAB_OPTIONS
    })
    const retries: Array<{ at: number; status: ConnectionStatus }> = []
    service.on('status', (status) => {
      if (status.state === 'reconnecting') retries.push({ at: Date.now(), status })
    })
    await waitFor(() => service?.status().state === 'live', 'live')
    // Drops on a fixed schedule, faster than the 30 s "stable" window, as in the 50-drop run.
    const DROPS = 8
    let liveAtDrop = 0
    for (let i = 0; i < DROPS; i++) {
      await new Promise((r) => setTimeout(r, 400))
      if (service.status().state === 'live') liveAtDrop++
      server.dropClients()
    }
    expect(liveAtDrop).toBe(DROPS)
    await waitFor(() => statuses.filter((s) => s.state === 'live').length === DROPS + 1, 'a resync after the last drop')
    // Every retry waited the first step of the backoff (50 ms nominal, 25-50 ms with jitter).
    const delays = retries.map(({ at, status }) => (status.retryAt ?? Infinity) - at)
    expect(delays).toHaveLength(DROPS)
    for (const delay of delays) expect(delay).toBeLessThanOrEqual(55)
  }, 15_000)
})
