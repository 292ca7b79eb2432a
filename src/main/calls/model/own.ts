/**
 * A copy of `s` that shares no memory with the text it was cut from. The AMI decoder slices header
 * values out of each socket chunk, and V8 makes a slice of 13 or more characters a view that keeps
 * the whole chunk alive: a channel the model kept for hours held its 64 KB chunk (issue 14.9).
 * Everything the model stores from an event goes through here, once, when it is stored: not per
 * event, as this is the hot path.
 */
export function own(s: string): string {
  // Shorter slices are copies already (V8's SlicedString::kMinLength is 13).
  if (s.length < 13) return s
  // The concatenation is flattened into a new string by the slice, which then views that copy.
  return (' ' + s).slice(1)
}

/** `own` for optional values. */
export function ownOrNull(s: string | null | undefined): string | null {
  return s == null ? null : own(s)
}
