import { type JSX, useState } from 'react'
import type { AlertPreferences } from '../../shared/preferences'
import type { AlertThresholds } from '../../shared/settings'
import { OwnPauseLimits } from './OwnPauseLimits'
import { thresholdFromText } from './pure/threshold-text'

type OwnKey = 'longCallSeconds' | 'longHoldSeconds' | 'longPauseSeconds' | 'queueWaitSeconds' | 'unansweredRings'

const LIMITS: ReadonlyArray<{ key: OwnKey; label: string; unit: string }> = [
  { key: 'longCallSeconds', label: 'Long call', unit: 's' },
  { key: 'longHoldSeconds', label: 'Long hold', unit: 's' },
  { key: 'longPauseSeconds', label: 'Long pause', unit: 's' },
  { key: 'queueWaitSeconds', label: 'Caller waiting', unit: 's' },
  { key: 'unansweredRings', label: 'Not answering', unit: 'calls' }
]

/**
 * The operator's own limits: each replaces this computer's (shown as the placeholder) while set.
 * Saved to their preferences when a field is left; "Use this computer's" clears them all, their
 * pause reasons' limits (OwnPauseLimits) too.
 */
export function OwnLimits({ prefs, machine, save }: { prefs: AlertPreferences; machine: AlertThresholds; save: (prefs: AlertPreferences) => Promise<void> }): JSX.Element {
  const own = prefs.thresholds
  const [texts, setTexts] = useState<Partial<Record<OwnKey, string>>>({})
  const [wrong, setWrong] = useState<ReadonlySet<OwnKey>>(new Set())
  const [failed, setFailed] = useState<string | null>(null)
  // Bumped by "Use this computer's limits" so the pause reasons' half-typed or refused fields go too.
  const [resets, setResets] = useState(0)
  const shown = (key: OwnKey): string => texts[key] ?? (own[key] === undefined || own[key] === null ? '' : String(own[key]))

  const commit = (key: OwnKey): void => {
    const text = texts[key]
    if (text === undefined) return
    // Empty is this computer's limit; a figure must be a whole number of at least 1 (NaN is not).
    const value = thresholdFromText(text)
    const nextWrong = new Set(wrong)
    if (value !== null && !(value >= 1)) {
      nextWrong.add(key)
      setWrong(nextWrong)
      return
    }
    nextWrong.delete(key)
    setWrong(nextWrong)
    const thresholds: Partial<AlertThresholds> = { ...own }
    if (value === null) delete thresholds[key]
    else thresholds[key] = value
    setFailed(null)
    save({ ...prefs, thresholds }).then(
      () => setTexts(({ [key]: _, ...rest }) => rest),
      () => setFailed('Not saved: Earshot could not store your limits. Try again.')
    )
  }

  const anyOwn = Object.values(own).some((v) => v !== undefined)
  return (
    <details className="own-limits">
      <summary>Your limits{anyOwn ? ' (some are your own)' : ''}</summary>
      <p className="muted own-limits-hint">Empty: this computer’s limit (shown greyed).</p>
      <div className="own-limits-grid">
        {LIMITS.map(({ key, label, unit }) => {
          const id = `own-limit-${key}`
          const machineValue = machine[key]
          return (
            <div key={key} className="own-limit">
              <label htmlFor={id}>
                {label} ({unit})
              </label>
              <input
                id={id}
                className="input"
                inputMode="numeric"
                value={shown(key)}
                placeholder={machineValue === null ? 'off' : String(machineValue)}
                aria-invalid={wrong.has(key) || undefined}
                aria-describedby={wrong.has(key) ? `${id}-error` : undefined}
                onChange={(e) => setTexts({ ...texts, [key]: e.target.value })}
                onBlur={() => commit(key)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') commit(key)
                }}
              />
              {wrong.has(key) && (
                <span id={`${id}-error`} className="field-error">
                  A whole number, or empty
                </span>
              )}
            </div>
          )
        })}
      </div>
      <OwnPauseLimits
        key={resets}
        machine={machine.pauseReasons}
        general={machine.longPauseSeconds}
        own={own.pauseReasons}
        save={(pauseReasons) => {
          const { pauseReasons: _, ...rest } = own
          return save({ ...prefs, thresholds: pauseReasons === undefined ? rest : { ...rest, pauseReasons } })
        }}
      />
      {failed !== null && <p className="field-error">{failed}</p>}
      <button
        type="button"
        className="button button-small"
        disabled={!anyOwn}
        onClick={() => {
          setTexts({})
          setWrong(new Set())
          setResets((n) => n + 1)
          save({ ...prefs, thresholds: {} }).catch(() => setFailed('Not saved: Earshot could not store your limits. Try again.'))
        }}
      >
        Use this computer’s limits
      </button>
    </details>
  )
}
