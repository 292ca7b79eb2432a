/**
 * Customer import from CSV, in two steps: `previewCsv` reads the file and suggests which column is
 * what (nothing written), then the repository's `importCsv` takes the mapping the user confirmed
 * and imports the good rows, reporting the bad ones by line.
 */
import type { CsvMapping, CsvPreview, CustomerInput, ImportError, ImportWarning } from '../../shared/records'
import { type CsvRecord, detectDelimiter, parseCsv } from './csv'
import { checkInput, collectRows, type ImportRow, type NumberedInput, type NumberReader } from './input'
import { toE164, unreadableNumber } from './phone'

const PREVIEW_ROWS = 20

type Field = 'name' | 'firstName' | 'lastName' | 'company' | 'phone' | 'email' | 'notes' | 'url'

/** Header titles, lower-cased with spaces, dashes and underscores removed, as CRMs and phones export them. */
const HEADER_WORDS: ReadonlyArray<[Field, RegExp]> = [
  ['firstName', /^(first|given|forename|firstname|givenname|vorname|prenom|prénom)$/],
  ['lastName', /^(last|family|surname|lastname|familyname|nachname|nom)$/],
  ['name', /^(name|fullname|displayname|contact|contactname|customer|customername|client|clientname|person)$/],
  ['company', /^(company|companyname|organisation|organization|organisationname|organizationname|org|business|account|accountname|employer|firma|société|societe)$/],
  ['phone', /^(?!phonetic)(.*(phone|tel|mobile|cell|landline|fax|switchboard|handy|telefon).*|numbers?|phonenumbers?|direct|directline|ddi)$/],
  ['email', /^(email|e?mail|emailaddress|mailaddress|emails|primaryemail)$|email/],
  ['notes', /^(notes?|comments?|remarks?|description|memo|info|details)$/],
  ['url', /^(url|website|web|webpage|homepage|link|crm|crmlink|crmurl|page|site)$/]
]

function fieldOfHeader(title: string): Field | null {
  // Numbered columns (`E-mail 1 - Value`, Google Contacts) read as their kind: `emailvalue`.
  const key = title.toLowerCase().replace(/[\s\-_.:/\d]+/g, '')
  // Their `… - Label` / `… - Type` companions hold `Mobile` or `* Work`: no field's value.
  if (key === '' || /(label|type)$/.test(key)) return null
  for (const [field, pattern] of HEADER_WORDS) if (pattern.test(key)) return field
  return null
}

const EMAIL_LIKE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
const URL_LIKE = /^(https?:\/\/|www\.)\S+$/i
const PHONE_LIKE = /^'?[+(]?[\d\s\-.()/]{6,}(\s*(ext\.?|x)\s*\d+)?$/i

/**
 * Takes back the `'` that Earshot's (and other tools') CSV export puts before a cell that would read
 * as a formula, and the one csvCell puts before each such piece after a `;`, a tab or a line break
 * inside the cell: without it, a note's dash list came back with an apostrophe before every line.
 */
function undefuse(cell: string): string {
  return cell.replace(/^'(?=[=+\-@])/, '').replace(/([;\t\r\n])'(?=[=+\-@])/g, '$1')
}

function phoneCells(cell: string): string[] {
  return cell
    .split(/[;,|\n]/)
    .map((p) => p.trim())
    .filter((p) => p !== '')
}

/**
 * Columns a preview shows at most: contact exports have about a hundred. A row of a million cells
 * (a broken or hostile file) titled, mapped and sent back whole held main for seconds.
 */
const PREVIEW_COLUMNS = 500

