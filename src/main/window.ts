/** The one application window: secure webPreferences and where its page comes from. */
import path from 'node:path'
import { app, BrowserWindow, nativeTheme } from 'electron'
import icon from '../../resources/icon.png?asset'
import { devAppLocation, fileAppLocation, type AppLocation } from './window-policy'
import { WINDOW_DEFAULTS, type WindowPlacement } from './desktop'

/**
 * Production loads out/renderer/index.html from disk. The dev server URL that electron-vite
 * passes in ELECTRON_RENDERER_URL is honoured only in an unpackaged (development) run, so an
 * environment variable can never point a shipped app at a remote page.
 */
export function resolveAppLocation(): AppLocation {
  const devUrl = process.env['ELECTRON_RENDERER_URL']
  if (!app.isPackaged && devUrl !== undefined && devUrl !== '') return devAppLocation(devUrl)
  return fileAppLocation(path.join(__dirname, '../renderer/index.html'))
}

/** `placement`: the remembered size and position, already checked against the screens (src/main/desktop/window-state.ts). */
export function createMainWindow(location: AppLocation, placement: WindowPlacement): BrowserWindow {
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
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false
      // webSecurity, allowRunningInsecureContent and experimentalFeatures stay at their safe defaults.
    }
  })

  window.once('ready-to-show', () => {
    if (placement.maximized) window.maximize()
    window.show()
  })

  const load =
    location.kind === 'dev'
      ? window.loadURL(location.indexUrl)
      : window.loadFile(path.join(__dirname, '../renderer/index.html'))
  load.catch((error: unknown) => {
    console.error('[window] failed to load the renderer:', error)
  })

  return window
}
