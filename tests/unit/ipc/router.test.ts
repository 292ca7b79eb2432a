import { describe, expect, it } from 'vitest'
import { IpcFailure, IpcRouter } from '../../../src/main/ipc/router'
import type { FloorSnapshot } from '../../../src/shared/contract'
import { handlersFor, TEST_ADMIN } from '../../support/handlers'

const snapshot: FloorSnapshot = {
  seq: 3,
  rows: [{ extension: '1001', name: 'Ann', status: 'idle', statusSince: null, pauseReason: null, pause: null, calls: [], unansweredRings: 0 }],
  queues: [],
  connection: { source: 'demo', state: 'live', message: null, retryAt: null, stale: false },
  callLog: { failing: null, waiting: 0, dropped: 0 },
  serverTime: 1000
}

function router(over: Partial<ConstructorParameters<typeof IpcRouter>[0]> = {}): IpcRouter {
  return new IpcRouter(handlersFor({ 'floor:snapshot': () => snapshot, 'demo:start': () => ({ ok: true as const }), ...over }), () => TEST_ADMIN)
}
const caller = { origin: 'test' }

async function failure(p: Promise<unknown>): Promise<IpcFailure['error']> {
  try {
    await p
  } catch (err) {
    if (err instanceof IpcFailure) return err.error
    throw err
  }
  throw new Error('expected the call to fail')
}

describe('IpcRouter', () => {
  it('answers a valid request with exactly the contract shape', async () => {
    const leaky = router({ 'floor:snapshot': () => ({ ...snapshot, amiSecret: 'hunter2' }) as FloorSnapshot })
    const response = await leaky.invoke('floor:snapshot', {}, caller)
    expect(response).toEqual(snapshot)
    expect(JSON.stringify(response)).not.toContain('hunter2')
  })

  it('refuses unknown channels, including prototype names', async () => {
    expect((await failure(router().invoke('settings:read-secret', {}, caller))).code).toBe('unknown-channel')
    expect((await failure(router().invoke('__proto__', {}, caller))).code).toBe('unknown-channel')
    expect((await failure(router().invoke(42, {}, caller))).code).toBe('unknown-channel')
  })

  it('refuses malformed requests before any handler runs', async () => {
    let ran = false
    const r = router({ 'demo:start': () => ((ran = true), { ok: true as const }) })
    const error = await failure(r.invoke('demo:start', { extra: 'field' }, caller))
    expect(error.code).toBe('invalid-request')
    expect(error.message).toMatch(/demo:start/)
    expect((await failure(r.invoke('demo:start', 'not an object', caller))).code).toBe('invalid-request')
    expect(ran).toBe(false)
  })

  it('turns a handler failure into words, and keeps going', async () => {
    const r = router({ 'demo:start': () => Promise.reject(new Error('port in use')) })
    expect(await failure(r.invoke('demo:start', {}, caller))).toEqual({ code: 'failed', message: 'port in use' })
    expect(await r.invoke('floor:snapshot', {}, caller)).toEqual(snapshot)
  })

  it('validates stream payloads and delivers them to every sink until removed', () => {
    const r = router()
    const got: unknown[] = []
    const remove = r.addSink((channel, payload) => got.push([channel, payload]))
    r.emit('floor:delta', { seq: 1, rows: [], removed: ['1002'] })
    expect(() => r.emit('floor:delta', { seq: 0, rows: [], removed: [] })).toThrow()
    remove()
    r.emit('floor:delta', { seq: 2, rows: [], removed: [] })
    expect(got).toEqual([['floor:delta', { seq: 1, rows: [], removed: ['1002'] }]])
  })
})
