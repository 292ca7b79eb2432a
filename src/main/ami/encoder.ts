import { AmiEncodeError } from './errors'

/** A header value: arrays become repeated headers (several `Variable:` lines); `undefined` is left out. */
export type AmiFieldValue = string | number | boolean | readonly string[] | undefined
export type AmiFields = Readonly<Record<string, AmiFieldValue>>

/** Keys whose values the capture tap must never see (Asterisk matches header names case-insensitively). */
const SECRET_KEY = /^secret$/i
export const REDACTED = '********'

/**
 * Encodes an action as `Key: Value` lines plus the blank line that ends it. Values may come from
 * user-entered settings, so CR/LF anywhere, or ':' in a key, would let them inject headers or whole
 * actions: those throw AmiEncodeError, whose message names the key but never echoes the value.
 */
export function encodeAction(fields: AmiFields): string {
  let out = ''
  for (const key of Object.keys(fields)) {
    const value = fields[key]
    if (value === undefined) continue
    if (key === '' || /[\r\n:]/.test(key)) throw new AmiEncodeError(`Invalid AMI header name ${JSON.stringify(key)}`)
    const values: readonly unknown[] = isList(value) ? value : [scalar(key, value)]
    for (const v of values) {
      if (typeof v !== 'string') throw new AmiEncodeError(`Value of AMI header '${key}' must be a string`)
      if (v.includes('\r') || v.includes('\n')) {
        throw new AmiEncodeError(`Value of AMI header '${key}' contains a line break`)
      }
      out += `${key}: ${v}\r\n`
    }
  }
  return `${out}\r\n`
}

/** The same action with every `Secret` value replaced, for logs and capture taps. */
export function redactSecrets(fields: AmiFields): AmiFields {
  const copy: Record<string, AmiFieldValue> = {}
  for (const key of Object.keys(fields)) copy[key] = SECRET_KEY.test(key) && fields[key] !== undefined ? REDACTED : fields[key]
  return copy
}

function isList(value: AmiFieldValue): value is readonly string[] {
  return Array.isArray(value)
}

function scalar(key: string, value: string | number | boolean): string {
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw new AmiEncodeError(`Value of AMI header '${key}' is not a finite number`)
  }
  return String(value)
}
