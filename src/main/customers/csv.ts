/**
 * CSV as people's spreadsheets and CRMs write it (RFC 4180, read leniently), and as Earshot writes
 * it for them. Small and hand-written: quoted fields with `""` for a quote, delimiters and line
 * breaks inside quotes, CRLF, LF or CR line ends, a UTF-8 byte order mark, blank lines skipped.
 */
import type { CsvDelimiter } from '../../shared/records'

export interface CsvRecord {
  /** Line of the text where the record starts (1-based): what error messages quote. */
  line: number
  cells: string[]
}

export interface CsvParseResult {
  records: CsvRecord[]
  /** Set when the text ends inside a quoted field; `records` holds everything before that record. */
  error: { line: number; message: string } | null
}

const BOM = '\uFEFF'

/**
 * Parses CSV text. Leniencies: a quote inside an unquoted field is kept as text (`5" floppy`), and
 * text after a closing quote is appended (`"Smith" Jr` → `Smith Jr`), as spreadsheet programs do.
 * A record that is only an empty field (a blank line) is skipped.
 */
export function parseCsv(text: string, delimiter: CsvDelimiter, maxRecords = Infinity): CsvParseResult {
  const records: CsvRecord[] = []
  let i = text.startsWith(BOM) ? 1 : 0
  const n = text.length
  let line = 1
  while (i < n && records.length < maxRecords) {
    const start = line
    const cells: string[] = []
    let cell = ''
    let endOfRecord = false
    while (!endOfRecord) {
      if (i < n && text[i] === '"' && cell === '') {
        // Quoted field: runs to the next quote that is not doubled.
        i++
        let closed = false
        while (i < n) {
          const c = text[i]
          if (c === '"') {
            if (text[i + 1] === '"') {
              cell += '"'
              i += 2
              continue
            }
            i++
            closed = true
            break
          }
          if (c === '\r') {
            // A CRLF inside quotes is one line break, kept as \n.
            line++
            cell += '\n'
            i += text[i + 1] === '\n' ? 2 : 1
            continue
          }
          if (c === '\n') line++
          cell += c
          i++
        }
        if (!closed) return { records, error: { line: start, message: 'A quoted field is never closed (a " is missing).' } }
      }
      // Unquoted text (or what follows a closing quote) up to the delimiter or the line end.
      while (i < n) {
        const c = text[i]
        if (c === delimiter || c === '\n' || c === '\r') break
        cell += c
        i++
      }
      cells.push(cell)
      cell = ''
      if (i >= n) endOfRecord = true
      else if (text[i] === delimiter) i++
      else {
        i += text[i] === '\r' && text[i + 1] === '\n' ? 2 : 1
        line++
        endOfRecord = true
      }
    }
    if (!(cells.length === 1 && cells[0] === '')) records.push({ line: start, cells })
  }
  return { records, error: null }
}

const CANDIDATES: readonly CsvDelimiter[] = [',', ';', '\t', '|']

/**
 * The delimiter that splits the first records most consistently into more than one column
 * (Excel writes `;` where the decimal mark is a comma). A comma when nothing splits.
 */
export function detectDelimiter(text: string): CsvDelimiter {
  let best: CsvDelimiter = ','
  let bestScore = 0
  for (const delimiter of CANDIDATES) {
    const { records } = parseCsv(text, delimiter, 30)
    if (records.length === 0) continue
    const counts = new Map<number, number>()
    for (const r of records) counts.set(r.cells.length, (counts.get(r.cells.length) ?? 0) + 1)
    // The most common column count, and how many records agree with it.
    let width = 1
    let agreeing = 0
    for (const [w, c] of counts) if (c > agreeing || (c === agreeing && w > width)) [width, agreeing] = [w, c]
    if (width < 2) continue
    const score = (agreeing / records.length) * 1000 + width
    if (score > bestScore) [best, bestScore] = [delimiter, score]
  }
  return best
}

// ---------------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------------

export type CsvValue = string | number | boolean | null | undefined

/**
 * Characters that make a spreadsheet read a cell as a formula (CSV injection): `=`, `+`, `-`, `@`,
 * and a leading tab or carriage return that some programs skip before looking.
 */
const FORMULA_START = /^[=+\-@\t\r]/

/** A formula start right after a `;`, a tab or a line break inside the text (see `csvCell`). */
const FORMULA_AFTER_SEPARATOR = /([;\t\r\n])(?=[=+\-@])/g

/**
 * A number in E.164 (`+442070001111`): only `+` and digits, which a spreadsheet reads as a number
 * at worst and never runs. Prefixing it would export `'+44…`, which is not the number any more.
 */
const E164_ONLY = /^\+\d+$/

/**
 * One cell: text that would start a formula gets a leading `'` (shown as text, and stripped again
 * by Earshot's import for phone numbers), except a bare E.164 number, and so does each piece of it
 * after a `;`, a tab or a line break that would start one; then the cell is quoted when it holds the delimiter, a
 * quote, a line break, or leading/trailing spaces. Numbers and booleans are written as they are.
 */
export function csvCell(value: CsvValue, delimiter: CsvDelimiter = ','): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : ''
  if (typeof value === 'boolean') return value ? 'true' : 'false'
  let text = value
  if (FORMULA_START.test(text) && !E164_ONLY.test(text)) text = `'${text}`
  // Excel opens a .csv at the region's list separator, `;` across most of Europe, where a quote
  // inside a line does not start a field: each piece after a `;` is a cell of its own, and each
  // line of the text a row.
  text = text.replace(FORMULA_AFTER_SEPARATOR, "$1'")
  if (text.includes(delimiter) || /["\r\n]/.test(text) || text !== text.trim()) return `"${text.replaceAll('"', '""')}"`
  return text
}

/**
 * A whole CSV file: header, rows, CRLF line ends (RFC 4180), and a UTF-8 byte order mark so that
 * Excel reads accents and non-Latin names correctly.
 */
export function toCsv(header: readonly string[], rows: Iterable<readonly CsvValue[]>, delimiter: CsvDelimiter = ','): string {
  const lines = [header.map((h) => csvCell(h, delimiter)).join(delimiter)]
  for (const row of rows) lines.push(row.map((v) => csvCell(v, delimiter)).join(delimiter))
  return `${BOM}${lines.join('\r\n')}\r\n`
}
