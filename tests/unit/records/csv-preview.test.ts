/**
 * The import's mapping step (src/renderer/records/pure/csv-preview.ts): roles per column to and from a
 * CsvMapping, and the preview re-read with another delimiter or header setting than main's guess.
 */
import { describe, expect, it } from 'vitest'
import type { CsvMapping, CsvPreview } from '../../../src/shared/records'
import { clampMapping, mappingSummary, previewTable, readCsvRecords, roleOf, withRole } from '../../../src/renderer/records/pure/csv-preview'

const MAPPING: CsvMapping = { delimiter: ',', hasHeader: true, name: [0, 1], company: 2, phones: [3], email: 5, notes: null, url: null }

describe('column roles', () => {
  it('reads each column’s role from the mapping', () => {
    expect([0, 1, 2, 3, 4, 5].map((c) => roleOf(MAPPING, c))).toEqual(['name', 'name', 'company', 'phone', '', 'email'])
  })

  it('name and phone take several columns in file order; the others move', () => {
    expect(withRole(MAPPING, 4, 'phone').phones).toEqual([3, 4])
    expect(withRole(withRole(MAPPING, 4, 'name'), 0, '').name).toEqual([1, 4])
    const moved = withRole(MAPPING, 4, 'company')
    expect(moved.company).toBe(4)
    expect(roleOf(moved, 2)).toBe('')
    // A column has one role at a time.
    const renamed = withRole(MAPPING, 3, 'email')
    expect(renamed.phones).toEqual([])
    expect(renamed.email).toBe(3)
  })

  it('drops columns a narrower reading no longer has', () => {
    expect(clampMapping(MAPPING, 3)).toEqual({ ...MAPPING, phones: [], email: null })
  })

  it('sums up what will be imported', () => {
    expect(mappingSummary(MAPPING, ['First', 'Last', 'Org', 'Mobile', 'Office', 'Mail'])).toEqual([
      'Name from First + Last',
      'Company from Org',
      'Phone numbers from Mobile',
      'Email from Mail'
    ])
  })
})

describe('readCsvRecords', () => {
  it('reads quotes, doubled quotes, separators and line breaks inside quotes, and every line ending', () => {
    const text = '\ufeffa;"b;c";"say ""hi"""\r\n"multi\nline";2;3\r4;5;6\n\n7;8;9'
    expect(readCsvRecords(text, ';', 10)).toEqual([
      ['a', 'b;c', 'say "hi"'],
      ['multi\nline', '2', '3'],
      ['4', '5', '6'],
      ['7', '8', '9']
    ])
  })

  it('stops at the number of records asked for, and forgives an unclosed quote', () => {
    expect(readCsvRecords('1\n2\n3\n4', ',', 2)).toEqual([['1'], ['2']])
    expect(readCsvRecords('a,"open\nb,c', ',', 5)).toEqual([['a', 'open\nb,c']])
  })
})

describe('previewTable', () => {
  const text = 'Name;Phone\nAnn;+44 20 7000 1111\nBob;0161 496 0000'
  const preview: CsvPreview = {
    delimiter: ',',
    hasHeader: false,
    headers: ['Column 1'],
    rows: [['Name;Phone'], ['Ann;+44 20 7000 1111'], ['Bob;0161 496 0000']],
    rowCount: 3,
    mapping: { delimiter: ',', hasHeader: false, name: [0], company: null, phones: [], email: null, notes: null, url: null },
    problem: null
  }

  it('is main’s preview while the user keeps its guess', () => {
    expect(previewTable(text, preview, ',', false)).toEqual({ headers: preview.headers, rows: preview.rows, rowCount: 3 })
  })

  it('re-reads the file with another delimiter and a header row', () => {
    expect(previewTable(text, preview, ';', true)).toEqual({
      headers: ['Name', 'Phone'],
      rows: [
        ['Ann', '+44 20 7000 1111'],
        ['Bob', '0161 496 0000']
      ],
      rowCount: 2
    })
  })
})