/** Reads the file and suggests a mapping; writes nothing. */
export function previewCsv(text: string): CsvPreview {
  const delimiter = detectDelimiter(text)
  const parsed = parseCsv(text, delimiter)
  const shown = parsed.records.slice(0, PREVIEW_ROWS + 1)
  const tooWide = shown.find((r) => r.cells.length > PREVIEW_COLUMNS)
  const records = tooWide === undefined ? parsed.records : parsed.records.map((r, i) => (i <= PREVIEW_ROWS ? { ...r, cells: r.cells.slice(0, PREVIEW_COLUMNS) } : r))
  const first = records[0]
  const hasHeader = first !== undefined && looksLikeHeader(first, records.slice(1, PREVIEW_ROWS + 1))
  const data = hasHeader ? records.slice(1) : records
  const width = Math.max(0, ...records.slice(0, PREVIEW_ROWS + 1).map((r) => r.cells.length))
  const headers = Array.from({ length: width }, (_, i) => (hasHeader ? (first?.cells[i]?.trim() ?? '') : '') || `Column ${i + 1}`)
  const sample = data.slice(0, PREVIEW_ROWS)
  const wide =
    tooWide === undefined
      ? null
      : { line: tooWide.line, message: `Line ${tooWide.line} has ${tooWide.cells.length.toLocaleString('en-US')} columns; Earshot reads the first ${PREVIEW_COLUMNS} of a file. Is the delimiter right?` }
  return {
    delimiter,
    hasHeader,
    headers,
    rows: sample.map((r) => r.cells),
    rowCount: data.length,
    mapping: suggestMapping(delimiter, hasHeader, hasHeader ? (first?.cells ?? []) : null, sample, width),
    problem: parsed.error ?? wide
  }
}

/** A header row names at least one known field and holds no email address or phone number. */
function looksLikeHeader(first: CsvRecord, rest: readonly CsvRecord[]): boolean {
  if (first.cells.some((c) => EMAIL_LIKE.test(c.trim()) || PHONE_LIKE.test(c.trim()))) return false
  if (first.cells.some((c) => fieldOfHeader(c) !== null)) return true
  // No known title: still a header when a column holds numbers or emails below a title that does not.
  return rest.length > 0 && first.cells.some((_, i) => rest.filter((r) => PHONE_LIKE.test(r.cells[i]?.trim() ?? '') || EMAIL_LIKE.test(r.cells[i]?.trim() ?? '')).length * 2 > rest.length)
}

function suggestMapping(delimiter: CsvMapping['delimiter'], hasHeader: boolean, header: readonly string[] | null, sample: readonly CsvRecord[], width: number): CsvMapping {
  const mapping: CsvMapping = { delimiter, hasHeader, name: [], company: null, phones: [], email: null, notes: null, url: null }
  const taken = new Set<number>()
  let first = null as number | null
  let last = null as number | null
  if (header !== null) {
    for (const [i, title] of header.entries()) {
      const field = fieldOfHeader(title)
      if (field === null) continue
      taken.add(i)
      switch (field) {
        case 'name':
          if (mapping.name.length === 0) mapping.name = [i]
          break
        case 'firstName':
          first ??= i
          break
        case 'lastName':
          last ??= i
          break
        case 'company':
          mapping.company ??= i
          break
        case 'phone':
          mapping.phones.push(i)
          break
        case 'email':
          mapping.email ??= i
          break
        case 'notes':
          mapping.notes ??= i
          break
        case 'url':
          mapping.url ??= i
          break
      }
    }
    if (mapping.name.length === 0) mapping.name = [first, last].filter((c): c is number => c !== null)
  }
  // By content for what the titles did not say: mostly emails, mostly links, mostly numbers.
  const share = (i: number, looksRight: (cell: string) => boolean): number => {
    const cells = sample.map((r) => r.cells[i]?.trim() ?? '').filter((c) => c !== '')
    return cells.length === 0 ? 0 : cells.filter(looksRight).length / cells.length
  }
  const isEmail = (c: string): boolean => EMAIL_LIKE.test(c)
  const isUrl = (c: string): boolean => URL_LIKE.test(c)
  const isPhones = (c: string): boolean => phoneCells(c).every((p) => PHONE_LIKE.test(p))
  for (let i = 0; i < width; i++) {
    if (taken.has(i)) continue
    if (mapping.email === null && share(i, isEmail) > 0.5) {
      mapping.email = i
      taken.add(i)
    } else if (mapping.url === null && share(i, isUrl) > 0.5) {
      mapping.url = i
      taken.add(i)
    } else if ((header === null || mapping.phones.length === 0) && share(i, isPhones) > 0.5) {
      mapping.phones.push(i)
      taken.add(i)
    }
  }
  if (mapping.name.length === 0) {
    // The first column with text in it that nothing else claimed.
    for (let i = 0; i < width; i++) {
      if (!taken.has(i) && sample.some((r) => (r.cells[i]?.trim() ?? '') !== '')) {
        mapping.name = [i]
        break
      }
    }
    if (mapping.name.length === 0) mapping.name = [0]
  }
  return mapping
}

