import { type JSX, useEffect, useId, useRef, useState } from 'react'
import type { EarshotApi, TestStep } from '../../shared/contract'
import type { SettingsErrors } from '../../shared/settings'
import type { SettingsForm } from './useSettingsForm'
import { errorText } from '../../shared/error-text'
import { copyShortcut } from '../shell/pure/shortcuts'

const STATUS_WORD: Readonly<Record<TestStep['status'], string>> = { ok: 'Passed', warn: 'Warning', fail: 'Failed', skipped: 'Skipped' }

function StepIcon({ status }: { status: TestStep['status'] }): JSX.Element {
  return (
    <svg className={`step-icon step-icon-${status}`} viewBox="0 0 20 20" aria-hidden="true" focusable="false">
      <circle cx="10" cy="10" r="9" />
      {status === 'ok' && <path d="m6 10.3 2.7 2.7L14.2 7.4" />}
      {status === 'warn' && <path d="M10 5.6v5.2M10 14.2v.1" />}
      {status === 'fail' && <path d="m6.8 6.8 6.4 6.4M13.2 6.8l-6.4 6.4" />}
      {status === 'skipped' && <path d="M6.5 10h7" />}
    </svg>
  )
}

/** A ready-to-paste fix (a manager.conf line, a dialplan snippet) with a Copy button. */
function FixBlock({ fix, label }: { fix: string; label: string }): JSX.Element {
  const [copied, setCopied] = useState<string | null>(null)
  const codeRef = useRef<HTMLElement>(null)
  return (
    <div className="fix">
      <div className="fix-head">
        <span className="fix-title">Fix</span>
        <span className="fix-copied" role="status">
          {copied}
        </span>
        <button
          type="button"
          className="button button-small button-quiet"
          aria-label={`Copy the fix for ${label}`}
          onClick={() => {
            navigator.clipboard.writeText(fix).then(
              () => setCopied('Copied'),
              () => {
                const range = document.createRange()
                if (codeRef.current !== null) range.selectNodeContents(codeRef.current)
                window.getSelection()?.removeAllRanges()
                window.getSelection()?.addRange(range)
                setCopied(`Selected: press ${copyShortcut(navigator.platform, navigator.userAgent)} to copy`)
              }
            )
          }}
        >
          Copy
        </button>
      </div>
      <pre className="fix-code">
        <code ref={codeRef}>{fix}</code>
      </pre>
    </div>
  )
}

function summary(steps: readonly TestStep[]): string {
  const failed = steps.filter((s) => s.status === 'fail').length
  const warned = steps.filter((s) => s.status === 'warn').length
  const passed = steps.filter((s) => s.status === 'ok').length
  if (steps.length === 0) return 'Nothing was checked.'
  if (failed > 0) return `${String(failed)} of ${String(steps.length)} checks failed: start with the first failure below.`
  if (warned > 0) return `Connected, with ${String(warned)} ${warned === 1 ? 'warning' : 'warnings'}.`
  return passed === steps.length ? `All ${String(steps.length)} checks passed.` : `${String(passed)} of ${String(steps.length)} checks passed; the others were skipped.`
}

export function Checklist({ steps }: { steps: readonly TestStep[] }): JSX.Element {
  const failed = steps.some((s) => s.status === 'fail')
  return (
    <div className="test-result">
      <p className={failed ? 'test-summary is-failed' : 'test-summary'} role="status">
        {summary(steps)}
      </p>
      <ol className="checklist" aria-label="Test connection results">
        {steps.map((step) => (
          <li key={step.id} className={`check check-${step.status}`} data-step={step.id} data-status={step.status}>
            <StepIcon status={step.status} />
            <div className="check-body">
              <div className="check-head">
                <span className="check-label">{step.label}</span>
                <span className={`check-status check-status-${step.status}`}>{STATUS_WORD[step.status]}</span>
              </div>
              {step.detail !== '' && <p className="check-detail">{step.detail}</p>}
              {step.fix !== null && <FixBlock fix={step.fix} label={step.label} />}
            </div>
          </li>
        ))}
      </ol>
    </div>
  )
}

/**
 * Test connection: main checks each step (reach the host, TLS, log in, privileges, dialplan,
 * feature codes, softphone…) with the form's current values and the saved passwords.
 */
export function TestConnection({
  api,
  form,
  onInvalid,
  intro,
  autoRun = false,
  titled = true
}: {
  api: EarshotApi
  form: SettingsForm
  /** The form has client-side errors: nothing is sent, the page shows where they are. */
  onInvalid: (errors: SettingsErrors) => void
  intro?: string | undefined
  /** Runs once as soon as it is shown (opened from the connection banner). */
  autoRun?: boolean
  /** False where the page's own heading already says "Test connection". */
  titled?: boolean
}): JSX.Element {
  const id = useId()
  const [state, setState] = useState<
    { phase: 'idle' } | { phase: 'running' } | { phase: 'done'; steps: TestStep[] } | { phase: 'failed'; message: string }
  >({ phase: 'idle' })

  function run(): void {
    const errors = form.validateAll()
    if (errors !== null) {
      setState({ phase: 'failed', message: 'Some settings are not valid yet: fix the fields marked, then test again.' })
      onInvalid(errors)
      return
    }
    setState({ phase: 'running' })
    api.invoke('settings:test', { settings: form.draft }).then(
      ({ steps }) => setState({ phase: 'done', steps }),
      (failure: unknown) => setState({ phase: 'failed', message: `Test connection did not run: ${errorText(failure)}` })
    )
  }

  const autoRan = useRef(false)
  useEffect(() => {
    if (!autoRun || autoRan.current) return
    autoRan.current = true
    run()
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, when shown
  }, [autoRun])

  return (
    <div className="test-connection" aria-labelledby={titled ? `${id}-title` : undefined} aria-label={titled ? undefined : 'Test connection'} role="group">
      <div className="test-head">
        <div>
          {titled && (
            <h3 id={`${id}-title`} className="test-title">
              Test connection
            </h3>
          )}
          <p className="field-hint">
            {intro ?? 'Checks each step with the values on this page (saved or not) and the saved passwords.'}
          </p>
        </div>
        <button type="button" className="button button-primary" onClick={run} disabled={state.phase === 'running'}>
          {state.phase === 'running' && <span className="spinner" aria-hidden="true" />}
          {state.phase === 'running' ? 'Testing…' : state.phase === 'done' ? 'Test again' : 'Test connection'}
        </button>
      </div>
      {state.phase === 'running' && (
        <p className="test-summary" role="status">
          Testing the connection…
        </p>
      )}
      {state.phase === 'failed' && (
        <p className="form-error" role="alert">
          {state.message}
        </p>
      )}
      {state.phase === 'done' && <Checklist steps={state.steps} />}
    </div>
  )
}
