/**
 * Preload (sandboxed, CommonJS). It only forwards: the renderer gets `window.earshot`, a frozen
 * object of plain data and (later) narrow functions — never `ipcRenderer`, `require` or Node.
 *
 * The IPC surface is defined by src/shared/contract.ts (to come); add forwarding functions
 * here, one per contract method, each calling `ipcRenderer.invoke` with a fixed channel name.
 */
import { contextBridge } from 'electron'

export interface EarshotBridge {
  /** `process.platform` of the machine running Earshot ('linux', 'win32', 'darwin', …). */
  readonly platform: string
  readonly versions: {
    readonly electron: string
    readonly chrome: string
    readonly node: string
  }
}

const bridge: EarshotBridge = Object.freeze({
  platform: process.platform,
  versions: Object.freeze({
    electron: process.versions.electron,
    chrome: process.versions.chrome,
    node: process.versions.node
  })
})

contextBridge.exposeInMainWorld('earshot', bridge)
