/**
 * A stand-in for the `electron` module, for running the BUILT main process (out/main/index.js) and
 * preload (out/preload/index.js) in plain Node where no Electron binary exists. It is not Electron:
 * it records every call, keeps the handlers the shell installs so a test can drive them, and
 * enforces the few lifecycle rules Electron enforces (APIs that exist only after `ready`, APIs that
 * must run before it). Real behaviour (Chromium, the sandbox, the OS) is covered by the browser-host
 * tests, which this complements and never replaces.
 *
 * Extend it here (e.g. Tray and Notification behaviour) rather than in a test file.
 */
import { EventEmitter } from 'node:events'
import Module from 'node:module'
import path from 'node:path'

export interface RecordedCall {
  readonly api: string
  readonly args: readonly unknown[]
  /** Whether the app was ready when the call was made. */
  readonly afterReady: boolean
}

/** An Electron-like event: listeners may call preventDefault(). */
export interface StandInEvent {
  preventDefault(): void
  readonly defaultPrevented: boolean
  [key: string]: unknown
}

export function standInEvent(fields: Record<string, unknown> = {}): StandInEvent {
  const event = {
    ...fields,
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true
    }
  }
  return event
}

type Handler = (...args: never[]) => unknown

export interface StandInOptions {
  /** app.getPath('userData') and the other paths live under this folder. */
  readonly userData: string
  /** The screens' work areas (screen.getAllDisplays); one 1920×1050 screen by default. */
  readonly workAreas?: ReadonlyArray<{ x: number; y: number; width: number; height: number }>
  readonly isPackaged?: boolean
  readonly name?: string
  readonly version?: string
  /** Called at the moment the process would end (app quit or exit), with the exit code. */
  readonly onExit?: (code: number) => void
}

/** APIs Electron only offers once the app is ready (calling them earlier throws or misbehaves). */
const AFTER_READY_ONLY = new Set([
  'new BrowserWindow',
  'session.defaultSession',
  'protocol.handle',
  'new Tray',
  'new Notification',
  'Menu.setApplicationMenu',
  'dialog.showMessageBox'
])
/** APIs Electron accepts only before `ready`. */
const BEFORE_READY_ONLY = new Set(['app.enableSandbox', 'protocol.registerSchemesAsPrivileged'])

export class ElectronStandIn {
  readonly calls: RecordedCall[] = []
  /** Lifecycle rules broken (an after-ready API before ready, or the reverse). */
  readonly violations: string[] = []
  readonly windows: StandInBrowserWindow[] = []
  /** Every Notification constructed, to emit its 'click' as the OS would. */
  readonly notifications: EventEmitter[] = []
  readonly invokeHandlers = new Map<string, Handler>()
  readonly ipcListeners = new Map<string, Handler[]>()
  readonly protocolHandlers = new Map<string, (request: { url: string; method?: string }) => Promise<Response>>()
  readonly privilegedSchemes: Array<{ scheme: string; privileges?: Record<string, unknown> }> = []
  readonly permissions: {
    request?: (contents: unknown, permission: string, callback: (granted: boolean) => void, details: Record<string, unknown>) => void
    check?: (contents: unknown, permission: string, origin: string, details: Record<string, unknown>) => boolean
    device?: (details: unknown) => boolean
    headers?: (details: Record<string, unknown>, callback: (response: Record<string, unknown>) => void) => void
  } = {}
  applicationMenu: StandInMenu | null = null
  exitCode: number | null = null
  ready = false

  readonly app: EventEmitter & Record<string, unknown>
  readonly module: Record<string, unknown>
  private readonly readyWaiters: Array<() => void> = []

