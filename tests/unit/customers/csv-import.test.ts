import { describe, expect, it } from 'vitest'
import { csvToInputs, importWarnings, previewCsv } from '../../../src/main/customers/csv-import'
import { customersToCsv } from '../../../src/main/customers/export'
import type { CsvMapping, Customer } from '../../../src/shared/records'

describe('previewCsv', () => {
  it('shows at most 500 columns of a file whose row holds a million cells, and says why', () => {
    // A hostile or broken file (a million commas on one line): every column titled, mapped and sent back held main for seconds.
    const preview = previewCsv(`Name,Phone\nAna,+44 20 7000 1111${','.repeat(1_000_000)}\n`)
    expect(preview.headers).toHaveLength(500)
    expect(preview.rows.every((row) => row.length <= 500)).toBe(true)
    expect(preview.rows[0]?.slice(0, 2)).toEqual(['Ana', '+44 20 7000 1111'])
    expect(preview.mapping).toMatchObject({ name: [0], phones: [1] })
    expect(preview.problem).toEqual({ line: 2, message: 'Line 2 has 1,000,002 columns; Earshot reads the first 500 of a file. Is the delimiter right?' })
  })

  it('detects the delimiter and the header, and maps the columns by their titles', () => {
    const text = 'Full Name;Company;Work Phone;Mobile;E-mail;Comments;Website\r\nAnn Agent;Acme;020 7000 1111;07700 900123;ann@acme.example;VIP;https://crm.example/1\r\n'
    const preview = previewCsv(text)
    expect(preview).toMatchObject({
      delimiter: ';',
      hasHeader: true,
      headers: ['Full Name', 'Company', 'Work Phone', 'Mobile', 'E-mail', 'Comments', 'Website'],
      rows: [['Ann Agent', 'Acme', '020 7000 1111', '07700 900123', 'ann@acme.example', 'VIP', 'https://crm.example/1']],
      rowCount: 1,
      problem: null
    })
    expect(preview.mapping).toEqual({ delimiter: ';', hasHeader: true, name: [0], company: 1, phones: [2, 3], email: 4, notes: 5, url: 6 })
  })

  it('joins first and last name columns (Outlook and Google exports)', () => {
    const preview = previewCsv('First Name,Last Name,Business Phone,Organization\nAnn,Agent,020 7000 1111,Acme\n')
    expect(preview.mapping).toMatchObject({ name: [0, 1], phones: [2], company: 3 })
  })

  it('maps a Google Contacts export by its value columns, not their labels nor the phonetic names', () => {
    const row = 'Ann,,Agent,,,,,,,,Acme,,,,,,* myContacts,* Work,ann@acme.example,Mobile,+44 7700 900123\r\n'
    const current =
      'First Name,Middle Name,Last Name,Phonetic First Name,Phonetic Middle Name,Phonetic Last Name,Name Prefix,Name Suffix,Nickname,File As,Organization Name,Organization Title,Organization Department,Birthday,Notes,Photo,Labels,E-mail 1 - Label,E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value\r\n'
    expect(previewCsv(current + row).mapping).toMatchObject({ name: [0, 2], company: 10, phones: [20], email: 18, notes: 14 })
    const legacy = 'Given Name,Family Name,Organization 1 - Name,E-mail 1 - Type,E-mail 1 - Value,Phone 1 - Type,Phone 1 - Value,Phone 2 - Type,Phone 2 - Value\r\n'
    expect(previewCsv(legacy + 'Ann,Agent,Acme,* Work,ann@acme.example,Mobile,+44 7700 900123,Work,020 7000 1111\r\n').mapping).toMatchObject({
      name: [0, 1],
      company: 2,
      phones: [6, 8],
      email: 4
    })
    // And the rows import: the email is the address, not its label.
    const preview = previewCsv(current + row)
    expect(csvToInputs(current + row, preview.mapping).errors).toEqual([])
  })

  it('without a header: column titles are numbered and the mapping comes from the contents', () => {
    const text = 'Ann Agent,+44 20 7000 1111,ann@acme.example\nBob Buyer,020 7000 2222; 07700 900123,bob@b.example\n'
    const preview = previewCsv(text)
    expect(preview).toMatchObject({ hasHeader: false, headers: ['Column 1', 'Column 2', 'Column 3'], rowCount: 2 })
    expect(preview.mapping).toMatchObject({ name: [0], phones: [1], email: 2 })
  })

  it('shows at most 20 rows but counts them all, and reports an unclosed quote by line', () => {
    const body = Array.from({ length: 30 }, (_, i) => `Customer ${i},020 7000 ${1000 + i}`).join('\n')
    const preview = previewCsv(`Name,Phone\n${body}\n"Broken,020\n`)
    expect(preview.rows).toHaveLength(20)
    expect(preview.rowCount).toBe(30)
    expect(preview.problem).toEqual({ line: 32, message: expect.stringMatching(/never closed/) as unknown })
  })
})

