/**
 * Preload (sandboxed, CommonJS). It only forwards: the renderer gets `window.earshot`, the
 * contract's EarshotApi, limited to the contract's channels — never `ipcRenderer`, `require`
 * or Node. Main validates every payload.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { type EarshotApi, INVOKE_CHANNELS, STREAM_CHANNELS, type InvokeChannel, type StreamChannel } from '../shared/contract'

type InvokeEnvelope = { ok: true; response: unknown } | { ok: false; error: { code: string; message: string } }

const invokable = new Set<string>(INVOKE_CHANNELS)
const streams = new Set<string>(STREAM_CHANNELS)

const api: EarshotApi = {
  async invoke(channel: InvokeChannel, request: unknown) {
    if (!invokable.has(channel)) throw new Error(`No such channel: ${String(channel)}`)
    const envelope = (await ipcRenderer.invoke(channel, request)) as InvokeEnvelope
    if (!envelope.ok) throw Object.assign(new Error(envelope.error.message), { code: envelope.error.code })
    return envelope.response as never
  },
  on(channel: StreamChannel, listener: (payload: never) => void) {
    if (!streams.has(channel)) throw new Error(`No such stream: ${String(channel)}`)
    const wrapped = (_event: IpcRendererEvent, payload: unknown): void => listener(payload as never)
    ipcRenderer.on(channel, wrapped)
    return () => {
      ipcRenderer.removeListener(channel, wrapped)
    }
  }
}

contextBridge.exposeInMainWorld('earshot', Object.freeze(api))
