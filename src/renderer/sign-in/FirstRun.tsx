import { type JSX, useEffect, useRef, useState } from 'react'
import type { EarshotApi, SignInState, SettingsView } from '../../shared/contract'
import type { SettingsSection } from '../../shared/settings'
import { type OperatorDraft, OperatorForm } from '../operators/OperatorForm'
import { focusField, inPageOrder } from '../settings/labels'
import { FloorSection, PbxSection, SoftphoneSection } from '../settings/sections'
import { TestConnection } from '../settings/TestConnection'
import { type SettingsForm, useSettingsForm } from '../settings/useSettingsForm'
import { SparkIcon } from '../shell/icons'
import '../settings/settings.css'
import './sign-in.css'
import { errorText } from '../../shared/error-text'

type Step = 'admin' | 'pbx' | 'softphone' | 'floor' | 'test'

const STEPS: ReadonlyArray<{ id: Step; nav: string; title: string; lead: string }> = [
  {
    id: 'admin',
    nav: 'Administrator',
    title: 'Create the administrator',
    lead: 'The first operator may configure everything and see the whole floor. Others can be added later in Settings.'
  },
  {
    id: 'pbx',
    nav: 'PBX',
    title: 'Connect to the PBX',
    lead: 'Earshot reads the floor from Asterisk’s Manager Interface (AMI), as its own manager user.'
  },
  { id: 'softphone', nav: 'Softphone', title: 'Softphone', lead: 'The phone built into Earshot: Listen, Whisper and Barge calls ring here.' },
  { id: 'floor', nav: 'Floor', title: 'Agents on the floor', lead: 'Which extensions are agents, and which to leave out.' },
  {
    id: 'test',
    nav: 'Test connection',
    title: 'Test the connection',
    lead: 'Every step from this computer to the PBX, checked with what you entered. Anything that fails says how to fix it.'
  }
]

/**
 * First run: creates the administrator (`setup:first-admin`, which signs them in), then walks
 * through the settings page's PBX, Softphone and Floor steps and Test connection. Every step after
 * the first can be skipped. The demo floor is offered throughout: before the administrator exists
 * main runs it as a throwaway demo supervisor (nothing kept), after it on the administrator's console.
 */
export function FirstRun({
  api,
  signIn,
  onSignIn,
  onFinish
}: {
  api: EarshotApi
  signIn: SignInState
  onSignIn: (state: SignInState) => void
  onFinish: () => void
}): JSX.Element {
  const [step, setStep] = useState<Step>(signIn.firstRun || signIn.operator === null ? 'admin' : 'pbx')
  const [done, setDone] = useState<ReadonlySet<Step>>(() => new Set(signIn.firstRun ? [] : ['admin']))
  const [skipped, setSkipped] = useState<ReadonlySet<Step>>(() => new Set())
  const [refusal, setRefusal] = useState<string | null>(null)
  const [view, setView] = useState<{ phase: 'loading' } | { phase: 'failed'; message: string } | { phase: 'ready'; view: SettingsView } | null>(null)
  const [demo, setDemo] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null })
  const headingRef = useRef<HTMLHeadingElement>(null)
  const firstStep = useRef(true)

  useEffect(() => {
    if (firstStep.current) {
      firstStep.current = false
      return
    }
    headingRef.current?.focus()
  }, [step])

  const adminExists = done.has('admin')
  const needView = adminExists && view === null
  useEffect(() => {
    if (!needView) return
    let live = true
    api.invoke('settings:get', {}).then(
      (loaded) => {
        if (live) setView({ phase: 'ready', view: loaded })
      },
      (failure: unknown) => {
        if (live) setView({ phase: 'failed', message: errorText(failure) })
      }
    )
    return () => {
      live = false
    }
  }, [api, needView])

  async function createAdmin(draft: OperatorDraft): Promise<void> {
    if (draft.pin === null) return
    setRefusal(null)
    try {
      const next = await api.invoke('setup:first-admin', { name: draft.name, extension: draft.extension, pin: draft.pin })
      onSignIn(next)
      setDone(new Set(['admin']))
      setStep('pbx')
    } catch (failure) {
      setRefusal(errorText(failure))
    }
  }

  function startDemo(): void {
    setDemo({ busy: true, error: null })
    api
      .invoke('demo:start', {})
      // Who is signed in now (the demo supervisor, before any admin exists), asked after the demo started.
      .then(() => api.invoke('session:current', {}))
      .then(
      (state) => {
        onSignIn(state)
        onFinish()
      },
      (failure: unknown) => setDemo({ busy: false, error: `The demo did not start: ${errorText(failure)}` })
    )
  }

  const meta = STEPS.find((s) => s.id === step) ?? STEPS[0]
  const index = STEPS.findIndex((s) => s.id === step)

  return (
    <section className="wizard" aria-labelledby="wizard-title">
      <header className="wizard-header">
        <h1 id="wizard-title" className="wizard-title">
          Set up Earshot
        </h1>
        <p className="wizard-lead">
          {adminExists
            ? `Signed in as ${signIn.operator?.name ?? 'the administrator'}. Skip any step: everything here can be changed later in Settings.`
            : 'Five short steps. Only the first is needed; the others can be skipped and done later in Settings.'}
        </p>
      </header>

      <div className="wizard-body">
        <ol className="wizard-steps" aria-label="Setup steps">
          {STEPS.map((s, i) => {
            const state = s.id === step ? 'current' : done.has(s.id) ? 'done' : skipped.has(s.id) ? 'skipped' : 'todo'
            return (
              <li key={s.id} className={`wizard-step is-${state}`} aria-current={s.id === step ? 'step' : undefined}>
                <span className="wizard-step-number" aria-hidden="true">
                  {state === 'done' ? '✓' : String(i + 1)}
                </span>
                <span className="wizard-step-name">{s.nav}</span>
                {(state === 'done' || state === 'skipped') && <span className="visually-hidden">{state === 'done' ? ' (done)' : ' (skipped)'}</span>}
              </li>
            )
          })}
        </ol>

        <div className="panel wizard-panel" role="group" aria-labelledby="wizard-step-title">
          <header className="settings-panel-header">
            <p className="wizard-kicker">
              Step {index + 1} of {STEPS.length}
            </p>
            <h2 id="wizard-step-title" ref={headingRef} tabIndex={-1} className="settings-panel-title">
              {meta?.title}
            </h2>
            <p className="settings-panel-lead">{meta?.lead}</p>
          </header>

          {step === 'admin' ? (
            <div className="settings-panel-body">
              <OperatorForm fixedScopes submitLabel="Create administrator" busyLabel="Creating…" refusal={refusal} onSubmit={createAdmin} />
            </div>
          ) : view === null || view.phase === 'loading' ? (
            <p className="muted settings-panel-body" role="status">
              Loading the settings…
            </p>
          ) : view.phase === 'failed' ? (
            <div className="settings-panel-body">
              <p className="form-error" role="alert">
                The settings could not be loaded: {view.message}
              </p>
              <button type="button" className="button" onClick={() => setView(null)}>
                Try again
              </button>
            </div>
          ) : (
            <WizardSettings
              api={api}
              initial={view.view}
              step={step}
              onNext={(saved) => {
                const at = STEPS.findIndex((s) => s.id === step)
                if (saved) setDone((d) => new Set(d).add(step))
                else setSkipped((d) => new Set(d).add(step))
                const next = STEPS[at + 1]
                if (next === undefined) onFinish()
                else setStep(next.id)
              }}
              onBack={() => {
                const prev = STEPS[STEPS.findIndex((s) => s.id === step) - 1]
                if (prev !== undefined && prev.id !== 'admin') setStep(prev.id)
              }}
              onFinish={onFinish}
            />
          )}
        </div>
      </div>

      <aside className="wizard-demo" aria-label="Demo floor">
        <SparkIcon className="wizard-demo-icon" />
        <span>
          {adminExists
            ? 'No PBX at hand? The demo floor is a simulated call centre inside Earshot.'
            : 'Just looking? The demo floor is a simulated call centre inside Earshot: no administrator needed, and nothing of it is kept.'}
        </span>
        <button type="button" className="button" onClick={startDemo} disabled={demo.busy}>
          {demo.busy ? 'Starting the demo…' : adminExists ? 'Try the demo floor instead' : 'Try the demo floor'}
        </button>
        {demo.error !== null && (
          <p className="form-error" role="alert">
            {demo.error}
          </p>
        )}
      </aside>
    </section>
  )
}