describe('csvToInputs', () => {
  const mapping: CsvMapping = { delimiter: ',', hasHeader: true, name: [0], company: 1, phones: [2], email: 3, notes: 4, url: 5 }

  it('turns rows into customers, splitting a phones cell on separators, and reports bad rows by line', () => {
    const text = [
      'name,company,phones,email,notes,url', // 1
      'Ann Agent,Acme,"020 7000 1111; 07700 900123",ann@acme.example,,', // 2
      ',,020 7000 3333,,,', // 3: no name, no company
      'Carol,,,not-an-email,,', // 4
      '"Dave ""The Boss""",Dave Co,+1 415 555 0100 | +1 415 555 0101,,"two', // 5
      'lines",https://crm.example/d', // (6)
      ',Just A Company,020 7000 4444,,,', // 7: company only: its own name
      'Eve,,,,,javascript:alert(1)', // 8
      '', // blank: skipped
      ',,,,,' // 10: empty: skipped
    ].join('\r\n')
    const { inputs, errors } = csvToInputs(text, mapping)
    expect(inputs).toEqual([
      { line: 2, input: { name: 'Ann Agent', company: 'Acme', email: 'ann@acme.example', notes: null, externalUrl: null, phones: ['020 7000 1111', '07700 900123'] }, phoneColumns: ['phones', 'phones'] },
      { line: 5, input: { name: 'Dave "The Boss"', company: 'Dave Co', email: null, notes: 'two\nlines', externalUrl: 'https://crm.example/d', phones: ['+1 415 555 0100', '+1 415 555 0101'] }, phoneColumns: ['phones', 'phones'] },
      { line: 7, input: { name: 'Just A Company', company: 'Just A Company', email: null, notes: null, externalUrl: null, phones: ['020 7000 4444'] }, phoneColumns: ['phones'] }
    ])
    expect(errors).toEqual([
      { line: 3, column: 'name', message: 'Enter a name for the customer.' },
      { line: 4, column: 'email', message: 'This is not an email address.' },
      { line: 8, column: 'url', message: 'Earshot opens only https:// web pages and mailto: email addresses.' }
    ])
  })

  it('reads phones from several columns, and first + last name', () => {
    const text = 'First,Last,Work,Mobile\nAnn,Agent,020 7000 1111,07700 900123\n'
    const { inputs } = csvToInputs(text, { delimiter: ',', hasHeader: true, name: [0, 1], company: null, phones: [2, 3], email: null, notes: null, url: null })
    expect(inputs[0]?.input).toMatchObject({ name: 'Ann Agent', phones: ['020 7000 1111', '07700 900123'] })
  })

  it('reports a line that is too long for a field', () => {
    const { errors } = csvToInputs(`name\n${'x'.repeat(201)}\n`, { ...mapping, company: null, phones: [], email: null, notes: null, url: null })
    expect(errors).toEqual([{ line: 2, column: 'name', message: 'Keep the name to 200 characters.' }])
  })

  it('names the column of every row error by its title, or "Column N" without a header row (issue 13.11)', () => {
    const text = [
      'First,Last,Mobile,Office,E-mail,Web,Notes', // 1
      'Ann,Agent,07700 900123,+44 20 7000 1111 | ' + '1'.repeat(51) + ',,,', // 2: the second number in Office is too long
      ',,07700 900124,,,,', // 3: no name
      'Bob,Builder,,,bob@,,', // 4
      'Cy,,,,,ftp://x.example,', // 5
      'Di,,,,,,' + 'n'.repeat(10_001) // 6
    ].join('\n')
    const { errors } = csvToInputs(text, { delimiter: ',', hasHeader: true, name: [0, 1], company: null, phones: [2, 3], email: 4, notes: 6, url: 5 })
    expect(errors.map((e) => [e.line, e.column])).toEqual([
      [2, 'Office'],
      [3, 'First + Last'],
      [4, 'E-mail'],
      [5, 'Web'],
      [6, 'Notes']
    ])
    expect(errors[0]?.message).toBe('Keep the phone number to 50 characters.')

    const bare = csvToInputs('Ann,not-mail\n', { delimiter: ',', hasHeader: false, name: [0], company: null, phones: [], email: 1, notes: null, url: null })
    expect(bare.errors).toEqual([{ line: 1, column: 'Column 2', message: 'This is not an email address.' }])
  })

  it('says which column each imported number came from', () => {
    const text = 'Name,Mobile,Office\nAnn,07700 900123,"020 7336 7020; 07700 900123"\n'
    const { inputs } = csvToInputs(text, { delimiter: ',', hasHeader: true, name: [0], company: null, phones: [1, 2], email: null, notes: null, url: null })
    expect(inputs).toEqual([{ line: 2, input: expect.objectContaining({ phones: ['07700 900123', '020 7336 7020'] }) as unknown, phoneColumns: ['Mobile', 'Office'] }])
  })
  it('reads back what customersToCsv wrote (defused cells included)', () => {
    const customer: Customer = {
      id: 'c1',
      name: '=Evil Name',
      company: '@Acme',
      email: 'ann@acme.example',
      notes: '-negative, "quoted"\nnote',
      externalUrl: 'https://crm.example/1',
      phones: [
        { raw: '+44 20 7000 1111', e164: '+442070001111' },
        { raw: '1001', e164: null }
      ],
      createdAt: Date.UTC(2026, 0, 2, 3, 4, 5),
      updatedAt: Date.UTC(2026, 0, 2, 3, 4, 6)
    }
    const text = customersToCsv([customer])
    expect(text.split('\r\n')[1]).toBe(`'=Evil Name,'@Acme,'+44 20 7000 1111; 1001,ann@acme.example,"'-negative, ""quoted""\nnote",https://crm.example/1,2026-01-02T03:04:05.000Z,2026-01-02T03:04:06.000Z,c1`)
    const preview = previewCsv(text)
    expect(preview.mapping).toMatchObject({ hasHeader: true, name: [0], company: 1, phones: [2], email: 3, notes: 4, url: 5 })
    expect(csvToInputs(text, preview.mapping).inputs[0]?.input).toEqual({
      name: '=Evil Name',
      company: '@Acme',
      email: 'ann@acme.example',
      notes: '-negative, "quoted"\nnote',
      externalUrl: 'https://crm.example/1',
      phones: ['+44 20 7000 1111', '1001']
    })
  })

  it('reads back the pieces defused inside a cell: notes with a dash list, and a formula start after a ";"', () => {
    // The export defuses each line of a note and each piece after a `;` (Excel's list separator):
    // read back as written, not with an apostrophe before every bullet.
    const notes = 'Call back:\n- Tuesday\n- after 5pm; +1 if urgent\n@Ann to follow up'
    const customer: Customer = {
      id: 'c1',
      name: 'Ann',
      company: 'Acme;=Group',
      email: null,
      notes,
      externalUrl: null,
      phones: [{ raw: '+44 20 7000 1111', e164: '+442070001111' }],
      createdAt: 0,
      updatedAt: 0
    }
    const text = customersToCsv([customer])
    expect(text).toContain("\n'- Tuesday\n'- after 5pm; +1 if urgent\n'@Ann")
    expect(csvToInputs(text, previewCsv(text).mapping).inputs[0]?.input).toMatchObject({ company: 'Acme;=Group', notes })
  })
})

