/**
 * The window's size, position and maximised state, remembered per machine in the user-data folder
 * (`window-state.json`). What is read back is untrusted: a file that does not parse, a size out of
 * range or a position that no longer lies on any screen (a monitor unplugged, a resolution changed)
 * is ignored, so the window always opens where it can be seen.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { z } from 'zod'

export interface Rect {
  x: number
  y: number
  width: number
  height: number
}

/** What Electron's BrowserWindow takes: a size, a position only when it is safe to use. */
export interface WindowPlacement {
  width: number
  height: number
  x?: number
  y?: number
  maximized: boolean
}

export const WINDOW_DEFAULTS = { width: 1360, height: 860, minWidth: 960, minHeight: 600 } as const

/** How much of the window must lie on one screen's work area for its saved position to count: its title bar, grabbable. */
const VISIBLE_WIDTH = 160
const VISIBLE_HEIGHT = 40

const Int = z.number().int().min(-100_000).max(100_000)
const SavedWindowState = z.strictObject({
  x: Int,
  y: Int,
  width: Int.min(1),
  height: Int.min(1),
  maximized: z.boolean()
})
export type SavedWindowState = z.infer<typeof SavedWindowState>

export const WINDOW_STATE_FILE = 'window-state.json'

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)
  }
}

/**
 * Where to open the window, from what was saved (anything, or nothing) and the screens' work areas
 * now. The size is kept within the minimum and the largest screen; the position only when the top
 * strip of the window (its title bar) overlaps a screen by at least 160 × 40 px.
 */
export function placeWindow(saved: unknown, workAreas: readonly Rect[]): WindowPlacement {
  const parsed = SavedWindowState.safeParse(saved)
  if (!parsed.success) return { width: WINDOW_DEFAULTS.width, height: WINDOW_DEFAULTS.height, maximized: false }
  const state = parsed.data
  const maxWidth = Math.max(WINDOW_DEFAULTS.minWidth, ...workAreas.map((a) => a.width))
  const maxHeight = Math.max(WINDOW_DEFAULTS.minHeight, ...workAreas.map((a) => a.height))
  const width = Math.min(Math.max(state.width, WINDOW_DEFAULTS.minWidth), maxWidth)
  const height = Math.min(Math.max(state.height, WINDOW_DEFAULTS.minHeight), maxHeight)
  const titleBar: Rect = { x: state.x, y: state.y, width, height: VISIBLE_HEIGHT }
  const onScreen = workAreas.some((area) => {
    const seen = overlap(titleBar, area)
    return seen.width >= Math.min(VISIBLE_WIDTH, width) && seen.height >= VISIBLE_HEIGHT
  })
  return onScreen ? { width, height, x: state.x, y: state.y, maximized: state.maximized } : { width, height, maximized: state.maximized }
}

/** Reads the saved state from `dir`; null when there is none or it cannot be read (placeWindow validates the rest). */
export function readWindowState(dir: string): unknown {
  try {
    return JSON.parse(readFileSync(path.join(dir, WINDOW_STATE_FILE), 'utf8')) as unknown
  } catch {
    return null
  }
}

/**
 * Saves the window's normal (unmaximised) bounds and whether it is maximised, so a maximised
 * window restores to the size it had before. Written to a temporary file and renamed, so a crash
 * mid-write never leaves half a file.
 */
export function writeWindowState(dir: string, normalBounds: Rect, maximized: boolean): void {
  const state: SavedWindowState = {
    x: Math.round(normalBounds.x),
    y: Math.round(normalBounds.y),
    width: Math.round(normalBounds.width),
    height: Math.round(normalBounds.height),
    maximized
  }
  const file = path.join(dir, WINDOW_STATE_FILE)
  mkdirSync(dir, { recursive: true })
  writeFileSync(`${file}.tmp`, JSON.stringify(state))
  renameSync(`${file}.tmp`, file)
}
