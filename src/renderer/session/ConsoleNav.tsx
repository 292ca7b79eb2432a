import type { JSX } from 'react'
import type { Access } from './access'

export type ConsolePage = 'floor' | 'settings'

/**
 * The console's pages in the top bar: Monitor (the whole floor, `see-everyone`) and Settings
 * (`configure-everything`). An operator with neither has one page and no menu.
 */
export function ConsoleNav({ access, page, onPage }: { access: Access; page: ConsolePage; onPage: (page: ConsolePage) => void }): JSX.Element | null {
  if (!access.seeEveryone && !access.configure) return null
  const items: Array<{ id: ConsolePage; label: string }> = [
    { id: 'floor', label: access.seeEveryone ? 'Monitor' : 'My calls' },
    ...(access.configure ? [{ id: 'settings' as const, label: 'Settings' }] : [])
  ]
  return (
    <nav className="console-nav" aria-label="Pages">
      {items.map((item) => (
        <button
          key={item.id}
          type="button"
          className="console-nav-item"
          aria-current={page === item.id ? 'page' : undefined}
          onClick={() => onPage(item.id)}
        >
          {item.label}
        </button>
      ))}
    </nav>
  )
}
