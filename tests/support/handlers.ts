import { INVOKE_CHANNELS, type InvokeChannel, type Operator } from '../../src/shared/contract'
import type { InvokeHandlers } from '../../src/main/ipc/router'

/** Router handlers for a test: the given ones, and every other channel failing loudly if called. */
export function handlersFor(over: Partial<InvokeHandlers>): InvokeHandlers {
  const all = {} as Record<InvokeChannel, unknown>
  for (const channel of INVOKE_CHANNELS) {
    all[channel] = over[channel] ?? (() => {
      throw new Error(`${channel} is not used by this test`)
    })
  }
  return all as InvokeHandlers
}

/** A signed-in operator holding every scope: for tests of the router's other duties. */
export const TEST_ADMIN: Operator = { id: 'test-admin', name: 'Test Admin', extension: '2001', scopes: ['see-everyone', 'configure-everything'] }
