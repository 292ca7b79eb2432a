/**
 * The operator's own pause-reason limits as Your limits shows and changes them. How they combine
 * with the machine's list in force is effectiveThresholds' (src/shared/preferences.ts); this lays
 * them out and edits the stored list.
 */
import { type AlertThresholds, pauseReasonKey } from '../../../shared/settings'

export type PauseReasons = AlertThresholds['pauseReasons']

export interface PauseLimitRow {
  /** As the machine spells it, or the operator where the machine has no such reason. */
  reason: string
  /** What applies without the operator's figure: the machine's for this reason, else its general long pause (null: off). */
  machineSeconds: number | null
  /** The machine lists this reason (the operator can only clear their figure, not remove the reason). */
  machineHas: boolean
  /** The operator's figure; null: none. */
  ownSeconds: number | null
}

/** The machine's reasons first (in its order), each with the operator's figure if any; then the operator's other reasons. */
export function pauseLimitRows(machine: PauseReasons, general: number | null, own: PauseReasons | undefined): PauseLimitRow[] {
  const ownByKey = new Map((own ?? []).map((r) => [pauseReasonKey(r.reason), r.seconds]))
  const machineKeys = new Set(machine.map((r) => pauseReasonKey(r.reason)))
  return [
    ...machine.map((r) => ({ reason: r.reason, machineSeconds: r.seconds, machineHas: true, ownSeconds: ownByKey.get(pauseReasonKey(r.reason)) ?? null })),
    ...(own ?? []).filter((r) => !machineKeys.has(pauseReasonKey(r.reason))).map((r) => ({ reason: r.reason, machineSeconds: general, machineHas: false, ownSeconds: r.seconds }))
  ]
}

/**
 * The operator's list with `reason` (matched ignoring case) given `seconds`, or dropped when null.
 * An empty list is stored as none (undefined): the machine's list applies as it is.
 */
export function withPauseLimit(own: PauseReasons | undefined, reason: string, seconds: number | null): PauseReasons | undefined {
  const key = pauseReasonKey(reason)
  const index = (own ?? []).findIndex((r) => pauseReasonKey(r.reason) === key)
  const rest = (own ?? []).filter((_, i) => i !== index)
  if (seconds === null) return rest.length === 0 ? undefined : rest
  const entry = { reason: index === -1 ? reason.trim() : (own?.[index]?.reason ?? reason.trim()), seconds }
  // Kept in place when it was listed, so the rows do not jump.
  return index === -1 ? [...rest, entry] : [...rest.slice(0, index), entry, ...rest.slice(index)]
}
