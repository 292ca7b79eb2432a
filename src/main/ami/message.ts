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

/** Builds a message from header pairs (first value of a key wins in `fields`). */
export function amiMessage(
  headers: ReadonlyArray<readonly [string, string]>,
  output?: readonly string[]
): AmiMessage {
  const fields = Object.create(null) as Record<string, string | undefined>
  // Backwards, so the first value of a repeated key is written last and wins, with no lookup.
  for (let i = headers.length - 1; i >= 0; i--) {
    const header = headers[i] as readonly [string, string]
    fields[header[0]] = header[1]
  }
  return output === undefined ? { fields, headers } : { fields, headers, output }
}

/** Every value of a (possibly repeated) header, in wire order. */
export function allValues(message: AmiMessage, key: string): string[] {
  const out: string[] = []
  for (const [k, v] of message.headers) if (k === key) out.push(v)
  return out
}

/**
 * Same message as amiMessage(), but `fields` is built on first read (an own, enumerable getter that
 * then caches itself), so equality, spreading and structured clone see an ordinary message. The
 * decoder uses it: building the index is most of the cost of decoding, and many events (RTCP
 * reports, ...) are never looked at.
 */
export function lazyAmiMessage(
  headers: ReadonlyArray<readonly [string, string]>,
  output?: readonly string[]
): AmiMessage {
  const message = output === undefined ? { headers } : { headers, output }
  Object.defineProperty(message, 'fields', LAZY_FIELDS)
  return message as AmiMessage
}

const LAZY_FIELDS: PropertyDescriptor = {
  get(this: AmiMessage) {
    return cacheFields(this)
  },
  enumerable: true,
  configurable: true
}

function cacheFields(message: AmiMessage): AmiMessage['fields'] {
  const { fields } = amiMessage(message.headers)
  Object.defineProperty(message, 'fields', { value: fields, enumerable: true })
  return fields
}

/** First value of a header without building `fields` (for routing every message cheaply). */
export function headerValue(message: AmiMessage, key: string): string | undefined {
  for (const [k, v] of message.headers) if (k === key) return v
  return undefined
}
