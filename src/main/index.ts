/**
 * Earshot main process: a thin shell. It hardens Electron, creates the window and (later) wires
 * the services. Business logic lives in src/main/<area>/** and never imports `electron`;
 * only this file, src/main/window*.ts, src/main/electron-*.ts and src/main/ipc*.ts may.
 */
import { app, BrowserWindow } from 'electron'
import { installAppSecurity } from './electron-security'
import { createMainWindow, resolveAppLocation } from './window'

// Every renderer is sandboxed, whatever a future BrowserWindow forgets to say.
app.enableSandbox()

if (!app.requestSingleInstanceLock()) {
  // A second launch only focuses the first instance (see 'second-instance' below).
  app.quit()
} else {
  const appLocation = resolveAppLocation()
  let mainWindow: BrowserWindow | null = null

  const showMainWindow = (): void => {
    if (mainWindow === null || mainWindow.isDestroyed()) {
      mainWindow = createMainWindow(appLocation)
      mainWindow.on('closed', () => {
        mainWindow = null
      })
      return
    }
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.show()
    mainWindow.focus()
  }

  app.on('second-instance', () => {
    if (app.isReady()) showMainWindow()
  })

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })

  app
    .whenReady()
    .then(() => {
      installAppSecurity(appLocation)
      // Windows groups the taskbar entry and notifications under the installer's appId.
      if (process.platform === 'win32') app.setAppUserModelId('com.earshot.console')

      // ---------------------------------------------------------------------------------------
      // SERVICES GO HERE. Construct the AMI connection, floor state, capture, … and register
      // their IPC handlers (src/main/ipc*.ts, typed by src/shared/contract.ts) BEFORE the first
      // window is created, so the renderer never calls a channel that does not exist yet.
      // Stop them in app.on('will-quit').
      // ---------------------------------------------------------------------------------------

      showMainWindow()

      // macOS: clicking the dock icon with no windows open re-creates the window.
      app.on('activate', () => {
        if (BrowserWindow.getAllWindows().length === 0) showMainWindow()
      })
    })
    .catch((error: unknown) => {
      console.error('[main] startup failed:', error)
      app.exit(1)
    })
}
