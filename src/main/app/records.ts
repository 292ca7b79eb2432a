/**
 * Records over IPC: customers (the Customer column's click-through, search, edit, import and
 * export), the call log and the supervision audit. Operators without see-everyone see only their
 * own calls; the audit is for configure-everything (the router checks that).
 */
import type { CustomerCard } from '../../shared/contract'
import type { CallLogFilter } from '../../shared/records'
import { crmUrl, webAddressProblem } from '../../shared/records'
import { auditToCsv, callLogToCsv } from '../calllog'
import { customersToCsv, previewCsv, toE164 } from '../customers'
import type { CallContext, InvokeHandlers } from '../ipc/router'
import { seesEveryone } from '../operators/visibility'
import { CustomerError, type Store } from '../store'

type RecordsChannel =
  | 'customers:card'
  | 'customers:search'
  | 'customers:save'
  | 'customers:delete'
  | 'customers:import-preview'
  | 'customers:import-csv'
  | 'customers:import-vcard'
  | 'customers:export'
  | 'customers:open-crm'
  | 'calllog:list'
  | 'calllog:get'
  | 'calllog:export'
  | 'audit:list'
  | 'audit:export'

export interface RecordsDeps {
  store: Store
  region: () => string
  crmTemplate: () => string | null
  /** Opens an https page in the OS browser (Electron's shell.openExternal); absent in the browser host. */
  openExternal?: (url: string) => Promise<void>
  /** Customers changed: the floor's Customer column may name someone new. */
  customersChanged: () => void
}

const stamp = (): string => new Date().toISOString().slice(0, 10)

/** An operator without see-everyone: only their own extension's calls, whatever the filter asked. */
function ownCalls(filter: CallLogFilter, caller: CallContext): CallLogFilter {
  if (seesEveryone(caller.operator)) return filter
  return { ...filter, agentExtension: caller.operator?.extension ?? '\u0000' }
}

export function recordsHandlers(deps: RecordsDeps): Pick<InvokeHandlers, RecordsChannel> {
  const { store } = deps

  function card(number: string | null, customerId: string | null): CustomerCard {
    const region = deps.region()
    const e164 = number === null ? null : toE164(number, region)
    const customer = customerId !== null ? store.customers.get(customerId) : e164 === null ? null : (store.customers.findByE164(e164)[0] ?? null)
    const numbers = new Set<string>([...(e164 === null ? [] : [e164]), ...(customer?.phones.flatMap((p) => (p.e164 === null ? [] : [p.e164])) ?? [])])
    const recentCalls = [...numbers]
      .flatMap((n) => store.callLog.recentForNumber(n, 10))
      .sort((a, b) => b.startedAt - a.startedAt)
      .slice(0, 10)
    return { number, e164, customer, recentCalls, crmUrl: crmUrl(deps.crmTemplate(), e164 ?? [...numbers][0] ?? null) }
  }

  return {
    'customers:card': ({ number, customerId }, caller) => {
      const result = card(number, customerId)
      // Without see-everyone, the recent calls are the operator's own only.
      if (!seesEveryone(caller.operator)) result.recentCalls = result.recentCalls.filter((c) => c.agentExtension === caller.operator?.extension)
      return result
    },
    'customers:search': ({ query, limit, offset }) =>
      query.trim() === '' ? store.customers.list({ limit, offset }) : { total: null, customers: store.customers.search(query, { region: deps.region(), limit }) },
    'customers:save': ({ id, input }) => {
      try {
        const customer = id === null ? store.customers.create(input, deps.region()) : store.customers.update(id, input, deps.region())
        deps.customersChanged()
        return { ok: true as const, customer }
      } catch (error) {
        if (error instanceof CustomerError && error.kind === 'invalid') return { ok: false as const, errors: { [error.field ?? 'customer']: error.message } }
        throw error
      }
    },
    'customers:delete': ({ id }) => {
      if (!store.customers.delete(id)) throw new Error('This customer no longer exists.')
      deps.customersChanged()
      return { ok: true as const }
    },
    'customers:import-preview': ({ text }) => previewCsv(text),
    'customers:import-csv': ({ text, mapping }) => {
      const result = store.customers.importCsv(text, mapping, deps.region())
      if (result.imported > 0) deps.customersChanged()
      return result
    },
    'customers:import-vcard': ({ text }) => {
      const result = store.customers.importVCards(text, deps.region())
      if (result.imported > 0) deps.customersChanged()
      return result
    },
    'customers:export': () => ({ fileName: `earshot-customers-${stamp()}.csv`, text: customersToCsv(store.customers.all()) }),
    'customers:open-crm': async ({ number }) => {
      const url = crmUrl(deps.crmTemplate(), toE164(number, deps.region()))
      if (url === null) throw new Error('No CRM address is set (Settings → Records), or this number has no international form.')
      const problem = webAddressProblem(url)
      if (problem !== null || !url.startsWith('https://')) throw new Error(problem ?? 'Customer records open over https:// only.')
      if (deps.openExternal === undefined) return { url, opened: false }
      await deps.openExternal(url)
      return { url, opened: true }
    },
    'calllog:list': (filter, caller) => store.callLog.list(ownCalls(filter, caller), deps.region()),
    'calllog:get': ({ id }, caller) => {
      const entry = store.callLog.get(id)
      if (entry === null || (!seesEveryone(caller.operator) && entry.agentExtension !== caller.operator?.extension)) throw new Error('No such call in the log.')
      // Which operator was on each of Earshot's own legs: from the supervision audit of this call.
      const sessions = store.audit.list({ callId: entry.id })
      const operatorAt = (supervisor: string, at: number): string | null =>
        sessions.find((s) => s.supervisorExtension === supervisor && s.startedAt <= at + 1000 && (s.endedAt ?? Infinity) >= at - 1000)?.operator?.name ?? null
      return {
        ...entry,
        timeline: entry.timeline.map((e) =>
          e.kind === 'supervision-joined' || e.kind === 'supervision-mode' || e.kind === 'supervision-left' ? { ...e, operator: operatorAt(e.supervisor, e.at) } : e
        )
      }
    },
    'calllog:export': (filter, caller) => ({
      fileName: `earshot-call-log-${stamp()}.csv`,
      text: callLogToCsv(store.callLog.iterate({ ...ownCalls(filter, caller), limit: undefined, offset: undefined }, deps.region()))
    }),
    'audit:list': (filter) => ({ entries: store.audit.list(auditFilter(filter)) }),
    'audit:export': (filter) => ({ fileName: `earshot-supervision-audit-${stamp()}.csv`, text: auditToCsv(store.audit.list({ ...auditFilter(filter), limit: filter.limit ?? 1000 })) })
  }
}

function auditFilter(f: { operatorId?: string; agentExtension?: string; from?: number; to?: number; limit?: number }) {
  return { operatorId: f.operatorId, agentExtension: f.agentExtension, since: f.from, until: f.to, limit: f.limit }
}
