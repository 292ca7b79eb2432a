/**
 * Main's services on real parts, for tests of what an operator can do through the IPC router: a
 * SQLite file in a fresh temp folder and the session's real keychain (under a service name of its
 * own); no PBX, no demo. Stopped and removed after each test that made one.
 */
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach } from 'vitest'
import { createServices, openStore, type EarshotServices, type Store } from '../../src/main/app'
import { openKeychain } from '../../src/main/secrets'
import type { InvokeChannel, InvokeRequest, InvokeResponse } from '../../src/shared/contract'

export interface ServicesOnDisk {
  store: Store
  services: EarshotServices
  /** Invokes a channel as the window does (the signed-in operator is the caller). */
  invoke: <C extends InvokeChannel>(channel: C, request: InvokeRequest<C>) => Promise<InvokeResponse<C>>
}

export function useServicesOnDisk(): (prepare?: (store: Store) => void) => ServicesOnDisk {
  const made: Array<{ dir: string; store: Store; services: EarshotServices }> = []
  afterEach(async () => {
    for (const { dir, store, services } of made.splice(0)) {
      await services.stop()
      store.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })
  /** `prepare`: what the store holds before the services start. */
  return (prepare?: (store: Store) => void) => {
    const dir = mkdtempSync(join(tmpdir(), 'earshot-services-'))
    const store = openStore({ dir })
    prepare?.(store)
    const services = createServices({
      store,
      secrets: openKeychain({ service: `Earshot test ${randomBytes(6).toString('hex')}` }),
      startDemoPbx: () => Promise.reject(new Error('no demo in this test'))
    })
    made.push({ dir, store, services })
    const invoke = <C extends InvokeChannel>(channel: C, request: InvokeRequest<C>): Promise<InvokeResponse<C>> =>
      services.router.invoke(channel, request, { origin: 'test' }) as Promise<InvokeResponse<C>>
    return { store, services, invoke }
  }
}
