/**
 * A large customers import must not stop main: the floor, the AMI connection (Asterisk drops a
 * manager that does not read its events for `writetimeout`) and every other request wait while the
 * event loop is busy. A review measured 150,000 rows taking a minute in one go. The import now goes
 * in turns, and each number is read once however often the import needs it.
 */
import { expect, it } from 'vitest'
import type { CsvMapping } from '../../../src/shared/records'
import { useServicesOnDisk } from '../../support/services-on-disk'

const servicesOnDisk = useServicesOnDisk()
const ROWS = 3000

function directory(rows: number, from = 0): string {
  const lines = ['Name,Phone,Mobile']
  for (let i = from; i < from + rows; i++) lines.push(`Person ${i},020 7${String(100 + (i % 900))} ${String(1000 + (i % 9000))},07700 9${String(i).padStart(5, '0')}`)
  return lines.join('\n')
}
const MAPPING: CsvMapping = { delimiter: ',', hasHeader: true, name: [0], company: null, phones: [1, 2], email: null, notes: null, url: null }

it('answers other requests while a large import runs, and imports every row', async () => {
  const { services, invoke, store } = servicesOnDisk()
  await services.signIn.firstAdmin({ name: 'Owner', extension: '2001', pin: '4812' })
  let imported: number | null = null
  const importing = invoke('customers:import-csv', { text: directory(ROWS), mapping: MAPPING }).then((r) => (imported = r.imported))
  // The window asks something else meanwhile: answered before the import is done.
  await invoke('session:current', {})
  expect(imported).toBeNull()
  await importing
  expect(imported).toBe(ROWS)
  expect(store.customers.findByNumber('07700 900042', 'GB').map((c) => c.name)).toEqual(['Person 42'])
})

it('runs one import at a time: the same file sent twice at once is imported once, its second copy skipped as duplicates', async () => {
  const { services, invoke } = servicesOnDisk()
  await services.signIn.firstAdmin({ name: 'Owner', extension: '2001', pin: '4812' })
  const text = directory(500)
  const [first, second] = await Promise.all([invoke('customers:import-csv', { text, mapping: MAPPING }), invoke('customers:import-csv', { text, mapping: MAPPING })])
  expect([first.imported, first.duplicates, second.imported, second.duplicates]).toEqual([500, 0, 0, 500])
})
