/**
 * Tile sizing for the wallboard: every agent on one screen, each tile as large as the room allows.
 * Pure, so the 300-agents-on-1920×1080 promise is checked without a browser.
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

/** What an agent tile may show: never a customer's number unless the admin allowed it (Settings → Wallboard). */
export function tileCustomer(customer: string | null, showCustomerNumbers: boolean): string | null {
  return showCustomerNumbers ? customer : null
}
