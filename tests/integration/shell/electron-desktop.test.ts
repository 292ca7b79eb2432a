/**
 * The desktop conventions' Electron glue (issue 12.3), run from the BUILD (out/main/index.js) under
 * the STAND-IN `electron` module (tests/support/electron-stand-in.ts; no Electron binary runs here):
 * the tray follows the connection and the operator, an ordinary call ringing a hidden or minimised
 * window notifies and flashes the taskbar, the window opens where it was left (not off every
 * screen) and remembers where it closed, and a live supervision call's beforeunload becomes a
 * dialog. What the OS shows is not checked here; the decisions are in tests/unit/desktop.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { type LoadedMain, ensureBuilt, loadBuiltMain } from '../../support/built-shell'
import { type ElectronStandIn, type StandInBrowserWindow, type StandInMenu, standInEvent } from '../../support/electron-stand-in'

const APP_FRAME = { senderFrame: { url: 'app://earshot/index.html', parent: null } }
const LAPTOP = { x: 0, y: 0, width: 1920, height: 1050 }
const RIGHT_MONITOR = { x: 1920, y: 0, width: 2560, height: 1410 }

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

async function start(options: { workAreas?: Array<typeof LAPTOP>; saved?: unknown } = {}): Promise<{ electron: ElectronStandIn; window: StandInBrowserWindow; userData: string }> {
  dataDir = mkdtempSync(path.join(tmpdir(), 'earshot-desktop-'))
  const userData = path.join(dataDir, 'user-data')
  if (options.saved !== undefined) {
    mkdirSync(userData, { recursive: true })
    writeFileSync(path.join(userData, 'window-state.json'), JSON.stringify(options.saved))
  }
  loaded = loadBuiltMain({ userData, ...(options.workAreas === undefined ? {} : { workAreas: options.workAreas }) }, { EARSHOT_DATA_DIR: dataDir })
  const { electron } = loaded
  await electron.becomeReady()
  const window = electron.windows[0]
  if (window === undefined) throw new Error('no window was created after ready')
  return { electron, window, userData }
}

async function invoke(electron: ElectronStandIn, channel: string, request: unknown = {}): Promise<unknown> {
  const handler = electron.invokeHandlers.get(channel)
  if (handler === undefined) throw new Error(`no handler for ${channel}`)
  return (handler as (event: unknown, request: unknown) => Promise<unknown>)(APP_FRAME, request)
}

function trayLabels(electron: ElectronStandIn): string[] {
  const menu = electron.callsTo('tray.setContextMenu').at(-1)?.args[0] as StandInMenu | undefined
  return (menu?.items ?? []).map((item) => String(item.label))
}

const signIn = (electron: ElectronStandIn): Promise<unknown> => invoke(electron, 'setup:first-admin', { name: 'Ruth', extension: '2001', pin: '4812' })

describe('the desktop conventions under the electron stand-in', () => {
  it('puts a grey tray icon up after ready, saying there is no PBX; Sign out appears once someone is signed in', async () => {
    const { electron } = await start()
    expect(electron.violations).toEqual([])
    expect(electron.callsTo('new Tray')).toHaveLength(1)
    expect(String(electron.callsTo('nativeImage.createFromPath').at(-1)?.args[0])).toMatch(/tray-offline\.png$/)
    expect(electron.callsTo('tray.setToolTip').at(-1)?.args[0]).toBe('Earshot — not connected to a PBX')
    expect(trayLabels(electron)).toEqual(['Show Earshot', 'Quit Earshot'])
    await signIn(electron)
    expect(trayLabels(electron)).toEqual(['Show Earshot', 'Sign out', 'Quit Earshot'])
  })

  it('signs out from the tray with the window closed (macOS keeps running with none): main signs out itself, as no page is there to ask', async () => {
    const { electron, window } = await start()
    await signIn(electron)
    window.close()
    const menu = electron.callsTo('tray.setContextMenu').at(-1)?.args[0] as StandInMenu
    menu.items.find((item) => item.label === 'Sign out')?.click?.()
    // The new window's page is not listening yet: a request sent to it would be lost.
    expect(electron.windows).toHaveLength(2)
    await expect.poll(async () => invoke(electron, 'session:current')).toMatchObject({ ok: true, response: { operator: null } })
    expect(trayLabels(electron)).toEqual(['Show Earshot', 'Quit Earshot'])
  })

  it('notifies and flashes the taskbar while an ordinary call rings a minimised window, and stops when it stops', async () => {
    const { electron, window } = await start()
    await signIn(electron)
    window.show()
    await invoke(electron, 'desktop:ringing', { ringing: true })
    expect(electron.callsTo('new Notification')).toHaveLength(0)
    window.minimize()
    await invoke(electron, 'desktop:ringing', { ringing: true })
    expect(electron.callsTo('new Notification').map((c) => c.args[0])).toEqual([expect.objectContaining({ title: 'Incoming call' })])
    expect(electron.callsTo('notification.show')).toHaveLength(1)
    expect(window.flashing).toBe(true)
    await invoke(electron, 'desktop:ringing', { ringing: false })
    expect(electron.callsTo('notification.close')).toHaveLength(1)
    expect(window.flashing).toBe(false)
  })

  it('puts the window in full screen for the wallboard and back, leaving a full screen the operator chose alone', async () => {
    const { electron, window } = await start()
    await signIn(electron)
    expect(await invoke(electron, 'desktop:full-screen', { on: true })).toEqual({ ok: true, response: { done: true } })
    expect(window.isFullScreen()).toBe(true)
    await invoke(electron, 'desktop:full-screen', { on: false })
    expect(window.isFullScreen()).toBe(false)
    // Already full screen (Shift+F11) before the wallboard: leaving the wallboard leaves it so.
    window.setFullScreen(true)
    await invoke(electron, 'desktop:full-screen', { on: true })
    await invoke(electron, 'desktop:full-screen', { on: false })
    expect(window.isFullScreen()).toBe(true)
    expect(electron.callsTo('window.setFullScreen').map((c) => c.args[0])).toEqual([true, false, true])
  })

  it('undoes the wallboard’s full screen at sign-out (the page’s own request to undo it needs an operator, and comes after)', async () => {
    const { electron, window } = await start()
    await signIn(electron)
    expect(await invoke(electron, 'desktop:full-screen', { on: true })).toEqual({ ok: true, response: { done: true } })
    expect(window.isFullScreen()).toBe(true)
    // Sign out (SignInGate's signOut), then the console unmounts and the wallboard hook's cleanup speaks.
    expect(await invoke(electron, 'session:sign-out', {})).toMatchObject({ ok: true })
    const cleanup = await invoke(electron, 'desktop:full-screen', { on: false })
    expect(window.isFullScreen(), `cleanup answered ${JSON.stringify(cleanup)}`).toBe(false)
  })

  it('raises an alert as the OS’s own notification; its click brings a hidden window back and asks the page to show that alert', async () => {
    const { electron, window } = await start()
    await signIn(electron)
    window.hide()
    expect(await invoke(electron, 'desktop:notify', { id: 7, title: 'Long pause', body: 'Ana Silva (1001)' })).toEqual({ ok: true, response: { shown: true } })
    const notices = electron.callsTo('new Notification')
    expect(notices.map((c) => c.args[0])).toEqual([{ title: 'Long pause', body: 'Ana Silva (1001)' }])
    expect(electron.callsTo('notification.show')).toHaveLength(1)
    expect(window.isVisible()).toBe(false)
    electron.notifications.at(-1)?.emit('click')
    expect(window.isVisible()).toBe(true)
    expect(window.webContents.sent.filter((m) => m.channel === 'desktop:command').map((m) => m.payload)).toEqual([{ command: 'show-alert', id: 7 }])
    // A request main's contract refuses is not shown.
    expect(await invoke(electron, 'desktop:notify', { id: -1, title: '', body: 'x' })).toMatchObject({ ok: false })
    expect(electron.callsTo('new Notification')).toHaveLength(1)
  })

  it('opens the window where it was left when that is on a screen, else only at its size; maximised again', async () => {
    const saved = { x: 2100, y: 80, width: 1600, height: 1000, maximized: true }
    const both = await start({ workAreas: [LAPTOP, RIGHT_MONITOR], saved })
    expect(both.window.options).toMatchObject({ x: 2100, y: 80, width: 1600, height: 1000 })
    both.window.emit('ready-to-show')
    expect(both.window.isMaximized()).toBe(true)
    loaded?.unload()
    loaded = null
    rmSync(dataDir, { recursive: true, force: true })

    const laptopOnly = await start({ workAreas: [LAPTOP], saved })
    expect(laptopOnly.window.options).toMatchObject({ width: 1600, height: 1000 })
    expect(laptopOnly.window.options).not.toHaveProperty('x')
  })

  it('remembers the window’s size, position and maximised state when it closes', async () => {
    const { window, userData } = await start()
    window.maximize()
    window.close()
    const state = JSON.parse(readFileSync(path.join(userData, 'window-state.json'), 'utf8')) as Record<string, unknown>
    expect(state).toMatchObject({ width: window.options['width'], height: window.options['height'], maximized: true })
  })

  it('turns the page’s beforeunload during a supervision call into a question, and lets the close go on when confirmed', async () => {
    const { electron, window } = await start()
    const event = standInEvent()
    window.webContents.emit('will-prevent-unload', event)
    const asked = electron.callsTo('dialog.showMessageBoxSync').at(-1)?.args[1] as { message: string; buttons: string[] }
    expect(asked.message).toBe('Close Earshot during a supervision call?')
    expect(asked.buttons[0]).toBe('End my leg and close')
    // The stand-in answers the first button: the unload goes on.
    expect(event.defaultPrevented).toBe(true)
  })
})
