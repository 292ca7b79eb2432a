import { StringDecoder } from 'node:string_decoder'
import { AmiProtocolError } from './errors'
import { messageFromPairs, type AmiMessage } from './message'

/** One decoded unit of the PBX's byte stream. `raw` (exact text, only with `keepRaw`) is for capture taps. */
export type AmiFrame =
  | { readonly kind: 'greeting'; readonly text: string; readonly raw?: string }
  | { readonly kind: 'message'; readonly message: AmiMessage; readonly raw?: string }
  | { readonly kind: 'error'; readonly error: AmiProtocolError }

export interface AmiDecoderOptions {
  /**
   * Largest message kept, counted in decoded UTF-16 units including line ends (equal to bytes for
   * the ASCII Asterisk sends, and never more than the UTF-8 bytes). Default 1 MiB, minimum 64.
   */
  readonly maxMessageBytes?: number
  /** Attach each frame's exact text as `raw` (costs a copy per line). */
  readonly keepRaw?: boolean
  /**
   * Does a `Response: Follows` with this ActionID answer a `Command` this side sent? Only then is
   * what follows read as raw command output: one unexpected Follows would otherwise swallow every
   * event and response up to `--END COMMAND--` or the size limit. Without it (offline readers of
   * captures) every Follows is command output.
   */
  readonly commandOutput?: (actionId: string) => boolean
}

const END_COMMAND = '--END COMMAND--'
const CR = 13
const COLON = 58

/**
 * `headers`: ordinary `Key: Value` lines up to a blank line.
 * `follows`: legacy `Response: Follows` (Asterisk ≤ 13 `Command`): raw output up to `--END COMMAND--`.
 * `follows-end`: after that terminator; its blank line still belongs to the message.
 * `skip`: dropping an oversized message up to the next blank line.
 */
type Mode = 'headers' | 'follows' | 'follows-end' | 'skip'

/**
 * Push decoder for the AMI byte stream: `write()` returns the frames completed by a chunk and
 * never throws. Frames do not depend on how the stream is split: UTF-8 goes through a streaming
 * decoder (node:string_decoder: same job as a streaming TextDecoder, several times faster), and an
 * incomplete line is kept as pieces, joined once its newline arrives, so no byte is scanned twice.
 * Messages keep their header lines flat; `headers` and `fields` are built on first read (see ./message.ts).
 *
 * A line without ": " inside a message is kept as a header with an empty value (a trailing ':'
 * is dropped from the key), so odd PBX output stays visible instead of failing the message.
 */
export class AmiDecoder {
  private readonly utf8 = new StringDecoder('utf8')
  private readonly max: number
  private readonly keepRaw: boolean
  private readonly commandOutput: ((actionId: string) => boolean) | undefined

  private mode: Mode = 'headers'
  private expectGreeting = true
  /** The current message's header names and values, alternating. */
  private pairs: string[] = []
  private output: string[] = []
  /** `follows`: still reading the Privilege/ActionID lines that precede the output. */
  private followsHeaders = false
  /** `headers`: the message began `Response: Follows`; its ActionID decides whether output follows. */
  private maybeFollows = false
  private raw: string[] = []
  /** Size of the current message's complete lines, line ends included. */
  private size = 0
  /** Pieces of the line still waiting for its newline (never used in `skip`). */
  private partial: string[] = []
  private partialLen = 0
  /** `skip`: what the dropped start of the current line was, to spot a blank line across chunks. */
  private skipTail: '' | '\r' | 'text' = ''

  constructor(options: AmiDecoderOptions = {}) {
    const max = options.maxMessageBytes ?? 1024 * 1024
    if (!Number.isSafeInteger(max) || max < 64) throw new RangeError('maxMessageBytes must be an integer ≥ 64')
    this.max = max
    this.keepRaw = options.keepRaw ?? false
    this.commandOutput = options.commandOutput
  }

  write(chunk: Uint8Array | string): AmiFrame[] {
    // A string write first flushes any incomplete UTF-8 sequence left by an earlier byte write.
    const text = typeof chunk === 'string' ? this.utf8.end() + chunk : this.utf8.write(chunk)
    const frames: AmiFrame[] = []
    let pos = 0
    let nl = text.indexOf('\n')
    while (nl !== -1) {
      if (this.mode === 'skip') {
        this.skipLine(text.slice(pos, nl))
      } else if (this.partialLen === 0) {
        const cr = nl > pos && text.charCodeAt(nl - 1) === CR
        this.line(text, pos, cr ? nl - 1 : nl, cr, frames)
      } else {
        this.partial.push(text.slice(pos, nl))
        const joined = this.partial.join('')
        this.partial = []
        this.partialLen = 0
        const cr = joined.charCodeAt(joined.length - 1) === CR
        this.line(joined, 0, cr ? joined.length - 1 : joined.length, cr, frames)
      }
      pos = nl + 1
      nl = text.indexOf('\n', pos)
    }
    if (pos < text.length) this.keepPartial(text.slice(pos), frames)
    return frames
  }

