/**
 * Records: customers (with their phone numbers) and the call log, as the renderer sees them. Main
 * stores them (src/main/store), fills the call log from the AMI events (src/main/calllog) and
 * imports/exports them (src/main/customers); these schemas are what crosses IPC.
 *
 * Times are epoch milliseconds on main's clock. Phone numbers are kept as entered (`raw`) with
 * their E.164 form when they have one (`e164`, null for internal extensions and anything that is
 * not a phone number; those are kept but never matched against calls).
 */
import { z } from 'zod'
import { Direction, SpyMode } from './floor'
import { webPageProblem } from './links'

// ---------------------------------------------------------------------------------------------
// Customers
// ---------------------------------------------------------------------------------------------

/**
 * Below this many digits a number written without `+` or an international prefix is an internal
 * extension or a short code, never a customer's number (main's toE164 and the UI both go by it).
 */
export const PHONE_MIN_DIGITS = 7

export const CustomerPhone = z.object({
  /** As entered or imported. */
  raw: z.string(),
  /** `+442070001111`, or null when the number has no E.164 form (an extension, garbage). */
  e164: z.string().nullable()
})
export type CustomerPhone = z.infer<typeof CustomerPhone>

export const Customer = z.object({
  id: z.string(),
  name: z.string(),
  company: z.string().nullable(),
  email: z.string().nullable(),
  notes: z.string().nullable(),
  /** The customer's page in another system (http or https). */
  externalUrl: z.string().nullable(),
  phones: z.array(CustomerPhone),
  createdAt: z.number(),
  updatedAt: z.number()
})
export type Customer = z.infer<typeof Customer>

const NO_CONTROLS = /^[^\p{Cc}]*$/u
const line = (max: number, what: string) =>
  z
    .string({ error: `The ${what} must be text.` })
    .trim()
    .max(max, { error: `Keep the ${what} to ${max} characters.` })
    .regex(NO_CONTROLS, { error: `The ${what} cannot contain control characters.` })

/** Empty text means "none". */
const optionalLine = (max: number, what: string) => line(max, what).optional()

export const MAX_PHONES_PER_CUSTOMER = 20

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/

/** What a form or an import gives for one customer. Empty optional fields mean "none". */
export const CustomerInput = z.strictObject({
  name: line(200, 'name').min(1, { error: 'Enter a name for the customer.' }),
  company: optionalLine(200, 'company'),
  email: optionalLine(254, 'email address').refine((v) => v === undefined || v === '' || EMAIL.test(v), { error: 'This is not an email address.' }),
  notes: z
    .string({ error: 'The notes must be text.' })
    .max(10_000, { error: 'Keep the notes to 10,000 characters.' })
    .optional(),
  externalUrl: optionalLine(2000, 'web address').superRefine((v, ctx) => {
    if (v === undefined || v === '') return
    const problem = webPageProblem(v)
    if (problem !== null) ctx.addIssue({ code: 'custom', message: problem })
  }),
  phones: z
    .array(line(50, 'phone number').min(1, { error: 'A phone number cannot be empty.' }), { error: 'The phone numbers must be a list.' })
    .max(MAX_PHONES_PER_CUSTOMER, { error: `Keep to ${MAX_PHONES_PER_CUSTOMER} phone numbers per customer.` })
    .default([])
})
export type CustomerInput = z.input<typeof CustomerInput>

/**
 * The CRM page for a number: `records.crmUrlTemplate` with `{e164}` filled in (URL-encoded, so
 * `+44…` arrives as `%2B44…`). Null without a template or without an E.164 number (an extension).
 */
export function crmUrl(template: string | null, e164: string | null): string | null {
  if (template === null || template === '' || e164 === null || !/^\+[1-9]\d{1,14}$/.test(e164)) return null
  return template.replaceAll('{e164}', encodeURIComponent(e164))
}

export const CustomerList = z.object({
  /** How many customers there are, over all pages; null for a search, which returns its best matches uncounted. */
  total: z.number().int().nonnegative().nullable(),
  customers: z.array(Customer)
})
export type CustomerList = z.infer<typeof CustomerList>

// ---------------------------------------------------------------------------------------------
// Import / export
// ---------------------------------------------------------------------------------------------

export const CsvDelimiter = z.enum([',', ';', '\t', '|'])
export type CsvDelimiter = z.infer<typeof CsvDelimiter>

