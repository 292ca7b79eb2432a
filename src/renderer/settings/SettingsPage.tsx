import { type JSX, useEffect, useRef, useState } from 'react'
import type { EarshotApi, SettingsView } from '../../shared/contract'
import type { SettingsErrors, SettingsSection } from '../../shared/settings'
import { OperatorsSection } from '../operators/OperatorsSection'
import { EmptyState } from '../shell/EmptyState'
import { ImportExport } from './ImportExport'
import { focusField, inPageOrder, labelOf, sectionOf } from './labels'
import { FloorSection, PbxSection, RecordsSection, SoftphoneSection, UpdatesSection, WallboardSection } from './sections'
import { AlertsSection } from './AlertsSection'
import { TeamsSection } from './TeamsSection'
import { TestConnection } from './TestConnection'
import { useSettingsForm } from './useSettingsForm'
import './settings.css'
import { errorText } from '../../shared/error-text'
import { DemoPbxNotice } from '../demo/LeaveDemo'

export type SettingsPageSection = SettingsSection | 'operators' | 'transfer' | 'test'

const SECTIONS: ReadonlyArray<{ id: SettingsPageSection; nav: string; title: string; lead: string }> = [
  {
    id: 'pbx',
    nav: 'PBX',
    title: 'PBX management',
    lead: 'How Earshot reaches Asterisk’s Manager Interface (AMI), and how it starts Listen, Whisper and Barge.'
  },
  { id: 'softphone', nav: 'Softphone', title: 'Softphone', lead: 'The phone built into Earshot: Listen, Whisper and Barge calls ring here.' },
  { id: 'floor', nav: 'Floor', title: 'Floor', lead: 'Which extensions are agents on the live floor.' },
  { id: 'records', nav: 'Records', title: 'Customer records', lead: 'How callers’ numbers are matched to customers, and where their CRM page is.' },
  { id: 'updates', nav: 'Updates', title: 'Updates', lead: 'Where the desktop app looks for new versions of Earshot.' },
  { id: 'teams', nav: 'Teams', title: 'Teams', lead: 'Named groups of agents each operator can narrow the floor to.' },
  { id: 'alerts', nav: 'Alerts', title: 'Alerts', lead: 'When a call, a pause or a queue needs a supervisor’s attention, for every operator at this computer.' },
  { id: 'wallboard', nav: 'Wallboard', title: 'Wallboard', lead: 'What the full-screen board (F11) shows on a screen across the room.' },
  { id: 'operators', nav: 'Operators', title: 'Operators', lead: 'Who may sign in at this computer, and what each may do.' },
  { id: 'transfer', nav: 'Import & export', title: 'Import & export', lead: 'Copy these settings to or from another computer.' },
  {
    id: 'test',
    nav: 'Test connection',
    title: 'Test connection',
    lead: 'Every step from this computer to the PBX, checked with the values on these pages.'
  }
]

const FORM_SECTIONS: readonly SettingsPageSection[] = ['pbx', 'softphone', 'floor', 'records', 'updates', 'teams', 'alerts', 'wallboard']

/**
 * The settings page (configure-everything only): PBX, Softphone, Floor (one form, saved together
 * and applied without a restart), Operators, Import & export, and Test connection.
 */
