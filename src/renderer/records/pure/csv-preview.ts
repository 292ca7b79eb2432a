/**
 * The CSV import's mapping step, pure: which role each column plays (from and to a CsvMapping), and
 * the preview re-read here when the user picks another delimiter or header setting than main's
 * suggestion (`customers:import-preview` reads the file with its own guess only).
 */
import type { CsvDelimiter, CsvMapping, CsvPreview } from '../../../shared/records'

export type ColumnRole = '' | 'name' | 'company' | 'phone' | 'email' | 'notes' | 'url'

export const ROLE_LABEL: Readonly<Record<ColumnRole, string>> = {
  '': 'Not imported',
  name: 'Name',
  company: 'Company',
  phone: 'Phone number',
  email: 'Email',
  notes: 'Notes',
  url: 'Web address'
}

export const ROLES: readonly ColumnRole[] = ['', 'name', 'company', 'phone', 'email', 'notes', 'url']

export const DELIMITER_LABEL: Readonly<Record<CsvDelimiter, string>> = {
  ',': 'Comma ( , )',
  ';': 'Semicolon ( ; )',
  '\t': 'Tab',
  '|': 'Vertical bar ( | )'
}

export function roleOf(mapping: CsvMapping, column: number): ColumnRole {
  if (mapping.name.includes(column)) return 'name'
  if (mapping.phones.includes(column)) return 'phone'
  if (mapping.company === column) return 'company'
  if (mapping.email === column) return 'email'
  if (mapping.notes === column) return 'notes'
  if (mapping.url === column) return 'url'
  return ''
}

/**
 * The mapping with `column` playing `role`: name and phone take several columns (in file order),
 * the others one (the column that had it before is no longer imported).
 */
export function withRole(mapping: CsvMapping, column: number, role: ColumnRole): CsvMapping {
  const without: CsvMapping = {
    ...mapping,
    name: mapping.name.filter((c) => c !== column),
    phones: mapping.phones.filter((c) => c !== column),
    company: mapping.company === column ? null : mapping.company,
    email: mapping.email === column ? null : mapping.email,
    notes: mapping.notes === column ? null : mapping.notes,
    url: mapping.url === column ? null : mapping.url
  }
  const sorted = (columns: number[]): number[] => [...columns].sort((a, b) => a - b)
  switch (role) {
    case '':
      return without
    case 'name':
      return { ...without, name: sorted([...without.name, column]) }
    case 'phone':
      return { ...without, phones: sorted([...without.phones, column]) }
    case 'company':
      return { ...without, company: column }
    case 'email':
      return { ...without, email: column }
    case 'notes':
      return { ...without, notes: column }
    case 'url':
      return { ...without, url: column }
  }
}

/** Drops columns a narrower reading of the file no longer has. */
export function clampMapping(mapping: CsvMapping, width: number): CsvMapping {
  const keep = (c: number | null): number | null => (c !== null && c < width ? c : null)
  return {
    ...mapping,
    name: mapping.name.filter((c) => c < width),
    phones: mapping.phones.filter((c) => c < width),
    company: keep(mapping.company),
    email: keep(mapping.email),
    notes: keep(mapping.notes),
    url: keep(mapping.url)
  }
}

/** Reads up to `max` records of RFC 4180 CSV (quotes, doubled quotes, CRLF/LF/CR), forgiving an unclosed quote. */
export function readCsvRecords(text: string, delimiter: CsvDelimiter, max: number): string[][] {
  const records: string[][] = []
  let cells: string[] = []
  let cell = ''
  let quoted = false
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0
  const endRecord = (): void => {
    cells.push(cell)
    // A blank line is no record.
    if (!(cells.length === 1 && cells[0] === '')) records.push(cells)
    cells = []
    cell = ''
  }
  while (i < text.length && records.length < max) {
    const ch = text[i]
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"'
          i++
        } else quoted = false
      } else cell += ch
    } else if (ch === '"' && cell === '') quoted = true
    else if (ch === delimiter) {
      cells.push(cell)
      cell = ''
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++
      endRecord()
    } else cell += ch
    i++
  }
  if (records.length < max && (cell !== '' || cells.length > 0)) endRecord()
  return records
}

export const PREVIEW_ROWS = 20

export interface PreviewTable {
  headers: string[]
  rows: string[][]
  /** Data rows in the file, header excluded. */
  rowCount: number
}

/** The table the mapping step shows: main's preview as is, or the file re-read with the user's choices. */
export function previewTable(text: string, preview: CsvPreview, delimiter: CsvDelimiter, hasHeader: boolean): PreviewTable {
  if (delimiter === preview.delimiter && hasHeader === preview.hasHeader) {
    return { headers: preview.headers, rows: preview.rows, rowCount: preview.rowCount }
  }
  const records = readCsvRecords(text, delimiter, PREVIEW_ROWS + 1)
  const width = Math.max(0, ...records.map((r) => r.length))
  const first = records[0] ?? []
  const headers = Array.from({ length: width }, (_, i) => (hasHeader ? (first[i]?.trim() ?? '') : '') || `Column ${String(i + 1)}`)
  const rows = (hasHeader ? records.slice(1) : records).slice(0, PREVIEW_ROWS)
  const lines = preview.rowCount + (preview.hasHeader ? 1 : 0)
  return { headers, rows, rowCount: Math.max(0, lines - (hasHeader ? 1 : 0)) }
}

/** "Name from First + Last · Phone numbers from Mobile, Office · …", for the summary under the table. */
export function mappingSummary(mapping: CsvMapping, headers: readonly string[]): string[] {
  const title = (c: number): string => headers[c] ?? `Column ${String(c + 1)}`
  const out: string[] = []
  if (mapping.name.length > 0) out.push(`Name from ${mapping.name.map(title).join(' + ')}`)
  if (mapping.company !== null) out.push(`Company from ${title(mapping.company)}`)
  if (mapping.phones.length > 0) out.push(`Phone numbers from ${mapping.phones.map(title).join(', ')}`)
  if (mapping.email !== null) out.push(`Email from ${title(mapping.email)}`)
  if (mapping.notes !== null) out.push(`Notes from ${title(mapping.notes)}`)
  if (mapping.url !== null) out.push(`Web address from ${title(mapping.url)}`)
  return out
}
