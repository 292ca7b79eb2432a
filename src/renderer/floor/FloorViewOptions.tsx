import { type JSX, useEffect, useId, useRef, useState } from 'react'
import type { FloorPreferences } from '../../shared/preferences'
import { ALWAYS_SHOWN, COLUMNS, type ColumnId } from './columns'

export interface FloorViewOptionsProps {
  density: FloorPreferences['density']
  visible: readonly ColumnId[]
  onDensity: (density: FloorPreferences['density']) => void
  onToggleColumn: (column: ColumnId) => void
}

/** How the table looks for this operator: the density and which columns show (both remembered by main). */
export function FloorViewOptions({ density, visible, onDensity, onToggleColumn }: FloorViewOptionsProps): JSX.Element {
  const [open, setOpen] = useState(false)
  const menuId = useId()
  const rootRef = useRef<HTMLDivElement>(null)
  // A click elsewhere or Escape closes the picker (Escape inside it does not reach the floor's own Escape).
  useEffect(() => {
    if (!open) return
    const onPointer = (event: PointerEvent): void => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false)
    }
    const onKey = (event: KeyboardEvent): void => {
      if (event.key !== 'Escape') return
      event.stopPropagation()
      setOpen(false)
      rootRef.current?.querySelector<HTMLButtonElement>('.columns-button')?.focus()
    }
    document.addEventListener('pointerdown', onPointer)
    document.addEventListener('keydown', onKey, true)
    return () => {
      document.removeEventListener('pointerdown', onPointer)
      document.removeEventListener('keydown', onKey, true)
    }
  }, [open])

  return (
    <div className="view-options" ref={rootRef}>
      <div className="density" role="group" aria-label="Row density">
        <button type="button" className="chip" aria-pressed={density === 'comfortable'} onClick={() => onDensity('comfortable')}>
          Comfortable
        </button>
        <button type="button" className="chip" aria-pressed={density === 'compact'} onClick={() => onDensity('compact')}>
          Compact
        </button>
      </div>
      <button
        type="button"
        className="chip columns-button"
        aria-expanded={open}
        aria-controls={menuId}
        onClick={() => setOpen((o) => !o)}
      >
        Columns
      </button>
      {open && (
        <fieldset className="columns-menu panel" id={menuId}>
          <legend className="columns-legend">Columns shown</legend>
          {COLUMNS.map((column) => {
            const fixed = ALWAYS_SHOWN.has(column.id)
            return (
              <label key={column.id} className="columns-option">
                <input
                  type="checkbox"
                  checked={visible.includes(column.id)}
                  disabled={fixed}
                  onChange={() => onToggleColumn(column.id)}
                />
                {column.header}
                {fixed && <span className="muted"> · always shown</span>}
              </label>
            )
          })}
        </fieldset>
      )}
    </div>
  )
}
