/**
 * An imported file's bytes as text. CSV files are UTF-8 when a CRM or Earshot wrote them, but
 * Excel on Windows saves "CSV (Comma delimited)" in Windows-1252 and "Unicode Text" in UTF-16:
 * read as UTF-8, their accented names would be stored broken (`J�rgen`), without a word.
 */
export type TextEncodingName = 'UTF-8' | 'UTF-16' | 'Windows-1252'

export function decodeTextFile(bytes: Uint8Array): { text: string; encoding: TextEncodingName } {
  // A byte-order mark says it (TextDecoder drops it from the text).
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes), encoding: 'UTF-16' }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes), encoding: 'UTF-16' }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'UTF-8' }
  } catch {
    // Not UTF-8: Windows-1252 (a superset of Latin-1) decodes any byte, and is what Excel wrote.
    // Chromium's decoder reads 0x80–0x9F as Windows-1252 does; Node's as Latin-1's controls: the
    // table puts them right either way.
    const text = new TextDecoder('windows-1252').decode(bytes).replace(/[\u0080-\u009f]/g, (c) => CP1252_80_9F[c.charCodeAt(0) - 0x80] ?? c)
    return { text, encoding: 'Windows-1252' }
  }
}

/** Windows-1252's characters for bytes 0x80–0x9F (its five unassigned bytes stay as they are). */
const CP1252_80_9F = '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178'
