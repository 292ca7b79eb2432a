/**
 * The Customer column names the caller when Earshot's directory knows the number: each call's
 * number is matched (through the E.164 index) once, then remembered until the customers change.
 */
import type { AgentRow, QueueDeltaView } from '../../shared/floor'
import { readNumber } from './phone'
import type { Customers } from './repository'

type Record = { id: string; name: string; company: string | null }
/** A call's number read once: its E.164 form and display, and whose it is. */
type Match = { number: { e164: string | null; display: string }; record: Record | null }

/** Enough numbers for any floor; beyond it the oldest are looked up again. */
const REMEMBERED = 5000

export class CustomerNames {
  private readonly known = new Map<string, Match>()

  constructor(
    private readonly customers: Customers,
    private readonly region: () => string
  ) {}

  /**
   * Rows with each call's number read with the default country (`customerNumber`: E.164 and how to
   * show it), and `customerRecord` set on every call whose number matches a customer.
   */
  enrich(rows: AgentRow[]): AgentRow[] {
    return rows.map((row) =>
      row.calls.length === 0
        ? row
        : {
            ...row,
            calls: row.calls.map((call) => {
              if (call.customer === null) return call
              const { number, record } = this.match(call.customer)
              return record === null ? { ...call, customerNumber: number } : { ...call, customerNumber: number, customerRecord: record }
            })
          }
    )
  }

  /** Queues with each waiting caller's number read and matched the same way. */
  enrichQueues<Q extends QueueDeltaView>(queues: Q[]): Q[] {
    return queues.map((queue) =>
      queue.callers === undefined || queue.callers.length === 0
        ? queue
        : {
            ...queue,
            callers: queue.callers.map((caller) => {
              if (caller.number === null) return caller
              const { number, record } = this.match(caller.number)
              return record === null ? { ...caller, customerNumber: number } : { ...caller, customerNumber: number, customerRecord: record }
            })
          }
    )
  }

  /**
   * The same match for the call log (CustomerLookup): a call that ends was matched while it was on
   * the floor, so this is a lookup in memory, not a parse and a query per call.
   */
  readonly lookup = (number: string | null): { e164: string | null; customerId: string | null } => {
    if (number === null) return { e164: null, customerId: null }
    const { number: read, record } = this.match(number)
    return { e164: read.e164, customerId: record?.id ?? null }
  }

  /** Customers were added, edited or imported, or the region changed. */
  forget(): void {
    this.known.clear()
  }

  private match(number: string): Match {
    const cached = this.known.get(number)
    if (cached !== undefined) return cached
    // As matchCustomer matches (one rule), with the number parsed once for both its forms.
    const read = readNumber(number, this.region())
    const found = read.e164 === null ? null : (this.customers.findByE164(read.e164)[0] ?? null)
    const match: Match = { number: read, record: found === null ? null : { id: found.id, name: found.name, company: found.company } }
    if (this.known.size >= REMEMBERED) this.known.delete(this.known.keys().next().value ?? '')
    this.known.set(number, match)
    return match
  }
}
