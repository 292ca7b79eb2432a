/**
 * Earshot's services for development tools (browser host, benchmarks): a data folder (given, or a
 * temporary one removed on dispose, with its own keychain service name so a real profile's
 * passwords are never touched), and optionally an admin created on first run and signed in.
 */
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createServices, type EarshotServices } from '../src/main/app'
import type { DemoPbx } from '../src/main/demo-pbx'
import { openKeychain } from '../src/main/secrets'
import { openStore } from '../src/main/app'

export interface DevServices {
  services: EarshotServices
  dataDir: string
  dispose(): Promise<void>
}

export async function devServices(options: {
  startDemoPbx: () => Promise<DemoPbx>
  dataDir?: string
  admin?: { name: string; pin: string }
}): Promise<DevServices> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'earshot-dev-'))
  const store = openStore({ dir: dataDir })
  const secrets = openKeychain({ service: options.dataDir === undefined ? `Earshot dev ${randomBytes(6).toString('hex')}` : 'Earshot' })
  const services = createServices({ store, secrets, startDemoPbx: options.startDemoPbx })
  const { admin } = options
  if (admin !== undefined) {
    const operator = store.operators.isFirstRun()
      ? await store.operators.create({ name: admin.name, extension: '2001', scopes: ['see-everyone', 'configure-everything'], pin: admin.pin })
      : store.operators.list().find((o) => o.name === admin.name)
    if (operator === undefined) throw new Error(`no operator called ${admin.name} in ${dataDir}`)
    await services.signIn.signIn(operator.id, admin.pin)
  }
  return {
    services,
    dataDir,
    async dispose() {
      await services.stop()
      store.close()
      if (options.dataDir === undefined) rmSync(dataDir, { recursive: true, force: true })
    }
  }
}
