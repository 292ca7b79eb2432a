import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { csvCell, detectDelimiter, parseCsv, toCsv } from '../../../src/main/customers/csv'

const cells = (text: string, delimiter: ',' | ';' | '\t' | '|' = ',') => parseCsv(text, delimiter).records.map((r) => r.cells)
const lines = (text: string, delimiter: ',' | ';' | '\t' | '|' = ',') => parseCsv(text, delimiter).records.map((r) => r.line)

describe('parseCsv', () => {
  it('splits plain records on the delimiter and line ends (LF, CRLF, CR)', () => {
    expect(cells('a,b,c\n1,2,3\n')).toEqual([
      ['a', 'b', 'c'],
      ['1', '2', '3']
    ])
    expect(cells('a,b\r\n1,2\r\n')).toEqual([
      ['a', 'b'],
      ['1', '2']
    ])
    expect(cells('a,b\r1,2')).toEqual([
      ['a', 'b'],
      ['1', '2']
    ])
    expect(cells('a;b;c', ';')).toEqual([['a', 'b', 'c']])
    expect(cells('a\tb', '\t')).toEqual([['a', 'b']])
  })

  it('reads quoted fields: delimiters, escaped quotes, embedded CRLF and LF', () => {
    expect(cells('"Smith, Ann","say ""hi""","line1\r\nline2"\n')).toEqual([['Smith, Ann', 'say "hi"', 'line1\nline2']])
    expect(cells('"a\nb",c')).toEqual([['a\nb', 'c']])
    expect(cells('"",x,""')).toEqual([['', 'x', '']])
    expect(cells('"""quoted"""')).toEqual([['"quoted"']])
  })

  it('strips a UTF-8 byte order mark and keeps non-ASCII text', () => {
    expect(cells('\uFEFFname,company\nZoë Ødegård,Société Générale')).toEqual([
      ['name', 'company'],
      ['Zoë Ødegård', 'Société Générale']
    ])
  })

  it('keeps empty fields and skips blank lines', () => {
    expect(cells('a,,c\n\n\n,,\n')).toEqual([
      ['a', '', 'c'],
      ['', '', '']
    ])
  })

  it('is lenient like spreadsheets: a quote inside an unquoted field is text, text after a closing quote is kept', () => {
    expect(cells('5" floppy,x')).toEqual([['5" floppy', 'x']])
    expect(cells('"Smith" Jr,x')).toEqual([['Smith Jr', 'x']])
  })

  it('numbers records by the line they start on, counting line breaks inside quotes', () => {
    const text = 'h1,h2\r\n"multi\r\nline",x\r\n\r\nlast,y\r\n'
    expect(lines(text)).toEqual([1, 2, 5])
  })

  it('reports a quote that is never closed at the line of its record, keeping the records before it', () => {
    const result = parseCsv('a,b\n1,2\n"open,3\n4,5\n', ',')
    expect(result.records.map((r) => r.cells)).toEqual([
      ['a', 'b'],
      ['1', '2']
    ])
    expect(result.error).toEqual({ line: 3, message: expect.stringMatching(/never closed/) as unknown })
  })

  it('round-trips whatever toCsv writes (property)', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'Z', 'é', ' ', ',', ';', '"', '\n', '\r\n', '1', '=', '+', '-', '@', '\t') })
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 8 }), (rows) => {
        const width = rows[0]?.length ?? 2
        const table = rows.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? ''))
        const text = toCsv(table[0] ?? [], table.slice(1))
        const back = parseCsv(text, ',').records.map((r) => r.cells)
        const expected = table
          .map((r) => r.map((c) => (/^[=+\-@\t\r]/.test(c) && !/^\+\d+$/.test(c) ? `'${c}` : c).replace(/([;\t\r\n])(?=[=+\-@])/g, "$1'").replaceAll('\r\n', '\n')))
          .filter((r) => !(r.length === 1 && r[0] === ''))
        expect(back).toEqual(expected)
      })
    )
  })
})

describe('detectDelimiter', () => {
  it.each([
    ['name,phone\nAnn,020\nBob,021', ','],
    ['name;phone\nAnn;020\nBob;021', ';'],
    ['name\tphone\nAnn\t020', '\t'],
    ['name|phone\nAnn|020', '|'],
    // Commas inside quotes do not count; the semicolons split every record.
    ['"Smith, Ann";"020, 021"\n"Jones, Bob";"022"', ';'],
    // Nothing splits: a comma.
    ['just one column\nanother', ',']
  ])('%j → %j', (text, delimiter) => {
    expect(detectDelimiter(text)).toBe(delimiter)
  })
})

describe('CSV export cells', () => {
  it('defuses cells that a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("http://evil","x")')).toBe(`"'=HYPERLINK(""http://evil"",""x"")"`)
    expect(csvCell('+44 20 7000 1111')).toBe("'+44 20 7000 1111")
    expect(csvCell('-2+3')).toBe("'-2+3")
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)")
    expect(csvCell('\t=1')).toBe("'\t'=1")
    expect(csvCell('a=b')).toBe('a=b')
    // A piece after a `;` (Excel's list separator in much of Europe) or a tab would be a cell of its own.
    expect(csvCell("Bob;=cmd|' /C calc'!A0")).toBe("Bob;'=cmd|' /C calc'!A0")
    expect(csvCell('a; -b')).toBe('a; -b')
  })

  it('writes a number in E.164 (only + and digits) as it is: it is not a formula', () => {
    expect(csvCell('+442070001111')).toBe('+442070001111')
    expect(csvCell('+15551230000')).toBe('+15551230000')
    // Anything more after the digits is defused as before.
    expect(csvCell('+442070001111+1')).toBe("'+442070001111+1")
    expect(csvCell('+')).toBe("'+")
  })

  it('quotes what needs it and writes numbers, booleans and nulls plainly', () => {
    expect(csvCell('Smith, Ann')).toBe('"Smith, Ann"')
    expect(csvCell('two\nlines')).toBe('"two\nlines"')
    expect(csvCell(' padded ')).toBe('" padded "')
    expect(csvCell('semi;colon', ';')).toBe('"semi;colon"')
    expect(csvCell(-5)).toBe('-5')
    expect(csvCell(true)).toBe('true')
    expect(csvCell(null)).toBe('')
  })

  it('writes a BOM, a header and CRLF line ends', () => {
    expect(toCsv(['a', 'b'], [['1', 2]])).toBe('\uFEFFa,b\r\n1,2\r\n')
  })
})
