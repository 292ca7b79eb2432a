/**
 * Records through the real services: the demo PBX plays the inbound-queue-answered capture over
 * AMI on loopback; a customer saved over IPC names the caller on the floor, and the call lands in
 * the call log, matched to that customer, when it ends.
 */
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServices, type EarshotServices } from '../../../src/main/app'
import { startDemoPbx } from '../../../src/main/demo-pbx'
import { openKeychain } from '../../../src/main/secrets'
import { openStore, type Store } from '../../../src/main/app'
import type { InvokeChannel, InvokeRequest, InvokeResponse } from '../../../src/shared/contract'
import { waitFor } from '../../support/wait'

let dir: string
let store: Store
let services: EarshotServices

const call = <C extends InvokeChannel>(channel: C, request: InvokeRequest<C>): Promise<InvokeResponse<C>> =>
  services.router.invoke(channel, request, { origin: 'test' }) as Promise<InvokeResponse<C>>

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'earshot-records-'))
  store = openStore({ dir })
  services = createServices({
    store,
    secrets: openKeychain({ service: `Earshot test ${randomBytes(6).toString('hex')}` }),
    startDemoPbx: () => startDemoPbx({ scenario: 'inbound-queue-answered', speed: 2 })
  })
  await services.signIn.firstAdmin({ name: 'Admin', extension: '2001', pin: '1357' })
})

afterAll(async () => {
  await services.stop()
  store.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('records through the services', () => {
  it('names a known caller on the floor, and logs the call matched to them when it ends', async () => {
    const saved = await call('customers:save', { id: null, input: { name: 'Grace Hopper', company: 'Acme', phones: ['020 7000 1111'] } })
    expect(saved.ok).toBe(true)
    await call('demo:start', {})

    const row = await waitFor(async () => (await call('floor:snapshot', {})).rows.find((r) => r.extension === '1001' && r.calls[0]?.state === 'talking'), '1001 talking', 15_000)
    expect(row.calls[0]?.customer).toBe('+442070001111')
    expect(row.calls[0]?.customerRecord).toMatchObject({ name: 'Grace Hopper', company: 'Acme' })

    // A search answers through the router's response check: its best matches, uncounted.
    expect(await call('customers:search', { query: 'grace' })).toMatchObject({ total: null, customers: [{ name: 'Grace Hopper' }] })
    const card = await call('customers:card', { number: '+442070001111', customerId: null })
    expect(card.customer?.name).toBe('Grace Hopper')
    expect(card.e164).toBe('+442070001111')

    const page = await waitFor(async () => {
      const p = await call('calllog:list', {})
      return p.total > 0 && p
    }, 'the call in the log', 15_000)
    expect(page.entries).toHaveLength(1)
    expect(page.entries[0]).toMatchObject({ agentExtension: '1001', customerE164: '+442070001111', direction: 'inbound', outcome: 'answered', closedBy: 'hangup' })
    expect(page.entries[0]?.customerId).toBe(saved.ok ? saved.customer.id : null)
    const entry = await call('calllog:get', { id: page.entries[0]?.id ?? '' })
    expect(entry.timeline.map((e) => e.kind)).toEqual(expect.arrayContaining(['answered', 'hangup']))

    // The customer's card now lists the call.
    expect((await call('customers:card', { number: null, customerId: saved.ok ? saved.customer.id : null })).recentCalls.map((c) => c.id)).toEqual([page.entries[0]?.id])
    // And the export has it.
    expect((await call('calllog:export', {})).text).toContain('+442070001111')
  }, 30_000)
})