  /**
   * One line, `text[start, end)` without its line end; `cr` says whether that end was CRLF. The line
   * is read in place: only its key and value are cut out of the chunk.
   */
  private line(text: string, start: number, end: number, cr: boolean, frames: AmiFrame[]): void {
    const blank = start === end
    if (this.mode === 'follows-end') {
      if (blank) {
        this.addRaw('', cr)
        this.emitMessage(frames)
        return
      }
      this.emitMessage(frames) // the blank line never came: this line starts the next message
    }

    if (blank && this.mode === 'headers') {
      if (this.pairs.length > 0) {
        this.addRaw('', cr)
        this.emitMessage(frames)
      }
      return // blank lines between messages carry nothing
    }

    this.size += end - start + (cr ? 2 : 1)
    if (this.size > this.max) {
      this.startSkip(frames, '')
      return
    }
    if (this.keepRaw) this.addRaw(text.slice(start, end), cr)

    if (this.mode === 'follows') {
      this.followsLine(text.slice(start, end))
      return
    }

    let colon = text.indexOf(': ', start)
    if (colon + 2 > end) colon = -1 // past this line (or none): the line has no separator
    const endsWithColon = text.charCodeAt(end - 1) === COLON
    if (this.expectGreeting) {
      this.expectGreeting = false
      if (colon === -1 && !endsWithColon) {
        const greeting = text.slice(start, end)
        frames.push(this.keepRaw ? { kind: 'greeting', text: greeting, raw: this.takeRaw() } : { kind: 'greeting', text: greeting })
        this.size = 0
        return
      }
    }
    let key: string
    let value: string
    if (colon !== -1) {
      key = text.slice(start, colon)
      value = text.slice(colon + 2, end)
    } else {
      key = text.slice(start, endsWithColon ? end - 1 : end)
      value = ''
    }
    if (this.pairs.length === 0 && key === 'Response' && value.toLowerCase() === 'follows') {
      if (this.commandOutput === undefined) this.startFollows()
      else this.maybeFollows = true
    } else if (this.maybeFollows) {
      // Asterisk writes `Privilege: Command`, then the ActionID, then the output.
      if (key !== 'Privilege') this.maybeFollows = false
      if (key === 'ActionID' && this.commandOutput?.(value) === true) this.startFollows()
    }
    this.pairs.push(key, value)
  }

  private startFollows(): void {
    this.mode = 'follows'
    this.followsHeaders = true
  }

  private followsLine(line: string): void {
    if (this.followsHeaders) {
      const colon = line.indexOf(': ')
      const key = colon === -1 ? '' : line.slice(0, colon)
      if (key === 'Privilege' || key === 'ActionID') {
        this.pairs.push(key, line.slice(colon + 2))
        return
      }
      this.followsHeaders = false
    }
    // Asterisk appends the terminator right after the output, which need not end with a newline.
    if (line.endsWith(END_COMMAND)) {
      if (line.length > END_COMMAND.length) this.output.push(line.slice(0, -END_COMMAND.length))
      this.mode = 'follows-end'
      this.size = 0 // the next line is either this message's blank line or the start of the next one
      return
    }
    this.output.push(line)
  }

  private keepPartial(piece: string, frames: AmiFrame[]): void {
    if (this.mode === 'skip') {
      this.skipTail = this.skipTail === '' && piece === '\r' ? '\r' : 'text'
      return
    }
    this.partial.push(piece)
    this.partialLen += piece.length
    // A lone CR may be the start of the blank line that ends the message: not content yet.
    if (this.partialLen === 1 && piece === '\r') return
    if (this.size + this.partialLen <= this.max) return
    if (this.mode === 'follows-end') this.emitMessage(frames) // complete; the long line is the next message
    this.partial = []
    this.partialLen = 0
    this.startSkip(frames, 'text')
  }

  private skipLine(rest: string): void {
    const blank = this.skipTail === '' ? rest === '' || rest === '\r' : this.skipTail === '\r' && rest === ''
    this.skipTail = ''
    if (blank) this.mode = 'headers'
  }

  private startSkip(frames: AmiFrame[], tail: '' | 'text'): void {
    frames.push({
      kind: 'error',
      error: new AmiProtocolError(
        `Dropped an AMI message larger than ${this.max} bytes; resuming after the next blank line`,
        'oversize'
      )
    })
    this.reset()
    this.mode = 'skip'
    this.skipTail = tail
    this.expectGreeting = false
  }

  private emitMessage(frames: AmiFrame[]): void {
    let message: AmiMessage
    if (this.mode === 'headers') message = messageFromPairs(this.pairs)
    else {
      message = messageFromPairs(this.pairs, this.output)
      this.output = [] // the message has it now, empty or not
    }
    frames.push(this.keepRaw ? { kind: 'message', message, raw: this.takeRaw() } : { kind: 'message', message })
    this.reset()
  }

  private reset(): void {
    this.mode = 'headers'
    this.pairs = []
    // An empty one was never handed on: kept (two arrays less per message).
    if (this.output.length > 0) this.output = []
    this.followsHeaders = false
    this.maybeFollows = false
    if (this.raw.length > 0) this.raw = []
    this.size = 0
  }

  private addRaw(line: string, cr: boolean): void {
    if (this.keepRaw) this.raw.push(line, cr ? '\r\n' : '\n')
  }

  private takeRaw(): string {
    const raw = this.raw.join('')
    this.raw = []
    return raw
  }
}

