import type { SettingsSection } from '../../shared/settings'

/** The fields in page order, with the words the page uses for them. */
export const FIELD_LABELS: ReadonlyArray<readonly [path: string, label: string]> = [
  ['pbx.url', 'AMI address'],
  ['pbx.username', 'AMI user'],
  ['pbx.caCertificate', 'CA certificate'],
  ['pbx.context', 'Dialplan context'],
  ['pbx.method', 'Supervision method'],
  ['pbx.featureCodes.listen', 'Listen code'],
  ['pbx.featureCodes.whisper', 'Whisper code'],
  ['pbx.featureCodes.barge', 'Barge code'],
  ['pbx.featureCodes', 'Feature codes'],
  ['pbx', 'PBX'],
  ['softphone.wsUrl', 'WebSocket address'],
  ['softphone.extension', 'SIP extension'],
  ['softphone.authUser', 'Authentication user'],
  ['softphone.displayName', 'Display name'],
  ['softphone', 'Softphone'],
  ['floor.agents.pattern', 'Extension pattern'],
  ['floor.agents.queues', 'Queues'],
  ['floor.agents', 'Agents on the floor'],
  ['floor.hidden', 'Hidden extensions'],
  ['floor', 'Floor'],
  ['records.defaultRegion', 'Default country'],
  ['records.crmUrlTemplate', 'CRM address'],
  ['records', 'Customer records'],
  ['updates.url', 'Update address'],
  ['updates', 'Updates'],
  ['teams.teams', 'Teams'],
  ['teams', 'Teams'],
  ['alerts.longCallSeconds', 'Long call'],
  ['alerts.longHoldSeconds', 'Long hold'],
  ['alerts.longPauseSeconds', 'Long pause'],
  ['alerts.queueWaitSeconds', 'Caller waiting in a queue'],
  ['alerts.unansweredRings', 'Not answering'],
  ['alerts.offlineInQueue', 'Offline while in a queue'],
  ['alerts.pauseReasons', 'Pause reasons with their own limit'],
  ['alerts', 'Alerts'],
  ['wallboard.showCustomerNumbers', 'Customers on the wallboard'],
  ['wallboard', 'Wallboard']
]

/** `floor.hidden.2` → its field (`floor.hidden`); unknown paths → their nearest known parent, or themselves. */
export function fieldOf(path: string): string {
  let candidate = path
  for (;;) {
    if (FIELD_LABELS.some(([p]) => p === candidate)) return candidate
    const cut = candidate.lastIndexOf('.')
    if (cut < 0) return path
    candidate = candidate.slice(0, cut)
  }
}

export function labelOf(path: string): string {
  if (path === '') return 'The file'
  const field = fieldOf(path)
  return FIELD_LABELS.find(([p]) => p === field)?.[1] ?? path
}

export function sectionOf(path: string): SettingsSection | null {
  const head = path.split('.')[0]
  return head === 'pbx' || head === 'softphone' || head === 'floor' || head === 'records' || head === 'updates' || head === 'teams' || head === 'alerts' || head === 'wallboard' ? head : null
}

/** The error paths in page order (the first is where the page takes the focus). */
export function inPageOrder(paths: readonly string[]): string[] {
  const rank = (path: string): number => {
    const at = FIELD_LABELS.findIndex(([p]) => p === fieldOf(path))
    return at < 0 ? FIELD_LABELS.length : at
  }
  return [...paths].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
}

/** The DOM id of a field's input. */
export function fieldId(path: string): string {
  return `setting-${fieldOf(path).replace(/\./g, '-')}`
}

/** Moves the focus to the field of an error path (its input, or the checked radio of a choice). */
export function focusField(path: string): void {
  const id = fieldId(path)
  const target =
    document.getElementById(id) ??
    document.querySelector<HTMLElement>(`[id^="${id}-"]:checked`) ??
    document.querySelector<HTMLElement>(`[id^="${id}-"]`)
  target?.focus()
  target?.scrollIntoView({ block: 'center' })
}
