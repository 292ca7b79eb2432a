/**
 * Auto-update as states, free of electron-updater (src/main/electron-updates.ts drives it): where
 * updates come from, what happened last, and the words the tray and the About dialog show.
 * Earshot looks for updates only at the https address an admin set (Settings → Updates), and only
 * in a packaged app; with no address it never contacts anyone.
 */
import { updateUrlProblem } from '../../shared/settings'

export type UpdateState =
  | { phase: 'off'; reason: string }
  | { phase: 'idle'; feed: string; checkedAt: number | null }
  | { phase: 'checking'; feed: string }
  | { phase: 'downloading'; feed: string; version: string; percent: number }
  | { phase: 'ready'; feed: string; version: string }
  | { phase: 'failed'; feed: string; message: string }

/** The generic provider's address for this run, or why updates are off. */
export function updateFeed(url: string | null, packaged: boolean): { feed: string } | { off: string } {
  if (!packaged) return { off: 'Updates are off in a development build.' }
  if (url === null || url === '') return { off: 'Updates are off: no update address is set (Settings → Updates).' }
  // The settings were validated when saved; checked again, as the app will run what this address serves.
  const problem = updateUrlProblem(url)
  if (problem !== null) return { off: `Updates are off: ${problem}` }
  // The generic provider resolves latest.yml against the address: a folder needs its trailing slash.
  return { feed: url.endsWith('/') ? url : `${url}/` }
}

/** What electron-updater reported, as the glue hands it over. */
export type UpdaterEvent =
  | { kind: 'checking' }
  | { kind: 'none' }
  | { kind: 'available'; version: string }
  | { kind: 'progress'; percent: number }
  | { kind: 'downloaded'; version: string }
  | { kind: 'error'; message: string }

/** The next state after `event`. A downloaded update stays ready through later checks until the restart. */
export function nextUpdateState(state: UpdateState, event: UpdaterEvent, now: number): UpdateState {
  if (state.phase === 'off') return state
  const { feed } = state
  if (state.phase === 'ready' && event.kind !== 'downloaded') return state
  switch (event.kind) {
    case 'checking':
      return { phase: 'checking', feed }
    case 'none':
      return { phase: 'idle', feed, checkedAt: now }
    case 'available':
      return { phase: 'downloading', feed, version: event.version, percent: 0 }
    case 'progress':
      return state.phase === 'downloading' ? { ...state, percent: Math.max(0, Math.min(100, Math.round(event.percent))) } : state
    case 'downloaded':
      return { phase: 'ready', feed, version: event.version }
    case 'error':
      return { phase: 'failed', feed, message: event.message }
  }
}

/** One line for the About dialog. */
export function updateWords(state: UpdateState): string {
  switch (state.phase) {
    case 'off':
      return state.reason
    case 'idle':
      return state.checkedAt === null ? `Updates from ${state.feed}.` : `Up to date (checked ${new Date(state.checkedAt).toISOString().slice(0, 16).replace('T', ' ')} UTC).`
    case 'checking':
      return `Looking for updates at ${state.feed}…`
    case 'downloading':
      return `Downloading Earshot ${state.version} (${String(state.percent)} %).`
    case 'ready':
      return `Earshot ${state.version} is ready: Restart to update (tray).`
    case 'failed':
      return `The last update check failed: ${state.message}`
  }
}

/** How often a running Earshot looks again. */
export const UPDATE_CHECK_EVERY_MS = 4 * 60 * 60 * 1000
