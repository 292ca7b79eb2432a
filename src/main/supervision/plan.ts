/**
 * How this machine supervises: the admin's settings (or the demo's), reduced to what building an
 * Originate needs, and whether the Listen/Whisper/Barge buttons can be offered at all.
 */
import type { SupervisionMethod } from '../../shared/supervision'
import type { FeatureCodes } from '../calls'

export interface SupervisionConfig {
  method: SupervisionMethod
  /** Dialplan context the feature codes live in (`internal` in the lab). */
  context: string
  /** `''` = not set. */
  featureCodes: FeatureCodes
  /** The supervisor's own SIP extension: the phone the leg rings (Earshot's softphone). */
  supervisorExtension: string
  /** How long the PBX rings the softphone before giving up. */
  ringTimeoutMs: number
}

export const DEFAULT_RING_TIMEOUT_MS = 20_000

export type Availability = { available: true; reason: null } | { available: false; reason: string; settings: 'pbx' | 'softphone' }

/** Whether the three buttons can be offered; the reason is the one line admins see when not. */
export function supervisionAvailability(config: SupervisionConfig | null): Availability {
  if (config === null) return { available: false, reason: 'Connect to a PBX to supervise calls.', settings: 'pbx' }
  if (config.supervisorExtension === '') {
    return { available: false, reason: 'Listen, Whisper and Barge are hidden: set the softphone extension in Settings → Softphone.', settings: 'softphone' }
  }
  if (config.method === 'feature-codes') {
    const missing = (['listen', 'whisper', 'barge'] as const).filter((m) => config.featureCodes[m] === '')
    if (missing.length > 0) {
      return {
        available: false,
        reason: `Listen, Whisper and Barge are hidden: set the ${missing.join(', ')} feature code${missing.length > 1 ? 's' : ''} in Settings → PBX, or choose direct ChanSpy.`,
        settings: 'pbx'
      }
    }
  }
  return { available: true, reason: null }
}