function WizardSettings({
  api,
  initial,
  step,
  onNext,
  onBack,
  onFinish
}: {
  api: EarshotApi
  initial: SettingsView
  step: Exclude<Step, 'admin'>
  onNext: (saved: boolean) => void
  onBack: () => void
  onFinish: () => void
}): JSX.Element {
  const form: SettingsForm = useSettingsForm(api, initial)
  const [saving, setSaving] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const section: SettingsSection | null = step === 'test' ? null : step

  function saveAndContinue(): void {
    if (section === null) return
    if (!form.dirtySections.includes(section)) {
      onNext(true)
      return
    }
    setSaving(true)
    setProblem(null)
    void form.save(section).then((result) => {
      setSaving(false)
      if (result.ok) {
        onNext(true)
        return
      }
      if (result.message !== null) setProblem(`Not saved: ${result.message}`)
      else {
        setProblem('Not saved yet: fix the fields marked, or skip this step.')
        const first = inPageOrder(Object.keys(result.errors))[0]
        if (first !== undefined) setTimeout(() => focusField(first), 0)
      }
    })
  }

  return (
    <>
      <div className="settings-panel-body">
        {step === 'pbx' && <PbxSection api={api} form={form} />}
        {step === 'softphone' && <SoftphoneSection api={api} form={form} />}
        {step === 'floor' && <FloorSection api={api} form={form} />}
        {step === 'test' && (
          <TestConnection
            api={api}
            form={form}
            intro="Checks each step with the settings saved in this wizard and the saved passwords."
            onInvalid={() => setProblem('Some settings are not valid: go back to fix them, or finish and fix them in Settings.')}
          />
        )}
        {problem !== null && (
          <p className="form-error wizard-problem" role="alert">
            {problem}
          </p>
        )}
      </div>
      <footer className="wizard-footer">
        {step !== 'pbx' && (
          <button type="button" className="button" onClick={onBack}>
            Back
          </button>
        )}
        <span className="wizard-footer-spacer" />
        {section !== null ? (
          <>
            <button
              type="button"
              className="button button-quiet"
              onClick={() => {
                form.revert(section)
                setProblem(null)
                onNext(false)
              }}
            >
              Skip this step
            </button>
            <button type="button" className="button button-primary" onClick={saveAndContinue} disabled={saving}>
              {saving ? 'Saving…' : 'Save and continue'}
            </button>
          </>
        ) : (
          <button type="button" className="button button-primary" onClick={onFinish}>
            Finish and open the floor
          </button>
        )}
      </footer>
    </>
  )
}
