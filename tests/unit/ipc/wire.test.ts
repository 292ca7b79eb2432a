import { describe, expect, it } from 'vitest'
import { ClientMessage, HostMessage } from '../../../src/shared/wire'

describe('browser host wire messages', () => {
  it('accept every message kind the host sends', () => {
    expect(HostMessage.safeParse({ type: 'result', id: 1, ok: true, response: { seq: 1 } }).success).toBe(true)
    expect(HostMessage.safeParse({ type: 'result', id: 2, ok: false, error: { code: 'failed', message: 'x' } }).success).toBe(true)
    expect(HostMessage.safeParse({ type: 'stream', channel: 'floor:delta', payload: {} }).success).toBe(true)
  })

  it('reject malformed ones', () => {
    expect(HostMessage.safeParse({ type: 'result', id: 2, ok: false, error: { code: 'nope', message: 'x' } }).success).toBe(false)
    expect(HostMessage.safeParse({ type: 'other' }).success).toBe(false)
    expect(ClientMessage.safeParse({ type: 'invoke', id: -1, channel: 'floor:snapshot', request: {} }).success).toBe(false)
    expect(ClientMessage.safeParse({ type: 'invoke', id: 1, channel: 'x'.repeat(101), request: {} }).success).toBe(false)
  })
})
