/**
 * What each operator chooses for themselves and Earshot remembers for them on this machine: how
 * the floor looks (density, columns, which agents) and how alerts reach them. Machine settings
 * (src/shared/settings.ts) hold what an admin decides; these hold what an operator may change.
 */
import { z } from 'zod'
import { AlertThresholds, QueueName, pauseReasonKey } from './settings'

/** Which agents the floor, its counters and the wallboard show: everyone, one team, or one queue's members. */
export const FloorScope = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('all') }),
  z.strictObject({ kind: z.literal('team'), team: z.string().min(1).max(60) }),
  z.strictObject({ kind: z.literal('queue'), queue: QueueName })
])
export type FloorScope = z.infer<typeof FloorScope>

export const FloorPreferences = z.strictObject({
  density: z.enum(['comfortable', 'compact']),
  /** Column ids (src/renderer/floor/columns.ts) the operator turned off; unknown ids are ignored. */
  hiddenColumns: z.array(z.string().min(1).max(40)).max(40),
  scope: FloorScope
})
export type FloorPreferences = z.infer<typeof FloorPreferences>

export const AlertPreferences = z.strictObject({
  /**
   * The operator's own thresholds, each replacing the machine's (an admin's) where given; their
   * `pauseReasons` replace the machine's reason by reason (effectiveThresholds), not as a list.
   */
  thresholds: AlertThresholds.partial(),
  sound: z.boolean(),
  notifications: z.boolean()
})
export type AlertPreferences = z.infer<typeof AlertPreferences>

export const OperatorPreferences = z.strictObject({
  floor: FloorPreferences,
  alerts: AlertPreferences
})
export type OperatorPreferences = z.infer<typeof OperatorPreferences>

export const DEFAULT_PREFERENCES: OperatorPreferences = Object.freeze({
  floor: Object.freeze({ density: 'comfortable', hiddenColumns: [], scope: Object.freeze({ kind: 'all' }) }),
  alerts: Object.freeze({ thresholds: {}, sound: false, notifications: true })
})

/** A change an operator makes: any sections, each given whole. */
export const PreferencesPatch = z.strictObject({ floor: FloorPreferences.optional(), alerts: AlertPreferences.optional() })
export type PreferencesPatch = z.infer<typeof PreferencesPatch>

/**
 * The thresholds in force for an operator: the machine's, with the operator's own where they set
 * one. Pause reasons combine per reason: the operator's figure for a reason replaces the machine's
 * for that reason (matched ignoring case and spaces around, as the evaluator matches an agent's
 * reason), the machine's other reasons stay, and the operator's reasons the machine lacks are added.
 */
export function effectiveThresholds(machine: AlertThresholds, own: Partial<AlertThresholds>): AlertThresholds {
  const { pauseReasons, ...singles } = own
  const merged = { ...machine, ...Object.fromEntries(Object.entries(singles).filter(([, value]) => value !== undefined)) }
  return pauseReasons === undefined ? merged : { ...merged, pauseReasons: mergePauseReasons(machine.pauseReasons, pauseReasons) }
}

type PauseReasons = AlertThresholds['pauseReasons']

function mergePauseReasons(machine: PauseReasons, own: PauseReasons): PauseReasons {
  const ownByKey = new Map(own.map((r) => [pauseReasonKey(r.reason), r]))
  const machineKeys = new Set(machine.map((r) => pauseReasonKey(r.reason)))
  return [...machine.map((r) => ownByKey.get(pauseReasonKey(r.reason)) ?? r), ...own.filter((r) => !machineKeys.has(pauseReasonKey(r.reason)))]
}