/**
 * The CSV's records as customer inputs, by the mapping: each good one with its line and the column
 * each of its numbers came from, each bad one as an error naming the line and the column (by its
 * title). Nothing is written here.
 */
export function csvToInputs(text: string, mapping: CsvMapping): { inputs: NumberedInput[]; errors: ImportError[] } {
  return collectRows(csvRows(text, mapping))
}

/** `csvToInputs` one record at a time, for an import that goes in turns (see in-turns.ts). */
export function* csvRows(text: string, mapping: CsvMapping): Generator<ImportRow> {
  const { records, error } = parseCsv(text, mapping.delimiter)
  const header = mapping.hasHeader ? records[0] : undefined
  const title = (i: number): string => header?.cells[i]?.trim() || `Column ${String(i + 1)}`
  const data = mapping.hasHeader ? records.slice(1) : records
  for (const record of data) {
    const raw = (i: number): string => undefuse((record.cells[i] ?? '').trim())
    const cell = (i: number | null): string => (i === null ? '' : raw(i))
    const name = mapping.name
      .map((i) => cell(i))
      .filter((s) => s !== '')
      .join(' ')
    const company = cell(mapping.company)
    const phones = mapping.phones.flatMap((i) => phoneCells(raw(i)).map((number) => ({ number: undefuse(number), column: i })))
    const input: CustomerInput = {
      // A row with a company and no person is that company's record.
      name: name === '' ? company : name,
      company,
      email: cell(mapping.email),
      notes: cell(mapping.notes),
      externalUrl: cell(mapping.url),
      phones: phones.map((p) => p.number)
    }
    if (Object.values(input).every((v) => v === '' || (Array.isArray(v) && v.length === 0))) continue
    const checked = checkInput(input)
    if (checked.ok) {
      // The first column each (deduplicated) number was found in.
      const phoneColumns = checked.input.phones.map((number) => title(phones.find((p) => p.number === number)?.column ?? 0))
      yield { input: { line: record.line, input: checked.input, phoneColumns } }
    } else {
      const column = columnOf(checked.field, mapping, phones, title)
      yield { error: column === null ? { line: record.line, message: checked.message } : { line: record.line, column, message: checked.message } }
    }
  }
  if (error !== null) yield { error }
}

/** The column (by title) a customer field came from: `name`, `email`, `phones.2`… */
function columnOf(field: string, mapping: CsvMapping, phones: ReadonlyArray<{ column: number }>, title: (i: number) => string): string | null {
  const [head = '', index] = field.split('.')
  switch (head) {
    case 'name':
      return mapping.name.map(title).join(' + ')
    case 'company':
      return mapping.company === null ? null : title(mapping.company)
    case 'email':
      return mapping.email === null ? null : title(mapping.email)
    case 'notes':
      return mapping.notes === null ? null : title(mapping.notes)
    case 'externalUrl':
      return mapping.url === null ? null : title(mapping.url)
    case 'phones': {
      const phone = index === undefined ? undefined : phones[Number(index)]
      return phone !== undefined ? title(phone.column) : mapping.phones.length === 0 ? null : mapping.phones.map(title).join(', ')
    }
    default:
      return null
  }
}

/**
 * The numbers of the records about to be imported that cannot be read as phone numbers with the
 * default country: they are kept as typed and match no call, so the import says so, each with
 * its line, column and why (issue 13.11: `020 7336 7020` was stored as typed, silently).
 */
export function importWarnings(inputs: readonly NumberedInput[], region: string, e164Of: NumberReader = (raw) => toE164(raw, region)): ImportWarning[] {
  const warnings: ImportWarning[] = []
  for (const { line, input, phoneColumns } of inputs) {
    input.phones.forEach((number, i) => {
      if (e164Of(number) !== null) return
      warnings.push({ line, column: phoneColumns?.[i] ?? 'Phone', number, message: unreadableNumber(number, region) })
    })
  }
  return warnings
}
