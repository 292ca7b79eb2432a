import { type JSX, useId, useState } from 'react'
import type { Customer } from '../../shared/records'
import { editsCustomers, useAccess } from '../sign-in/access'
import { SearchIcon } from '../shell/icons'
import { useRecordsApi } from './context'
import { CustomerCard } from './CustomerCard'
import { dateTime, isoTime } from './format'
import { useDebounced, useRemoteList, useShownAgain } from './hooks'
import { ImportCustomers } from './ImportCustomers'
import './records.css'
import { ExportButton, ListPage } from './ListPage'
import { useFileExport } from './useFileExport'
import { errorText } from '../../shared/error-text'

export const CUSTOMERS_PAGE_SIZE = 100
/** `customers:search` answers at most this many, and a search has no further pages. */
const SEARCH_MAX = 200

type Open = { kind: 'customer'; id: string } | { kind: 'new' } | null

/**
 * Customers: search (name, company, number, email), the list, a customer's card, New customer;
 * for configure-everything also Import (CSV with a column mapping, or vCard), Export CSV and Delete.
 */
export function CustomersPage({ active }: { active: boolean }): JSX.Element {
  const api = useRecordsApi()
  const access = useAccess()
  const uid = useId()
  const [query, setQuery] = useState('')
  const settled = useDebounced(query.trim(), 300)
  // The whole list goes page by page; a search shows its best matches, a page and then up to SEARCH_MAX.
  const [offset, setOffset] = useState(0)
  const [limit, setLimit] = useState(CUSTOMERS_PAGE_SIZE)
  const [changes, setChanges] = useState(0)
  const [open, setOpen] = useState<Open>(null)
  const [importing, setImporting] = useState(false)
  const { exporting, note, exportFile } = useFileExport()
  const shownAgain = useShownAgain(active)

  // A new search starts with the first page again.
  const [limitFor, setLimitFor] = useState(settled)
  if (limitFor !== settled) {
    setLimitFor(settled)
    setLimit(CUSTOMERS_PAGE_SIZE)
    setOffset(0)
  }

  const requestKey = `${settled}|${String(limit)}|${String(offset)}|${String(changes)}|${String(shownAgain)}`
  const { loading, failed, shown } = useRemoteList(
    requestKey,
    () => api.invoke('customers:search', settled === '' ? { query: '', limit: CUSTOMERS_PAGE_SIZE, offset } : { query: settled, limit }),
    errorText
  )

  // A search answers without a total (null): more may follow when a whole page came back.
  const total = shown === null ? 0 : shown.total
  const searching = settled !== ''
  const more = searching && shown !== null && total === null && shown.customers.length >= limit && limit < SEARCH_MAX

  function exportCsv(): void {
    exportFile(() => api.invoke('customers:export', {}), 'the customers', 'The customers could not be exported')
  }

  function changed(customer: Customer | null): void {
    setChanges((n) => n + 1)
    if (customer !== null) setOpen({ kind: 'customer', id: customer.id })
  }

  if (importing && access.configure) {
    return (
      <div className="records-page customers-page">
        <div className="page-heading records-heading">
          <h1 id="customers-title">Import customers</h1>
          <div className="records-actions">
            <button type="button" className="button button-small button-quiet" onClick={() => setImporting(false)}>
              Back to customers
            </button>
          </div>
        </div>
        <ImportCustomers
          onDone={(imported) => {
            setImporting(false)
            if (imported > 0) setChanges((n) => n + 1)
          }}
        />
      </div>
    )
  }

  const count =
    shown === null ? '' : total !== null ? `${String(total)} ${total === 1 ? 'customer' : 'customers'}` : `${String(shown.customers.length)}${more ? '+' : ''} found`

  return (
    <ListPage
      className="customers-page"
      title="Customers"
      titleId="customers-title"
      count={count}
      actions={
        <>
          {access.configure && (
            <>
              <button type="button" className="button button-small" onClick={() => setImporting(true)}>
                Import…
              </button>
              <ExportButton exporting={exporting} onClick={exportCsv} />
            </>
          )}
          {editsCustomers(access) && (
            <button type="button" className="button button-small button-primary" onClick={() => setOpen({ kind: 'new' })}>
              New customer
            </button>
          )}
        </>
      }
      note={note}
      filterLabel="Search customers"
      filters={
        <span className="input-with-icon filter-grow">
          <SearchIcon />
          <input
            id={`${uid}-search`}
            className="input"
            type="search"
            aria-label="Search customers"
            placeholder="Name, company, number or email"
            autoComplete="off"
            spellCheck={false}
            value={query}
            onChange={(event) => setQuery(event.target.value)}
          />
        </span>
      }
      loading={loading}
      failed={failed}
      rows={shown === null ? null : shown.customers.length}
      empty={{
        what: 'the customers',
        noMatch: 'No customers match',
        nothingYet: 'No customers yet',
        filtered: settled !== '',
        hint: (
          <span className="muted">
            {settled !== ''
              ? 'Try part of a name, a company or a number.'
              : access.configure
                ? 'Create one, or import a CSV or vCard file from your CRM or phone.'
                : editsCustomers(access)
                  ? 'Create one from a call’s Customer column, or with New customer.'
                  : 'Supervisors add the customers.'}
          </span>
        ),
        onRetry: () => setChanges((n) => n + 1)
      }}
      table={{
        label: 'Customers',
        className: 'customers-table',
        head: (
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Company</th>
            <th scope="col">Numbers</th>
            <th scope="col">Email</th>
            <th scope="col">Updated</th>
          </tr>
        ),
        body: shown?.customers.map((customer) => {
          const selected = open?.kind === 'customer' && open.id === customer.id
          return (
            <tr
              key={customer.id}
              className={selected ? 'is-selected' : undefined}
              aria-current={selected ? 'true' : undefined}
              onClick={() => setOpen({ kind: 'customer', id: customer.id })}
            >
              <td>
                <button
                  type="button"
                  className="row-open cell-main"
                  onClick={(event) => {
                    event.stopPropagation()
                    setOpen({ kind: 'customer', id: customer.id })
                  }}
                >
                  {customer.name}
                </button>
              </td>
              <td>{customer.company ?? <span className="muted">—</span>}</td>
              <td className="mono">
                {customer.phones[0] !== undefined ? <span className="phone-first">{customer.phones[0].raw}</span> : <span className="muted">—</span>}
                {customer.phones.length > 1 && <MoreNumbers others={customer.phones.slice(1).map((p) => p.raw)} />}
              </td>
              <td>{customer.email ?? <span className="muted">—</span>}</td>
              <td className="muted">
                <time dateTime={isoTime(customer.updatedAt)}>{dateTime(customer.updatedAt)}</time>
              </td>
            </tr>
          )
        }),
        footer: shown !== null && (
          <>
            {more && (
              <div className="records-more">
                <button type="button" className="button button-small" onClick={() => setLimit(SEARCH_MAX)}>
                  Show more matches
                </button>
              </div>
            )}
            {searching && !more && shown.customers.length >= SEARCH_MAX && (
              <p className="records-more muted">The best {SEARCH_MAX} matches: type more of the name or number to narrow the search.</p>
            )}
          </>
        )
      }}
      paging={
        searching || total === null
          ? null
          : {
              label: 'Customer pages',
              offset,
              pageSize: CUSTOMERS_PAGE_SIZE,
              total,
              previous: 'Previous',
              next: 'Next',
              onPrevious: () => setOffset((o) => Math.max(0, o - CUSTOMERS_PAGE_SIZE)),
              onNext: () => setOffset((o) => o + CUSTOMERS_PAGE_SIZE)
            }
      }
    >
      {open !== null && (
        <CustomerCard
          key={open.kind === 'new' ? 'new' : open.id}
          number={null}
          customerId={open.kind === 'customer' ? open.id : null}
          startCreating={open.kind === 'new'}
          onClose={() => setOpen(null)}
          onChanged={changed}
        />
      )}
    </ListPage>
  )
}

/**
 * "1 more" after the first number, as a badge of its own: a bare "+1" after a number reads as
 * part of it (`+1 415 555 0100 +1`). The other numbers are in its tooltip.
 */
function MoreNumbers({ others }: { others: readonly string[] }): JSX.Element {
  const count = others.length
  return (
    <span className="tag tag-more-numbers" title={`Also ${others.join(', ')}`}>
      <span aria-hidden="true">{count} more</span>
      <span className="visually-hidden">and {count} more {count === 1 ? 'number' : 'numbers'}</span>
    </span>
  )
}
