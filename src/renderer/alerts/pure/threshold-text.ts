/**
 * The figure typed into a threshold field (Settings → Alerts, and an operator's own limits):
 * null when the field is empty (no figure: off in Settings, this computer's limit in Your limits),
 * the whole number typed, or NaN when the text is not one (a sign, a decimal point, a letter, a
 * space inside), so the form can keep the text and say so at the field. Spaces around it do not count.
 * Whether the number is in range is the form's to say.
 */
export function thresholdFromText(text: string): number | null {
  const trimmed = text.trim()
  if (trimmed === '') return null
  return /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN
}
