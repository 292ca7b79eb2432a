import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { AmiDecoder, type AmiFrame } from '../../../src/main/ami/decoder'
import { CAPTURES, loadCapture, rxStream } from './captures'

/** Frames as plain data (error instances compared by code and text). */
function plain(frames: readonly AmiFrame[]): unknown[] {
  return frames.map((f) =>
    f.kind === 'error'
      ? { kind: f.kind, code: f.error.code, message: f.error.message }
      : f.kind === 'greeting'
        ? f
        : { kind: f.kind, raw: f.raw, headers: f.message.headers, output: f.message.output }
  )
}

function decodeSplit(stream: Uint8Array, cuts: readonly number[], options: { maxMessageBytes?: number } = {}): AmiFrame[] {
  const decoder = new AmiDecoder({ keepRaw: true, ...options })
  const points = [...new Set(cuts.map((c) => c % (stream.length + 1)))].sort((a, b) => a - b)
  const frames: AmiFrame[] = []
  let from = 0
  for (const to of [...points, stream.length]) {
    frames.push(...decoder.write(stream.subarray(from, to)))
    from = to
  }
  return frames
}

const encode = (text: string): Uint8Array => new TextEncoder().encode(text)

// A non-ASCII, multi-byte-rich stream, so split points land inside UTF-8 sequences.
const UNICODE = encode(
  'Asterisk Call Manager/11.0.0\r\nEvent: NewCallerid\r\nCallerIDName: Müller Ærøskøbing 北京 😀\r\n\r\n' +
    'Response: Follows\r\nPrivilege: Command\r\nnaïve output: ✓\n\n--END COMMAND--\r\n\r\nEvent: Z\nK: ü\n\n'
)
const STREAMS: ReadonlyArray<readonly [string, Uint8Array]> = [
  ...CAPTURES.map((name) => [name, rxStream(loadCapture(name))] as const),
  ['unicode', UNICODE]
]

describe('AmiDecoder properties', () => {
  it('decodes any chunking of a capture exactly like one write', () => {
    for (const [name, stream] of STREAMS) {
      const whole = plain(new AmiDecoder({ keepRaw: true }).write(stream))
      fc.assert(
        fc.property(fc.array(fc.nat(), { maxLength: 64 }), (cuts) => {
          expect(plain(decodeSplit(stream, cuts)), name).toEqual(whole)
        }),
        { numRuns: name === 'unicode' ? 500 : 15 }
      )
    }
  })

  it('splits inside every UTF-8 sequence without changing the text', () => {
    const whole = plain(new AmiDecoder({ keepRaw: true }).write(UNICODE))
    for (let cut = 0; cut <= UNICODE.length; cut++) expect(plain(decodeSplit(UNICODE, [cut]))).toEqual(whole)
  })

  it('chunking never changes the frames, even with oversized messages dropped', () => {
    // Lines of any length around the 64-byte limit, Follows terminators and stray line ends; every
    // single split point is tried, so boundaries such as a CR exactly at the limit are hit.
    const piece = fc.oneof(
      fc.nat(80).map((n) => `K: ${'x'.repeat(n)}\r\n`),
      fc.nat(80).map((n) => 'y'.repeat(n)),
      fc.constantFrom('\r\n', '\n', '\r', 'Event: A\r\n', 'Response: Follows\r\n', '--END COMMAND--\r\n', '--END COMMAND--', 'ü'),
      fc.string({ maxLength: 10 })
    )
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), fc.array(fc.nat(), { maxLength: 10 }), (pieces, cuts) => {
        const stream = encode(pieces.join(''))
        const whole = plain(new AmiDecoder({ keepRaw: true, maxMessageBytes: 64 }).write(stream))
        for (let cut = 0; cut <= stream.length; cut++) {
          expect(plain(decodeSplit(stream, [cut], { maxMessageBytes: 64 }))).toEqual(whole)
        }
        expect(plain(decodeSplit(stream, cuts, { maxMessageBytes: 64 }))).toEqual(whole)
      }),
      { numRuns: 600 }
    )
  })

  it('never throws on random bytes, and decodes valid messages that follow a blank line', () => {
    const valid = fc.record({
      event: fc.stringMatching(/^[A-Za-z]{1,20}$/),
      value: fc.stringMatching(/^[ -~]{0,40}$/)
    })
    const item = fc.oneof(
      fc.uint8Array({ maxLength: 200 }).map((garbage) => ({ garbage })),
      valid.map((message) => ({ message }))
    )
    fc.assert(
      fc.property(fc.array(item, { maxLength: 20 }), fc.array(fc.nat(), { maxLength: 10 }), (items, cuts) => {
        const parts: Uint8Array[] = []
        const expected: [string, string][][] = []
        for (const it of items) {
          if ('garbage' in it) {
            parts.push(it.garbage)
          } else {
            // A CRLF ends whatever line the garbage left open, a blank line ends its message.
            parts.push(encode(`\r\n\r\nEvent: ${it.message.event}\r\nValue: ${it.message.value}\r\n\r\n`))
            expected.push([['Event', it.message.event], ['Value', it.message.value]])
          }
        }
        const stream = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
        parts.reduce((offset, p) => (stream.set(p, offset), offset + p.length), 0)

        let frames: AmiFrame[] = []
        expect(() => (frames = decodeSplit(stream, cuts))).not.toThrow()
        const decoded = frames.flatMap((f) => (f.kind === 'message' ? [f.message.headers] : []))
        // Every valid message comes out intact, in order (garbage may add messages between them).
        let at = 0
        for (const headers of decoded) if (at < expected.length && JSON.stringify(headers) === JSON.stringify(expected[at])) at++
        expect(at).toBe(expected.length)
      }),
      { numRuns: 500 }
    )
  })
})
