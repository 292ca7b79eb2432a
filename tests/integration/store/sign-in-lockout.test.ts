/**
 * PIN lockout under attack (issue 14.3): guesses sent all at once, another operator's sign-in in
 * between, a restart. Each operator has their own counter, kept in the store, and guesses are
 * checked one at a time, so a burst cannot outrun the lock.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openStore, type Store } from '../../../src/main/app'
import { OperatorSignIn } from '../../../src/main/operators'
import { useTempDirs } from './temp-dir'

const tempDir = useTempDirs()
const PIN = '4812'
let dir: string
let store: Store
let clock = 1_800_000_000_000
let admin: string
let sam: string

const keychain = () => ({ available: true, message: null })
const sessionOn = (s: Store) => new OperatorSignIn(s.operators, keychain, () => clock)

beforeEach(async () => {
  dir = tempDir()
  store = openStore({ dir, now: () => clock })
  admin = (await store.operators.create({ name: 'Admin', extension: '2001', scopes: ['configure-everything'], pin: PIN })).id
  sam = (await store.operators.create({ name: 'Sam', extension: '2002', scopes: [], pin: PIN })).id
})
afterEach(() => store.close())

async function attempt(session: OperatorSignIn, id: string, pin: string): Promise<'signed in' | 'wrong' | 'locked'> {
  try {
    await session.signIn(id, pin)
    return 'signed in'
  } catch (error) {
    const text = String(error)
    if (text.includes('Too many wrong PINs')) return 'locked'
    if (text.includes('Wrong PIN')) return 'wrong'
    throw error
  }
}

const wrongPin = (i: number) => String(9000 + i)

describe('PIN lockout', () => {
  it('checks guesses sent at once one at a time: the right PIN after five wrong ones is refused', async () => {
    const session = sessionOn(store)
    // 20 guesses in one burst, the right one 11th (as the attack had it 41st of 61).
    const guesses = Array.from({ length: 20 }, (_, i) => (i === 10 ? PIN : wrongPin(i)))
    const results = await Promise.all(guesses.map((pin) => attempt(session, admin, pin)))
    expect(results.filter((r) => r === 'wrong')).toHaveLength(5)
    expect(results[10]).toBe('locked')
    expect(results).not.toContain('signed in')
    expect(session.current()).toBeNull()
  })

  it("one operator's sign-in never resets another's counter", async () => {
    const session = sessionOn(store)
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 4 - round * 3; i++) expect(await attempt(session, admin, wrongPin(i))).toBe('wrong')
      expect(await attempt(session, sam, PIN)).toBe('signed in')
    }
    // 4 + 1 wrong PINs for Admin, with Sam's sign-ins in between: Admin is locked, Sam is not.
    expect(await attempt(session, admin, PIN)).toBe('locked')
    expect(await attempt(session, sam, PIN)).toBe('signed in')
  })

  it('a new PIN from an admin lifts the lock: the operator signs in with it at once', async () => {
    const session = sessionOn(store)
    for (let i = 0; i < 6; i++) await attempt(session, sam, wrongPin(i))
    expect(await attempt(session, sam, PIN)).toBe('locked')
    await store.operators.setPin(sam, '7391')
    expect(await attempt(session, sam, '7391')).toBe('signed in')
    // The counting starts over against the new PIN.
    for (let i = 0; i < 5; i++) expect(await attempt(session, sam, wrongPin(i))).toBe('wrong')
    expect(await attempt(session, sam, '7391')).toBe('locked')
  })

  it('keeps the lock across a restart, and each lock after it lasts longer', async () => {
    const first = sessionOn(store)
    for (let i = 0; i < 5; i++) expect(await attempt(first, admin, wrongPin(i))).toBe('wrong')
    store.close()
    store = openStore({ dir, now: () => clock })
    const second = sessionOn(store)
    expect(await attempt(second, admin, PIN)).toBe('locked')
    await expect(second.signIn(admin, PIN)).rejects.toThrow('Too many wrong PINs for Admin: try again in 30 s.')
    clock += 30_000
    expect(await attempt(second, admin, wrongPin(6))).toBe('wrong')
    await expect(second.signIn(admin, PIN)).rejects.toThrow('try again in 60 s.')
    clock += 60_000
    expect(await attempt(second, admin, wrongPin(7))).toBe('wrong')
    await expect(second.signIn(admin, PIN)).rejects.toThrow('try again in 120 s.')
    clock += 120_000
    // The right PIN once the wait is over signs in and starts Admin's count again.
    expect(await attempt(second, admin, PIN)).toBe('signed in')
    for (let i = 0; i < 4; i++) expect(await attempt(second, admin, wrongPin(i))).toBe('wrong')
    expect(await attempt(second, admin, PIN)).toBe('signed in')
  })
})