  constructor(readonly options: StandInOptions) {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the fake classes below close over the stand-in
    const standIn = this
    const record = <F extends Handler>(api: string, fn: F): F =>
      ((...args: never[]) => {
        standIn.note(api, args)
        return fn(...args)
      }) as F

    const app = new EventEmitter() as EventEmitter & Record<string, unknown>
    Object.assign(app, {
      isPackaged: options.isPackaged ?? false,
      commandLine: { appendSwitch: record('app.commandLine.appendSwitch', () => undefined) },
      enableSandbox: record('app.enableSandbox', () => undefined),
      requestSingleInstanceLock: record('app.requestSingleInstanceLock', () => true),
      getPath: record('app.getPath', (name: string) => path.join(options.userData, name === 'userData' ? '' : name)),
      dock: undefined,
      getName: record('app.getName', () => options.name ?? 'Earshot'),
      getVersion: record('app.getVersion', () => options.version ?? '0.0.0-test'),
      setAppUserModelId: record('app.setAppUserModelId', () => undefined),
      setAboutPanelOptions: record('app.setAboutPanelOptions', () => undefined),
      isReady: () => standIn.ready,
      whenReady: record('app.whenReady', () => (standIn.ready ? Promise.resolve() : new Promise<void>((resolve) => standIn.readyWaiters.push(resolve)))),
      quit: record('app.quit', () => {
        setImmediate(() => standIn.runQuit())
      }),
      exit: record('app.exit', (code = 0) => standIn.end(code)),
      focus: record('app.focus', () => undefined)
    })
    this.app = app

    class BrowserWindow extends StandInBrowserWindow {
      static getAllWindows = (): StandInBrowserWindow[] => standIn.windows.filter((w) => !w.isDestroyed())
      static getFocusedWindow = (): StandInBrowserWindow | null => BrowserWindow.getAllWindows()[0] ?? null
      constructor(options: Record<string, unknown>) {
        standIn.note('new BrowserWindow', [options])
        super(standIn, options)
        standIn.windows.push(this)
        app.emit('web-contents-created', standInEvent(), this.webContents)
      }
    }

    const defaultSession = {
      webRequest: {
        onHeadersReceived: record('session.webRequest.onHeadersReceived', (listener: never) => {
          standIn.permissions.headers = listener
        })
      },
      setPermissionRequestHandler: record('session.setPermissionRequestHandler', (handler: never) => {
        standIn.permissions.request = handler
      }),
      setPermissionCheckHandler: record('session.setPermissionCheckHandler', (handler: never) => {
        standIn.permissions.check = handler
      }),
      setDevicePermissionHandler: record('session.setDevicePermissionHandler', (handler: never) => {
        standIn.permissions.device = handler
      })
    }

    class Tray extends EventEmitter {
      readonly calls: RecordedCall[] = []
      constructor(...args: unknown[]) {
        super()
        standIn.note('new Tray', args)
      }
      setImage = record('tray.setImage', () => undefined)
      setToolTip = record('tray.setToolTip', () => undefined)
      setContextMenu = record('tray.setContextMenu', () => undefined)
      private gone = false
      destroy = record('tray.destroy', () => {
        this.gone = true
      })
      isDestroyed = (): boolean => this.gone
    }

    class Notification extends EventEmitter {
      static isSupported = (): boolean => true
      constructor(readonly options: unknown) {
        super()
        standIn.note('new Notification', [options])
        standIn.notifications.push(this)
      }
      show = record('notification.show', () => undefined)
      close = record('notification.close', () => undefined)
    }

    const nativeImage = {
      createFromPath: record('nativeImage.createFromPath', (file: string) => ({ file, isEmpty: () => false, resize: () => ({ file }) })),
      createFromDataURL: record('nativeImage.createFromDataURL', (url: string) => ({ url, isEmpty: () => false })),
      createEmpty: record('nativeImage.createEmpty', () => ({ isEmpty: () => true }))
    }

    this.module = {
      app,
      BrowserWindow,
      screen: {
        getAllDisplays: record('screen.getAllDisplays', () =>
          (options.workAreas ?? [{ x: 0, y: 0, width: 1920, height: 1050 }]).map((workArea, id) => ({ id, workArea, bounds: workArea }))
        )
      },
      Tray,
      Notification,
      nativeImage,
      nativeTheme: Object.assign(new EventEmitter(), { shouldUseDarkColors: false, themeSource: 'system' }),
      ipcMain: {
        handle: record('ipcMain.handle', (channel: string, handler: Handler) => {
          if (standIn.invokeHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`)
          standIn.invokeHandlers.set(channel, handler)
        }),
        on: record('ipcMain.on', (channel: string, listener: Handler) => {
          standIn.ipcListeners.set(channel, [...(standIn.ipcListeners.get(channel) ?? []), listener])
        }),
        removeHandler: record('ipcMain.removeHandler', (channel: string) => standIn.invokeHandlers.delete(channel))
      },
      protocol: {
        registerSchemesAsPrivileged: record('protocol.registerSchemesAsPrivileged', (schemes: Array<{ scheme: string }>) => {
          standIn.privilegedSchemes.push(...schemes)
        }),
        handle: record('protocol.handle', (scheme: string, handler: never) => {
          standIn.protocolHandlers.set(scheme, handler)
        })
      },
      get session() {
        return {
          get defaultSession() {
            standIn.note('session.defaultSession', [])
            return defaultSession
          }
        }
      },
      dialog: {
        showErrorBox: record('dialog.showErrorBox', () => undefined),
        showMessageBox: record('dialog.showMessageBox', () => Promise.resolve({ response: 0, checkboxChecked: false })),
        showMessageBoxSync: record('dialog.showMessageBoxSync', () => 0)
      },
      shell: {
        openExternal: record('shell.openExternal', () => Promise.resolve()),
        openPath: record('shell.openPath', () => Promise.resolve('')),
        showItemInFolder: record('shell.showItemInFolder', () => undefined)
      },
      Menu: {
        buildFromTemplate: record('Menu.buildFromTemplate', (template: StandInMenuItem[]) => new StandInMenu(template)),
        setApplicationMenu: record('Menu.setApplicationMenu', (menu: StandInMenu | null) => {
          standIn.applicationMenu = menu
        })
      }
    }
  }

  /** Records a call and checks it against Electron's lifecycle rules. */
  note(api: string, args: readonly unknown[]): void {
    this.calls.push({ api, args, afterReady: this.ready })
    if (!this.ready && AFTER_READY_ONLY.has(api)) this.violations.push(`${api} before ready`)
    if (this.ready && BEFORE_READY_ONLY.has(api)) this.violations.push(`${api} after ready`)
  }

  callsTo(api: string): RecordedCall[] {
    return this.calls.filter((call) => call.api === api)
  }

  /** Makes the app ready (as Electron does once initialised) and lets the `whenReady` callbacks run. */
  async becomeReady(): Promise<void> {
    this.ready = true
    this.app.emit('ready', standInEvent(), {})
    for (const resolve of this.readyWaiters.splice(0)) resolve()
    await new Promise((resolve) => setImmediate(resolve))
  }

  private resolveExit?: (code: number) => void
  /** Resolves once the process would have ended (app.quit went through or app.exit was called). */
  readonly exited = new Promise<number>((resolve) => {
    this.resolveExit = resolve
  })

  private end(code: number): void {
    if (this.exitCode !== null) return
    this.exitCode = code
    this.options.onExit?.(code)
    this.resolveExit?.(code)
  }

  /** Electron's quit sequence: before-quit, windows close, will-quit, quit; any of the first three can stop it. */
  private runQuit(): void {
    if (this.exitCode !== null) return
    const beforeQuit = standInEvent()
    this.app.emit('before-quit', beforeQuit)
    if (beforeQuit.defaultPrevented) return
    for (const window of this.windows) {
      if (window.isDestroyed()) continue
      if (!window.close()) return
    }
    const willQuit = standInEvent()
    this.app.emit('will-quit', willQuit)
    if (willQuit.defaultPrevented) return
    this.app.emit('quit', standInEvent(), 0)
    this.end(0)
  }
}

export type StandInMenuItem = {
  label?: string
  role?: string
  accelerator?: string
  type?: string
  click?: (...args: unknown[]) => void
  submenu?: StandInMenuItem[]
}

export class StandInMenu {
  constructor(readonly items: StandInMenuItem[]) {}
  /** Every item, depth first. */
  all(items: StandInMenuItem[] = this.items): StandInMenuItem[] {
    return items.flatMap((item) => [item, ...this.all(item.submenu ?? [])])
  }
}

export class StandInWebContents extends EventEmitter {
  private static nextId = 1
  readonly id = StandInWebContents.nextId++
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null
  readonly sent: Array<{ channel: string; payload: unknown }> = []
  url = ''
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler
  }
  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload })
  }
  getURL(): string {
    return this.url
  }
  isDestroyed(): boolean {
    return false
  }
}

export class StandInBrowserWindow extends EventEmitter {
  readonly webContents = new StandInWebContents()
  readonly loaded: string[] = []
  visible = false
  maximized = false
  /** flashFrame's last value (taskbar attention). */
  flashing = false
  private destroyed = false
  private minimized = false

  constructor(
    private readonly standIn: ElectronStandIn,
    readonly options: Record<string, unknown>
  ) {
    super()
  }
  get webPreferences(): Record<string, unknown> {
    return (this.options['webPreferences'] ?? {}) as Record<string, unknown>
  }
  loadURL(url: string): Promise<void> {
    this.standIn.note('window.loadURL', [url])
    this.loaded.push(url)
    this.webContents.url = url
    return Promise.resolve()
  }
  loadFile(file: string): Promise<void> {
    this.standIn.note('window.loadFile', [file])
    this.loaded.push(file)
    return Promise.resolve()
  }
  show(): void {
    this.visible = true
  }
  hide(): void {
    this.visible = false
  }
  focus(): void {}
  isVisible(): boolean {
    return this.visible
  }
  isMinimized(): boolean {
    return this.minimized
  }
  minimize(): void {
    this.minimized = true
  }
  restore(): void {
    this.minimized = false
  }
  maximize(): void {
    this.maximized = true
  }
  isMaximized(): boolean {
    return this.maximized
  }
  /** The unmaximised bounds: the size and position the window was made with. */
  getNormalBounds(): { x: number; y: number; width: number; height: number } {
    const number = (key: string, fallback: number): number => (typeof this.options[key] === 'number' ? (this.options[key]) : fallback)
    return { x: number('x', 100), y: number('y', 80), width: number('width', 800), height: number('height', 600) }
  }
  /** Full screen, as setFullScreen left it. */
  fullScreen = false
  isFullScreen(): boolean {
    return this.fullScreen
  }
  setFullScreen(flag: boolean): void {
    this.standIn.note('window.setFullScreen', [flag])
    this.fullScreen = flag
  }
  flashFrame(flag: boolean): void {
    this.standIn.note('window.flashFrame', [flag])
    this.flashing = flag
  }
  isDestroyed(): boolean {
    return this.destroyed
  }
  /** Closes the window as Electron does: 'close' (preventable), then 'closed'. False when prevented. */
  close(): boolean {
    const event = standInEvent()
    this.emit('close', event)
    if (event.defaultPrevented) return false
    this.destroy()
    return true
  }
  destroy(): void {
    if (this.destroyed) return
    this.destroyed = true
    this.emit('closed')
  }
}

type ResolveFilename = (request: string, parent: unknown, isMain: boolean, options: unknown) => string
const moduleInternals = Module as unknown as { _resolveFilename: ResolveFilename; _cache: Record<string, Module> }
const STAND_IN_FILE = path.join(path.sep, 'electron-stand-in', 'electron.js')

/**
 * Makes `require('electron')` return `exports` in this process until the returned function is
 * called. Everything else resolves as usual.
 */
export function interceptElectron(exports: unknown): () => void {
  const original = moduleInternals._resolveFilename
  moduleInternals._resolveFilename = function (request, parent, isMain, options) {
    if (request === 'electron') return STAND_IN_FILE
    return original.call(this, request, parent, isMain, options)
  }
  const module = new Module(STAND_IN_FILE)
  module.filename = STAND_IN_FILE
  module.exports = exports
  module.loaded = true
  moduleInternals._cache[STAND_IN_FILE] = module
  return () => {
    moduleInternals._resolveFilename = original
    delete moduleInternals._cache[STAND_IN_FILE]
  }
}

/** Forgets every cached module under `dirs`, so the next require runs them afresh. */
export function forgetModules(...dirs: string[]): void {
  for (const file of Object.keys(moduleInternals._cache)) {
    if (dirs.some((dir) => file.startsWith(dir + path.sep))) delete moduleInternals._cache[file]
  }
}
