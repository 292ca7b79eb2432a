import { describe, expect, it } from 'vitest'
import { vcardsToInputs } from '../../../src/main/customers/vcard'

const crlf = (lines: string[]): string => `${lines.join('\r\n')}\r\n`

describe('vCard import', () => {
  it('reads a vCard 3.0: FN, ORG, several TEL, EMAIL, NOTE with escapes, URL', () => {
    const text = crlf([
      'BEGIN:VCARD',
      'VERSION:3.0',
      'N:Customer;Alice;;Ms;',
      'FN:Alice Customer',
      'ORG:Acme Ltd;Accounts',
      'TEL;TYPE=WORK,VOICE:+44 20 7000 1111',
      'TEL;TYPE=CELL:07700 900123',
      'EMAIL;TYPE=INTERNET:alice@acme.example',
      'NOTE:Prefers mornings\\, not Fridays.\\nVIP\\; handle with care',
      'URL:https://crm.example.com/c/42',
      'END:VCARD'
    ])
    expect(vcardsToInputs(text)).toEqual({
      inputs: [
        {
          line: 1,
          input: {
            name: 'Alice Customer',
            company: 'Acme Ltd, Accounts',
            email: 'alice@acme.example',
            notes: 'Prefers mornings, not Fridays.\nVIP; handle with care',
            externalUrl: 'https://crm.example.com/c/42',
            phones: ['+44 20 7000 1111', '07700 900123']
          },
          phoneColumns: ['TEL', 'TEL']
        }
      ],
      errors: []
    })
  })

  it('reads a vCard 4.0 with tel: URIs, VALUE parameters, groups and a preferred email', () => {
    const text = crlf([
      'BEGIN:VCARD',
      'VERSION:4.0',
      'FN:Bob Buyer',
      'TEL;VALUE=uri;TYPE="voice,work";PREF=1:tel:+1-415-555-0100;ext=12',
      'item1.TEL;VALUE=uri:tel:+44-20-7000-2222',
      'EMAIL;TYPE=home:bob@home.example',
      'EMAIL;TYPE=work;PREF=1:bob@work.example',
      'END:VCARD'
    ])
    const { inputs, errors } = vcardsToInputs(text)
    expect(errors).toEqual([])
    expect(inputs[0]?.input).toMatchObject({ name: 'Bob Buyer', email: 'bob@work.example', phones: ['+1-415-555-0100 ext 12', '+44-20-7000-2222'] })
  })

  it('unfolds folded lines (a line break then a space or a tab)', () => {
    const text = crlf(['BEGIN:VCARD', 'VERSION:3.0', 'FN:Carol Long', 'NOTE:This note was folded by the exp', ' orting program in the middle of a wor', '\td.', 'TEL:+44 20 7000', '  3333', 'END:VCARD'])
    expect(vcardsToInputs(text).inputs[0]?.input).toMatchObject({ notes: 'This note was folded by the exporting program in the middle of a word.', phones: ['+44 20 7000 3333'] })
  })

  it('falls back to N, then ORG, for the name; reads several cards and numbers each by its BEGIN line', () => {
    const text = crlf([
      'BEGIN:VCARD',
      'VERSION:3.0',
      'N:Dee;Dana;;;',
      'END:VCARD',
      '',
      'BEGIN:VCARD',
      'VERSION:3.0',
      'ORG:Switchboard Inc.',
      'TEL:0113 496 0000',
      'END:VCARD'
    ])
    expect(vcardsToInputs(text).inputs).toMatchObject([
      { line: 1, input: { name: 'Dana Dee' } },
      { line: 6, input: { name: 'Switchboard Inc.', company: 'Switchboard Inc.' } }
    ])
  })

  it('reports bad cards by line and keeps the good ones', () => {
    const text = crlf([
      'BEGIN:VCARD', // 1: no name at all
      'VERSION:3.0',
      'TEL:+44 20 7000 1111',
      'END:VCARD',
      'BEGIN:VCARD', // 5: fine
      'FN:Eve',
      'END:VCARD',
      'BEGIN:VCARD', // 8: bad email
      'FN:Frank',
      'EMAIL:not-an-email',
      'END:VCARD',
      'BEGIN:VCARD', // 12: never ends
      'FN:Gina'
    ])
    const { inputs, errors } = vcardsToInputs(text)
    expect(inputs.map((i) => [i.line, i.input.name])).toEqual([[5, 'Eve']])
    expect(errors).toEqual([
      { line: 1, message: 'This card has no name (FN, N or ORG).' },
      { line: 8, message: 'This is not an email address.' },
      { line: 12, message: 'This card is cut short: END:VCARD is missing.' }
    ])
  })

  it('says so when a file holds no vCard', () => {
    expect(vcardsToInputs('name,phone\nAnn,020\n').errors).toEqual([{ line: 1, message: expect.stringMatching(/no vCard/) as unknown }])
    expect(vcardsToInputs('')).toEqual({ inputs: [], errors: [] })
  })

  it('accepts LF-only files and lower-case property names', () => {
    const text = 'begin:vcard\nversion:3.0\nfn:Hal\ntel:+442070004444\nend:vcard\n'
    expect(vcardsToInputs(text).inputs[0]?.input).toMatchObject({ name: 'Hal', phones: ['+442070004444'] })
  })
})
