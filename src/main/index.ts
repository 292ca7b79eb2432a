/**
 * Earshot main process: a thin shell. It hardens Electron, opens the store and keychain, wires
 * the services and creates the window. Business logic lives in src/main/<area>/** and never imports `electron`;
 * only this file, src/main/window*.ts, src/main/electron-*.ts and src/main/ipc*.ts may.
 */
import { app, BrowserWindow, dialog, shell } from 'electron'
import { installAppSecurity } from './electron-security'
import { createMainWindow, resolveAppLocation } from './window'
import { createServices, openStore, type Store } from './app'
import type { DemoPbx } from './demo-pbx'
import { installIpc, streamTo } from './ipc-electron'
import { openKeychain } from './secrets'
import { resolveDataDir } from './store'
import { errorText } from '../shared/error-text'
import { followWindow, installDesktop, windowPlacement, type DesktopShell } from './electron-desktop'
import { startUpdates, type Updates } from './electron-updates'
import { moveLegacyUserData } from './desktop'

// Every renderer is sandboxed, whatever a future BrowserWindow forgets to say.
app.enableSandbox()
// The demo PBX's media runs on this computer: let the softphone's WebRTC use 127.0.0.1 candidates
// (Chromium offers none by default), so the demo works even with no network at all.
app.commandLine.appendSwitch('allow-loopback-in-peer-connection')

/**
 * The demo PBX (its SIP/WebRTC stack, werift, is a third of the main bundle's load time) is loaded
 * only when someone starts the demo: a separate chunk, never read at an ordinary start.
 */
const startDemoPbx = async (): Promise<DemoPbx> => (await import('./demo-pbx')).startDemoPbx()

// productName "Earshot" names the user-data folder; Earshot 0.1's `earshot` folder moves once (Linux).
const moved = moveLegacyUserData(app.getPath('appData'), app.getPath('userData'))
if (typeof moved === 'object') console.warn(`[main] could not move the old user-data folder: ${moved.failed}`)

if (!app.requestSingleInstanceLock()) {
  // A second launch only focuses the first instance (see 'second-instance' below).
  app.quit()
} else {
  const appLocation = resolveAppLocation()
  // EARSHOT_DATA_DIR makes an install portable (and keeps tests away from the real profile).
  let store: Store
  try {
    store = openStore({ dir: resolveDataDir(process.env, app.getPath('userData')) })
  } catch (error) {
    // A database from a newer Earshot (or not a database at all) is left untouched: say why and stop.
    dialog.showErrorBox('Earshot cannot open its data', errorText(error))
    app.exit(1)
    throw error
  }
  let desktop: DesktopShell | null = null
  let updates: Updates | null = null
  const services = createServices({
    store,
    secrets: openKeychain(),
    startDemoPbx,
    openExternal: (url) => shell.openExternal(url),
    ringing: (ringing) => desktop?.ringing(ringing)
  })
  let mainWindow: BrowserWindow | null = null

  const showMainWindow = (): void => {
    if (mainWindow === null || mainWindow.isDestroyed()) {
      mainWindow = createMainWindow(appLocation, windowPlacement())
      followWindow(mainWindow)
      streamTo(services.router, mainWindow)
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

      // Handlers exist before the first window, so the renderer never calls a missing channel.
      installIpc(services.router, appLocation)
      app.on('will-quit', () => {
        void services.stop().finally(() => store.close())
      })

      showMainWindow()
      desktop = installDesktop({
        services,
        window: () => mainWindow,
        showWindow: showMainWindow,
        updateReady: () => updates?.ready() ?? null,
        restartToUpdate: () => updates?.restartToUpdate()
      })
      updates = startUpdates({ url: () => store.settings.get().updates.url, changed: () => desktop?.refreshTray() })

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
