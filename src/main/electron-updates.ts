/**
 * Auto-update with electron-updater's generic provider, at the address an admin set in
 * Settings → Updates, in a packaged app only; with no address it never contacts anyone. It looks at
 * start and every four hours (reading the address again each time, so a new one applies at the
 * next look), downloads a new version by itself, and the tray offers Restart to update; a
 * downloaded update is also installed at the next quit. The states and their words are in
 * src/main/desktop/updates.ts; `updateState()` is what the About dialog shows.
 */
import { app } from 'electron'
import { autoUpdater } from 'electron-updater'
import { nextUpdateState, UPDATE_CHECK_EVERY_MS, updateFeed, updateWords, type UpdaterEvent, type UpdateState } from './desktop'
import { errorText } from '../shared/error-text'

export interface Updates {
  state(): UpdateState
  /** The state in one line, for the About dialog. */
  words(): string
  /** The downloaded version, when one waits for a restart. */
  ready(): string | null
  restartToUpdate(): void
  stop(): void
}

export function startUpdates(options: { url: () => string | null; changed: () => void }): Updates {
  let state: UpdateState = { phase: 'off', reason: 'Updates have not been looked for yet.' }
  const apply = (event: UpdaterEvent): void => {
    state = nextUpdateState(state, event, Date.now())
    options.changed()
  }

  autoUpdater.autoDownload = true
  autoUpdater.autoInstallOnAppQuit = true
  autoUpdater.allowDowngrade = false
  autoUpdater.on('checking-for-update', () => apply({ kind: 'checking' }))
  autoUpdater.on('update-not-available', () => apply({ kind: 'none' }))
  autoUpdater.on('update-available', (info) => apply({ kind: 'available', version: info.version }))
  autoUpdater.on('download-progress', (progress) => apply({ kind: 'progress', percent: progress.percent }))
  autoUpdater.on('update-downloaded', (info) => apply({ kind: 'downloaded', version: info.version }))
  autoUpdater.on('error', (error) => apply({ kind: 'error', message: errorText(error) }))

  let feedInUse: string | null = null
  const look = (): void => {
    if (state.phase === 'ready') return
    let url: string | null
    try {
      url = options.url()
    } catch (error) {
      // Unreadable settings (the store says why elsewhere): no address, so no update.
      console.warn('[updates] could not read the update address:', error)
      url = null
    }
    const feed = updateFeed(url, app.isPackaged)
    if ('off' in feed) {
      feedInUse = null
      state = { phase: 'off', reason: feed.off }
      options.changed()
      return
    }
    if (feed.feed !== feedInUse) {
      autoUpdater.setFeedURL({ provider: 'generic', url: feed.feed })
      feedInUse = feed.feed
      state = { phase: 'idle', feed: feed.feed, checkedAt: null }
    }
    autoUpdater.checkForUpdates().catch((error: unknown) => apply({ kind: 'error', message: errorText(error) }))
  }

  look()
  const timer = setInterval(look, UPDATE_CHECK_EVERY_MS)
  return {
    state: () => state,
    words: () => updateWords(state),
    ready: () => (state.phase === 'ready' ? state.version : null),
    restartToUpdate: () => {
      if (state.phase === 'ready') autoUpdater.quitAndInstall()
    },
    stop: () => clearInterval(timer)
  }
}
