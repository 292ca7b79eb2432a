/**
 * Issue 11 §2: the queue panel names a waiting caller whom Earshot's directory knows, as the floor
 * does for calls. Main reads each waiting caller's number with the default country and matches it
 * against the customers in real SQLite (CustomerNames, the same lookup as the rows').
 */
import { afterEach, beforeEach, expect, it } from 'vitest'
import { openStore, type Store } from '../../../src/main/app'
import { CustomerNames } from '../../../src/main/customers'
import type { QueueView } from '../../../src/shared/floor'
import { useTempDirs } from '../store/temp-dir'

const tempDir = useTempDirs()
let store: Store
beforeEach(() => {
  store = openStore({ dir: tempDir(), now: () => 1_800_000_000_000 })
})
afterEach(() => store.close())

const caller = (id: string, number: string | null, position: number): QueueView['callers'][number] => ({ id, number, name: null, position, joinedAt: 1_799_999_990_000, joinedAtApprox: false })

function support(): QueueView {
  return {
    name: 'support', strategy: 'rrmemory', waiting: 3, longestWaitSince: 1_799_999_990_000,
    callers: [caller('c1', '02070001111', 1), caller('c2', '+44 20 7000 2222', 2), caller('c3', null, 3)],
    members: ['1001'], available: 1, busy: 0, paused: 0, offline: 0, answered: null, abandoned: null, answeredSeen: 0, abandonedSeen: 0,
    serviceLevelSeconds: null, serviceLevelPercent: null
  }
}

it('a waiting caller whose number matches a customer carries the record; the others their number read with the default country', () => {
  const created = store.customers.create({ name: 'Uma Stone', phones: ['+442070001111'] }, 'GB')
  const names = new CustomerNames(store.customers, () => 'GB')
  const [queue] = names.enrichQueues([support()])
  const [known, unknown, hidden] = queue?.callers ?? []
  expect(known?.customerRecord).toEqual({ id: created.id, name: 'Uma Stone', company: null })
  expect(known?.customerNumber?.e164).toBe('+442070001111')
  expect(unknown?.customerRecord).toBeUndefined()
  expect(unknown?.customerNumber?.e164).toBe('+442070002222')
  // A caller without a number is left as it was.
  expect(hidden).toEqual(support().callers[2])
})

it('an empty queue is passed through untouched', () => {
  const names = new CustomerNames(store.customers, () => 'GB')
  const empty = { ...support(), waiting: 0, longestWaitSince: null, callers: [] }
  expect(names.enrichQueues([empty])[0]).toBe(empty)
})
