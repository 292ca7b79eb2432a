import { randomUUID } from 'node:crypto'
import type { Database, Statement } from 'better-sqlite3'
import { csvRows, importWarnings } from './csv-import'
import { eachInTurns } from './in-turns'
import { checkInput, type CleanCustomerInput, type ImportRow, type NumberedInput, type NumberReader } from './input'
import { toE164 } from './phone'
import { vcardRows } from './vcard'
import { CsvMapping, type Customer, type CustomerList, type ImportError, type ImportResult } from '../../shared/records'

export type CustomerErrorKind = 'invalid' | 'not-found'

/** Why a customer change was refused; `field` names the input field at fault (`email`, `phones.2`), when one is. */
export class CustomerError extends Error {
  override readonly name = 'CustomerError'
  constructor(
    readonly kind: CustomerErrorKind,
    message: string,
    readonly field: string | null = null
  ) {
    super(message)
  }
}

interface CustomerRow {
  id: string
  name: string
  company: string | null
  email: string | null
  notes: string | null
  external_url: string | null
  created_at: number
  updated_at: number
}

/**
 * The live-call lookup: customers holding a number, through the E.164 index (never a table scan;
 * the tests EXPLAIN it). Exported so the test checks this very statement.
 */
export const FIND_BY_E164_SQL = 'SELECT DISTINCT customer_id FROM customer_phones WHERE e164 = ?'

const DEFAULT_PAGE = 100
const MAX_PAGE = 1000

function page(limit: number | undefined, fallback = DEFAULT_PAGE): number {
  return Math.min(Math.max(Math.trunc(limit ?? fallback), 1), MAX_PAGE)
}

/** `%`, `_` and `\` are LIKE wildcards: a search for `50%` means the text. */
function likeText(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}

/**
 * Customer records and their phone numbers. Each number is stored as entered with its E.164 form
 * for the region given (records.defaultRegion); calls are matched on that form only.
 */
export class Customers {
  private readonly now: () => number
  private readonly newId: () => string
  private readonly phonesOf: Statement<[string], { raw: string; e164: string | null }>
  private readonly byId: Statement<[string], CustomerRow>
  private readonly idsByE164: Statement<[string], { customer_id: string }>
  private readonly insertCustomer: Statement<[CustomerRow]>
  private readonly insertPhone: Statement<[string, number, string, string | null]>
  /** The import running, if any: one at a time, so the same file sent twice is imported once. */
  private importing: Promise<unknown> = Promise.resolve()
  /**
   * Writes to the directory so far. An import checks its rows in turns, and between them main may
   * create, edit or delete a customer or read every number again in a new default country: a row
   * checked before such a write is checked again (see importInTurns).
   */
  private writes = 0

  constructor(
    private readonly db: Database,
    options: { now?: () => number; newId?: () => string } = {}
  ) {
    this.now = options.now ?? Date.now
    this.newId = options.newId ?? randomUUID
    this.phonesOf = db.prepare<[string], { raw: string; e164: string | null }>('SELECT raw, e164 FROM customer_phones WHERE customer_id = ? ORDER BY seq')
    this.byId = db.prepare<[string], CustomerRow>('SELECT * FROM customers WHERE id = ?')
    this.idsByE164 = db.prepare<[string], { customer_id: string }>(FIND_BY_E164_SQL)
    this.insertCustomer = db.prepare<[CustomerRow]>(
      `INSERT INTO customers (id, name, company, email, notes, external_url, created_at, updated_at)
       VALUES (@id, @name, @company, @email, @notes, @external_url, @created_at, @updated_at)`
    )
    this.insertPhone = db.prepare<[string, number, string, string | null]>('INSERT INTO customer_phones (customer_id, seq, raw, e164) VALUES (?, ?, ?, ?)')
  }

  /** Validates and stores a new customer. Throws CustomerError('invalid') naming the field. */
  create(input: unknown, region: string): Customer {
    const clean = validated(input)
    const id = this.newId()
    this.db.transaction(() => this.insert(id, clean, reading(region), this.now())).immediate()
    this.writes++
    return this.mustGet(id)
  }

