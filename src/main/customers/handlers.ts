/**
 * Customers over IPC: the Customer column's click-through, search, edit, import and export.
 * Every operator reads customers (notes only with see-everyone). Operators without see-everyone
 * see only their own calls on a customer's card, and open the CRM page only for numbers they
 * may see: a customer's, or one of their own calls' (logged, or up on their row now).
 */
import type { CustomerCard, Operator } from '../../shared/contract'
import { linkToOpen } from '../../shared/links'
import { crmUrl } from '../../shared/records'
import type { CallLog } from '../calllog'
import { IpcFailure, type InvokeHandlers } from '../ipc'
import { ownCallSummary, seesEveryone } from '../operators'
import { previewCsv } from './csv-import'
import { customersToCsv } from './export'
import { matchCustomer } from './match'
import { toE164 } from './phone'
import { CustomerError, type Customers } from './repository'

type CustomersChannel =
  | 'customers:card'
  | 'customers:search'
  | 'customers:save'
  | 'customers:delete'
  | 'customers:import-preview'
  | 'customers:import-csv'
  | 'customers:import-vcard'
  | 'customers:export'
  | 'customers:open-crm'

export interface CustomersDeps {
  customers: Customers
  /** A customer's recent calls, for the card. */
  callLog: Pick<CallLog, 'recentForNumber'>
  /** The numbers on this extension's calls up now (the floor's row), as the PBX gives them. */
  liveNumbers: (extension: string) => string[]
  region: () => string
  crmTemplate: () => string | null
  /** Opens an https page in the OS browser (Electron's shell.openExternal); absent in the browser host. */
  openExternal?: (url: string) => Promise<void>
  /** Customers changed: the floor's Customer column may name someone new. */
  changed: () => void
}

const stamp = (): string => new Date().toISOString().slice(0, 10)

function* mapIterable<T, U>(items: Iterable<T>, f: (item: T) => U): Iterable<U> {
  for (const item of items) yield f(item)
}

/** A customer's notes are for operators who see everyone; others get the record without them. */
function withNotesFor<C extends { notes: string | null } | null>(operator: Operator | null, customer: C): C {
  return customer === null || seesEveryone(operator) ? customer : { ...customer, notes: null }
}

export function customersHandlers(deps: CustomersDeps): Pick<InvokeHandlers, CustomersChannel> {
  const { customers } = deps

  function card(number: string | null, customerId: string | null, operator: Operator | null): CustomerCard {
    const matched = matchCustomer(customers, number, deps.region())
    const { e164 } = matched
    const customer = customerId !== null ? customers.get(customerId) : matched.customer
    const numbers = new Set<string>([...(e164 === null ? [] : [e164]), ...(customer?.phones.flatMap((p) => (p.e164 === null ? [] : [p.e164])) ?? [])])
    const recentCalls = [...numbers]
      // Without see-everyone, the operator's own latest calls (not their share of everyone's latest).
      .flatMap((n) => deps.callLog.recentForNumber(n, 10, seesEveryone(operator) ? undefined : (operator?.extension ?? '\u0000')))
      .sort((a, b) => b.startedAt - a.startedAt)
      .slice(0, 10)
      .map((call) => (seesEveryone(operator) ? call : ownCallSummary(call)))
    return { number, e164, customer, recentCalls, crmUrl: crmUrl(deps.crmTemplate(), e164 ?? [...numbers][0] ?? null) }
  }

  /** A number an operator without see-everyone may look up: a customer's, or one of their own calls'. */
  function mayLookUp(e164: string, operator: Operator | null): boolean {
    if (operator === null) return false
    if (customers.findByE164(e164).length > 0) return true
    if (deps.callLog.recentForNumber(e164, 1, operator.extension).length > 0) return true
    return deps.liveNumbers(operator.extension).some((n) => toE164(n, deps.region()) === e164)
  }

  return {
    'customers:card': ({ number, customerId }, caller) => {
      const found = card(number, customerId, caller.operator)
      return { ...found, customer: withNotesFor(caller.operator, found.customer) }
    },
    'customers:search': ({ query, limit, offset }, caller) => {
      const found = query.trim() === '' ? customers.list({ limit, offset }) : { total: null, customers: customers.search(query, { region: deps.region(), limit }) }
      return { ...found, customers: found.customers.map((c) => withNotesFor(caller.operator, c)) }
    },
    'customers:save': ({ id, input }, caller) => {
      const scopes = caller.operator?.scopes ?? []
      if (!scopes.includes('see-everyone') && !scopes.includes('configure-everything')) {
        throw new IpcFailure({ code: 'forbidden', message: `${caller.operator?.name ?? 'This operator'} may read customers but not edit them: that needs the see-everyone or configure-everything scope. Ask an admin.` })
      }
      try {
        // Notes an operator is not shown are not theirs to write: the stored ones stay, a new
        // customer has none. None is '' (the input's "none"): null is no text, and was refused.
        const kept =
          !seesEveryone(caller.operator) && typeof input === 'object' && input !== null ? { ...input, notes: (id === null ? null : customers.get(id)?.notes) ?? '' } : input
        const customer = id === null ? customers.create(kept, deps.region()) : customers.update(id, kept, deps.region())
        deps.changed()
        return { ok: true as const, customer: withNotesFor(caller.operator, customer) }
      } catch (error) {
        if (error instanceof CustomerError && error.kind === 'invalid') return { ok: false as const, errors: { [error.field ?? 'customer']: error.message } }
        throw error
      }
    },
    'customers:delete': ({ id }) => {
      if (!customers.delete(id)) throw new Error('This customer no longer exists.')
      deps.changed()
      return { ok: true as const }
    },
    'customers:import-preview': ({ text }) => previewCsv(text),
    // Notes an operator is not shown are not theirs to write, by import either.
    'customers:import-csv': async ({ text, mapping }, caller) => {
      const result = await customers.importCsv(text, mapping, deps.region, { notes: seesEveryone(caller.operator) })
      if (result.imported > 0) deps.changed()
      return result
    },
    'customers:import-vcard': async ({ text }, caller) => {
      const result = await customers.importVCards(text, deps.region, { notes: seesEveryone(caller.operator) })
      if (result.imported > 0) deps.changed()
      return result
    },
    'customers:export': (_, caller) => ({
      fileName: `earshot-customers-${stamp()}.csv`,
      text: customersToCsv(mapIterable(customers.all(), (c) => withNotesFor(caller.operator, c)))
    }),
    'customers:open-crm': async ({ number }, caller) => {
      const e164 = toE164(number, deps.region())
      if (e164 !== null && !seesEveryone(caller.operator) && !mayLookUp(e164, caller.operator)) {
        throw new IpcFailure({ code: 'forbidden', message: `${caller.operator?.name ?? 'This operator'} may open the CRM for customers and for their own calls only: other numbers need the see-everyone scope.` })
      }
      const url = crmUrl(deps.crmTemplate(), e164)
      if (url === null) throw new Error('No CRM address is set (Settings → Records), or this number has no international form.')
      const verdict = linkToOpen(url)
      if (!verdict.open || !verdict.url.startsWith('https://')) throw new Error(verdict.open ? 'Customer records open over https:// only.' : verdict.reason)
      if (deps.openExternal === undefined) return { url: verdict.url, opened: false }
      await deps.openExternal(verdict.url)
      return { url: verdict.url, opened: true }
    }
  }
}
