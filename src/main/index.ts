/**
 * Earshot main process: a thin shell. It hardens Electron, opens the store and keychain, wires
 * the services and creates the window. Business logic lives in src/main/<area>/** and never imports `electron`;
 * only this file, src/main/window*.ts, src/main/electron-*.ts and src/main/ipc*.ts may.
 */
import { app, BrowserWindow, dialog, shell } from 'electron'
import { installAppSecurity } from './electron-security'
import { installAppMenu } from './electron-menu'
import { registerAppScheme, serveAppScheme } from './electron-protocol'
import { createMainWindow, RENDERER_DIR, resolveAppLocation } from './window'
import { createServices, openStore, type Store } from './app'
import type { DemoPbx } from './demo-pbx'
import { installIpc, streamTo } from './ipc-electron'
import { openLogFile } from './log-file'
import { quitAfterCleanup } from './quit'
import { openKeychain, rememberingSecrets } from './secrets'
import { resolveDataDir } from './store'
import { errorText } from '../shared/error-text'
import { followWindow, installDesktop, windowPlacement, type DesktopShell } from './electron-desktop'
import { startUpdates, type Updates } from './electron-updates'
import { moveLegacyUserData } from './desktop'
import { EARSHOT_PRIVILEGES } from '../shared/ami-privileges'

// Every renderer is sandboxed, whatever a future BrowserWindow forgets to say.
app.enableSandbox()
// The demo PBX's media runs on this computer: let the softphone's WebRTC use 127.0.0.1 candidates
// (Chromium offers none by default), so the demo works even with no network at all.
app.commandLine.appendSwitch('allow-loopback-in-peer-connection')
// The renderer's origin, app://earshot/ (privileged schemes can only be registered before ready).
registerAppScheme()

/**
 * The demo PBX (its SIP/WebRTC stack, werift, is a third of the main bundle's load time) is loaded
 * only when someone starts the demo: a separate chunk, never read at an ordinary start. Its AMI user
 * holds the least privileges the README gives Earshot's, so the demo refuses whatever a real one would.
 */
const startDemoPbx = async (): Promise<DemoPbx> => (await import('./demo-pbx')).startDemoPbx({ privileges: EARSHOT_PRIVILEGES })

// productName "Earshot" names the user-data folder; Earshot 0.1's `earshot` folder moves once (Linux).
const moved = moveLegacyUserData(app.getPath('appData'), app.getPath('userData'))
if (typeof moved === 'object') console.warn(`[main] could not move the old user-data folder: ${moved.failed}`)

if (!app.requestSingleInstanceLock()) {
  // A second launch only focuses the first instance (see 'second-instance' below).
  app.quit()
} else {
  const appLocation = resolveAppLocation()
  // EARSHOT_DATA_DIR makes an install portable (and keeps tests away from the real profile).
  const dataDir = resolveDataDir(process.env, app.getPath('userData'))
  const logFile = openLogFile(dataDir)
  let store: Store
  try {
    store = openStore({ dir: dataDir })
  } catch (error) {
    // A database from a newer Earshot (or not a database at all) is left untouched: say why and stop.
    console.error('[main] cannot open the data:', error)
    dialog.showErrorBox('Earshot cannot open its data', errorText(error))
    app.exit(1)
    throw error
  }
  const secrets = rememberingSecrets(openKeychain(), (secret) => logFile.rememberSecret(secret))
  let desktop: DesktopShell | null = null
  let updates: Updates | null = null
  const services = createServices({
    store,
    secrets,
    startDemoPbx,
    openExternal: (url) => shell.openExternal(url),
    ringing: (ringing) => desktop?.ringing(ringing),
    notify: (notice, clicked) => desktop?.notify(notice, clicked) ?? false,
    fullScreen: (on) => desktop?.fullScreen(on) ?? false
  })
  let mainWindow: BrowserWindow | null = null

  const failedToLoad = (reason: string): void => {
    dialog.showErrorBox('Earshot could not open its window', `${reason}\n\nThe details are in the log file: ${logFile.file}`)
    app.quit()
  }

  const showMainWindow = (): void => {
    if (mainWindow === null || mainWindow.isDestroyed()) {
      mainWindow = createMainWindow(appLocation, windowPlacement(), { failedToLoad })
      followWindow(mainWindow)
      streamTo(services.router, mainWindow)
      mainWindow.on('closed', () => {
        mainWindow = null
        // Earshot may run on without it (macOS): a supervision leg must not outlive its softphone.
        void services.windowClosed()
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

  // The demo PBX and the database close before the process ends (see quit.ts).
  quitAfterCleanup(app, { cleanup: () => services.stop(), finish: () => store.close() })

  app
    .whenReady()
    .then(() => {
      installAppSecurity(appLocation)
      if (appLocation.kind === 'app') serveAppScheme(RENDERER_DIR)
      installAppMenu({
        isPackaged: app.isPackaged,
        platform: process.platform,
        name: app.getName(),
        version: app.getVersion(),
        openLogsFolder: () => void shell.openPath(logFile.dir),
        updateWords: () => updates?.words() ?? 'Updates have not been looked for yet.',
        toggleWallboard: () => services.requestWallboard()
      })
      // Windows groups the taskbar entry and notifications under the installer's appId.
      if (process.platform === 'win32') app.setAppUserModelId('com.earshot.console')

      // Handlers exist before the first window, so the renderer never calls a missing channel.
      installIpc(services.router, appLocation)

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
