/**
 * Review of 157c7dd (CSV export: defuse a formula after a ';' or tab inside a cell). Its premise:
 * Excel in a ';'-list-separator locale does not honour a quote that is not at the start of a
 * field, so each ';'-piece of a line is a cell. By the same premise, a line break inside such a
 * quoted cell ends Excel's row, and the text after it starts the first cell of a new row. A
 * customer's notes are multi-line text (imported from a CRM's CSV or vCard, typed in the card).
 */
import { afterEach, expect, it } from 'vitest'
import { openStore, type Store } from '../../../src/main/app'
import { customersToCsv } from '../../../src/main/customers'
import { useTempDirs } from '../store/temp-dir'

const tempDir = useTempDirs()
const open: Store[] = []
afterEach(() => {
  for (const s of open.splice(0)) if (s.db.open) s.close()
})

it('no piece of the customers export starts a formula when Excel splits it at ";" and at every line break', () => {
  const store = openStore({ dir: tempDir() })
  open.push(store)
  store.customers.create({ name: 'Acme Ltd', phones: ['+442070001111'], notes: "Prefers email\n=cmd|' /C calc'!A0" }, 'GB')
  const csv = customersToCsv(store.customers.all()).replace(/^\uFEFF/, '')
  const cells = csv.split(/\r\n|\n|\r/).flatMap((line) => line.split(';'))
  expect(cells.filter((c) => /^[=+\-@]/.test(c) && !/^\+\d+$/.test(c))).toEqual([])
})
