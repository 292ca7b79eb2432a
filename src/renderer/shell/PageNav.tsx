import type { JSX } from 'react'
import type { Access } from '../sign-in/access'

/** The console's pages. */
export type Page = 'floor' | 'calllog' | 'customers' | 'audit' | 'settings'

/** The pages this operator may open: the audit and settings need `configure-everything`. */
export function pagesFor(access: Access): Array<{ id: Page; label: string }> {
  return [
    { id: 'floor', label: access.seeEveryone ? 'Monitor' : 'My calls' },
    { id: 'calllog', label: 'Call log' },
    { id: 'customers', label: 'Customers' },
    ...(access.configure
      ? [
          { id: 'audit' as const, label: 'Supervision audit' },
          { id: 'settings' as const, label: 'Settings' }
        ]
      : [])
  ]
}

/** The page to show: a page this operator may not open (scopes just taken away) shows the floor. */
export function allowedPage(access: Access, page: Page): Page {
  return pagesFor(access).some((p) => p.id === page) ? page : 'floor'
}

/**
 * The console's pages in the top bar: the floor (Monitor with `see-everyone`, else My calls), the
 * call log, customers, and for `configure-everything` the supervision audit and settings.
 */
export function PageNav({ access, page, onPage }: { access: Access; page: Page; onPage: (page: Page) => void }): JSX.Element {
  return (
    <nav className="console-nav" aria-label="Pages">
      {pagesFor(access).map((item) => (
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
