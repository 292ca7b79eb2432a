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

  it('are exported without the notes', async () => {
    const { invoke } = await asItAdmin()
    const file = await invoke('customers:export', {})
    expect(file.text).toContain('Ana Silva')
    expect(file.text).not.toContain('VIP: escalate')
  })
})
