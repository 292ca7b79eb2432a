import type { Customer } from '../../shared/records'
import { toE164 } from './phone'
import type { Customers } from './repository'

/** A number as the PBX gave it, read in a region: its E.164 form (null for an extension or garbage) and whose it is. */
export interface CustomerMatch {
  e164: string | null
  /** The customer holding that number; the first by name when several do. */
  customer: Customer | null
}

/**
 * The one rule for "which customer is on this call": the number in E.164, looked up through the
 * E.164 index. The floor's Customer column, the customer card and the call log all ask it.
 */
export function matchCustomer(customers: Pick<Customers, 'findByE164'>, number: string | null, region: string): CustomerMatch {
  const e164 = number === null ? null : toE164(number, region)
  return { e164, customer: e164 === null ? null : (customers.findByE164(e164)[0] ?? null) }
}

/** Which customer holds a number, read in the current region: what the call log stores of each call. */
export type CustomerLookup = (number: string | null) => { e164: string | null; customerId: string | null }

/** A lookup straight from the store (CustomerNames.lookup is the same rule, remembered). */
export function lookupIn(customers: Pick<Customers, 'findByE164'>, region: () => string): CustomerLookup {
  return (number) => {
    const match = matchCustomer(customers, number, region())
    return { e164: match.e164, customerId: match.customer?.id ?? null }
  }
}
