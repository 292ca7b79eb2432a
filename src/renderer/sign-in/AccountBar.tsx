import { type JSX, type KeyboardEvent, useEffect, useId, useRef, useState } from 'react'
import type { Operator } from '../../shared/contract'
import { SCOPE_LABEL, accessOf } from './access'
import { initials, tintOf } from '../shell/pure/avatar'

/**
 * The top bar's operator: their name, and a small menu with Switch operator and Sign out (a menu
 * keeps the top bar to one line next to the page menu and the connection). Keyboard: Enter, Space
 * or ↓ opens it on the first item, ↑ ↓ move, Escape closes it back onto the name.
 */
export function AccountBar({ operator, onSwitch, onSignOut }: { operator: Operator; onSwitch: () => void; onSignOut: () => void }): JSX.Element {
  const id = useId()
  const [open, setOpen] = useState(false)
  const buttonRef = useRef<HTMLButtonElement>(null)
  const menuRef = useRef<HTMLDivElement>(null)
  const access = accessOf(operator)
  const role = access.configure ? SCOPE_LABEL['configure-everything'].short : access.seeEveryone ? SCOPE_LABEL['see-everyone'].short : 'Own calls'

  useEffect(() => {
    if (!open) return
    menuRef.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus()
    const close = (event: PointerEvent): void => {
      const target = event.target as Node | null
      if (!menuRef.current?.contains(target) && !buttonRef.current?.contains(target)) setOpen(false)
    }
    document.addEventListener('pointerdown', close)
    return () => document.removeEventListener('pointerdown', close)
  }, [open])

  function closeMenu(): void {
    setOpen(false)
    buttonRef.current?.focus()
  }

  function onMenuKey(event: KeyboardEvent<HTMLDivElement>): void {
    const items = [...(menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])]
    const at = items.indexOf(document.activeElement as HTMLElement)
    if (event.key === 'Escape') {
      event.preventDefault()
      event.stopPropagation()
      closeMenu()
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault()
      const next = items[(at + (event.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length]
      next?.focus()
    } else if (event.key === 'Home' || event.key === 'End') {
      event.preventDefault()
      items[event.key === 'Home' ? 0 : items.length - 1]?.focus()
    } else if (event.key === 'Tab') {
      setOpen(false)
    }
  }

  return (
    <div className="account">
      <button
        ref={buttonRef}
        type="button"
        className="account-button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? `${id}-menu` : undefined}
        aria-label={`${operator.name}, signed in`}
        title={`${operator.name} · ${operator.extension}`}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' && !open) {
            event.preventDefault()
            setOpen(true)
          }
        }}
      >
        <span className={`avatar tint-${String(tintOf(operator.id))}`} aria-hidden="true">
          {initials(operator.name, operator.extension)}
        </span>
        <span className="account-name">{operator.name}</span>
        <svg className="account-caret" viewBox="0 0 12 12" aria-hidden="true" focusable="false">
          <path d="m3 4.5 3 3 3-3" />
        </svg>
      </button>
      {open && (
        <div ref={menuRef} id={`${id}-menu`} className="account-menu" role="menu" aria-label={operator.name} onKeyDown={onMenuKey}>
          <div className="account-menu-head" role="presentation">
            <strong>{operator.name}</strong>
            <span>
              {operator.extension} · {role}
            </span>
          </div>
          <button type="button" role="menuitem" className="account-menu-item" tabIndex={-1} onClick={() => {
              closeMenu()
              onSwitch()
            }}>
            Switch operator
          </button>
          <button type="button" role="menuitem" className="account-menu-item" tabIndex={-1} onClick={() => {
              closeMenu()
              onSignOut()
            }}>
            Sign out
          </button>
        </div>
      )}
    </div>
  )
}
