/**
 * The Electron shell, run from its BUILD (out/main/index.js, out/preload/index.js) under a STAND-IN
 * for the `electron` module (tests/support/electron-stand-in.ts), because no Electron binary can run
 * here. The stand-in records what the shell asks of Electron and lets this test drive the handlers it
 * installs; the database is real SQLite in a temporary EARSHOT_DATA_DIR. What it cannot show —
 * Chromium, the sandbox, the OS — is covered by the browser-host tests (tests/e2e, tests/integration/
 * browser-host), which this complements and never replaces.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { INVOKE_CHANNELS, STREAM_CHANNELS } from '../../../src/shared/contract'
import { rendererCsp } from '../../../src/main/window-csp'
import { type LoadedMain, PRELOAD_JS, ensureBuilt, loadBuiltMain, runBuiltPreload } from '../../support/built-shell'
import { type ElectronStandIn, type StandInBrowserWindow, standInEvent } from '../../support/electron-stand-in'

const APP_PAGE = 'app://earshot/index.html'

let loaded: LoadedMain | null = null
let dataDir = ''

beforeAll(() => {
  ensureBuilt()
}, 180_000)

afterEach(() => {
  loaded?.unload()
  loaded = null
  if (dataDir !== '') rmSync(dataDir, { recursive: true, force: true })
  dataDir = ''
})

interface Started {
  electron: ElectronStandIn
  window: StandInBrowserWindow
}

/** Loads the built main process with a fresh data folder and makes the app ready. */
async function start(options: { isPackaged?: boolean; onExit?: (code: number) => void } = {}): Promise<Started> {
  dataDir = mkdtempSync(path.join(tmpdir(), 'earshot-shell-'))
  loaded = loadBuiltMain({ userData: path.join(dataDir, 'user-data'), ...options }, { EARSHOT_DATA_DIR: dataDir })
  const { electron } = loaded
  await electron.becomeReady()
  const window = electron.windows[0]
  if (window === undefined) throw new Error('no window was created after ready')
  return { electron, window }
}

function frame(url: string, parent: unknown = null): { senderFrame: { url: string; parent: unknown } } {
  return { senderFrame: { url, parent } }
}

async function invoke(electron: ElectronStandIn, channel: string, event: unknown, request: unknown = {}): Promise<unknown> {
  const handler = electron.invokeHandlers.get(channel)
  if (handler === undefined) throw new Error(`no handler for ${channel}`)
  return (handler as (event: unknown, request: unknown) => Promise<unknown>)(event, request)
}

function askPermission(electron: ElectronStandIn, permission: string, details: Record<string, unknown>): Promise<boolean> {
  const handler = electron.permissions.request
  if (handler === undefined) throw new Error('no permission request handler')
  return new Promise((resolve) => handler({}, permission, resolve, details))
}

function checkPermission(electron: ElectronStandIn, permission: string, origin: string, details: Record<string, unknown> = {}): boolean {
  const handler = electron.permissions.check
  if (handler === undefined) throw new Error('no permission check handler')
  return handler({}, permission, origin, details)
}

async function fetchApp(electron: ElectronStandIn, url: string): Promise<Response> {
  const handler = electron.protocolHandlers.get('app')
  if (handler === undefined) throw new Error('app:// is not handled')
  return handler({ url, method: 'GET' })
}