const Column = z.number().int().nonnegative()

/**
 * Which CSV columns (0-based) hold what. `name` may be several columns (first and last name),
 * joined with a space; `phones` may be several columns, and each cell may hold several numbers
 * separated by `;`, `,`, `|` or a line break.
 */
export const CsvMapping = z.object({
  delimiter: CsvDelimiter,
  hasHeader: z.boolean(),
  name: z.array(Column).min(1, { error: 'Choose the column (or columns) with the name.' }),
  company: Column.nullable(),
  phones: z.array(Column),
  email: Column.nullable(),
  notes: Column.nullable(),
  url: Column.nullable()
})
export type CsvMapping = z.infer<typeof CsvMapping>

/** What the import dialog shows before anything is written: the file as read, and a suggested mapping. */
export const CsvPreview = z.object({
  delimiter: CsvDelimiter,
  hasHeader: z.boolean(),
  /** Column titles: the header row, or `Column 1`, `Column 2`, ... without one. */
  headers: z.array(z.string()),
  /** The first data rows (at most 20), header excluded. */
  rows: z.array(z.array(z.string())),
  /** Data rows in the whole file, header excluded. */
  rowCount: z.number().int().nonnegative(),
  mapping: CsvMapping,
  /** A problem reading the file (an unclosed quote), with its line; rows before it are shown. */
  problem: z.object({ line: z.number().int().positive(), message: z.string() }).nullable()
})
export type CsvPreview = z.infer<typeof CsvPreview>

export const ImportError = z.object({
  /** Line of the file where the bad record starts (1-based, the header counts). */
  line: z.number().int().positive(),
  /** The CSV column the problem is in, by its title (`Column 3` without a header row); absent for a problem of the whole record or file. */
  column: z.string().optional(),
  message: z.string()
})
export type ImportError = z.infer<typeof ImportError>

/** A number an imported record keeps as typed because it cannot be read as a phone number (so it matches no call). */
export const ImportWarning = z.object({
  line: z.number().int().positive(),
  /** Its CSV column by title, or the vCard property (`TEL`). */
  column: z.string(),
  number: z.string(),
  /** Why, and what to do about it. */
  message: z.string()
})
export type ImportWarning = z.infer<typeof ImportWarning>

/** Good records are imported (all in one transaction), bad ones reported by line; numbers it could not read are listed. */
export const ImportResult = z.object({
  imported: z.number().int().nonnegative(),
  /** Rows skipped because the directory (or an earlier row of the file) already holds them exactly. */
  duplicates: z.number().int().nonnegative(),
  errors: z.array(ImportError),
  warnings: z.array(ImportWarning)
})
export type ImportResult = z.infer<typeof ImportResult>

// ---------------------------------------------------------------------------------------------
// Call log
// ---------------------------------------------------------------------------------------------

/**
 * answered: the agent answered (talk time counts from then).
 * abandoned: inbound, the caller hung up while the agent's phone rang.
 * missed: inbound, rang the agent and was not answered by them (no answer in time, refused, or
 *   answered by another agent).
 * unanswered: outbound, the far end never answered (busy, no answer, or the agent gave up).
 */
export const CallOutcome = z.enum(['answered', 'abandoned', 'missed', 'unanswered'])
export type CallOutcome = z.infer<typeof CallOutcome>

/** hangup: Asterisk said the agent's channel hung up. resync: the call was gone when Earshot reconnected. */
export const ClosedBy = z.enum(['hangup', 'resync'])
export type ClosedBy = z.infer<typeof ClosedBy>

export const TransferRole = z.enum(['transferer', 'transferee', 'target'])