export function SettingsPage({
  api,
  section,
  onSection,
  currentOperatorId,
  runTest,
  floorLive,
  onDemo = false
}: {
  api: EarshotApi
  section: SettingsPageSection
  onSection: (section: SettingsPageSection) => void
  currentOperatorId: string | null
  /** Bumped to run Test connection (the banner's link): the page opens at it and runs it. */
  runTest: number
  /** The floor is live: a save that reconnected it no longer says it is reconnecting. */
  floorLive: boolean
  /** The floor is on the built-in demo PBX: the PBX, Softphone and Test pages say so instead of showing this computer's settings. */
  onDemo?: boolean
}): JSX.Element {
  const [load, setLoad] = useState<{ phase: 'loading' } | { phase: 'failed'; message: string } | { phase: 'ready'; view: SettingsView }>({
    phase: 'loading'
  })
  const [attempt, setAttempt] = useState(0)

  useEffect(() => {
    let live = true
    api.invoke('settings:get', {}).then(
      (view) => {
        if (live) setLoad({ phase: 'ready', view })
      },
      (failure: unknown) => {
        if (live) setLoad({ phase: 'failed', message: errorText(failure) })
      }
    )
    return () => {
      live = false
    }
  }, [api, attempt])

  if (load.phase !== 'ready') {
    return (
      <>
        <div className="page-heading">
          <h1 id="settings-title">Settings</h1>
        </div>
        {load.phase === 'loading' ? (
          <EmptyState title="Loading the settings…" text="Asking Earshot for this computer’s settings." busy />
        ) : (
          <EmptyState
            title="The settings could not be loaded"
            text={load.message}
            action={{
              label: 'Try again',
              onClick: () => {
                setLoad({ phase: 'loading' })
                setAttempt((n) => n + 1)
              }
            }}
          />
        )}
      </>
    )
  }
  return (
    <SettingsEditor
      api={api}
      initial={load.view}
      section={section}
      onSection={onSection}
      currentOperatorId={currentOperatorId}
      runTest={runTest}
      floorLive={floorLive}
      onDemo={onDemo}
    />
  )
}