describe('the built Electron shell under the electron stand-in', () => {
  it('calls before ready only what Electron allows before ready, and registers app:// as privileged then', async () => {
    const { electron } = await start()
    expect(electron.violations).toEqual([])
    const beforeReady = electron.calls.filter((call) => !call.afterReady).map((call) => call.api)
    expect(beforeReady).toContain('app.enableSandbox')
    expect(beforeReady).toContain('protocol.registerSchemesAsPrivileged')
    expect(electron.privilegedSchemes).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) as unknown }])
    for (const privilege of ['bypassCSP', 'allowServiceWorkers', 'stream']) expect(electron.privilegedSchemes[0]?.privileges, privilege).not.toHaveProperty(privilege)
  })

  it('opens one window with the hardened webPreferences, loading the page from app://', async () => {
    const { window } = await start()
    expect(window.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      backgroundThrottling: false,
      preload: PRELOAD_JS
    })
    expect(window.webPreferences['webSecurity']).not.toBe(false)
    expect(window.webPreferences['allowRunningInsecureContent']).not.toBe(true)
    expect(window.loaded).toEqual([APP_PAGE])
    expect(window.visible).toBe(false)
    window.emit('ready-to-show')
    expect(window.visible).toBe(true)
  })

  it('registers every contract channel with ipcMain.handle, and no other IPC channel', async () => {
    const { electron } = await start()
    expect([...electron.invokeHandlers.keys()].sort()).toEqual([...INVOKE_CHANNELS].sort())
    expect([...electron.ipcListeners.keys()]).toEqual([])
  })

  it('answers IPC only from the app page in the top frame', async () => {
    const { electron } = await start()
    const ours = await invoke(electron, 'session:current', frame(APP_PAGE))
    expect(ours).toMatchObject({ ok: true })
    const forbidden = { ok: false, error: { code: 'forbidden', message: 'IPC is only for the Earshot window' } }
    expect(await invoke(electron, 'session:current', frame('https://evil.example/'))).toEqual(forbidden)
    expect(await invoke(electron, 'session:current', frame('file:///work/out/renderer/index.html'))).toEqual(forbidden)
    expect(await invoke(electron, 'session:current', frame('app://other/index.html'))).toEqual(forbidden)
    expect(await invoke(electron, 'session:current', frame(APP_PAGE, { url: APP_PAGE }))).toEqual(forbidden)
    expect(await invoke(electron, 'session:current', { senderFrame: null })).toEqual(forbidden)
  })

  it('grants the microphone and clipboard writes to the app page only, and nothing else', async () => {
    const { electron } = await start()
    expect(await askPermission(electron, 'media', { requestingUrl: APP_PAGE, mediaTypes: ['audio'] })).toBe(true)
    expect(await askPermission(electron, 'media', { requestingUrl: APP_PAGE, mediaTypes: ['audio', 'video'] })).toBe(false)
    expect(await askPermission(electron, 'clipboard-sanitized-write', { requestingUrl: APP_PAGE })).toBe(true)
    expect(await askPermission(electron, 'clipboard-sanitized-write', { requestingUrl: 'https://evil.example/' })).toBe(false)
    expect(await askPermission(electron, 'media', { requestingUrl: 'https://evil.example/', mediaTypes: ['audio'] })).toBe(false)
    for (const permission of ['clipboard-read', 'notifications', 'geolocation', 'openExternal', 'fullscreen', 'display-capture']) {
      expect(await askPermission(electron, permission, { requestingUrl: APP_PAGE }), permission).toBe(false)
    }

    expect(checkPermission(electron, 'media', 'app://earshot', { requestingUrl: APP_PAGE, mediaType: 'audio' })).toBe(true)
    expect(checkPermission(electron, 'media', 'app://earshot', { requestingUrl: APP_PAGE, mediaType: 'video' })).toBe(false)
    expect(checkPermission(electron, 'clipboard-sanitized-write', 'app://earshot', { requestingUrl: APP_PAGE })).toBe(true)
    expect(checkPermission(electron, 'clipboard-sanitized-write', 'https://evil.example', { requestingUrl: 'https://evil.example/' })).toBe(false)
    expect(checkPermission(electron, 'clipboard-read', 'app://earshot', { requestingUrl: APP_PAGE })).toBe(false)
    expect(electron.permissions.device?.({})).toBe(false)
  })

  it('serves the renderer from app:// with its types and the CSP, and never a file outside it', async () => {
    const { electron } = await start()
    const page = await fetchApp(electron, APP_PAGE)
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(page.headers.get('content-security-policy')).toBe(rendererCsp('header'))
    expect(page.headers.get('x-content-type-options')).toBe('nosniff')
    expect(page.headers.get('access-control-allow-origin')).toBeNull()
    const html = await page.text()
    const script = /<script[^>]+src="\.\/([^"]+\.js)"/.exec(html)?.[1]
    const style = /<link rel="stylesheet"[^>]+href="\.\/([^"]+\.css)"/.exec(html)?.[1]
    expect(script).toBeDefined()
    expect((await fetchApp(electron, `app://earshot/${script ?? ''}`)).headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect((await fetchApp(electron, `app://earshot/${style ?? ''}`)).headers.get('content-type')).toBe('text/css; charset=utf-8')

    for (const url of [
      'app://earshot/../main/index.js',
      'app://earshot/..%2fmain%2findex.js',
      'app://earshot/%2e%2e/%2e%2e/package.json',
      'app://earshot/..%5c..%5cpackage.json',
      `app://earshot/${encodeURIComponent(path.join(dataDir, 'earshot.db'))}`,
      'app://earshot/%00index.html',
      'app://other/index.html',
      'app://earshot/no-such-file.js'
    ]) {
      const response = await fetchApp(electron, url)
      expect(response.status, url).toBe(404)
      expect(await response.text(), url).toBe('not found\n')
    }
  })

  it('opens https and mailto links in the OS, never http or anything else, and never navigates away', async () => {
    const { electron, window } = await start()
    const contents = window.webContents
    const openWindow = (url: string): unknown => contents.windowOpenHandler?.({ url })
    expect(openWindow('https://crm.example.com/c/1')).toEqual({ action: 'deny' })
    expect(openWindow('http://crm.example.com/c/1')).toEqual({ action: 'deny' })
    expect(openWindow('file:///etc/passwd')).toEqual({ action: 'deny' })
    expect(openWindow('https://user:pw@crm.example.com/')).toEqual({ action: 'deny' })
    const navigation = standInEvent({ url: 'mailto:alice@acme.example' })
    contents.emit('will-navigate', navigation)
    expect(navigation.defaultPrevented).toBe(true)
    const offApp = standInEvent({ url: 'http://evil.example/' })
    contents.emit('will-navigate', offApp)
    expect(offApp.defaultPrevented).toBe(true)
    expect(electron.callsTo('shell.openExternal').map((call) => call.args[0])).toEqual(['https://crm.example.com/c/1', 'mailto:alice@acme.example'])
  })

  it('has no reload or developer tools in a packaged build; Edit, Window and Help → Open logs folder are there', async () => {
    const { electron } = await start({ isPackaged: true })
    const menu = electron.applicationMenu
    expect(menu).not.toBeNull()
    const items = menu?.all() ?? []
    const roles = items.map((item) => item.role?.toLowerCase())
    for (const role of ['reload', 'forcereload', 'toggledevtools']) expect(roles, role).not.toContain(role)
    for (const role of ['copy', 'paste', 'cut', 'selectall', 'minimize']) expect(roles, role).toContain(role)
    expect(menu?.items.map((item) => item.label ?? item.role)).toEqual(expect.arrayContaining(['Edit', 'Window', 'help']))
    expect(items.some((item) => item.label === 'About Earshot')).toBe(true)
    const openLogs = items.find((item) => item.label === 'Open logs folder')
    openLogs?.click?.()
    expect(electron.callsTo('shell.openPath').map((call) => call.args[0])).toEqual([path.join(dataDir, 'logs')])
  })

  it('View → Wallboard (F11) asks the window for the wallboard; plain full screen moves off F11', async () => {
    const { electron, window } = await start({ isPackaged: true })
    const items = electron.applicationMenu?.all() ?? []
    const wallboard = items.find((item) => item.label === 'Wallboard')
    expect(wallboard?.accelerator).toBe('F11')
    const fullScreen = items.find((item) => item.role?.toLowerCase() === 'togglefullscreen')
    if (process.platform !== 'darwin') expect(fullScreen?.accelerator).toBe('Shift+F11')
    wallboard?.click?.()
    expect(window.webContents.sent.filter((m) => m.channel === 'desktop:command').map((m) => m.payload)).toEqual([{ command: 'toggle-wallboard' }])
  })

  it('keeps reload and developer tools in a development run', async () => {
    const { electron } = await start({ isPackaged: false })
    const roles = (electron.applicationMenu?.all() ?? []).map((item) => item.role?.toLowerCase())
    expect(roles).toEqual(expect.arrayContaining(['reload', 'toggledevtools']))
  })

  it('quits only after the services stopped and the database closed (no WAL files left)', async () => {
    const walAtExit: boolean[] = []
    const { electron } = await start({ onExit: () => walAtExit.push(existsSync(path.join(dataDir, 'earshot.db-wal'))) })
    expect(existsSync(path.join(dataDir, 'earshot.db-wal'))).toBe(true)
    ;(electron.app['quit'] as () => void)()
    expect(await electron.exited).toBe(0)
    expect(walAtExit).toEqual([false])
    expect(existsSync(path.join(dataDir, 'earshot.db-shm'))).toBe(false)
    expect(electron.callsTo('app.quit').length).toBe(2)
  })

  it('shows an error instead of staying hidden when the page fails to load, and logs it', async () => {
    const { electron, window } = await start()
    window.webContents.emit('did-fail-load', standInEvent(), -6, 'ERR_FILE_NOT_FOUND', APP_PAGE, true)
    expect(electron.callsTo('dialog.showErrorBox')).toHaveLength(1)
    expect(String(electron.callsTo('dialog.showErrorBox')[0]?.args[1])).toContain('ERR_FILE_NOT_FOUND')
    window.emit('ready-to-show')
    expect(window.visible).toBe(false)
    await electron.exited
    expect(readFileSync(path.join(dataDir, 'logs/main.log'), 'utf8')).toContain('ERR_FILE_NOT_FOUND')
  })

  it("writes main's and the renderer's warnings and errors to the log file in the data folder", async () => {
    const { electron, window } = await start()
    await askPermission(electron, 'geolocation', { requestingUrl: APP_PAGE })
    window.webContents.emit('console-message', standInEvent({ level: 'error', message: 'Uncaught TypeError: boom', lineNumber: 7, sourceId: 'app://earshot/assets/index.js' }))
    window.webContents.emit('console-message', standInEvent({ level: 'info', message: 'just chatting', lineNumber: 1, sourceId: '' }))
    const log = readFileSync(path.join(dataDir, 'logs/main.log'), 'utf8')
    expect(log).toContain('denied permission request "geolocation"')
    expect(log).toContain('[renderer] Uncaught TypeError: boom (app://earshot/assets/index.js:7)')
    expect(log).not.toContain('just chatting')
  })
})

