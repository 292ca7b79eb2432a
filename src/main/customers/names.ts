/**
 * The Customer column names the caller when Earshot's directory knows the number: each call's
 * number is matched (through the E.164 index) once, then remembered until the customers change.
 */
import type { AgentRow } from '../../shared/floor'
import { matchCustomer } from './match'
import type { Customers } from './repository'

type Match = { id: string; name: string; company: string | null } | null

/** Enough numbers for any floor; beyond it the oldest are looked up again. */
const REMEMBERED = 5000

export class CustomerNames {
  private readonly known = new Map<string, Match>()

  constructor(
    private readonly customers: Customers,
    private readonly region: () => string
  ) {}

  /** Rows with `customerRecord` set on every call whose number matches a customer. */
  enrich(rows: AgentRow[]): AgentRow[] {
    return rows.map((row) =>
      row.calls.length === 0
        ? row
        : {
            ...row,
            calls: row.calls.map((call) => {
              const match = call.customer === null ? null : this.match(call.customer)
              return match === null ? call : { ...call, customerRecord: match }
            })
          }
    )
  }

  /** Customers were added, edited or imported, or the region changed. */
  forget(): void {
    this.known.clear()
  }

  private match(number: string): Match {
    const cached = this.known.get(number)
    if (cached !== undefined) return cached
    const found = matchCustomer(this.customers, number, this.region()).customer
    const match: Match = found === null ? null : { id: found.id, name: found.name, company: found.company }
    if (this.known.size >= REMEMBERED) this.known.delete(this.known.keys().next().value ?? '')
    this.known.set(number, match)
    return match
  }
}
