import { type RefObject, useEffect, useLayoutEffect, useRef } from 'react'
import type { AgentRow } from '../../shared/floor'
import { showToast } from '../shell/toasts'
import type { SupervisionMode } from '../../shared/supervision'

const MODE_BY_KEY: Readonly<Record<string, SupervisionMode>> = { l: 'listen', w: 'whisper', b: 'barge' }
const PAGE = 10

function isEditable(target: EventTarget | null): boolean {
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true
  if (target instanceof HTMLInputElement) return !['button', 'checkbox', 'radio', 'submit', 'reset'].includes(target.type)
  return target instanceof HTMLElement && target.isContentEditable
}

export interface FloorKeyboard {
  view: readonly AgentRow[]
  selected: string | null
  select: (extension: string, index: number) => void
  supervise: (row: AgentRow, mode: SupervisionMode) => void
  openCustomer: (row: AgentRow) => void
  clearSearch: () => void
  searchRef: RefObject<HTMLInputElement | null>
  focusTable: () => void
  /** Escape outside the search box (closes the customer panel); true when it did something. */
  escape: () => boolean
}

/**
 * The floor's keys, anywhere on the page: `/` search, ↑ ↓ PgUp PgDn Home End move the selected
 * row (also from the search box, which then hands the focus to the table), L / W / B supervise the
 * selected row, Enter opens its customer; Esc in the search box clears it and leaves it.
 */
export function useFloorKeyboard(options: FloorKeyboard): void {
  const latest = useRef(options)
  // In the commit that draws the rows, not in a later task: a key pressed in between would act on
  // the rows before (the search filters in a deferred render, whose effects come after it).
  useLayoutEffect(() => {
    latest.current = options
  })

  useEffect(() => {
    function move(step: number | 'first' | 'last'): void {
      const { view, selected, select } = latest.current
      if (view.length === 0) return
      const current = selected === null ? -1 : view.findIndex((row) => row.extension === selected)
      let next: number
      if (step === 'first') next = 0
      else if (step === 'last') next = view.length - 1
      else if (current === -1) next = step > 0 ? 0 : view.length - 1
      else next = Math.min(view.length - 1, Math.max(0, current + step))
      const row = view[next]
      if (row !== undefined) select(row.extension, next)
    }

    function selectedRow(): AgentRow | null {
      const { view, selected } = latest.current
      return view.find((row) => row.extension === selected) ?? null
    }

    function onKeyDown(event: KeyboardEvent): void {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return
      const { searchRef } = latest.current
      const inSearch = event.target !== null && event.target === searchRef.current
      const editable = isEditable(event.target)

      const steps: Readonly<Record<string, number | 'first' | 'last'>> = {
        ArrowDown: 1,
        ArrowUp: -1,
        PageDown: PAGE,
        PageUp: -PAGE,
        Home: 'first',
        End: 'last'
      }
      const step = steps[event.key]
      if (step !== undefined) {
        // In the search box only the arrows move rows (Home/End still move the caret there).
        if (editable && !(inSearch && (event.key === 'ArrowDown' || event.key === 'ArrowUp'))) return
        event.preventDefault()
        move(step)
        // An arrow from the search box picks a row: the focus goes with it, so L / W / B / Enter act
        // on the row instead of typing into the box (the query stays).
        if (inSearch) latest.current.focusTable()
        return
      }

      if (inSearch && event.key === 'Escape') {
        // Esc clears the box and leaves it.
        event.preventDefault()
        latest.current.clearSearch()
        latest.current.focusTable()
        return
      }
      if (editable) return

      if (event.key === 'Escape') {
        if (latest.current.escape()) event.preventDefault()
        return
      }

      if (event.key === '/') {
        event.preventDefault()
        searchRef.current?.focus()
        searchRef.current?.select()
        return
      }

      const mode = MODE_BY_KEY[event.key.toLowerCase()]
      if (mode !== undefined) {
        event.preventDefault()
        const row = selectedRow()
        if (row === null) showToast('Select an agent first: use ↑ and ↓')
        else latest.current.supervise(row, mode)
        return
      }

      if (event.key === 'Enter' && !(event.target instanceof HTMLButtonElement)) {
        const row = selectedRow()
        if (row !== null && row.calls.length > 0) {
          event.preventDefault()
          latest.current.openCustomer(row)
        }
      }
    }

    document.addEventListener('keydown', onKeyDown)
    return () => document.removeEventListener('keydown', onKeyDown)
  }, [])
}
