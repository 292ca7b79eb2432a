/**
 * Electron glue for the IPC router: one ipcMain handler per contract channel, accepting calls only
 * from the app's own top-level page (the sender frame is checked, as VS Code's validatedIpcMain
 * does), and streams sent to the window. Validation itself lives in the router.
 */
import { type BrowserWindow, type IpcMainInvokeEvent, ipcMain } from 'electron'
import { INVOKE_CHANNELS } from '../shared/contract'
import { IpcFailure, type IpcRouter } from './ipc'
import { type AppLocation, isAppPage } from './window-policy'

export type InvokeEnvelope = { ok: true; response: unknown } | { ok: false; error: { code: string; message: string } }

export function installIpc(router: IpcRouter, location: AppLocation): void {
  for (const channel of INVOKE_CHANNELS) {
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, request: unknown): Promise<InvokeEnvelope> => {
      const frame = event.senderFrame
      if (frame === null || frame.parent !== null || !isAppPage(location, frame.url)) {
        return { ok: false, error: { code: 'forbidden', message: 'IPC is only for the Earshot window' } }
      }
      try {
        return { ok: true, response: await router.invoke(channel, request, { origin: 'electron window' }) }
      } catch (err) {
        return { ok: false, error: err instanceof IpcFailure ? err.error : { code: 'failed', message: String(err) } }
      }
    })
  }
}

/** Streams the router's payloads to one window for as long as it lives. */
export function streamTo(router: IpcRouter, window: BrowserWindow): void {
  const remove = router.addSink((channel, payload) => {
    if (!window.isDestroyed()) window.webContents.send(channel, payload)
  })
  window.on('closed', remove)
}
