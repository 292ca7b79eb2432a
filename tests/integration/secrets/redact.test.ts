import { describe, expect, it } from 'vitest'
import { redact } from '../../../src/main/secrets/redact'

describe('redact', () => {
  it('replaces every occurrence of every secret', () => {
    expect(redact('login earshot/hunter2 failed; retry hunter2; sip s1p', ['hunter2', 's1p'])).toBe('login earshot/******** failed; retry ********; sip ********')
  })

  it('hides a secret whole when another secret is part of it', () => {
    expect(redact('pw=abcdef', ['abc', 'abcdef'])).toBe('pw=********')
  })

  it('catches secrets as written inside JSON and URLs', () => {
    const secret = 'pa"ss\\wo rd/ü'
    expect(redact(JSON.stringify({ secret }), [secret])).toBe('{"secret":"********"}')
    expect(redact(`wss://pbx/?p=${encodeURIComponent(secret)}`, [secret])).toBe('wss://pbx/?p=********')
  })

  it('ignores empty and missing secrets and leaves other text alone', () => {
    expect(redact('nothing to hide', ['', null, undefined])).toBe('nothing to hide')
    expect(redact('a.b*c', ['.', '*'])).toBe('a********b********c')
  })
})
