import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openStore, type Store } from '../../../src/main/app'
import { OperatorError, type NewOperator } from '../../../src/main/operators'
import { supervisionModes } from '../../../src/shared/settings'
import { useTempDirs } from './temp-dir'

const tempDir = useTempDirs()
let store: Store
let clock = 1_800_000_000_000

beforeEach(() => {
  store = openStore({ dir: tempDir(), now: () => clock })
})
afterEach(() => store.close())

async function refused(action: () => unknown): Promise<OperatorError> {
  try {
    await action()
  } catch (error) {
    expect(error).toBeInstanceOf(OperatorError)
    return error as OperatorError
  }
  throw new Error('expected the change to be refused')
}

const ruthInput: NewOperator = { name: 'Ruth', extension: '2001', scopes: ['configure-everything', 'see-everyone'], pin: '482915' }

describe('Operators', () => {
  it('starts with a first run, creates operators and lists them without their hashes', async () => {
    expect(store.operators.isFirstRun()).toBe(true)
    const ruth = await store.operators.create({ ...ruthInput, scopes: ['see-everyone', 'configure-everything', 'see-everyone'] })
    const sam = await store.operators.create({ name: '  Sam  ', extension: '2002', scopes: [], pin: '1234' })
    expect(store.operators.isFirstRun()).toBe(false)
    expect(ruth).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/) as unknown,
      name: 'Ruth',
      extension: '2001',
      scopes: ['see-everyone', 'configure-everything'],
      createdAt: clock,
      updatedAt: clock
    })
    expect(sam.name).toBe('Sam')
    expect(store.operators.list()).toEqual([ruth, sam])
    expect(JSON.stringify(store.operators.list())).not.toMatch(/scrypt|pin/i)
  })

  it('stores a salted hash, not the PIN, and checks PINs against it', async () => {
    const ruth = await store.operators.create(ruthInput)
    const sam = await store.operators.create({ name: 'Sam', extension: '2002', scopes: [], pin: '482915' })
    const hashes = store.db.prepare('SELECT pin_hash FROM operators ORDER BY name').all() as { pin_hash: string }[]
    expect(hashes.map((h) => h.pin_hash)).not.toContain('482915')
    expect(hashes[0]?.pin_hash).not.toContain('482915')
    expect(hashes[0]?.pin_hash).not.toBe(hashes[1]?.pin_hash) // same PIN, different salts
    await expect(store.operators.verifyPin(ruth.id, '482915')).resolves.toBe(true)
    await expect(store.operators.verifyPin(sam.id, '482915')).resolves.toBe(true)
    await expect(store.operators.verifyPin(ruth.id, '482916')).resolves.toBe(false)
    await expect(store.operators.verifyPin(ruth.id, '48291x')).resolves.toBe(false)
    await expect(store.operators.verifyPin('no-such-operator', '482915')).resolves.toBe(false)
  })

  it('changes a PIN', async () => {
    const ruth = await store.operators.create(ruthInput)
    await store.operators.setPin(ruth.id, '99887766')
    await expect(store.operators.verifyPin(ruth.id, '482915')).resolves.toBe(false)
    await expect(store.operators.verifyPin(ruth.id, '99887766')).resolves.toBe(true)
  })

  it.each([
    [{ pin: '123' }, 'operator.pin', /4 to 12 digits/],
    [{ pin: '1234567890123' }, 'operator.pin', /4 to 12 digits/],
    [{ pin: '12a4' }, 'operator.pin', /4 to 12 digits/],
    [{ name: '   ' }, 'operator.name', /Enter a name/],
    [{ extension: '20 01' }, 'operator.extension', /extension as the PBX names it/],
    [{ scopes: ['root'] }, 'operator.scopes.0', /Choose one of: see-everyone, supervise:listen, supervise:whisper, supervise:barge, configure-everything/]
  ])('refuses an invalid new operator %j, naming the field', async (change, field, message) => {
    const error = await refused(() => store.operators.create({ ...ruthInput, ...change } as NewOperator))
    expect(error).toMatchObject({ kind: 'invalid', field })
    expect(error.message).toMatch(message)
    expect(store.operators.isFirstRun()).toBe(true)
  })

  it('requires the first operator to be able to configure everything', async () => {
    const error = await refused(() => store.operators.create({ ...ruthInput, scopes: ['see-everyone'] }))
    expect(error).toMatchObject({ kind: 'invalid', field: 'scopes', message: expect.stringMatching(/first operator must be able to configure everything/) as unknown })
  })

  it('keeps names unique, whatever their case', async () => {
    const ruth = await store.operators.create(ruthInput)
    const sam = await store.operators.create({ name: 'Sam', extension: '2002', scopes: [], pin: '1234' })
    expect(await refused(() => store.operators.create({ ...ruthInput, name: 'RUTH' }))).toMatchObject({ kind: 'duplicate-name', field: 'name' })
    expect(await refused(() => store.operators.rename(sam.id, 'ruth'))).toMatchObject({ kind: 'duplicate-name' })
    clock += 1000
    expect(store.operators.rename(ruth.id, 'Ruth Jones')).toMatchObject({ name: 'Ruth Jones', createdAt: clock - 1000, updatedAt: clock })
  })

  it('never removes or de-scopes the last operator who can configure everything', async () => {
    const ruth = await store.operators.create(ruthInput)
    const sam = await store.operators.create({ name: 'Sam', extension: '2002', scopes: ['see-everyone'], pin: '1234' })

    const removing = await refused(() => store.operators.remove(ruth.id))
    expect(removing).toMatchObject({ kind: 'last-admin' })
    expect(removing.message).toBe(
      'Ruth is the only operator who can configure everything. Give that to another operator before removing Ruth, or nobody could change the settings.'
    )
    const descoping = await refused(() => store.operators.setScopes(ruth.id, ['see-everyone']))
    expect(descoping).toMatchObject({ kind: 'last-admin', message: expect.stringMatching(/before taking it from Ruth/) as unknown })
    expect(store.operators.list().map((o) => o.name)).toEqual(['Ruth', 'Sam'])
    expect(store.operators.get(ruth.id)?.scopes).toContain('configure-everything')

    // With a second admin, either can go.
    expect(store.operators.setScopes(sam.id, ['configure-everything'])).toMatchObject({ scopes: ['configure-everything'] })
    expect(store.operators.setScopes(ruth.id, ['see-everyone']).scopes).toEqual(['see-everyone'])
    store.operators.remove(ruth.id)
    expect(store.operators.list().map((o) => o.name)).toEqual(['Sam'])
    expect(await refused(() => store.operators.remove(sam.id))).toMatchObject({ kind: 'last-admin' })
  })

  it('changes the extension, validated', async () => {
    const ruth = await store.operators.create(ruthInput)
    expect(store.operators.setExtension(ruth.id, '2101')).toMatchObject({ extension: '2101' })
    expect(await refused(() => store.operators.setExtension(ruth.id, ''))).toMatchObject({ kind: 'invalid', field: 'extension' })
    expect(store.operators.get(ruth.id)?.extension).toBe('2101')
  })

  it('says when an operator no longer exists', async () => {
    await store.operators.create(ruthInput)
    expect(await refused(() => store.operators.rename('gone', 'X'))).toMatchObject({ kind: 'not-found' })
    expect(await refused(() => store.operators.remove('gone'))).toMatchObject({ kind: 'not-found' })
    expect(await refused(() => store.operators.setPin('gone', '1234'))).toMatchObject({ kind: 'not-found' })
  })

  it('operators stored before the supervise scope keep working: nothing lost, configure-everything implies every mode', async () => {
    // Rows as an Earshot without supervise wrote them: the same JSON list of scope names.
    const ruth = await store.operators.create(ruthInput)
    const sam = await store.operators.create({ name: 'Sam', extension: '2002', scopes: ['see-everyone'], pin: '482915' })
    store.db.prepare('UPDATE operators SET scopes = ? WHERE id = ?').run('["configure-everything","see-everyone"]', ruth.id)
    store.db.prepare('UPDATE operators SET scopes = ? WHERE id = ?').run('["see-everyone"]', sam.id)
    expect(store.operators.get(ruth.id)?.scopes).toEqual(['see-everyone', 'configure-everything'])
    expect(supervisionModes(store.operators.get(ruth.id)?.scopes ?? [])).toEqual(['listen', 'whisper', 'barge'])
    expect(supervisionModes(store.operators.get(sam.id)?.scopes ?? [])).toEqual([])
    // A team lead: the modes are stored as given, in one order.
    const lead = store.operators.setScopes(sam.id, ['supervise:whisper', 'see-everyone', 'supervise:listen'])
    expect(lead.scopes).toEqual(['see-everyone', 'supervise:listen', 'supervise:whisper'])
    expect(supervisionModes(lead.scopes)).toEqual(['listen', 'whisper'])
  })
})
