/**
 * The demo floor tried before any admin exists: a whole Earshot workspace of its own, thrown away
 * when the demo is left. Its store lives in memory (no operator row, no settings, no call-log,
 * audit or customer rows ever reach earshot.db), its "keychain" too, and its one operator — the
 * demo supervisor — is signed in without a PIN anybody knows. Nothing of this computer's workspace
 * is reachable from it: not its database, not its keychain, not a PBX in its settings. On top of
 * that its router refuses every channel that configures anything (contract `demo: 'refused'`).
 */
import { randomInt } from 'node:crypto'
import type { SecretStore } from '../secrets'
import type { EarshotServices, ServicesDeps } from './services'
import { openMemoryStore, type Store } from './store'

export interface DemoWorkspace {
  workspace: EarshotServices
  /** Stops the demo PBX and the workspace, and forgets its store. */
  close(): Promise<void>
}

/** What the demo's operator is called on the floor, in the account bar and in its call log. */
export const DEMO_OPERATOR_NAME = 'Demo supervisor'

/** A keychain that forgets: the demo PBX's passwords never touch the OS keychain. */
function memorySecrets(): SecretStore {
  const values = new Map<string, string>()
  return {
    get: (account) => Promise.resolve(values.get(account) ?? null),
    set: (account, value) => {
      values.set(account, value)
      return Promise.resolve()
    },
    delete: (account) => Promise.resolve(values.delete(account))
  }
}

/**
 * Opens the demo's workspace (made by `create` over a memory store and keychain), starts its demo
 * PBX and signs its demo supervisor in, as the extension the demo's softphone registers as.
 */
export async function openDemoWorkspace(deps: ServicesDeps, create: (deps: ServicesDeps) => EarshotServices): Promise<DemoWorkspace> {
  const store: Store = openMemoryStore()
  const workspace = create({ ...deps, store, secrets: memorySecrets() })
  const close = async (): Promise<void> => {
    try {
      await workspace.stop()
    } finally {
      store.close()
    }
  }
  try {
    const pbx = await workspace.startDemo()
    // A PIN nobody is told: the demo operator is signed in once, and never again.
    const pin = String(randomInt(10 ** 11, 10 ** 12))
    await workspace.signIn.firstAdmin({ name: DEMO_OPERATOR_NAME, extension: pbx.sip.supervisorExtension, pin })
  } catch (error) {
    await close()
    throw error
  }
  return { workspace, close }
}
