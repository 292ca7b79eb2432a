import { describe, expect, it } from 'vitest'
import { hashPin, verifyPinHash } from '../../../src/main/operators'

describe('PIN hashes', () => {
  it('are salted scrypt hashes that never contain the PIN', async () => {
    const [a, b] = await Promise.all([hashPin('482915'), hashPin('482915')])
    expect(a).toMatch(/^scrypt\$ln=15,r=8,p=1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/)
    expect(a).not.toContain('482915')
    expect(a).not.toBe(b)
    expect(a.split('$')[2]).not.toBe(b.split('$')[2])
  })

  it('verify the right PIN and refuse any other', async () => {
    const stored = await hashPin('482915')
    await expect(verifyPinHash('482915', stored)).resolves.toBe(true)
    await expect(verifyPinHash('482916', stored)).resolves.toBe(false)
    await expect(verifyPinHash('48291', stored)).resolves.toBe(false)
    await expect(verifyPinHash('', stored)).resolves.toBe(false)
  })

  it('keep working with the parameters stored in each hash', async () => {
    const cheaper = await hashPin('1234', { ln: 12, r: 8, p: 1 })
    expect(cheaper).toMatch(/^scrypt\$ln=12,/)
    await expect(verifyPinHash('1234', cheaper)).resolves.toBe(true)
  })

  it('never match a malformed or tampered hash', async () => {
    const stored = await hashPin('1234')
    const [, , salt = '', key = ''] = stored.split('$')
    await expect(verifyPinHash('1234', 'not a hash')).resolves.toBe(false)
    await expect(verifyPinHash('1234', stored.replace('ln=15', 'ln=30'))).resolves.toBe(false)
    await expect(verifyPinHash('1234', stored.replace(key, Buffer.alloc(32).toString('base64')))).resolves.toBe(false)
    await expect(verifyPinHash('1234', stored.replace(salt, 'c2hvcnQ='))).resolves.toBe(false)
  })
})
