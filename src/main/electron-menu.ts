/**
 * The application menu. Electron's default menu offers Reload, Force Reload and Toggle Developer
 * Tools: a reload kills the softphone and drops a live Listen, and the developer tools are not for
 * supervisors, so packaged builds have neither (a development run keeps them). Edit stays: on
 * macOS copy and paste work only through it. View → Wallboard (F11) asks the window to show it.
 */
import { Menu, dialog, type MenuItemConstructorOptions } from 'electron'

export interface AppMenuOptions {
  readonly isPackaged: boolean
  readonly platform: NodeJS.Platform
  readonly name: string
  readonly version: string
  openLogsFolder(): void
  /** Where auto-update stands, in one line (src/main/electron-updates.ts). */
  updateWords(): string
  /** View → Wallboard: the window shows or leaves the wallboard (it decides whether the operator may). */
  toggleWallboard(): void
}

export function appMenuTemplate(options: AppMenuOptions): MenuItemConstructorOptions[] {
  const mac = options.platform === 'darwin'
  const about: MenuItemConstructorOptions = { label: `About ${options.name}`, click: () => showAbout(options) }
  const view: MenuItemConstructorOptions[] = [
    ...(options.isPackaged ? [] : ([{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }] as const)),
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    // F11 is the wallboard's key (issue 11), so plain full screen moves to Shift+F11 off macOS.
    { label: 'Wallboard', accelerator: 'F11', click: () => options.toggleWallboard() },
    mac ? { role: 'togglefullscreen' } : { role: 'togglefullscreen', accelerator: 'Shift+F11' }
  ]
  return [
    ...(mac
      ? [
          {
            label: options.name,
            submenu: [about, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, { role: 'quit' }]
          } satisfies MenuItemConstructorOptions
        ]
      : [{ label: 'File', submenu: [{ role: 'quit' }] } satisfies MenuItemConstructorOptions]),
    {
      label: 'Edit',
      submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }]
    },
    { label: 'View', submenu: view },
    {
      label: 'Window',
      submenu: mac ? [{ role: 'minimize' }, { role: 'zoom' }, { type: 'separator' }, { role: 'front' }] : [{ role: 'minimize' }, { role: 'close' }]
    },
    {
      role: 'help',
      submenu: [{ label: 'Open logs folder', click: () => options.openLogsFolder() }, ...(mac ? [] : [{ type: 'separator' } as const, about])]
    }
  ]
}

function showAbout(options: AppMenuOptions): void {
  void dialog.showMessageBox({ type: 'info', title: `About ${options.name}`, message: options.name, detail: `Version ${options.version}\n${options.updateWords()}`, buttons: ['OK'] })
}

export function installAppMenu(options: AppMenuOptions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(appMenuTemplate(options)))
}
