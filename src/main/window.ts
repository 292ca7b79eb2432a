/** The one application window: secure webPreferences, where its page comes from, and what it logs. */
import path from 'node:path'
import { app, BrowserWindow, nativeTheme } from 'electron'
import icon from '../../resources/icon.png?asset'
import { appProtocolLocation, devAppLocation, type AppLocation } from './window-policy'
import { WINDOW_DEFAULTS, type WindowPlacement } from './desktop'

/** The built renderer (out/renderer), served as app://earshot/ (see app-protocol.ts). */
export const RENDERER_DIR = path.join(__dirname, '../renderer')

/**
 * Production serves out/renderer through app://earshot/. The dev server URL that electron-vite
 * passes in ELECTRON_RENDERER_URL is honoured only in an unpackaged (development) run, so an
 * environment variable can never point a shipped app at a remote page.
 */
export function resolveAppLocation(): AppLocation {
  const devUrl = process.env['ELECTRON_RENDERER_URL']
  if (!app.isPackaged && devUrl !== undefined && devUrl !== '') return devAppLocation(devUrl)
  return appProtocolLocation()
}

/** Chromium's "navigation aborted" (a redirect or a newer load replaced this one): not a failure. */
const ERR_ABORTED = -3

export interface MainWindowHooks {
  /** The page could not load before the window was ever shown: tell the user instead of staying hidden. */
  failedToLoad(reason: string): void
}

/** `placement`: the remembered size and position, already checked against the screens (src/main/desktop/window-state.ts). */
export function createMainWindow(location: AppLocation, placement: WindowPlacement, hooks: MainWindowHooks): BrowserWindow {
  const window = new BrowserWindow({
    title: 'Earshot',
    width: placement.width,
    height: placement.height,
    ...(placement.x !== undefined && placement.y !== undefined ? { x: placement.x, y: placement.y } : {}),
    minWidth: WINDOW_DEFAULTS.minWidth,
    minHeight: WINDOW_DEFAULTS.minHeight,
    show: false,
    autoHideMenuBar: true,
    // Matches --bg in the renderer's theme so there is no white flash before first paint.
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#0e1217' : '#f4f6f9',
    ...(process.platform === 'linux' ? { icon } : {}),
    webPreferences: {
      preload: path.join(__dirname, '../preload/index.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      // This window hosts the softphone: its timers (SIP keep-alives, registration) and audio must
      // run at full rate while the window is hidden or minimised.
      backgroundThrottling: false
    }
  })

  let shown = false
  let failed = false
  const fail = (reason: string): void => {
    if (failed) return
    console.error(`[window] the renderer failed: ${reason}`)
    if (shown) return
    failed = true
    hooks.failedToLoad(reason)
  }
  window.once('ready-to-show', () => {
    if (failed) return
    shown = true
    if (placement.maximized) window.maximize()
    window.show()
  })
  window.webContents.on('did-fail-load', (_event, code, description, url, isMainFrame) => {
    if (isMainFrame && code !== ERR_ABORTED) fail(`${description} (${code}) loading ${url}`)
  })
  window.webContents.on('render-process-gone', (_event, details) => {
    fail(`the page's process ended (${details.reason}, exit code ${details.exitCode})`)
  })
  window.webContents.on('preload-error', (_event, preloadPath, error) => {
    console.error(`[window] the preload ${preloadPath} failed:`, error)
  })
  // The renderer's warnings and errors go to the log file (see log-file.ts) with the main process's.
  window.webContents.on('console-message', (details) => {
    if (details.level !== 'warning' && details.level !== 'error') return
    const where = details.sourceId === '' ? '' : ` (${details.sourceId}:${details.lineNumber})`
    const line = `[renderer] ${details.message}${where}`
    if (details.level === 'error') console.error(line)
    else console.warn(line)
  })

  window.loadURL(location.indexUrl).catch((error: unknown) => {
    fail(`could not load ${location.indexUrl}: ${error instanceof Error ? error.message : String(error)}`)
  })

  return window
}
