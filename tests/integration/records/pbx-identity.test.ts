/**
 * Issue 13.2: a call belongs to the PBX, not to the address used to reach it. The services'
 * wiring of the floor and the call log (liveCalls) over real TCP and TLS to the demo PBX, with a
 * real SQLite file: an admin changes the AMI address from `ami://` to `amis://` (a TLS port in
 * front of the same PBX) mid-call, as Settings → Save does; the call in progress carries on in
 * the call log with its exact times and ends with its hangup. A different PBX (another system
 * name) playing the same capture — the same Uniqueids — inherits nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import net from 'node:net'
import tls from 'node:tls'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openStore, type Store } from '../../../src/main/app'
import { liveCalls, type LiveCalls } from '../../../src/main/app/live-calls'
import { callLogSource } from '../../../src/main/calllog'
import { type DemoPbx, startDemoPbx } from '../../../src/main/demo-pbx'
import { demoConnection, type PbxConnection } from '../../../src/main/settings'
import { selfSigned } from '../ami/self-signed'
import { waitFor } from '../../support/wait'
import { lookupIn } from '../../../src/main/customers'

// inbound-queue-answered: 1001 rings at 1511, answers at 1514, the caller hangs up at 9520 (PBX ms).

const cleanup: Array<() => unknown> = []
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f()
})

/** A TLS port on loopback in front of `port` (the PBX's `tlsbindaddr`): another address of the same PBX. */
async function tlsFront(port: number): Promise<{ url: string; ca: string }> {
  const cert = selfSigned('IP:127.0.0.1')
  const server = tls.createServer({ key: cert.key, cert: cert.cert }, (client) => {
    const pbx = net.connect(port, '127.0.0.1')
    client.pipe(pbx).pipe(client)
    const end = (): void => {
      client.destroy()
      pbx.destroy()
    }
    client.on('error', end).on('close', end)
    pbx.on('error', end).on('close', end)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('no TLS port')
  cleanup.push(() => new Promise<void>((resolve) => server.close(() => resolve())), () => cert.remove())
  return { url: `amis://127.0.0.1:${address.port}`, ca: cert.cert }
}

/** The PBX as the settings name it: this address and user (the call log's old key was exactly that). */
function configured(demo: DemoPbx, url: string, ca?: string): PbxConnection {
  const base = demoConnection(demo)
  if (base.floor === null) throw new Error('the demo has no floor source')
  return {
    ...base,
    kind: 'configured',
    identity: callLogSource(url, demo.username),
    floor: { ...base.floor, kind: 'pbx', client: { url, username: demo.username, secret: demo.secret, ...(ca === undefined ? {} : { ca }) } }
  }
}

function setup(): { store: Store; live: LiveCalls; use: (c: PbxConnection) => void } {
  const dir = mkdtempSync(join(tmpdir(), 'earshot-pbx-identity-'))
  const store = openStore({ dir })
  let current: PbxConnection | null = null
  const live = liveCalls({
    store,
    customerOf: lookupIn(store.customers, () => 'GB'),
    connection: () => {
      if (current === null) throw new Error('no connection yet')
      return current
    },
    operator: () => null,
    status: () => undefined,
    callLogStatus: () => undefined
  })
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }), () => store.close(), () => live.stop())
  return {
    store,
    live,
    // What the services do when the PBX settings are saved: the floor connects to the new source.
    use: (c) => {
      current = c
      if (c.floor !== null) live.floor.connect(c.floor)
    }
  }
}

const talking1001 = (live: LiveCalls) => live.floor.rows().find((r) => r.extension === '1001')?.calls.find((c) => c.state === 'talking')

describe('the call log follows the PBX, not its address (issue 13.2)', () => {
  it('ami:// → amis:// to the same PBX mid-call: the call carries on, exact, and is logged once with its hangup', async () => {
    const demo = await startDemoPbx({ scenario: 'inbound-queue-answered' })
    cleanup.push(() => demo.stop())
    const front = await tlsFront(demo.port)
    const { store, live, use } = setup()

    use(configured(demo, demo.url))
    const before = await waitFor(() => talking1001(live), '1001 talking on ami://', 20_000)
    expect(before.answeredAtApprox).toBe(false)
    const answeredAt = before.answeredAt

    // Settings → PBX: the recommended TLS address of the same PBX, saved while the call is up.
    use(configured(demo, front.url, front.ca))
    const tlsSource = live.floor.source()
    await waitFor(() => live.floor.status().state === 'live', 'live on amis://', 20_000)
    expect(live.floor.source()).toBe(tlsSource)
    // On the new address the call is the same call, with its exact answer time (no "~").
    const after = talking1001(live)
    expect(after).toMatchObject({ id: before.id, answeredAt, answeredAtApprox: false })
    // Nothing was closed by the switch.
    expect(store.callLog.list().total).toBe(0)

    const entry = await waitFor(() => store.callLog.list().entries[0], 'the call in the log', 20_000)
    expect(entry).toMatchObject({ id: before.id, agentExtension: '1001', answeredAt, answeredAtApprox: false, outcome: 'answered', closedBy: 'hangup' })
    // The PBX ran the call for 8 s from answer to hangup (1514 → 9520).
    expect(entry.talkSeconds).toBeGreaterThanOrEqual(7)
    expect(store.callLog.get(before.id)?.timeline.map((e) => e.kind)).toEqual(['ringing', 'answered', 'hangup'])
    expect(store.callLog.list().total).toBe(1)
  }, 40_000)

  it('another PBX (another system name) with a channel of the same Uniqueid does not inherit the call: it is closed as lost', async () => {
    const a = await startDemoPbx({ scenario: 'inbound-queue-answered' })
    cleanup.push(() => a.stop())
    const b = await startDemoPbx({ scenario: 'inbound-queue-answered', systemName: 'pbx-b' })
    cleanup.push(() => b.stop())
    const { store, live, use } = setup()

    use(configured(a, a.url))
    const call = await waitFor(() => talking1001(live), '1001 talking on PBX A', 20_000)
    use(configured(b, b.url))
    // The switch closed the first connection: its calls were last known up then.
    const switchedAt = Date.now()
    const entry = await waitFor(() => store.callLog.list().entries.find((e) => e.id === call.id), 'A’s call closed', 20_000)
    expect(entry).toMatchObject({ closedBy: 'resync', outcome: 'answered' })
    expect(entry.endedAt).toBeLessThanOrEqual(switchedAt)
    expect(store.callLog.get(call.id)?.timeline.at(-1)?.kind).toBe('lost')
  }, 40_000)
})
