import { type JSX, useState } from 'react'
import { type AlertThresholds, DEFAULT_SETTINGS } from '../../shared/settings'
import { thresholdFromText } from '../alerts/pure/threshold-text'
import { fieldId } from './labels'
import type { SectionProps } from './sections'
import { FieldError, TextField } from './fields'
import './alerts-settings.css'

const DEFAULTS = DEFAULT_SETTINGS.alerts

/** "1,200 s (20 min)": the figure as the field takes it, and what it means. */
function described(seconds: number | null, unit: 's' | 'calls'): string {
  if (seconds === null) return 'off'
  if (unit === 'calls') return `${String(seconds)} calls in a row`
  const minutes = seconds / 60
  return seconds >= 60 && Number.isInteger(minutes) ? `${String(seconds)} s (${String(minutes)} min)` : `${String(seconds)} s`
}

/**
 * A whole number or nothing. It keeps what was typed (so "12a" stays on screen with its error
 * instead of turning into "NaN"), and follows the form when the value changes from elsewhere
 * (Revert, an import).
 */
function NumberField(props: { path: string; label: string; value: number | null; hint: string; onChange: (value: number | null) => void; onBlur: () => void; error: string | null | undefined }): JSX.Element {
  const shown = props.value === null || Number.isNaN(props.value) ? '' : String(props.value)
  const [text, setText] = useState(shown)
  const same = (a: number | null, b: number | null): boolean => Object.is(a, b)
  const display = same(thresholdFromText(text), props.value) ? text : shown
  return (
    <TextField
      id={fieldId(props.path)}
      label={props.label}
      value={display}
      inputMode="numeric"
      hint={props.hint}
      error={props.error}
      placeholder="off"
      onChange={(next) => {
        setText(next)
        props.onChange(thresholdFromText(next))
      }}
      onBlur={props.onBlur}
    />
  )
}

type TimedKey = 'longCallSeconds' | 'longHoldSeconds' | 'longPauseSeconds' | 'queueWaitSeconds'

const TIMED: ReadonlyArray<{ key: TimedKey; label: string; what: string }> = [
  { key: 'longCallSeconds', label: 'Long call (seconds)', what: 'A call has been answered for this long.' },
  { key: 'longHoldSeconds', label: 'Long hold (seconds)', what: 'A caller has been on hold for this long.' },
  { key: 'longPauseSeconds', label: 'Long pause (seconds)', what: 'An agent has been paused this long, for a reason without a limit of its own below.' },
  { key: 'queueWaitSeconds', label: 'Caller waiting in a queue (seconds)', what: 'A caller has waited in a queue this long.' }
]

/**
 * When the floor asks for attention, for every operator at this computer (an operator's own
 * thresholds, kept in their preferences, replace these where set). Empty means off. Saved with the page's Save and validated like every
 * machine setting (src/shared/settings.ts AlertThresholds).
 */
export function AlertsSection({ form }: SectionProps): JSX.Element {
  const alerts = form.draft.alerts
  const edit = (next: AlertThresholds, path: string): void => form.edit('alerts', next, path)
  const reasons = alerts.pauseReasons
  return (
    <div className="form-grid alerts-section">
      {TIMED.map(({ key, label, what }) => (
        <NumberField
          key={key}
          path={`alerts.${key}`}
          label={label}
          value={alerts[key]}
          hint={`${what} Default ${described(DEFAULTS[key], 's')}; empty: off.`}
          error={form.errorAt(`alerts.${key}`)}
          onChange={(value) => edit({ ...alerts, [key]: value }, `alerts.${key}`)}
          onBlur={() => form.touch(`alerts.${key}`)}
        />
      ))}
      <NumberField
        path="alerts.unansweredRings"
        label="Not answering (calls in a row)"
        value={alerts.unansweredRings}
        hint={`Calls offered to an agent that stopped ringing unanswered, in a row (a ring cancelled because a colleague answered does not count). Default ${described(DEFAULTS.unansweredRings, 'calls')}; empty: off.`}
        error={form.errorAt('alerts.unansweredRings')}
        onChange={(value) => edit({ ...alerts, unansweredRings: value }, 'alerts.unansweredRings')}
        onBlur={() => form.touch('alerts.unansweredRings')}
      />
      <div className="field span-2">
        <label className="check">
          <input
            id={fieldId('alerts.offlineInQueue')}
            type="checkbox"
            checked={alerts.offlineInQueue}
            onChange={(e) => edit({ ...alerts, offlineInQueue: e.target.checked }, 'alerts.offlineInQueue')}
          />{' '}
          Alert when an agent who is a member of a queue goes offline (default on)
        </label>
      </div>
      <fieldset className="field span-2 pause-reasons">
        <legend className="field-label">Pause reasons with their own limit</legend>
        <p className="field-hint">
          Matched to the reason agents give when they pause, ignoring case. Defaults: {DEFAULTS.pauseReasons.map((r) => `${r.reason} ${described(r.seconds, 's')}`).join(', ')}.
        </p>
        {reasons.map((reason, index) => {
          const base = `alerts.pauseReasons.${String(index)}`
          return (
            <div key={index} className="pause-reason-row">
              <TextField
                id={`${fieldId(base)}-reason`}
                label="Reason"
                value={reason.reason}
                error={form.errorAt(`${base}.reason`)}
                onChange={(text) => edit({ ...alerts, pauseReasons: reasons.map((r, i) => (i === index ? { ...r, reason: text } : r)) }, `${base}.reason`)}
                onBlur={() => form.touch(`${base}.reason`)}
              />
              <NumberField
                path={`${base}.seconds`}
                label="Limit (seconds)"
                value={reason.seconds}
                hint={described(reason.seconds, 's')}
                error={form.errorAt(`${base}.seconds`)}
                // The schema asks for a number here (a reason without a limit is simply removed).
                onChange={(value) => edit({ ...alerts, pauseReasons: reasons.map((r, i) => (i === index ? { ...r, seconds: value ?? Number.NaN } : r)) }, `${base}.seconds`)}
                onBlur={() => form.touch(`${base}.seconds`)}
              />
              <button
                type="button"
                className="button"
                aria-label={`Remove the pause reason ${reason.reason === '' ? String(index + 1) : reason.reason}`}
                onClick={() => edit({ ...alerts, pauseReasons: reasons.filter((_, i) => i !== index) }, 'alerts.pauseReasons')}
              >
                Remove
              </button>
            </div>
          )
        })}
        <FieldError id={fieldId('alerts.pauseReasons')} error={form.errorAt('alerts.pauseReasons')} />
        <button type="button" className="button" onClick={() => edit({ ...alerts, pauseReasons: [...reasons, { reason: '', seconds: 900 }] }, 'alerts.pauseReasons')}>
          Add a pause reason
        </button>
      </fieldset>
    </div>
  )
}
