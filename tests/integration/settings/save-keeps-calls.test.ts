/**
 * Issue 13.5: "Any Settings save also turned live calls into '~' estimates including ring time".
 * The real services (createServices) with a real SQLite file, on the demo PBX over loopback TCP
 * playing inbound-queue-answered (1001 answers at 1514 and hangs up at 9520, PBX ms; here at half
 * speed). Saving settings that do not change how Earshot reaches the PBX (the same settings, the
 * supervision method, context and feature codes, which agents show, the softphone, records) must
 * not reconnect the floor at all: the call keeps its exact answer time and the floor stays live,
 * with the new floor options applied. A save that does change the connection (a new AMI address
 * for the same PBX) reconnects, and the call still keeps its exact answer time, on the floor and in
 * the call log.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import net from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createServices, type EarshotServices, openStore, type Store } from '../../../src/main/app'
import { type DemoPbx, startDemoPbx } from '../../../src/main/demo-pbx'
import type { SecretStore } from '../../../src/main/secrets'
import type { ConnectionStatus, InvokeChannel, InvokeRequest, InvokeResponse } from '../../../src/shared/contract'
import type { MachineSettings } from '../../../src/shared/settings'
import { waitFor } from '../../support/wait'

const cleanup: Array<() => unknown> = []
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f()
})

/** Passwords in memory (the keychain is not what this test is about). */
function memorySecrets(): SecretStore {
  const kept = new Map<string, string>()
  return {
    get: (account) => Promise.resolve(kept.get(account) ?? null),
    set: (account, value) => {
      kept.set(account, value)
      return Promise.resolve()
    },
    delete: (account) => Promise.resolve(kept.delete(account))
  }
}

/** Another TCP address of the same PBX (a port forward on loopback). */
async function forward(port: number): Promise<string> {
  const sockets = new Set<net.Socket>()
  const server = net.createServer((client) => {
    const pbx = net.connect(port, '127.0.0.1')
    sockets.add(client).add(pbx)
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
  if (address === null || typeof address === 'string') throw new Error('no port')
  cleanup.push(() => {
    for (const s of sockets) s.destroy()
    return new Promise<void>((resolve) => server.close(() => resolve()))
  })
  return `ami://127.0.0.1:${address.port}`
}

async function setup(): Promise<{ demo: DemoPbx; store: Store; services: EarshotServices }> {
  const demo = await startDemoPbx({ scenario: 'inbound-queue-answered', speed: 0.5 })
  cleanup.push(() => demo.stop())
  const dir = mkdtempSync(join(tmpdir(), 'earshot-save-'))
  const store = openStore({ dir })
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }), () => store.close())
  const services = createServices({ store, secrets: memorySecrets(), startDemoPbx: () => Promise.reject(new Error('no demo here')) })
  cleanup.push(() => services.stop())
  await services.signIn.firstAdmin({ name: 'Admin', extension: '2001', pin: '1357' })
  return { demo, store, services }
}

describe('saving settings while calls are up (issue 13.5)', () => {
  it('a save that does not change the PBX connection never reconnects: the floor stays live and every call keeps its exact answer time', async () => {
    const { demo, store, services } = await setup()
    const call = <C extends InvokeChannel>(channel: C, request: InvokeRequest<C>): Promise<InvokeResponse<C>> =>
      services.router.invoke(channel, request, { origin: 'test' }) as Promise<InvokeResponse<C>>
    const save = async (change: (s: MachineSettings) => MachineSettings): Promise<void> => {
      const view = await call('settings:get', {})
      const result = await call('settings:save', { settings: change(view.settings) })
      if (!result.ok) throw new Error(JSON.stringify(result.errors))
    }
    const talking1001 = () => services.floor.rows().find((r) => r.extension === '1001')?.calls.find((c) => c.state === 'talking')

    await call('settings:set-secret', { account: 'ami', value: demo.secret, address: demo.url })
    await save((s) => ({ ...s, pbx: { ...s.pbx, url: demo.url, username: demo.username, featureCodes: { listen: '555', whisper: '556', barge: '557' } } }))
    await waitFor(() => services.floor.status().state === 'live', 'the floor live', 20_000)
    const before = await waitFor(talking1001, '1001 talking', 20_000)
    expect(before.answeredAtApprox).toBe(false)
    expect(services.floor.rows().map((r) => r.extension)).toContain('1004')

    // From now on: every source switch and every status the floor goes through.
    const sources: unknown[] = []
    const statuses: Array<ConnectionStatus['state']> = []
    services.floor.on('source', (s) => sources.push(s))
    services.floor.on('status', (s) => statuses.push(s.state))

    await save((s) => s)
    await save((s) => ({ ...s, pbx: { ...s.pbx, method: 'chanspy', context: 'from-supervisors' } }))
    await save((s) => ({ ...s, pbx: { ...s.pbx, method: 'feature-codes', featureCodes: { listen: '565', whisper: '566', barge: '567' } } }))
    await save((s) => ({ ...s, floor: { ...s.floor, hidden: ['1004'] } }))
    await save((s) => ({ ...s, softphone: { ...s.softphone, wsUrl: 'ws://127.0.0.1:9/ws', extension: '2001' } }))
    await save((s) => ({ ...s, records: { ...s.records, defaultRegion: 'US' } }))

    // Before the fix: the supervision and floor sections reconnected the floor (connecting, live again).
    expect(sources).toEqual([])
    expect(statuses.filter((s) => s !== 'live')).toEqual([])
    expect(services.floor.status().state).toBe('live')
    expect(talking1001()).toMatchObject({ id: before.id, answeredAt: before.answeredAt, answeredAtApprox: false })
    // The floor options changed all the same: 1004 is hidden now.
    await waitFor(() => !services.floor.rows().some((r) => r.extension === '1004'), '1004 hidden', 20_000)

    // A new address of the same PBX (its password typed for it): a reconnect, and the call is the same call, exact.
    const url = await forward(demo.port)
    await call('settings:set-secret', { account: 'ami', value: demo.secret, address: url })
    await save((s) => ({ ...s, pbx: { ...s.pbx, url } }))
    await waitFor(() => sources.length > 0 && services.floor.status().state === 'live' && talking1001(), 'live on the new address', 20_000)
    expect(talking1001()).toMatchObject({ id: before.id, answeredAt: before.answeredAt, answeredAtApprox: false })

    const entry = await waitFor(() => store.callLog.get(before.id), 'the call in the log', 30_000)
    expect(entry).toMatchObject({ answeredAt: before.answeredAt, answeredAtApprox: false, outcome: 'answered', closedBy: 'hangup' })
    expect(entry.timeline.map((e) => e.kind)).toEqual(['ringing', 'answered', 'hangup'])
  }, 60_000)
})
