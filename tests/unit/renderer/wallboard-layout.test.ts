import { describe, expect, it } from 'vitest'
import { TILE_GAP, tileCustomer, tileLayout } from '../../../src/renderer/wallboard/layout'

describe('wallboard tile layout', () => {
  for (const [count, width, height] of [[300, 1900, 900], [12, 1900, 900], [1, 1900, 900], [5000, 1900, 900], [299, 1280, 600]] as const) {
    it(`${count} tiles fit ${width}×${height} without scrolling`, () => {
      const layout = tileLayout(count, width, height)
      expect(layout.columns * layout.rows).toBeGreaterThanOrEqual(count)
      expect(layout.columns * layout.tileWidth + (layout.columns - 1) * TILE_GAP).toBeLessThanOrEqual(width)
      expect(layout.rows * layout.tileHeight + (layout.rows - 1) * TILE_GAP).toBeLessThanOrEqual(height)
      expect(layout.tileHeight).toBeGreaterThan(0)
    })
  }

  it('fewer agents get larger tiles', () => {
    expect(tileLayout(12, 1900, 900).tileHeight).toBeGreaterThan(tileLayout(300, 1900, 900).tileHeight)
  })

  it('300 agents on 1920×1080 (less the queue strip) stay readable: tiles at least 28 px tall', () => {
    expect(tileLayout(300, 1900, 880).tileHeight).toBeGreaterThanOrEqual(28)
  })
})

describe('what a wallboard tile may show', () => {
  it('no customer number unless the admin allowed it', () => {
    expect(tileCustomer('+442070001111', false)).toBeNull()
    expect(tileCustomer('+442070001111', true)).toBe('+442070001111')
  })
})