describe('the built preload, run as a sandboxed preload', () => {
  function ipcRendererStandIn(answer: (channel: string, request: unknown) => unknown) {
    const listeners = new Map<string, Set<(...args: unknown[]) => void>>()
    const invoked: Array<[string, unknown]> = []
    return {
      invoked,
      listeners,
      ipcRenderer: {
        invoke: (channel: string, request: unknown) => {
          invoked.push([channel, request])
          return Promise.resolve(answer(channel, request))
        },
        on: (channel: string, listener: (...args: unknown[]) => void) => {
          listeners.set(channel, new Set([...(listeners.get(channel) ?? []), listener]))
        },
        removeListener: (channel: string, listener: (...args: unknown[]) => void) => {
          listeners.get(channel)?.delete(listener)
        }
      }
    }
  }

  it('requires only what a sandboxed preload may and exposes a frozen `earshot` that forwards to ipcRenderer', async () => {
    const ipc = ipcRendererStandIn((channel) =>
      channel === 'session:current' ? { ok: true, response: { signedIn: false } } : { ok: false, error: { code: 'forbidden', message: 'no' } }
    )
    const run = runBuiltPreload({ ipcRenderer: ipc.ipcRenderer })
    expect(run.required).toEqual(['electron'])
    expect([...run.exposed.keys()]).toEqual(['earshot'])
    const earshot = run.exposed.get('earshot') as {
      invoke(channel: string, request: unknown): Promise<unknown>
      on(channel: string, listener: (payload: unknown) => void): () => void
    }
    expect(Object.isFrozen(earshot)).toBe(true)

    expect(await earshot.invoke('session:current', {})).toEqual({ signedIn: false })
    const channel = INVOKE_CHANNELS.find((c) => c !== 'session:current') ?? ''
    await expect(earshot.invoke(channel, {})).rejects.toMatchObject({ message: 'no', code: 'forbidden' })
    await expect(earshot.invoke('shell:exec', {})).rejects.toThrow('No such channel: shell:exec')
    expect(ipc.invoked).toEqual([
      ['session:current', {}],
      [channel, {}]
    ])

    const stream = STREAM_CHANNELS[0] ?? ''
    const received: unknown[] = []
    const off = earshot.on(stream, (payload) => received.push(payload))
    for (const listener of ipc.listeners.get(stream) ?? []) listener({ sender: 'ipc' }, { n: 1 })
    expect(received).toEqual([{ n: 1 }])
    off()
    expect(ipc.listeners.get(stream)?.size).toBe(0)
    expect(() => earshot.on('shell:anything', () => undefined)).toThrow('No such stream: shell:anything')
  })
})
