/**
 * compareExtensions orders plain numbers without the collator (a fast path for the queues' member
 * lists): it must order every extension exactly as the numeric-aware collator does.
 */
import { describe, expect, it } from 'vitest'
import { compareExtensions } from '../../../src/main/calls'

const collator = new Intl.Collator('en', { numeric: true })

describe('compareExtensions', () => {
  it('orders extensions as the numeric collator does, plain numbers, leading zeros and names alike', () => {
    const extensions = ['1001', '999', '10001', '1000', '2001', '0100', '100', '007', '7', 'sip-1', 'alice', 'Bob', '1001a', '20', '3']
    for (let i = 0; i < 400; i++) extensions.push(String(Math.floor(Math.random() * 10 ** (1 + (i % 6)))))
    const sign = (x: number): number => Math.sign(x)
    for (const a of extensions) for (const b of extensions.slice(0, 60)) expect(sign(compareExtensions(a, b)), `${a} vs ${b}`).toBe(sign(collator.compare(a, b)))
    expect(['1000', '999', '10001', '1001'].sort(compareExtensions)).toEqual(['999', '1000', '1001', '10001'])
  })
})
