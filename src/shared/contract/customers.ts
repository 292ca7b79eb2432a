/** Customer records: the card behind the Customer column, search, editing, import and export. */
import { z } from 'zod'
import { CallLogSummary, CsvMapping, CsvPreview, Customer, CustomerList, ImportResult } from '../records'
import { Empty, FileOut, Id, type InvokeSpec, Ok } from './common'

/** A customer's record as the Customer column opens it: the record (or none), and calls with that number. */
export const CustomerCard = z.object({
  /** The number asked about, and its E.164 form (null for an extension or garbage). */
  number: z.string().nullable(),
  e164: z.string().nullable(),
  customer: Customer.nullable(),
  recentCalls: z.array(CallLogSummary),
  /** The CRM page for this number (records.crmUrlTemplate), when one is set. */
  crmUrl: z.string().nullable()
})
export type CustomerCard = z.infer<typeof CustomerCard>

/** Longest imported file text (customers CSV/vCard), in UTF-16 code units. */
export const MAX_FILE_TEXT_CHARS = 20_000_000
const FileText = z.string().max(MAX_FILE_TEXT_CHARS)

export const customersInvoke = {
  /** The Customer cell's click: the record matching a number (or none, to create one), with recent calls. */
  'customers:card': { access: 'operator', request: z.object({ number: z.string().max(50).nullable(), customerId: Id.nullable() }).strict(), response: CustomerCard },
  'customers:search': { access: 'operator', request: z.object({ query: z.string().max(100), limit: z.number().int().min(1).max(200).optional(), offset: z.number().int().nonnegative().optional() }).strict(), response: CustomerList },
  /** Create (no id) or update a customer; bad fields come back as field errors. */
  'customers:save': {
    access: 'operator',
    request: z.object({ id: Id.nullable(), input: z.unknown() }).strict(),
    response: z.union([z.object({ ok: z.literal(true), customer: Customer }), z.object({ ok: z.literal(false), errors: z.record(z.string(), z.string()) })])
  },
  'customers:delete': { access: 'configure-everything', request: z.object({ id: Id }).strict(), response: Ok },
  'customers:import-preview': { access: 'configure-everything', request: z.object({ text: FileText }).strict(), response: CsvPreview },
  /** One transaction: good rows imported, bad rows reported with their line. */
  'customers:import-csv': { access: 'configure-everything', request: z.object({ text: FileText, mapping: CsvMapping }).strict(), response: ImportResult },
  'customers:import-vcard': { access: 'configure-everything', request: z.object({ text: FileText }).strict(), response: ImportResult },
  'customers:export': { access: 'configure-everything', request: Empty, response: FileOut },
  /** Opens the CRM page for a number in the default browser (https only); returns where. */
  'customers:open-crm': { access: 'operator', request: z.object({ number: z.string().min(1).max(50) }).strict(), response: z.object({ url: z.string(), opened: z.boolean() }) }
} as const satisfies Record<string, InvokeSpec>
