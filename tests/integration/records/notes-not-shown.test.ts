/**
 * An operator with configure-everything but not see-everyone reads customers without notes
 * (README, Security) and may edit them. A review found that editing one as the card's form does —
 * sending back the notes it was shown, none — wiped the notes the supervisors wrote, and that the
 * customers export handed that operator every note.
 */
import { describe, expect, it } from 'vitest'
import type { ServicesOnDisk } from '../../support/services-on-disk'
import { useServicesOnDisk } from '../../support/services-on-disk'

const servicesOnDisk = useServicesOnDisk()
const NOTES = 'VIP: escalate to the team lead; prefers email.'

async function asItAdmin(): Promise<ServicesOnDisk & { customerId: string }> {
  const on = servicesOnDisk()
  await on.services.signIn.firstAdmin({ name: 'Owner', extension: '2001', pin: '4812' })
  const itAdmin = await on.store.operators.create({ name: 'IT admin', extension: '2002', scopes: ['configure-everything'], pin: '4812' })
  const customer = on.store.customers.create({ name: 'Ana Silva', phones: ['+44 20 7000 1111'], notes: NOTES }, 'GB')
  await on.services.signIn.signIn(itAdmin.id, '4812')
  return { ...on, customerId: customer.id }
}

describe('customers edited by an operator who is not shown notes', () => {
  it('keep the notes others wrote, and the answer does not show them', async () => {
    const { store, invoke, customerId } = await asItAdmin()
    const card = await invoke('customers:card', { number: null, customerId })
    expect(card.customer?.notes).toBeNull()
    // As the form sends it: every field, the notes as shown (empty).
    const saved = await invoke('customers:save', { id: customerId, input: { name: 'Ana Silva', company: 'Silva & Co', email: '', notes: '', externalUrl: '', phones: ['+44 20 7000 1111'] } })
    expect(saved).toMatchObject({ ok: true, customer: { company: 'Silva & Co', notes: null } })
    expect(store.customers.get(customerId)).toMatchObject({ company: 'Silva & Co', notes: NOTES })
  })

  it('can be edited when nobody wrote notes on them', async () => {
    const { store, invoke } = await asItAdmin()
    const plain = store.customers.create({ name: 'Bo Plain', phones: ['+44 20 7000 2222'] }, 'GB')
    const saved = await invoke('customers:save', { id: plain.id, input: { name: 'Bo Plain', company: 'Plain Ltd', email: '', notes: '', externalUrl: '', phones: ['+44 20 7000 2222'] } })
    expect(saved).toMatchObject({ ok: true, customer: { company: 'Plain Ltd', notes: null } })
    expect(store.customers.get(plain.id)).toMatchObject({ company: 'Plain Ltd', notes: null })
  })

  it('are created without notes, whatever the request says (not shown, not written)', async () => {
    const { store, invoke } = await asItAdmin()
    const saved = await invoke('customers:save', { id: null, input: { name: 'Cy New', company: '', email: '', notes: 'written past the form', externalUrl: '', phones: ['+44 20 7000 3333'] } })
    expect(saved).toMatchObject({ ok: true, customer: { name: 'Cy New', notes: null } })
    const id = saved.ok ? saved.customer.id : ''
    expect(store.customers.get(id)?.notes).toBeNull()
  })

  it('are imported without notes, and a row that differs from a stored customer only in notes is theirs already (the count tells nothing of the notes)', async () => {
    const { store, invoke } = await asItAdmin()
    const mapping = { delimiter: ',', hasHeader: true, name: [0], company: null, phones: [1], email: null, notes: 2, url: null } as const
    const csv = 'Name,Phone,Notes\nAna Silva,+44 20 7000 1111,a guess at the notes\nDee New,+44 20 7000 4444,written past the form\n'
    const result = await invoke('customers:import-csv', { text: csv, mapping: { ...mapping, name: [0], phones: [1] } })
    expect(result).toMatchObject({ imported: 1, duplicates: 1 })
    expect(store.customers.findByNumber('+44 20 7000 4444', 'GB').map((c) => c.notes)).toEqual([null])
    expect(store.customers.findByNumber('+44 20 7000 1111', 'GB').map((c) => c.notes)).toEqual([NOTES])
    const vcard = 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Eve Card\r\nTEL:+44 20 7000 5555\r\nNOTE:written past the form\r\nEND:VCARD\r\n'
    expect(await invoke('customers:import-vcard', { text: vcard })).toMatchObject({ imported: 1 })
    expect(store.customers.findByNumber('+44 20 7000 5555', 'GB').map((c) => c.notes)).toEqual([null])
  })

  it('are exported without the notes', async () => {
    const { invoke } = await asItAdmin()
    const file = await invoke('customers:export', {})
    expect(file.text).toContain('Ana Silva')
    expect(file.text).not.toContain('VIP: escalate')
  })
})
