/**
 * A customers import goes in turns (in-turns.ts): between two turns main answers other requests,
 * and some of them write the directory. What the import checked before them (a row that a customer
 * already holds; a number read in the default country) must not be written after them as if
 * nothing had changed. Here every item is its own turn, so a request lands exactly where the test
 * says.
 */
import { expect, it, vi } from 'vitest'
import type { CsvMapping } from '../../../src/shared/records'
import { useServicesOnDisk } from '../../support/services-on-disk'

/** Items the import has gone through so far (both passes: reading the rows, checking them). */
let items = 0
/** Done at every turn, as another request between two turns would. */
let meanwhile: () => void = () => undefined
vi.mock('../../../src/main/customers/in-turns', () => ({
  async eachInTurns<T>(list: Iterable<T>, each: (item: T) => void): Promise<void> {
    for (const item of list) {
      each(item)
      items++
      await new Promise<void>((resolve) => setImmediate(resolve))
      meanwhile()
    }
  }
}))

const servicesOnDisk = useServicesOnDisk()
const MAPPING: CsvMapping = { delimiter: ',', hasHeader: true, name: [0], company: 1, phones: [2], email: null, notes: null, url: null }

async function until(what: () => boolean): Promise<void> {
  for (let i = 0; i < 10_000 && !what(); i++) await new Promise<void>((resolve) => setImmediate(resolve))
  if (!what()) throw new Error('the import never got there')
}

it('a customer deleted after the import found them already there is imported all the same, not skipped as a duplicate', async () => {
  const { services, invoke, store } = servicesOnDisk()
  await services.signIn.firstAdmin({ name: 'Owner', extension: '2001', pin: '4812' })
  const alice = store.customers.create({ name: 'Alice', company: 'Acme', phones: ['020 7000 1111'] }, 'GB')
  items = 0
  const importing = invoke('customers:import-csv', { text: 'Name,Company,Phone\nAlice,Acme,020 7000 1111\nBob,Acme,020 7000 2222', mapping: MAPPING })
  // Two rows read, then Alice's checked (a duplicate of the stored Alice): now she is deleted.
  await until(() => items >= 3)
  await invoke('customers:delete', { id: alice.id })
  const result = await importing
  expect(store.customers.findByNumber('020 7000 1111', 'GB').map((c) => c.name)).toEqual(['Alice'])
  expect(result).toMatchObject({ imported: 2, duplicates: 0 })
})

it('a new default country saved while an import runs: its numbers are stored as read in the new country, as every other number is', async () => {
  const { services, invoke, store } = servicesOnDisk()
  await services.signIn.firstAdmin({ name: 'Owner', extension: '2001', pin: '4812' })
  const rows = Array.from({ length: 2000 }, (_, i) => `Person ${String(i)},Acme,020 7000 ${String(1000 + i)}`)
  items = 0
  let done = false
  const importing = invoke('customers:import-csv', { text: ['Name,Company,Phone', ...rows].join('\n'), mapping: MAPPING }).then((r) => {
    done = true
    return r
  })
  await until(() => items >= 10)
  const view = await invoke('settings:get', {})
  const saved = await invoke('settings:save', { settings: { ...view.settings, records: { ...view.settings.records, defaultRegion: 'US' } } })
  expect(saved.ok).toBe(true)
  expect(done).toBe(false)
  expect((await importing).imported).toBe(2000)
  // Read again in the country now set, nothing changes: no number kept its British reading.
  expect(store.customers.renormalize('US')).toBe(0)
  expect(store.customers.findByNumber('020 7000 1000', 'GB')).toEqual([])
})

it('a directory that changes at every turn holds an import back only so long: its last check runs in one go', async () => {
  const { services, invoke, store } = servicesOnDisk()
  await services.signIn.firstAdmin({ name: 'Owner', extension: '2001', pin: '4812' })
  let n = 0
  meanwhile = () => void store.customers.create({ name: `Walk-in ${String(++n)}`, phones: [] }, 'GB')
  try {
    const result = await invoke('customers:import-csv', { text: 'Name,Company,Phone\nAlice,Acme,020 7000 1111\nBob,Acme,020 7000 2222', mapping: MAPPING })
    expect(result).toMatchObject({ imported: 2, duplicates: 0 })
  } finally {
    meanwhile = () => undefined
  }
})
