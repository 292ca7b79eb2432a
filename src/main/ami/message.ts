/**
 * One AMI message as it crossed the wire. Everything in it came from the PBX (or a capture),
 * so it is untrusted text: `fields` has no prototype, so a header named `__proto__` or
 * `constructor` is just data.
 */
export interface AmiMessage {
  /** First value of each header key, for fast lookup. Keys keep Asterisk's spelling (`ActionID`, `Uniqueid`). */
  readonly fields: Readonly<Record<string, string | undefined>>
  /** Every header line in wire order, duplicates kept (e.g. several `ChanVariable` or `Output` lines). */
  readonly headers: ReadonlyArray<readonly [key: string, value: string]>
  /** Raw output lines of a legacy `Response: Follows` command reply (text up to `--END COMMAND--`). */
  readonly output?: readonly string[]
}

/**
 * Every message is one of these. The header lines are kept flat (`pairs`: name, value, name,
 * value, … in wire order), and `headers` and `fields` are built from them on first read: the live
 * path decodes hundreds of thousands of messages a second, reads a few fields of about half of
 * them by scanning (`headerValue`), and never asks most of them for either. Per message that saves
 * a two-element array per header line and the field index, which hashes every name; allocation
 * (and so garbage collection) was most of the cost of the live path. Two messages are equal
 * (`toEqual`) when their pairs and output are.
 */
class Message implements AmiMessage {
  #headers: ReadonlyArray<readonly [string, string]> | undefined
  #fields: Readonly<Record<string, string | undefined>> | undefined

  constructor(
    /** Header names and values, alternating, in wire order. */
    readonly pairs: readonly string[],
    readonly output?: readonly string[]
  ) {}

  get headers(): ReadonlyArray<readonly [string, string]> {
    if (this.#headers === undefined) {
      const headers: [string, string][] = []
      for (let i = 0; i < this.pairs.length; i += 2) headers.push([this.pairs[i] as string, this.pairs[i + 1] as string])
      this.#headers = headers
    }
    return this.#headers
  }

  get fields(): Readonly<Record<string, string | undefined>> {
    if (this.#fields === undefined) {
      const fields = Object.create(null) as Record<string, string | undefined>
      // Backwards, so the first value of a repeated key is written last and wins, with no lookup.
      for (let i = this.pairs.length - 2; i >= 0; i -= 2) fields[this.pairs[i] as string] = this.pairs[i + 1]
      this.#fields = fields
    }
    return this.#fields
  }
}

/** Builds a message from header pairs (first value of a key wins in `fields`). */
export function amiMessage(headers: ReadonlyArray<readonly [string, string]>, output?: readonly string[]): AmiMessage {
  const pairs: string[] = []
  for (const [key, value] of headers) pairs.push(key, value)
  return new Message(pairs, output)
}

/** A message from its header names and values, alternating (the decoder's form; the array is kept, not copied). */
export function messageFromPairs(pairs: readonly string[], output?: readonly string[]): AmiMessage {
  return new Message(pairs, output)
}

/** Every value of a (possibly repeated) header, in wire order. */
export function allValues(message: AmiMessage, key: string): string[] {
  const out: string[] = []
  for (const [k, v] of message.headers) if (k === key) out.push(v)
  return out
}

/**
 * First value of a header, as `fields[key]` gives it, without building `fields`: a scan, which for
 * the few fields a consumer reads of a message costs far less than the index.
 */
export function headerValue(message: AmiMessage, key: string): string | undefined {
  if (message instanceof Message) {
    const pairs = message.pairs
    for (let i = 0; i < pairs.length; i += 2) if (pairs[i] === key) return pairs[i + 1]
    return undefined
  }
  // A message built elsewhere (a test's literal, say) has no pairs.
  for (const [k, v] of message.headers) if (k === key) return v
  return undefined
}
