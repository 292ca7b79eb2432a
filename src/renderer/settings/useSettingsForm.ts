import { useCallback, useMemo, useState } from 'react'
import type { EarshotApi, SettingsView } from '../../shared/contract'
import { amiConnectionChanged, type MachineSettings, SETTINGS_SECTIONS, type SettingsErrors, type SettingsSection, validateSettings } from '../../shared/settings'
import { errorText } from '../../shared/error-text'

export type SaveOutcome =
  /** `reconnects`: the save changed the AMI connection, so main reconnects the floor. */
  | { ok: true; reconnects: boolean; changed: boolean }
  /** Field errors (shown at the fields) or a refusal in words (shown by the save button). */
  | { ok: false; errors: SettingsErrors; message: string | null }

export interface SettingsForm {
  /** What main holds (last loaded or saved). */
  view: SettingsView
  draft: MachineSettings
  /** Replaces one section of the draft (the form's inputs call this as the user types). */
  edit<S extends SettingsSection>(section: S, next: MachineSettings[S], changedPath?: string): void
  /** A field lost focus: from now on its client-side error shows (and follows the typing). */
  touch(path: string): void
  /** The error to show at a field: main's, or the client's once touched. */
  errorAt(path: string): string | null
  /** All visible errors under a list field (`floor.hidden`, `floor.hidden.2`), with the item index. */
  errorUnder(path: string): { message: string; index: number | null } | null
  /** Every error shown now, by path (for the section badges and the summary). */
  visibleErrors: SettingsErrors
  dirtySections: readonly SettingsSection[]
  /** Validates, then `settings:save` (the whole draft, or only `section` on top of what is saved). */
  save(section?: SettingsSection): Promise<SaveOutcome>
  /** Puts a section back as saved (a wizard step skipped). */
  revert(section: SettingsSection): void
  /** Main answered with a new view (a password saved, an import): take it, keeping unsaved edits unless `replaceDraft`. */
  takeView(view: SettingsView, replaceDraft?: boolean): void
  /** Client-side validation of the draft (for Test connection). */
  validateAll(): SettingsErrors | null
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b)

function under(errors: SettingsErrors, path: string): string[] {
  return Object.keys(errors).filter((key) => key === path || key.startsWith(`${path}.`))
}

/**
 * The settings form state shared by the settings page and the first-run wizard: the draft, the
 * client-side validation (`validateSettings`, the same as main's), main's field errors, and saving.
 */
export function useSettingsForm(api: EarshotApi, initial: SettingsView): SettingsForm {
  const [view, setView] = useState(initial)
  const [draft, setDraft] = useState<MachineSettings>(initial.settings)
  const [touched, setTouched] = useState<ReadonlySet<string>>(() => new Set())
  const [showAll, setShowAll] = useState(false)
  const [serverErrors, setServerErrors] = useState<SettingsErrors>({})

  const clientErrors = useMemo(() => {
    const result = validateSettings(draft)
    return result.ok ? {} : result.errors
  }, [draft])

  const visibleErrors = useMemo(() => {
    const shown: SettingsErrors = {}
    for (const [path, message] of Object.entries(clientErrors)) {
      if (showAll || [...touched].some((t) => path === t || path.startsWith(`${t}.`))) shown[path] = message
    }
    return { ...shown, ...serverErrors }
  }, [clientErrors, serverErrors, touched, showAll])

  const edit = useCallback(<S extends SettingsSection>(section: S, next: MachineSettings[S], changedPath?: string) => {
    setDraft((current) => ({ ...current, [section]: next }))
    const path = changedPath ?? section
    setServerErrors((errors) => {
      const stale = under(errors, path)
      if (stale.length === 0) return errors
      const kept = { ...errors }
      for (const key of stale) delete kept[key]
      return kept
    })
  }, [])

  const touch = useCallback((path: string) => {
    setTouched((current) => (current.has(path) ? current : new Set(current).add(path)))
  }, [])

  const errorAt = useCallback((path: string) => visibleErrors[path] ?? null, [visibleErrors])

  const errorUnder = useCallback(
    (path: string) => {
      const key = under(visibleErrors, path).sort()[0]
      if (key === undefined) return null
      const index = key === path ? null : Number(key.slice(path.length + 1).split('.')[0])
      return { message: visibleErrors[key] ?? '', index: Number.isInteger(index) ? index : null }
    },
    [visibleErrors]
  )

  const dirtySections = useMemo(() => SETTINGS_SECTIONS.filter((s) => !same(draft[s], view.settings[s])), [draft, view])

  const save = useCallback(
    async (section?: SettingsSection): Promise<SaveOutcome> => {
      const candidate: MachineSettings = section === undefined ? draft : { ...view.settings, [section]: draft[section] }
      const checked = validateSettings(candidate)
      if (!checked.ok) {
        setShowAll(true)
        return { ok: false, errors: checked.errors, message: null }
      }
      let result
      try {
        result = await api.invoke('settings:save', { settings: checked.settings })
      } catch (failure) {
        return { ok: false, errors: {}, message: errorText(failure) }
      }
      if (!result.ok) {
        setServerErrors(result.errors)
        return { ok: false, errors: result.errors, message: null }
      }
      const before = view.settings
      setView(result.view)
      setDraft((current) => (section === undefined ? result.view.settings : { ...current, [section]: result.view.settings[section] }))
      setServerErrors({})
      setShowAll(false)
      setTouched(new Set())
      return { ok: true, reconnects: amiConnectionChanged(before, result.view.settings), changed: !same(before, result.view.settings) }
    },
    [api, draft, view]
  )

  const revert = useCallback(
    (section: SettingsSection) => {
      setDraft((current) => ({ ...current, [section]: view.settings[section] }))
      setServerErrors((errors) => {
        const kept = { ...errors }
        for (const key of under(errors, section)) delete kept[key]
        return kept
      })
      setTouched((current) => new Set([...current].filter((path) => path !== section && !path.startsWith(`${section}.`))))
    },
    [view]
  )

  const takeView = useCallback((next: SettingsView, replaceDraft = false) => {
    setView(next)
    if (replaceDraft) {
      setDraft(next.settings)
      setServerErrors({})
      setTouched(new Set())
      setShowAll(false)
    }
  }, [])

  const validateAll = useCallback(() => {
    const checked = validateSettings(draft)
    if (checked.ok) return null
    setShowAll(true)
    return checked.errors
  }, [draft])

  return { view, draft, edit, touch, errorAt, errorUnder, visibleErrors, dirtySections, save, revert, takeView, validateAll }
}
