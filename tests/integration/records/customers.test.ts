import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CustomerError, Customers, FIND_BY_E164_SQL } from '../../../src/main/customers'
import { openStore, type Store } from '../../../src/main/app'
import { useTempDirs } from '../store/temp-dir'
import { HTTP_REFUSED } from '../../../src/shared/links'

const tempDir = useTempDirs()
let store: Store
let clock = 1_800_000_000_000

beforeEach(() => {
  clock = 1_800_000_000_000
  store = openStore({ dir: tempDir(), now: () => clock })
})
afterEach(() => store.close())

const alice = { name: 'Alice Customer', company: 'Acme Ltd', email: 'alice@acme.example', notes: 'VIP', externalUrl: 'https://crm.example.com/c/1', phones: ['+44 20 7000 1111', '1001'] }

describe('Customers', () => {
  it('creates, reads, updates and deletes a customer with its numbers', () => {
    const created = store.customers.create(alice, 'GB')
    expect(created).toEqual({
      id: expect.any(String) as unknown,
      name: 'Alice Customer',
      company: 'Acme Ltd',
      email: 'alice@acme.example',
      notes: 'VIP',
      externalUrl: 'https://crm.example.com/c/1',
      phones: [
        { raw: '+44 20 7000 1111', e164: '+442070001111' },
        { raw: '1001', e164: null }
      ],
      createdAt: clock,
      updatedAt: clock
    })
    expect(store.customers.get(created.id)).toEqual(created)

    clock += 5000
    const updated = store.customers.update(created.id, { name: ' Alice C. ', company: '', phones: ['020 7000 2222'] }, 'GB')
    expect(updated).toMatchObject({ name: 'Alice C.', company: null, email: null, notes: null, externalUrl: null, phones: [{ raw: '020 7000 2222', e164: '+442070002222' }], createdAt: created.createdAt, updatedAt: clock })
    expect(store.customers.findByNumber('+442070001111', 'GB')).toEqual([])

    expect(store.customers.delete(created.id)).toBe(true)
    expect(store.customers.get(created.id)).toBeNull()
    expect(store.customers.delete(created.id)).toBe(false)
    // The numbers went with it (ON DELETE CASCADE).
    expect(store.db.prepare('SELECT count(*) AS n FROM customer_phones').get()).toEqual({ n: 0 })
  })

  it('refuses invalid input naming the field, and unknown customers', () => {
    const refused = (input: unknown): CustomerError => {
      try {
        store.customers.create(input, 'GB')
      } catch (error) {
        return error as CustomerError
      }
      throw new Error('accepted')
    }
    expect(refused({ name: '' })).toMatchObject({ kind: 'invalid', field: 'name', message: 'Enter a name for the customer.' })
    expect(refused({ name: 'A', email: 'nope' })).toMatchObject({ kind: 'invalid', field: 'email' })
    expect(refused({ name: 'A', externalUrl: 'javascript:alert(1)' })).toMatchObject({ kind: 'invalid', field: 'externalUrl' })
    // The link policy (src/shared/links.ts): a web page must be https://, said when it is saved.
    expect(refused({ name: 'A', externalUrl: 'http://crm.example.com/c/1' })).toMatchObject({ kind: 'invalid', field: 'externalUrl', message: HTTP_REFUSED })
    expect(refused({ name: 'A', phones: ['ok', ''] })).toMatchObject({ kind: 'invalid', field: 'phones.1' })
    expect(refused({ name: 'A', admin: true })).toMatchObject({ kind: 'invalid', message: "A customer has no field called 'admin'." })
    expect(refused({ name: 'A', phones: Array.from({ length: 21 }, (_, i) => `020 7000 ${1000 + i}`) })).toMatchObject({ field: 'phones' })
    expect(() => store.customers.update('nobody', { name: 'A' }, 'GB')).toThrow(expect.objectContaining({ kind: 'not-found' }) as Error)
    expect(store.db.prepare('SELECT count(*) AS n FROM customers').get()).toEqual({ n: 0 })
  })

  it('finds a customer by any spelling of their number, never by an extension', () => {
    const a = store.customers.create(alice, 'GB')
    const b = store.customers.create({ name: 'Bob Switchboard', phones: ['020 7000 1111'] }, 'GB')
    for (const spelling of ['+44 20 7000 1111', '020 7000 1111', '00442070001111', '+442070001111']) {
      expect(store.customers.findByNumber(spelling, 'GB').map((c) => c.id)).toEqual([a.id, b.id])
    }
    expect(store.customers.findByNumber('011 44 20 7000 1111', 'US').map((c) => c.name)).toEqual(['Alice Customer', 'Bob Switchboard'])
    expect(store.customers.findByNumber('1001', 'GB')).toEqual([])
    expect(store.customers.findByNumber('+442079999999', 'GB')).toEqual([])
    expect(store.customers.findByNumber('garbage', 'GB')).toEqual([])
  })

  it('looks a number up through the E.164 index, never by scanning a table', () => {
    const plan = store.db.prepare(`EXPLAIN QUERY PLAN ${FIND_BY_E164_SQL}`).all('+442070001111') as { detail: string }[]
    const details = plan.map((p) => p.detail)
    expect(details.some((d) => /SEARCH customer_phones USING (COVERING )?INDEX customer_phones_by_e164 \(e164=\?\)/.test(d))).toBe(true)
    expect(details.filter((d) => /^SCAN/.test(d))).toEqual([])
    // The customer row itself is read by its primary key.
    const byId = store.db.prepare('EXPLAIN QUERY PLAN SELECT * FROM customers WHERE id = ?').all('x') as { detail: string }[]
    expect(byId.map((p) => p.detail).filter((d) => /^SCAN/.test(d))).toEqual([])
  })

  it('lists by name a page at a time, and searches names, companies, emails and numbers', () => {
    for (const [name, company, phone] of [
      ['carol', 'Zeta', '020 7000 3333'],
      ['Alice', 'Acme 50% off', '020 7000 1111'],
      ['Bob', 'Acme', '07700 900123']
    ] as const) {
      clock++
      store.customers.create({ name, company, phones: [phone] }, 'GB')
    }
    expect(store.customers.list({ limit: 2 }).customers.map((c) => c.name)).toEqual(['Alice', 'Bob'])
    expect(store.customers.list({ limit: 2, offset: 2 })).toMatchObject({ total: 3, customers: [{ name: 'carol' }] })
    const names = (q: string) => store.customers.search(q, { region: 'GB' }).map((c) => c.name)
    expect(names('acme')).toEqual(['Alice', 'Bob'])
    expect(names('50%')).toEqual(['Alice'])
    expect(names('_')).toEqual([])
    expect(names('+44 20 7000 3333')).toEqual(['carol'])
    expect(names('900123')).toEqual(['Bob'])
    expect(names('')).toEqual(['Alice', 'Bob', 'carol'])
  })

  it('recomputes E.164 forms when the default region changes', () => {
    const c = store.customers.create({ name: 'Dieter', phones: ['030 123456', '+44 20 7000 1111'] }, 'GB')
    expect(store.customers.get(c.id)?.phones.map((p) => p.e164)).toEqual([null, '+442070001111'])
    expect(store.customers.renormalize('DE')).toBe(1)
    expect(store.customers.findByNumber('+4930123456', 'DE').map((x) => x.name)).toEqual(['Dieter'])
  })

  describe('import', () => {
    it('CSV: imports the good rows and reports the bad ones by line', async () => {
      const text = 'Name,Company,Phone,Email\r\nAnn,Acme,020 7000 1111,ann@acme.example\r\n,,020 7000 2222,\r\n"Bob ""B""",,"07700 900123; 1001",bob@x.example\r\nCarol,,,not-mail\r\n'
      const result = await store.customers.importCsv(text, { delimiter: ',', hasHeader: true, name: [0], company: 1, phones: [2], email: 3, notes: null, url: null }, 'GB')
      expect(result).toEqual({
        imported: 2,
        duplicates: 0,
        errors: [
          { line: 3, column: 'Name', message: 'Enter a name for the customer.' },
          { line: 5, column: 'Email', message: 'This is not an email address.' }
        ],
        // Bob's 1001 is imported as typed, and said so (issue 13.11).
        warnings: [{ line: 4, column: 'Phone', number: '1001', message: expect.stringMatching(/extension/) as unknown }]
      })
      expect(store.customers.findByNumber('07700900123', 'GB').map((c) => c.name)).toEqual(['Bob "B"'])
      expect(store.customers.findByNumber('+442070001111', 'GB')).toMatchObject([{ name: 'Ann', company: 'Acme' }])
    })

    it('CSV: warns about each number it cannot read, by line and column; set the default country and they are read (issue 13.11)', async () => {
      const text = 'Name,Mobile,Office\r\nAmar,,020 7336 7020\r\n'
      const mapping = { delimiter: ',', hasHeader: true, name: [0], company: null, phones: [1, 2], email: null, notes: null, url: null }
      const result = await store.customers.importCsv(text, mapping, '')
      expect(result.imported).toBe(1)
      expect(result.warnings).toEqual([{ line: 2, column: 'Office', number: '020 7336 7020', message: expect.stringMatching(/default country/) as unknown }])
      expect(store.customers.findByNumber('+442073367020', 'GB')).toEqual([])
      store.customers.renormalize('GB')
      expect(store.customers.findByNumber('+442073367020', 'GB').map((c) => c.name)).toEqual(['Amar'])
    })

    it('CSV: the same file again imports nothing twice, and says how many rows were already there', async () => {
      const mapping = { delimiter: ',', hasHeader: true, name: [0], company: null, phones: [1], email: null, notes: null, url: null } as const
      const text = 'Name,Phone\r\nAnn Agent,020 7946 0018\r\nBob Buyer,07700 900123; 020 7000 2222\r\n'
      expect(await store.customers.importCsv(text, mapping, 'GB')).toMatchObject({ imported: 2, duplicates: 0 })
      // Again, with the numbers written another way, a name in another case and a row repeated in the file.
      const again = 'Name,Phone\r\nann agent,+44 20 7946 0018\r\nBob Buyer,020 7000 2222; +447700900123\r\nBob Buyer,020 7000 2222; +447700900123\r\n'
      expect(await store.customers.importCsv(again, mapping, 'GB')).toMatchObject({ imported: 0, duplicates: 3, errors: [] })
      // The same name with another number is another record (or a new number): imported.
      expect(await store.customers.importCsv('Name,Phone\r\nAnn Agent,020 7946 0999\r\n', mapping, 'GB')).toMatchObject({ imported: 1, duplicates: 0 })
      expect(store.customers.list().total).toBe(3)
      // Only what the directory holds exactly is skipped: two John Smiths without numbers, and Bob with a new email, are imported.
      const withEmail = { ...mapping, email: 2 }
      const people = 'Name,Phone,Email\r\nJohn Smith,,john@one.example\r\nJohn Smith,,john@two.example\r\nBob Buyer,07700 900123; 020 7000 2222,bob@new.example\r\n'
      expect(await store.customers.importCsv(people, withEmail, 'GB')).toMatchObject({ imported: 3, duplicates: 0 })
      expect(await store.customers.importCsv(people, withEmail, 'GB')).toMatchObject({ imported: 0, duplicates: 3 })
      expect(store.customers.list().total).toBe(6)
      // Within the file too, only A–Z fold: Élodie and élodie are two spellings, both kept.
      expect(await store.customers.importCsv('Name,Phone\r\nélodie Martin,\r\nÉlodie Martin,\r\n', mapping, 'GB')).toMatchObject({ imported: 2, duplicates: 0 })
    })

    it('CSV: a mapping that is not valid imports nothing', async () => {
      expect(await store.customers.importCsv('a\nb\n', { delimiter: ',', hasHeader: false, name: [] }, 'GB')).toMatchObject({ imported: 0, errors: [{ line: 1 }] })
    })

    it('vCard: imports the cards, bad ones by line', async () => {
      const text = 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Eve\r\nTEL:+44 20 7000 5555\r\nTEL:020 7000 6666\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:4.0\r\nEND:VCARD\r\n'
      expect(await store.customers.importVCards(text, 'GB')).toEqual({ imported: 1, duplicates: 0, errors: [{ line: 7, message: 'This card has no name (FN, N or ORG).' }], warnings: [] })
      expect(store.customers.findByNumber('02070006666', 'GB').map((c) => c.name)).toEqual(['Eve'])
    })

    it('writes all good rows in one transaction: a failure part-way leaves nothing behind', async () => {
      let n = 0
      const failing = openStore({ dir: tempDir() })
      // The third customer's id collides with the first: the insert fails inside the transaction.
      const customers = new Customers(failing.db, { newId: () => (++n === 3 ? 'id-1' : `id-${n}`) })
      try {
        const text = 'Name,Phone\nA,020 7000 0001\nB,020 7000 0002\nC,020 7000 0003\nD,020 7000 0004\n'
        await expect(customers.importCsv(text, { delimiter: ',', hasHeader: true, name: [0], company: null, phones: [1], email: null, notes: null, url: null }, 'GB')).rejects.toThrow()
        expect(failing.db.prepare('SELECT count(*) AS n FROM customers').get()).toEqual({ n: 0 })
        expect(failing.db.prepare('SELECT count(*) AS n FROM customer_phones').get()).toEqual({ n: 0 })
      } finally {
        failing.close()
      }
    })
  })
})
