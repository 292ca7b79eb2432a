/**
 * Changes to operators through the router, on a real store and keychain. From a review: an
 * `operators:update` refused part-way kept the fields written before the refusal (the window was
 * told nothing changed), and two `setup:first-admin` requests at once made two administrators.
 */
import { describe, expect, it, vi } from 'vitest'
import { useServicesOnDisk } from '../../support/services-on-disk'

const servicesOnDisk = useServicesOnDisk()

describe('operators:update', () => {
  it('changes nothing when any part of it is refused', async () => {
    const { store, services, invoke } = servicesOnDisk()
    await services.signIn.firstAdmin({ name: 'Ruth', extension: '2001', pin: '4812' })
    const ruth = services.signIn.current()
    if (ruth === null) throw new Error('not signed in')
    // The only admin unticks configure-everything while renaming herself: refused, as a whole.
    await expect(invoke('operators:update', { id: ruth.id, name: 'Ruth Okafor', extension: '2009', scopes: ['see-everyone'], pin: '9999' })).rejects.toMatchObject({
      error: { message: expect.stringMatching(/only operator who can configure everything/) as unknown }
    })
    expect(store.operators.get(ruth.id)).toMatchObject({ name: 'Ruth', extension: '2001', scopes: expect.arrayContaining(['configure-everything']) as unknown })
    expect(await store.operators.verifyPin(ruth.id, '4812')).toBe(true)
  })

  it('applies every field when none is refused', async () => {
    const { store, services, invoke } = servicesOnDisk()
    await services.signIn.firstAdmin({ name: 'Ruth', extension: '2001', pin: '4812' })
    const ruth = services.signIn.current()
    if (ruth === null) throw new Error('not signed in')
    await invoke('operators:update', { id: ruth.id, name: 'Ruth Okafor', extension: '2009', scopes: ['configure-everything', 'see-everyone'], pin: '9999' })
    expect(store.operators.get(ruth.id)).toMatchObject({ name: 'Ruth Okafor', extension: '2009' })
    expect(await store.operators.verifyPin(ruth.id, '9999')).toBe(true)
  })
})

describe('setup:first-admin', () => {
  it('makes one first administrator, however many requests arrive at once', async () => {
    const { store, invoke } = servicesOnDisk()
    const results = await Promise.allSettled([
      invoke('setup:first-admin', { name: 'Ruth', extension: '2001', pin: '4812' }),
      invoke('setup:first-admin', { name: 'Mallory', extension: '2666', pin: '1111' })
    ])
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    expect(store.operators.list().map((o) => o.name)).toEqual(['Ruth'])
  })
})

describe('the operator at the desk changes', () => {
  it('ends the supervision sessions of anyone else (their leg rings this softphone)', async () => {
    const { store, services, invoke } = servicesOnDisk()
    await services.signIn.firstAdmin({ name: 'Ruth', extension: '2001', pin: '4812' })
    const sam = await store.operators.create({ name: 'Sam', extension: '2002', scopes: ['see-everyone'], pin: '1357' })
    const endOthers = vi.spyOn(services.supervision, 'endOthers')
    await invoke('session:sign-in', { operatorId: sam.id, pin: '1357' })
    await invoke('session:sign-out', {})
    expect(endOthers.mock.calls).toEqual([[sam.id], [null]])
  })
})
