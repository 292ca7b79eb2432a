import { type JSX, useState } from 'react'
import { AlertThresholds, PauseReason, pauseReasonKey } from '../../shared/settings'
import { type PauseReasons, pauseLimitRows, withPauseLimit } from './pure/own-pause-limits'
import { thresholdFromText } from './pure/threshold-text'

/** The most a pause limit may be, as the settings schema says (a day). */
const MOST_SECONDS = 86_400
const NUMBER_WRONG = `A whole number from 1 to ${String(MOST_SECONDS)}, or empty`

/** The figure in a limit field: null (empty), a number in range, or the words to show at the field. */
function readSeconds(text: string): number | null | { error: string } {
  const value = thresholdFromText(text)
  if (value === null) return null
  return value >= 1 && value <= MOST_SECONDS ? value : { error: NUMBER_WRONG }
}

const fieldId = (reason: string): string => `own-pause-${pauseReasonKey(reason).replace(/[^\p{L}\p{N}]+/gu, '-')}`

/**
 * The operator's own limit per pause reason, in seconds like the rest of Your limits and the
 * admin's form. The machine's reasons are listed with its figure greyed; a figure of the operator's
 * replaces it for that reason (empty: the machine's again). The operator may add reasons the
 * machine lacks (without one, such a pause uses Long pause) and remove them. Each change is saved
 * as it is made, checked with the same schema main checks it with.
 */
export function OwnPauseLimits(props: { machine: PauseReasons; general: number | null; own: PauseReasons | undefined; save: (next: PauseReasons | undefined) => Promise<void> }): JSX.Element {
  const { machine, general, own, save } = props
  const [texts, setTexts] = useState<Readonly<Record<string, string>>>({})
  const [errors, setErrors] = useState<Readonly<Record<string, string>>>({})
  const [adding, setAdding] = useState<{ reason: string; seconds: string; reasonError?: string; secondsError?: string } | null>(null)
  const [failed, setFailed] = useState<string | null>(null)
  const rows = pauseLimitRows(machine, general, own)

  const setError = (key: string, error: string | null): void =>
    setErrors(({ [key]: _, ...rest }) => (error === null ? rest : { ...rest, [key]: error }))

  /** Saves the list once the schema main uses accepts it; otherwise its words, for the field. */
  const store = (next: PauseReasons | undefined, done: () => void): string | null => {
    const checked = AlertThresholds.shape.pauseReasons.safeParse(next ?? [])
    if (!checked.success) return checked.error.issues[0]?.message ?? 'Not a valid limit.'
    setFailed(null)
    save(next).then(done, () => setFailed('Not saved: Earshot could not store your limits. Try again.'))
    return null
  }

  const commit = (reason: string): void => {
    const key = pauseReasonKey(reason)
    const text = texts[key]
    if (text === undefined) return
    const seconds = readSeconds(text)
    if (seconds !== null && typeof seconds === 'object') return setError(key, seconds.error)
    setError(key, store(withPauseLimit(own, reason, seconds), () => setTexts(({ [key]: _, ...rest }) => rest)))
  }

  const add = (): void => {
    if (adding === null) return
    const name = PauseReason.safeParse(adding.reason)
    let reasonError = name.success ? undefined : name.error.issues[0]?.message
    if (name.success && rows.some((r) => pauseReasonKey(r.reason) === pauseReasonKey(name.data))) reasonError = `${name.data} is listed already: give it your limit there.`
    const seconds = readSeconds(adding.seconds)
    const secondsError = seconds === null ? 'Give its limit in whole seconds.' : typeof seconds === 'object' ? seconds.error : undefined
    if (reasonError !== undefined || secondsError !== undefined || !name.success || typeof seconds !== 'number') return setAdding({ ...adding, reasonError, secondsError })
    const problem = store(withPauseLimit(own, name.data, seconds), () => setAdding(null))
    if (problem !== null) setAdding({ ...adding, reasonError: problem, secondsError: undefined })
  }

  return (
    <fieldset className="own-pause-limits">
      <legend>Pause reasons (s)</legend>
      <p className="muted own-limits-hint">Your figure replaces this computer’s for that reason (matched ignoring case); other pauses use Long pause.</p>
      {rows.map((row) => {
        const key = pauseReasonKey(row.reason)
        const id = fieldId(row.reason)
        const error = errors[key]
        return (
          <div key={key} className="own-pause-row">
            <span className="own-pause-name">
              <label htmlFor={id} className="own-pause-reason" title={row.reason}>
                {row.reason}
              </label>
              {!row.machineHas && (
                <button
                  type="button"
                  className="button button-small"
                  aria-label={`Remove your pause reason ${row.reason}`}
                  onClick={() => {
                    setTexts(({ [key]: _, ...rest }) => rest)
                    setError(key, store(withPauseLimit(own, row.reason, null), () => undefined))
                  }}
                >
                  Remove
                </button>
              )}
            </span>
            <input
              id={id}
              className="input"
              inputMode="numeric"
              aria-label={`${row.reason} pause limit (s)`}
              value={texts[key] ?? (row.ownSeconds === null ? '' : String(row.ownSeconds))}
              placeholder={row.machineSeconds === null ? 'off' : String(row.machineSeconds)}
              aria-invalid={error !== undefined || undefined}
              aria-describedby={error !== undefined ? `${id}-error` : undefined}
              onChange={(e) => setTexts({ ...texts, [key]: e.target.value })}
              onBlur={() => commit(row.reason)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') commit(row.reason)
              }}
            />
            {error !== undefined && (
              <span id={`${id}-error`} className="field-error own-pause-error">
                {error}
              </span>
            )}
          </div>
        )
      })}
      {adding === null ? (
        <button type="button" className="button button-small" onClick={() => setAdding({ reason: '', seconds: '' })}>
          Add a pause reason
        </button>
      ) : (
        <div className="own-pause-row own-pause-new" role="group" aria-label="A pause reason of your own">
          <input
            className="input"
            aria-label="New pause reason"
            placeholder="e.g. coaching"
            autoFocus
            value={adding.reason}
            aria-invalid={adding.reasonError !== undefined || undefined}
            aria-describedby={adding.reasonError !== undefined ? 'own-pause-new-reason-error' : undefined}
            onChange={(e) => setAdding({ ...adding, reason: e.target.value, reasonError: undefined })}
            onKeyDown={(e) => {
              if (e.key === 'Enter') add()
            }}
          />
          <input
            className="input"
            inputMode="numeric"
            aria-label="New pause reason limit (s)"
            placeholder="seconds"
            value={adding.seconds}
            aria-invalid={adding.secondsError !== undefined || undefined}
            aria-describedby={adding.secondsError !== undefined ? 'own-pause-new-seconds-error' : undefined}
            onChange={(e) => setAdding({ ...adding, seconds: e.target.value, secondsError: undefined })}
            onKeyDown={(e) => {
              if (e.key === 'Enter') add()
            }}
          />
          {adding.reasonError !== undefined && (
            <span id="own-pause-new-reason-error" className="field-error own-pause-error">
              {adding.reasonError}
            </span>
          )}
          {adding.secondsError !== undefined && (
            <span id="own-pause-new-seconds-error" className="field-error own-pause-error">
              {adding.secondsError}
            </span>
          )}
          <span className="own-pause-actions">
            <button type="button" className="button button-small" onClick={add}>
              Add
            </button>
            <button type="button" className="button button-small" onClick={() => setAdding(null)}>
              Cancel
            </button>
          </span>
        </div>
      )}
      {failed !== null && <p className="field-error">{failed}</p>}
    </fieldset>
  )
}