  /** Replaces a customer's fields and numbers. Throws CustomerError('not-found' | 'invalid'). */
  update(id: string, input: unknown, region: string): Customer {
    const clean = validated(input)
    this.db
      .transaction(() => {
        const result = this.db
          .prepare('UPDATE customers SET name = ?, company = ?, email = ?, notes = ?, external_url = ?, updated_at = ? WHERE id = ?')
          .run(clean.name, clean.company, clean.email, clean.notes, clean.externalUrl, this.now(), id)
        if (result.changes === 0) throw new CustomerError('not-found', 'This customer no longer exists; it may have been deleted.')
        this.db.prepare('DELETE FROM customer_phones WHERE customer_id = ?').run(id)
        this.insertPhones(id, clean.phones, reading(region))
      })
      .immediate()
    this.writes++
    return this.mustGet(id)
  }

  /** Deletes a customer and their numbers; logged calls keep their number and lose the link. False when there was none. */
  delete(id: string): boolean {
    this.writes++
    return this.db.prepare('DELETE FROM customers WHERE id = ?').run(id).changes > 0
  }

  get(id: string): Customer | null {
    const row = this.byId.get(id)
    return row === undefined ? null : this.toCustomer(row)
  }

  /** By name (case-insensitive), a page at a time. */
  list(options: { limit?: number; offset?: number } = {}): CustomerList {
    const rows = this.db.prepare('SELECT * FROM customers ORDER BY name COLLATE NOCASE, id LIMIT ? OFFSET ?').all(page(options.limit), Math.max(0, Math.trunc(options.offset ?? 0))) as CustomerRow[]
    const total = (this.db.prepare('SELECT count(*) AS n FROM customers').get() as { n: number }).n
    return { total, customers: rows.map((r) => this.toCustomer(r)) }
  }

  /**
   * Customers whose name, company or email contains the text, or who hold the number it spells
   * (exactly, in E.164 for the region, or as a run of at least 4 digits of a stored number).
   */
  search(query: string, options: { region: string; limit?: number }): Customer[] {
    const text = query.trim()
    if (text === '') return this.list({ limit: options.limit }).customers
    const e164 = toE164(text, options.region)
    const digits = text.replace(/[\s\-.()/+]/g, '')
    const byDigits = /^\d{4,}$/.test(digits) ? likeText(digits) : null
    const rows = this.db
      .prepare(
        `SELECT * FROM customers c
         WHERE c.name LIKE @like ESCAPE '\\' OR c.company LIKE @like ESCAPE '\\' OR c.email LIKE @like ESCAPE '\\'
           OR c.id IN (SELECT customer_id FROM customer_phones WHERE e164 = @e164)
           OR (@digits IS NOT NULL AND c.id IN (SELECT customer_id FROM customer_phones
                WHERE e164 LIKE @digits ESCAPE '\\' OR replace(replace(replace(raw, ' ', ''), '-', ''), '.', '') LIKE @digits ESCAPE '\\'))
         ORDER BY c.name COLLATE NOCASE, c.id LIMIT @limit`
      )
      .all({ like: likeText(text), e164, digits: byDigits, limit: page(options.limit, 50) }) as CustomerRow[]
    return rows.map((r) => this.toCustomer(r))
  }

  /**
   * Customers holding this number (as the PBX gives it, read in `region`), by name. Uses the
   * E.164 index: this runs for live calls. Empty for numbers with no E.164 form (extensions).
   */
  findByNumber(raw: string, region: string): Customer[] {
    const e164 = toE164(raw, region)
    return e164 === null ? [] : this.findByE164(e164)
  }

