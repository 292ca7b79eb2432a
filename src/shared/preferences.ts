/**
 * What each operator chooses for themselves and Earshot remembers for them on this machine: how
 * the floor looks (density, columns, which agents) and how alerts reach them. Machine settings
 * (src/shared/settings.ts) hold what an admin decides; these hold what an operator may change.
 */
import { z } from 'zod'
import { AlertThresholds, QueueName } from './settings'

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
  /** The operator's own thresholds, each replacing the machine's (an admin's) where given. */
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

/** The thresholds in force for an operator: the machine's, with the operator's own where they set one. */
export function effectiveThresholds(machine: AlertThresholds, own: Partial<AlertThresholds>): AlertThresholds {
  return { ...machine, ...Object.fromEntries(Object.entries(own).filter(([, value]) => value !== undefined)) }
}
