export const REDACTED = '********'

/**
 * `text` with every occurrence of each known secret replaced by `********`, for logs and error
 * reports. Also catches the secret as it appears inside JSON and in a URL. Longest secrets are
 * tried first, so one that contains another is hidden whole.
 */
export function redact(text: string, secrets: readonly (string | null | undefined)[]): string {
  const forms = new Set<string>()
  for (const secret of secrets) {
    if (secret === null || secret === undefined || secret === '') continue
    forms.add(secret)
    forms.add(JSON.stringify(secret).slice(1, -1))
    forms.add(encodeURIComponent(secret))
  }
  if (forms.size === 0) return text
  // One pass over the text, so a mask is never itself searched for another (shorter) secret.
  const pattern = [...forms].sort((a, b) => b.length - a.length).map((form) => form.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
  return text.replace(new RegExp(pattern.join('|'), 'g'), REDACTED)
}
