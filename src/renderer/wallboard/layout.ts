/**
 * Tile sizing for the wallboard: every agent on one screen, each tile as large as the room allows;
 * a floor too big for readable tiles is shown a page at a time. Pure, so the
 * 300-agents-on-1920×1080 promise is checked without a browser.
 */
export interface TileLayout {
  columns: number
  rows: number
  tileWidth: number
  tileHeight: number
}

/** Gap between tiles (px); also in wallboard.css. */
export const TILE_GAP = 6
/** Tiles are no taller than width / ASPECT: wide enough for a whole name and "Talking 12:40". */
const ASPECT = 3.2

/** The column count that gives `count` tiles the tallest tile fitting `width` × `height` without scrolling. */
export function tileLayout(count: number, width: number, height: number): TileLayout {
  if (count <= 0) return { columns: 1, rows: 0, tileWidth: width, tileHeight: 0 }
  let best: TileLayout = { columns: count, rows: 1, tileWidth: 0, tileHeight: 0 }
  for (let columns = 1; columns <= count; columns++) {
    const rows = Math.ceil(count / columns)
    const tileWidth = Math.floor((width - TILE_GAP * (columns - 1)) / columns)
    const tileHeight = Math.floor(Math.min(tileWidth / ASPECT, (height - TILE_GAP * (rows - 1)) / rows))
    if (tileWidth > 0 && tileHeight > best.tileHeight) best = { columns, rows, tileWidth, tileHeight }
  }
  return best
}

/**
 * The smallest tile still readable across a room (its name and "Talking 12:40" at about 12 px):
 * 300 agents on 1920×1080 get larger ones. Below it the wallboard pages instead of shrinking.
 */
export const MIN_TILE_HEIGHT = 36
const MIN_TILE_WIDTH = Math.ceil(MIN_TILE_HEIGHT * ASPECT)

/** Seconds each page of a paged wallboard stays on screen. */
export const PAGE_SECONDS = 10

export interface WallboardPages {
  /** The layout of one page's tiles. */
  layout: TileLayout
  /** Tiles on a full page (every agent when one page holds them all). */
  perPage: number
  pages: number
}

/**
 * All `count` tiles on one screen when they stay readable; otherwise as few pages as hold them
 * at the minimum size, shared out evenly (5,000 agents at 10 px tiles would be a coloured carpet nobody can read,
 * and would cost the screen's renderer 5,000 tiles each second).
 */
export function wallboardPages(count: number, width: number, height: number): WallboardPages {
  const all = tileLayout(count, width, height)
  if (count <= 0 || all.tileHeight >= MIN_TILE_HEIGHT) return { layout: all, perPage: Math.max(count, 0), pages: count > 0 ? 1 : 0 }
  const columns = Math.max(1, Math.floor((width + TILE_GAP) / (MIN_TILE_WIDTH + TILE_GAP)))
  const rows = Math.max(1, Math.floor((height + TILE_GAP) / (MIN_TILE_HEIGHT + TILE_GAP)))
  const pages = Math.ceil(count / (columns * rows))
  // As many on each page (no last page of a few lonely tiles), each tile as large as that allows.
  const perPage = Math.ceil(count / pages)
  return { layout: tileLayout(perPage, width, height), perPage, pages }
}

/** The page on screen at `now` (ms): pages turn every PAGE_SECONDS, in order, by the floor's clock (no timer of their own). */
export function pageAt(pages: number, now: number): number {
  return pages <= 1 ? 0 : Math.floor(now / (PAGE_SECONDS * 1000)) % pages
}

/** What an agent tile may show: never a customer's number unless the admin allowed it (Settings → Wallboard). */
export function tileCustomer(customer: string | null, showCustomerNumbers: boolean): string | null {
  return showCustomerNumbers ? customer : null
}