function SettingsEditor({
  api,
  initial,
  section,
  onSection,
  currentOperatorId,
  runTest,
  floorLive,
  onDemo
}: {
  api: EarshotApi
  initial: SettingsView
  section: SettingsPageSection
  onSection: (section: SettingsPageSection) => void
  currentOperatorId: string | null
  runTest: number
  floorLive: boolean
  onDemo: boolean
}): JSX.Element {
  const form = useSettingsForm(api, initial)
  const [saving, setSaving] = useState(false)
  /** `reconnecting`: the save changed the AMI connection, so the floor reconnects; said until it is live. */
  const [outcome, setOutcome] = useState<{ tone: 'ok' | 'error'; text: string; reconnecting?: boolean } | null>(null)
  /** Where to put the focus after the next render (the first error, once its section shows). */
  const focusPath = useRef<string | null>(null)
  const dirty = form.dirtySections.length > 0
  /** The saved settings did not read: saving what the page shows repairs them, edited or not. */
  const repair = form.view.problem !== null

  useEffect(() => {
    if (focusPath.current === null) return
    focusField(focusPath.current)
    focusPath.current = null
  })

  const errorPaths = Object.keys(form.visibleErrors)
  const countIn = (id: SettingsPageSection): number => errorPaths.filter((path) => sectionOf(path) === id).length
  const otherErrors = errorPaths.filter((path) => {
    const at = sectionOf(path)
    return at === null || at === 'records'
  })

  function showErrors(errors: SettingsErrors): void {
    const first = inPageOrder(Object.keys(errors))[0]
    if (first === undefined) return
    const at = sectionOf(first)
    if (at !== null && at !== 'records') onSection(at)
    focusPath.current = first
  }

  function save(): void {
    setSaving(true)
    setOutcome(null)
    void form.save().then((result) => {
      setSaving(false)
      if (result.ok) {
        setOutcome({ tone: 'ok', text: 'Saved', reconnecting: result.reconnects })
        return
      }
      if (result.message !== null) {
        setOutcome({ tone: 'error', text: `Not saved: ${result.message}` })
        return
      }
      const count = Object.keys(result.errors).length
      setOutcome({ tone: 'error', text: `Not saved: ${count === 1 ? 'one setting needs' : `${String(count)} settings need`} attention.` })
      showErrors(result.errors)
    })
  }

  const meta = SECTIONS.find((s) => s.id === section) ?? SECTIONS[0]
  const formSection = FORM_SECTIONS.includes(section)

  return (
    <div className="settings-page">
      <div className="page-heading settings-heading">
        <h1 id="settings-title">Settings</h1>
        <span className={outcome?.tone === 'error' ? 'save-outcome is-error' : 'save-outcome'} role={outcome?.tone === 'error' ? 'alert' : 'status'}>
          {outcome?.reconnecting === true && !floorLive ? 'Saved — the floor is reconnecting' : outcome?.text}
        </span>
        <span className="settings-heading-spacer" />
        {dirty && <span className="unsaved">Unsaved changes</span>}
        {dirty && (
          <button
            type="button"
            className="button"
            onClick={() => {
              for (const s of form.dirtySections) form.revert(s)
              setOutcome(null)
            }}
          >
            Discard
          </button>
        )}
        {(dirty || formSection || repair) && (
          <button type="button" className="button button-primary" onClick={save} disabled={saving || (!dirty && !repair)}>
            {saving ? 'Saving…' : 'Save'}
          </button>
        )}
      </div>

      {repair && (
        <p className="banner banner-warning settings-repair" role="alert">
          {form.view.problem} The parts at fault show their defaults here, and the floor cannot use the settings until
          they are saved again: check each section, then Save.
        </p>
      )}

      <div className="settings-layout">
        <nav className="settings-nav" aria-label="Settings sections">
          <ul>
            {SECTIONS.map((s) => {
              const errors = countIn(s.id)
              const unsaved = FORM_SECTIONS.includes(s.id) && form.dirtySections.includes(s.id as SettingsSection)
              return (
                <li key={s.id}>
                  <button
                    type="button"
                    className="settings-nav-item"
                    aria-current={s.id === section ? 'page' : undefined}
                    onClick={() => onSection(s.id)}
                  >
                    <span>{s.nav}</span>
                    {errors > 0 ? (
                      <>
                        <span className="nav-badge is-error" aria-hidden="true">
                          {errors}
                        </span>
                        <span className="visually-hidden">{`, ${String(errors)} to fix`}</span>
                      </>
                    ) : (
                      unsaved && (
                        <>
                          <span className="nav-dot" aria-hidden="true" />
                          <span className="visually-hidden">, not saved</span>
                        </>
                      )
                    )}
                  </button>
                </li>
              )
            })}
          </ul>
        </nav>

        <section className="panel settings-panel" aria-labelledby="settings-section-title">
          <header className="settings-panel-header">
            <h2 id="settings-section-title" className="settings-panel-title">
              {meta?.title}
            </h2>
            <p className="settings-panel-lead">{meta?.lead}</p>
          </header>
          {formSection && otherErrors.length > 0 && (
            <div className="note note-error" role="alert">
              <p>These settings are not on this page but need attention:</p>
              <ul className="error-list">
                {otherErrors.map((path) => (
                  <li key={path}>
                    <strong>{labelOf(path)}</strong> <span>{form.visibleErrors[path]}</span>
                  </li>
                ))}
              </ul>
            </div>
          )}
          <div className="settings-panel-body">
            {onDemo && (section === 'pbx' || section === 'softphone' || section === 'test') && <DemoPbxNotice api={api} what={section} />}
            {section === 'pbx' && !onDemo && <PbxSection api={api} form={form} />}
            {section === 'softphone' && !onDemo && <SoftphoneSection api={api} form={form} />}
            {section === 'floor' && <FloorSection api={api} form={form} />}
            {section === 'records' && <RecordsSection api={api} form={form} />}
            {section === 'updates' && <UpdatesSection api={api} form={form} />}
            {section === 'teams' && <TeamsSection api={api} form={form} />}
            {section === 'alerts' && <AlertsSection api={api} form={form} />}
            {section === 'wallboard' && <WallboardSection api={api} form={form} />}
            {section === 'operators' && <OperatorsSection api={api} currentId={currentOperatorId} />}
            {section === 'transfer' && (
              <ImportExport
                api={api}
                onImported={(view) => {
                  form.takeView(view, true)
                  setOutcome(null)
                }}
              />
            )}
            {section === 'test' && !onDemo && (
              <TestConnection
                key={runTest}
                api={api}
                form={form}
                autoRun={runTest > 0}
                titled={false}
                intro={
                  dirty
                    ? 'Checks each step with the values on these pages — including the changes not saved yet — and the saved passwords.'
                    : 'Testing changes nothing: it only connects, logs in and asks the PBX, with the saved passwords.'
                }
                onInvalid={(errors) => showErrors(errors)}
              />
            )}
          </div>
        </section>
      </div>
    </div>
  )
}
