/** The one application window: secure webPreferences and where its page comes from. */
import path from 'node:path'
import { app, BrowserWindow, nativeTheme } from 'electron'
import icon from '../../resources/icon.png?asset'
import { devAppLocation, fileAppLocation, type AppLocation } from './window-policy'

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

export function createMainWindow(location: AppLocation): BrowserWindow {
  const window = new BrowserWindow({
    title: 'Earshot',
    width: 1360,
    height: 860,
    minWidth: 960,
    minHeight: 600,
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
