import { describe, expect, it } from 'vitest'
import { decodeTextFile } from '../../../src/renderer/records/pure/text-file'

const CSV = 'Name,Phone\r\nJürgen Müller,030 12345678\r\nÉlodie Févre,01 23 45 67 89\r\n'

describe('an imported file read as text', () => {
  it('UTF-8, with or without its byte-order mark', () => {
    expect(decodeTextFile(Buffer.from(CSV, 'utf8'))).toEqual({ text: CSV, encoding: 'UTF-8' })
    expect(decodeTextFile(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(CSV, 'utf8')]))).toEqual({ text: CSV, encoding: 'UTF-8' })
  })

  it('Excel’s Windows CSV (Windows-1252) is not stored broken: read as what it is, and said', () => {
    expect(decodeTextFile(Buffer.from(CSV, 'latin1'))).toEqual({ text: CSV, encoding: 'Windows-1252' })
    // Its own characters beyond Latin-1: the euro sign and curly quotes Excel writes.
    expect(decodeTextFile(Uint8Array.from([0x80, 0x20, 0x93, 0x41, 0x94]))).toEqual({ text: '€ “A”', encoding: 'Windows-1252' })
  })

  it('Excel’s Unicode Text (UTF-16 with its byte-order mark)', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(CSV, 'utf16le')])
    expect(decodeTextFile(le)).toEqual({ text: CSV, encoding: 'UTF-16' })
  })
})
