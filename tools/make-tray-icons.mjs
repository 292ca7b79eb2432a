// Draws the tray icons (resources/tray/tray-<status>.png and @2x): a filled circle in the status
// colour with a darker rim, antialiased, on transparency. Plain Node (zlib), no image library:
// `node tools/make-tray-icons.mjs` rewrites them; the PNGs are committed.
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { deflateSync } from 'node:zlib'

const COLOURS = {
  live: [0x1f, 0xa9, 0x5b], // green
  reconnecting: [0xe6, 0x9b, 0x00], // amber
  offline: [0x8a, 0x93, 0x9e] // grey
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})
function crc32(buffer) {
  let c = 0xffffffff
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}
function chunk(type, data) {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

/** RGBA pixels → PNG (8-bit RGBA, no filter). */
function png(size, pixel) {
  const rows = []
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4)
    for (let x = 0; x < size; x++) row.set(pixel(x, y), 1 + x * 4)
    rows.push(row)
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(size, 0)
  header.writeUInt32BE(size, 4)
  header.set([8, 6, 0, 0, 0], 8)
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))])
}

/** Coverage of a pixel by a disc of radius r at the centre, 4×4 supersampled. */
function coverage(size, x, y, r) {
  let inside = 0
  for (let i = 0; i < 4; i++) {
    for (let j = 0; j < 4; j++) {
      const dx = x + (i + 0.5) / 4 - size / 2
      const dy = y + (j + 0.5) / 4 - size / 2
      if (dx * dx + dy * dy <= r * r) inside++
    }
  }
  return inside / 16
}

function icon(size, [r, g, b]) {
  const outer = size * 0.44
  const inner = outer - Math.max(1, size / 16)
  return png(size, (x, y) => {
    const all = coverage(size, x, y, outer)
    const fill = coverage(size, x, y, inner)
    // The rim is the colour at 70 %, so the dot stays visible on light and dark panels alike.
    const shade = fill + (all - fill) * 0.7
    const mix = all === 0 ? 0 : shade / all
    return [Math.round(r * mix), Math.round(g * mix), Math.round(b * mix), Math.round(all * 255)]
  })
}

const dir = path.join(import.meta.dirname, '..', 'resources', 'tray')
for (const [status, colour] of Object.entries(COLOURS)) {
  writeFileSync(path.join(dir, `tray-${status}.png`), icon(16, colour))
  writeFileSync(path.join(dir, `tray-${status}@2x.png`), icon(32, colour))
}