describe('importWarnings: numbers an import keeps as typed because it cannot read them (issue 13.11)', () => {
  const mapping: CsvMapping = { delimiter: ',', hasHeader: true, name: [0], company: null, phones: [1, 2], email: null, notes: null, url: null }
  const text = ['Name,Mobile,Office', 'Ann,+44 7700 900123,020 7336 7020', 'Bob,1001,', 'Cy,n/a,+1 415 555 0100', 'Di,12345678901234567890,'].join('\n')

  it('without a default country: a national number, an extension, and what is no number at all, each with its line and column', () => {
    const warnings = importWarnings(csvToInputs(text, mapping).inputs, '')
    expect(warnings.map((w) => [w.line, w.column, w.number])).toEqual([
      [2, 'Office', '020 7336 7020'],
      [3, 'Mobile', '1001'],
      [4, 'Mobile', 'n/a'],
      [5, 'Mobile', '12345678901234567890']
    ])
    expect(warnings[0]?.message).toMatch(/default country.*Settings → Records/)
    expect(warnings[1]?.message).toMatch(/extension/)
    expect(warnings[2]?.message).toMatch(/not a phone number/)
    for (const w of warnings) expect(w.message).toMatch(/kept as typed/)
  })

  it('with the default country the national number is read; the others still are not', () => {
    expect(importWarnings(csvToInputs(text, mapping).inputs, 'GB').map((w) => w.number)).toEqual(['1001', 'n/a', '12345678901234567890'])
  })
})