  findByE164(e164: string): Customer[] {
    const out: Customer[] = []
    for (const { customer_id } of this.idsByE164.all(e164)) {
      const customer = this.get(customer_id)
      if (customer !== null) out.push(customer)
    }
    return out.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id))
  }

  /** Every customer, by name (for export); read lazily. */
  *all(): IterableIterator<Customer> {
    for (const row of this.db.prepare('SELECT * FROM customers ORDER BY name COLLATE NOCASE, id').iterate() as IterableIterator<CustomerRow>) {
      yield this.toCustomer(row)
    }
  }

  /**
   * Stores validated customers in one transaction: all of them or, if anything fails (the disk,
   * the process dying), none. Returns how many.
   */
  insertMany(inputs: readonly CleanCustomerInput[], e164Of: NumberReader): number {
    const at = this.now()
    this.db.transaction(() => {
      for (const input of inputs) this.insert(this.newId(), input, e164Of, at)
    }).immediate()
    this.writes++
    return inputs.length
  }

  /**
   * CSV import with the mapping the user confirmed (see previewCsv): good rows in one transaction, bad rows by line.
   * `region`: the default country, or where to read it: an import waits for the one before it and
   * runs in turns, and the country may be changed meanwhile (Settings → Records).
   */
  importCsv(text: string, mapping: unknown, region: string | (() => string), options: ImportOptions = {}): Promise<ImportResult> {
    const parsed = CsvMapping.safeParse(mapping)
    if (!parsed.success) return Promise.resolve({ imported: 0, duplicates: 0, errors: [{ line: 1, message: `The column mapping is not valid: ${parsed.error.issues[0]?.message ?? 'check it'}.` }], warnings: [] })
    return this.importRows(() => csvRows(text, parsed.data), region, options)
  }

  /** vCard 3.0/4.0 import: good cards in one transaction, bad ones by the line of their BEGIN:VCARD. */
  importVCards(text: string, region: string | (() => string), options: ImportOptions = {}): Promise<ImportResult> {
    return this.importRows(() => vcardRows(text), region, options)
  }

  /** Recomputes every number's E.164 form for a new default region (numbers written nationally change). */
  renormalize(region: string): number {
    let changed = 0
    const update = this.db.prepare('UPDATE customer_phones SET e164 = ? WHERE customer_id = ? AND seq = ?')
    this.db.transaction(() => {
      for (const p of this.db.prepare('SELECT customer_id, seq, raw, e164 FROM customer_phones').all() as { customer_id: string; seq: number; raw: string; e164: string | null }[]) {
        const e164 = toE164(p.raw, region)
        if (e164 !== p.e164) {
          update.run(e164, p.customer_id, p.seq)
          changed++
        }
      }
    }).immediate()
    this.writes++
    return changed
  }

  /** One import at a time (after the one running, if any), its file read and checked in turns (see in-turns.ts). */
  private importRows(rows: () => Iterable<ImportRow>, region: string | (() => string), { notes = true }: ImportOptions): Promise<ImportResult> {
    const regionNow = typeof region === 'string' ? () => region : region
    const run = this.importing.then(() => this.importInTurns(rows(), regionNow, notes))
    this.importing = run.catch(() => undefined)
    return run
  }

  private async importInTurns(rows: Iterable<ImportRow>, regionNow: () => string, notes: boolean): Promise<ImportResult> {
    const inputs: NumberedInput[] = []
    const errors: ImportError[] = []
    await eachInTurns(rows, (row) => ('error' in row ? errors.push(row.error) : inputs.push(notes ? row.input : { ...row.input, input: { ...row.input.input, notes: null } })))
    let region: string
    let e164Of: NumberReader
    let fresh: NumberedInput[]
    for (let pass = 1; ; pass++) {
      const writes = this.writes
      region = regionNow()
      // Each number is read once however often the import needs it (a duplicate check, its row, a warning).
      e164Of = rememberedReading(region)
      // Directory changes that keep coming cannot hold an import back for ever: the last pass runs in one go.
      fresh = await this.withoutDuplicates(inputs, e164Of, pass < IMPORT_CHECKS_IN_TURNS ? eachInTurns : eachNow, notes)
      // A customer created, edited or deleted, or every number read in a new country, between the
      // turns: the rows are checked again as the directory is now (a row skipped as the duplicate of a
      // customer deleted meanwhile was lost; numbers read in the old country were stored so).
      if (this.writes === writes && regionNow() === region) break
    }
    // The writes in one go (no turn since the check): all good rows or none.
    const imported = fresh.length === 0 ? 0 : this.insertMany(fresh.map((i) => i.input), e164Of)
    return { imported, duplicates: inputs.length - fresh.length, errors: errors.sort((a, b) => a.line - b.line), warnings: importWarnings(fresh, region, e164Of) }
  }

  /**
   * The rows that are not already customers: a row that a stored customer, or an earlier row of the
   * file, already holds exactly (the name with A–Z in any case; company, email, notes and web page;
   * the same set of numbers, read in the region) is skipped, so importing a file again (this week's
   * CRM export after last week's) does not double the directory. Anything that differs is imported:
   * a skipped row never holds anything the directory lacks.
   */
  private async withoutDuplicates(inputs: readonly NumberedInput[], e164Of: NumberReader, each: typeof eachInTurns, notes: boolean): Promise<NumberedInput[]> {
    // Numbers as the store keeps them: E.164 when read in the region, else as typed.
    const key = (c: Omit<CleanCustomerInput, 'phones'>, numbers: ReadonlyArray<{ raw: string; e164: string | null }>): string =>
      JSON.stringify([
        // A–Z only, as SQLite's NOCASE finds the stored ones: a row is never skipped for a name the directory lacks.
        c.name.trim().replace(/[A-Z]/g, (letter) => letter.toLowerCase()),
        c.company,
        c.email,
        // Not compared for an operator not shown notes: the count would tell them what the notes say.
        notes ? c.notes : null,
        c.externalUrl,
        [...new Set(numbers.map((n) => n.e164 ?? n.raw.trim()))].sort()
      ])
    const byName = this.db.prepare<[string], { id: string; name: string; company: string | null; email: string | null; notes: string | null; external_url: string | null }>(
      'SELECT id, name, company, email, notes, external_url FROM customers WHERE name = ? COLLATE NOCASE'
    )
    const numbersOf = this.db.prepare<[string], { raw: string; e164: string | null }>('SELECT raw, e164 FROM customer_phones WHERE customer_id = ?')
    const seen = new Set<string>()
    const fresh: NumberedInput[] = []
    await each(inputs, (numbered) => {
      const { input } = numbered
      const k = key(input, input.phones.map((raw) => ({ raw, e164: e164Of(raw) })))
      if (seen.has(k)) return
      seen.add(k)
      const stored = byName.all(input.name.trim()).some((c) => key({ ...c, externalUrl: c.external_url }, numbersOf.all(c.id)) === k)
      if (!stored) fresh.push(numbered)
    })
    return fresh
  }

  private insert(id: string, c: CleanCustomerInput, e164Of: NumberReader, at: number): void {
    this.insertCustomer.run({ id, name: c.name, company: c.company, email: c.email, notes: c.notes, external_url: c.externalUrl, created_at: at, updated_at: at })
    this.insertPhones(id, c.phones, e164Of)
  }

  private insertPhones(id: string, phones: readonly string[], e164Of: NumberReader): void {
    phones.forEach((raw, seq) => this.insertPhone.run(id, seq, raw, e164Of(raw)))
  }

  private mustGet(id: string): Customer {
    const customer = this.get(id)
    if (customer === null) throw new CustomerError('not-found', 'This customer no longer exists; it may have been deleted.')
    return customer
  }

  private toCustomer(row: CustomerRow): Customer {
    return {
      id: row.id,
      name: row.name,
      company: row.company,
      email: row.email,
      notes: row.notes,
      externalUrl: row.external_url,
      phones: this.phonesOf.all(row.id),
      createdAt: row.created_at,
      updatedAt: row.updated_at
    }
  }
}

export interface ImportOptions {
  /** False: the importing operator is not shown notes: none are written, and none decide whether a row is a stored customer's. */
  notes?: boolean
}

/** How many times an import checks its rows in turns before, the directory having changed under each, it checks them in one go. */
const IMPORT_CHECKS_IN_TURNS = 3

/** `eachInTurns` without the turns. */
function eachNow<T>(items: Iterable<T>, each: (item: T) => void): Promise<void> {
  for (const item of items) each(item)
  return Promise.resolve()
}

/** Numbers read in the region. */
function reading(region: string): NumberReader {
  return (raw) => toE164(raw, region)
}

/** The same, each number read once (one import's worth of numbers). */
function rememberedReading(region: string): NumberReader {
  const read = new Map<string, string | null>()
  return (raw) => {
    let e164 = read.get(raw)
    if (e164 === undefined) read.set(raw, (e164 = toE164(raw, region)))
    return e164
  }
}

function validated(input: unknown): CleanCustomerInput {
  const checked = checkInput(input)
  if (!checked.ok) throw new CustomerError('invalid', checked.message, checked.field)
  return checked.input
}
