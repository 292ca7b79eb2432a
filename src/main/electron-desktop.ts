/**
 * The desktop conventions' Electron glue (issue 12.3): the tray icon and its menu, the notification
 * and taskbar/dock attention for an ordinary call ringing a hidden or minimised window, alerts' OS
 * notifications (a click brings the window back), the window's remembered placement, and the
 * question before a window with a live supervision call closes. What each does is decided in src/main/desktop (plain Node, tested); this file only draws.
 */
import { app, type BrowserWindow, dialog, Menu, nativeImage, Notification, screen, Tray } from 'electron'
import trayLive from '../../resources/tray/tray-live.png?asset'
import trayOffline from '../../resources/tray/tray-offline.png?asset'
import trayReconnecting from '../../resources/tray/tray-reconnecting.png?asset'
import type { EarshotServices } from './app'
import { needsAttention, placeWindow, wallboardFullScreen, readWindowState, RINGING_NOTICE, trayMenu, trayStatus, trayTooltip, type TrayCommand, type TrayStatus, type WindowPlacement, writeWindowState } from './desktop'
import { ConnectionStatus } from '../shared/contract'

const TRAY_ICONS: Readonly<Record<TrayStatus, string>> = { live: trayLive, reconnecting: trayReconnecting, offline: trayOffline }

export interface DesktopDeps {
  services: EarshotServices
  /** The main window, when there is one. */
  window: () => BrowserWindow | null
  /** Shows (creating if need be), restores and focuses the main window. */
  showWindow: () => void
  /** The version of a downloaded update, or null; and installing it. */
  updateReady: () => string | null
  restartToUpdate: () => void
}

export interface DesktopShell {
  /** The window reported an ordinary call ringing, or no longer. */
  ringing(ringing: boolean): void
  /** An alert's notification; false when the desktop has no notification service. */
  notify(notice: { title: string; body: string }, clicked: () => void): boolean
  /** The wallboard came (full screen) or went (back, if it was the wallboard that made it so); false without a window. */
  fullScreen(on: boolean): boolean
  /** Something the tray menu shows changed (an update was downloaded). */
  refreshTray(): void
}

/** Where the window opens: its remembered placement, checked against today's screens. */
export function windowPlacement(): WindowPlacement {
  return placeWindow(
    readWindowState(app.getPath('userData')),
    screen.getAllDisplays().map((d) => d.workArea)
  )
}

/** Remembers the window's placement when it closes, and asks before a live supervision call is left. */
export function followWindow(window: BrowserWindow): void {
  window.on('close', () => {
    try {
      writeWindowState(app.getPath('userData'), window.getNormalBounds(), window.isMaximized())
    } catch (error) {
      console.warn('[window] could not remember the window placement:', error)
    }
  })
  // The page's beforeunload says a supervision call is live (src/renderer/shell/DesktopConventions.tsx):
  // Electron would cancel the close silently; ask instead, and let it go on when the operator says so.
  window.webContents.on('will-prevent-unload', (event) => {
    const choice = dialog.showMessageBoxSync(window, {
      type: 'question',
      title: 'Earshot',
      message: 'Close Earshot during a supervision call?',
      detail: 'Closing ends your leg of the call; the agent and the customer stay connected.',
      buttons: ['End my leg and close', 'Cancel'],
      defaultId: 1,
      cancelId: 1,
      noLink: true
    })
    if (choice === 0) event.preventDefault()
  })
}

export function installDesktop(deps: DesktopDeps): DesktopShell {
  const { services } = deps
  let connection: ConnectionStatus | null = services.floor.status()
  let notice: Notification | null = null
  let bounce: number | null = null
  // Held until replaced: Electron drops the click of a Notification that was garbage-collected.
  let alertNotice: Notification | null = null
  /** The window went full screen for the wallboard (so leaving the wallboard leaves full screen). */
  let fullScreenByWallboard = false

  const tray = new Tray(nativeImage.createFromPath(TRAY_ICONS.offline))
  const drawTray = (): void => {
    tray.setImage(nativeImage.createFromPath(TRAY_ICONS[trayStatus(connection)]))
    tray.setToolTip(trayTooltip(connection))
    const items = trayMenu({ signedIn: services.signIn.current() !== null, updateReady: deps.updateReady() })
    tray.setContextMenu(Menu.buildFromTemplate(items.map((item) => ({ label: item.label, click: () => run(item.command) }))))
  }
  const run = (command: TrayCommand): void => {
    switch (command) {
      case 'show':
        deps.showWindow()
        return
      case 'sign-out': {
        // The window signs out itself: the softphone unregisters first and a live call is asked about.
        // With no window (macOS runs on with it closed) there is no softphone and no call, and the
        // new window's page would not be listening yet: main signs out itself.
        const pageOpen = deps.window() !== null
        deps.showWindow()
        if (pageOpen) services.requestSignOut()
        else void services.signOut()
        return
      }
      case 'restart-to-update':
        deps.restartToUpdate()
        return
      case 'quit':
        app.quit()
        return
    }
  }
  // Windows and Linux: a click on the icon shows the window (macOS opens the menu).
  tray.on('click', () => {
    if (process.platform !== 'darwin') deps.showWindow()
  })

  services.router.addSink((channel, payload) => {
    if (channel !== 'connection:status') return
    connection = ConnectionStatus.parse(payload)
    drawTray()
  })
  services.signIn.on('change', drawTray)
  drawTray()

  const stopAttention = (): void => {
    notice?.close()
    notice = null
    if (bounce !== null) app.dock?.cancelBounce(bounce)
    bounce = null
    const window = deps.window()
    if (window !== null && !window.isDestroyed()) window.flashFrame(false)
  }

  app.on('browser-window-focus', stopAttention)
  // Not before-quit: the operator may still cancel the quit (a live supervision call is asked about).
  app.on('will-quit', () => {
    if (!tray.isDestroyed()) tray.destroy()
  })

  return {
    ringing(ringing) {
      const window = deps.window()
      const live = window !== null && !window.isDestroyed() ? window : null
      if (!needsAttention(ringing, live === null ? null : { visible: live.isVisible(), minimized: live.isMinimized() })) {
        stopAttention()
        return
      }
      if (notice === null && Notification.isSupported()) {
        notice = new Notification({ title: RINGING_NOTICE.title, body: RINGING_NOTICE.body, urgency: 'critical' })
        notice.on('click', () => deps.showWindow())
        notice.show()
      }
      if (process.platform === 'darwin') bounce ??= app.dock?.bounce('critical') ?? null
      else live?.flashFrame(true)
    },
    notify(notice, clicked) {
      if (!Notification.isSupported()) return false
      alertNotice?.close()
      alertNotice = new Notification({ title: notice.title, body: notice.body })
      alertNotice.on('click', () => {
        // The window may be hidden to the tray or minimised: bring it back, then show the alert.
        deps.showWindow()
        clicked()
      })
      alertNotice.show()
      return true
    },
    fullScreen(on) {
      const window = deps.window()
      if (window === null || window.isDestroyed()) return false
      const next = wallboardFullScreen({ full: window.isFullScreen(), byWallboard: fullScreenByWallboard }, on)
      fullScreenByWallboard = next.byWallboard
      if (next.full !== window.isFullScreen()) window.setFullScreen(next.full)
      return true
    },
    refreshTray: drawTray
  }
}
