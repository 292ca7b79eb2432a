import type { Customer } from '../../shared/records'
import { toCsv } from './csv'

const iso = (ms: number): string => new Date(ms).toISOString()

/** Customers as CSV, in the columns Earshot's own import recognises (phones in one cell, `; ` between them). */
export function customersToCsv(customers: Iterable<Customer>): string {
  function* rows() {
    for (const c of customers) {
      yield [c.name, c.company, c.phones.map((p) => p.raw).join('; '), c.email, c.notes, c.externalUrl, iso(c.createdAt), iso(c.updatedAt), c.id]
    }
  }
  return toCsv(['Name', 'Company', 'Phones', 'Email', 'Notes', 'URL', 'Created', 'Updated', 'Earshot ID'], rows())
}