/** One moment of a call, as the call log keeps it. */
export const TimelineEvent = z.discriminatedUnion('kind', [
  /** The agent's phone started ringing (inbound). */
  z.object({ at: z.number(), kind: z.literal('ringing') }),
  /** The agent's phone placed the call (outbound); `number` as dialled. */
  z.object({ at: z.number(), kind: z.literal('dialling'), number: z.string().nullable() }),
  /** `approx`: Earshot joined mid-call and estimated the answer time from the channel's age. */
  z.object({ at: z.number(), kind: z.literal('answered'), approx: z.boolean() }),
  z.object({ at: z.number(), kind: z.literal('hold') }),
  z.object({ at: z.number(), kind: z.literal('unhold') }),
  /**
   * BlindTransfer / AttendedTransfer involving this leg. `party`: where the call went (for the
   * transferer: the extension dialled, or the target's number), or who came (for the target: the
   * transferee's number).
   */
  z.object({
    at: z.number(),
    kind: z.literal('transfer'),
    type: z.enum(['blind', 'attended']),
    role: TransferRole,
    party: z.string().nullable(),
    result: z.string().nullable()
  }),
  /** `supervisor`: the spying extension; `operator`: the Earshot operator on that leg, when it was Earshot's (added when the call is read). */
  z.object({ at: z.number(), kind: z.literal('supervision-joined'), supervisor: z.string(), mode: SpyMode, operator: z.string().nullable().optional() }),
  z.object({ at: z.number(), kind: z.literal('supervision-mode'), supervisor: z.string(), mode: SpyMode, operator: z.string().nullable().optional() }),
  z.object({ at: z.number(), kind: z.literal('supervision-left'), supervisor: z.string(), mode: SpyMode, operator: z.string().nullable().optional() }),
  /** Asterisk's hangup cause (Q.850 number and text), and how the Dial of this leg ended when known. */
  z.object({
    at: z.number(),
    kind: z.literal('hangup'),
    cause: z.number().nullable(),
    causeText: z.string().nullable(),
    dialStatus: z.string().nullable()
  }),
  /** The AMI connection was lost and the call was gone on reconnect: it ended at or after `at`. */
  z.object({ at: z.number(), kind: z.literal('lost') })
])
export type TimelineEvent = z.infer<typeof TimelineEvent>
export type TimelineKind = TimelineEvent['kind']

/** One completed call of one agent: one agent channel (Uniqueid) from its first ring to its hangup. */
export const CallLogSummary = z.object({
  /** The agent channel's Asterisk Uniqueid. */
  id: z.string(),
  /** Asterisk's Linkedid: the same for every leg of one customer call (other agents rung, transfers). */
  linkedid: z.string(),
  agentExtension: z.string(),
  agentName: z.string(),
  agentChannel: z.string(),
  /** The customer's number as the PBX gave it, null when it never said. */
  customerNumber: z.string().nullable(),
  customerName: z.string().nullable(),
  /** Its E.164 form (records.defaultRegion), null for internal extensions and unknown numbers. */
  customerE164: z.string().nullable(),
  /** The customer record it matched when the call was logged. */
  customerId: z.string().nullable(),
  direction: Direction,
  startedAt: z.number(),
  answeredAt: z.number().nullable(),
  /** True when answeredAt is an estimate (Earshot joined mid-call). */
  answeredAtApprox: z.boolean(),
  endedAt: z.number(),
  /** Whole seconds from answer to hangup (rounded), 0 when never answered. */
  talkSeconds: z.number().int().nonnegative(),
  outcome: CallOutcome,
  /** A supervisor listened, whispered or barged at some point. */
  monitored: z.boolean(),
  closedBy: ClosedBy
})
export type CallLogSummary = z.infer<typeof CallLogSummary>

export const CallLogEntry = CallLogSummary.extend({ timeline: z.array(TimelineEvent) })
export type CallLogEntry = z.infer<typeof CallLogEntry>

export const CALL_LOG_PAGE_MAX = 1000

export const CallLogFilter = z.strictObject({
  /** Calls started at or after (epoch ms). */
  from: z.number().optional(),
  /** Calls started before (epoch ms). */
  to: z.number().optional(),
  agentExtension: z.string().max(80).optional(),
  /** Calls matched to this customer, or to any of their numbers (also calls logged before the record existed). */
  customerId: z.string().max(64).optional(),
  /** A number as typed; main compares its E.164 form (records.defaultRegion), else the number as given. */
  customerNumber: z.string().max(50).optional(),
  direction: Direction.optional(),
  outcome: CallOutcome.optional(),
  monitoredOnly: z.boolean().optional(),
  /** Newest first; default 100, at most 1000. */
  limit: z.number().int().min(1).max(CALL_LOG_PAGE_MAX).optional(),
  offset: z.number().int().nonnegative().optional()
})
export type CallLogFilter = z.infer<typeof CallLogFilter>

export const CallLogPage = z.object({
  /** Calls matching the filter over all pages. */
  total: z.number().int().nonnegative(),
  entries: z.array(CallLogSummary)
})
export type CallLogPage = z.infer<typeof CallLogPage>
