import { describe, expect, it } from 'vitest'
import { MIN_TILE_HEIGHT, PAGE_SECONDS, TILE_GAP, pageAt, tileCustomer, tileLayout, wallboardPages } from '../../../src/renderer/wallboard/layout'

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

describe('a floor too big for readable tiles is paged', () => {
  it('300 agents on 1920×1080 stay on one page', () => {
    const paging = wallboardPages(300, 1900, 880)
    expect(paging.pages).toBe(1)
    expect(paging.perPage).toBe(300)
    expect(paging.layout).toEqual(tileLayout(300, 1900, 880))
  })

  for (const count of [1000, 5000]) {
    it(`${count} agents: pages of readable tiles that together hold every agent`, () => {
      const paging = wallboardPages(count, 1900, 880)
      expect(tileLayout(count, 1900, 880).tileHeight).toBeLessThan(MIN_TILE_HEIGHT)
      expect(paging.pages).toBeGreaterThan(1)
      expect(paging.pages * paging.perPage).toBeGreaterThanOrEqual(count)
      expect((paging.pages - 1) * paging.perPage).toBeLessThan(count)
      expect(paging.layout.tileHeight).toBeGreaterThanOrEqual(MIN_TILE_HEIGHT)
      expect(paging.layout.columns * paging.layout.rows).toBeGreaterThanOrEqual(paging.perPage)
      expect(paging.layout.rows * paging.layout.tileHeight + (paging.layout.rows - 1) * TILE_GAP).toBeLessThanOrEqual(880)
    })
  }

  it('pages share the agents out evenly', () => {
    const paging = wallboardPages(330, 1900, 880)
    expect(paging.pages).toBe(2)
    expect(paging.perPage).toBe(165)
  })

  it('a page as tiny as one tile still shows that tile', () => {
    const paging = wallboardPages(10, 50, 20)
    expect(paging.perPage).toBe(1)
    expect(paging.pages).toBe(10)
  })

  it('nobody on the board: no pages', () => {
    expect(wallboardPages(0, 1900, 880).pages).toBe(0)
  })

  it('pages turn every PAGE_SECONDS in order and wrap round', () => {
    const step = PAGE_SECONDS * 1000
    expect([0, 1, 2, 3].map((i) => pageAt(3, i * step + 1))).toEqual([0, 1, 2, 0])
    expect(pageAt(3, step - 1)).toBe(0)
    expect(pageAt(1, 5 * step)).toBe(0)
    expect(pageAt(0, 5 * step)).toBe(0)
  })
})

describe('what a wallboard tile may show', () => {
  it('no customer number unless the admin allowed it', () => {
    expect(tileCustomer('+442070001111', false)).toBeNull()
    expect(tileCustomer('+442070001111', true)).toBe('+442070001111')
  })
})
