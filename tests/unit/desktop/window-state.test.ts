import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { placeWindow, readWindowState, WINDOW_DEFAULTS, writeWindowState, type Rect } from '../../../src/main/desktop'

const LAPTOP: Rect = { x: 0, y: 0, width: 1920, height: 1050 }
const RIGHT_MONITOR: Rect = { x: 1920, y: 0, width: 2560, height: 1410 }

describe('placeWindow: what was saved, checked against the screens there are now', () => {
  it('restores size, position and maximised state that lie on a screen', () => {
    expect(placeWindow({ x: 2100, y: 80, width: 1600, height: 1000, maximized: true }, [LAPTOP, RIGHT_MONITOR])).toEqual({
      x: 2100,
      y: 80,
      width: 1600,
      height: 1000,
      maximized: true
    })
  })

  it('ignores a position on a monitor that is gone, keeping the size and maximised state', () => {
    expect(placeWindow({ x: 2100, y: 80, width: 1600, height: 1000, maximized: true }, [LAPTOP])).toEqual({ width: 1600, height: 1000, maximized: true })
  })

  it('ignores a position whose title bar is off every screen (above the top, or only a sliver showing)', () => {
    expect(placeWindow({ x: 100, y: -500, width: 1200, height: 800, maximized: false }, [LAPTOP])).not.toHaveProperty('x')
    expect(placeWindow({ x: 1900, y: 100, width: 1200, height: 800, maximized: false }, [LAPTOP])).not.toHaveProperty('x')
    // Half of it off the left edge is fine: the title bar can still be grabbed.
    expect(placeWindow({ x: -600, y: 100, width: 1200, height: 800, maximized: false }, [LAPTOP])).toMatchObject({ x: -600, y: 100 })
  })

  it('keeps the size within the minimum and the largest screen', () => {
    expect(placeWindow({ x: 10, y: 10, width: 200, height: 100, maximized: false }, [LAPTOP])).toMatchObject({
      width: WINDOW_DEFAULTS.minWidth,
      height: WINDOW_DEFAULTS.minHeight
    })
    expect(placeWindow({ x: 10, y: 10, width: 9000, height: 9000, maximized: false }, [LAPTOP])).toMatchObject({ width: 1920, height: 1050 })
  })

  it.each([null, undefined, 'junk', [], { x: 1, y: 1, width: 1200 }, { x: 1.5, y: 1, width: 1200, height: 800, maximized: false }, { x: 1, y: 1, width: 1200, height: 800, maximized: 'yes' }, { x: 1, y: 1, width: 1200, height: 800, maximized: false, extra: 1 }, { x: 1e9, y: 1, width: 1200, height: 800, maximized: false }])(
    'falls back to the defaults for %j',
    (saved) => {
      expect(placeWindow(saved, [LAPTOP])).toEqual({ width: WINDOW_DEFAULTS.width, height: WINDOW_DEFAULTS.height, maximized: false })
    }
  )
})

describe('the window-state file in the user-data folder', () => {
  let dir: string | null = null
  afterEach(() => {
    if (dir !== null) rmSync(dir, { recursive: true, force: true })
    dir = null
  })

  it('round-trips the normal bounds and maximised state, rounded to whole pixels', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'earshot-window-'))
    writeWindowState(dir, { x: 10.4, y: 20.6, width: 1400, height: 900 }, true)
    expect(readWindowState(dir)).toEqual({ x: 10, y: 21, width: 1400, height: 900, maximized: true })
    expect(placeWindow(readWindowState(dir), [LAPTOP])).toEqual({ x: 10, y: 21, width: 1400, height: 900, maximized: true })
  })

  it('reads a missing or broken file as nothing saved', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'earshot-window-'))
    expect(readWindowState(dir)).toBeNull()
    writeFileSync(path.join(dir, 'window-state.json'), '{"x": 1, "y"')
    expect(readWindowState(dir)).toBeNull()
    expect(readFileSync(path.join(dir, 'window-state.json'), 'utf8')).toBe('{"x": 1, "y"')
  })
})
