import { type JSX, useState } from 'react'
import type { Access } from '../sign-in/access'
import type { Page } from '../shell/PageNav'
import { AuditPage } from './AuditPage'
import { CallLogPage } from './CallLogPage'
import { CustomersPage } from './CustomersPage'
import '../settings/forms.css'
import '../floor/floor.css'
import './records.css'

export type RecordsPage = 'calllog' | 'customers' | 'audit'

export function isRecordsPage(page: Page): page is RecordsPage {
  return page === 'calllog' || page === 'customers' || page === 'audit'
}

/**
 * The call log, customers and supervision audit pages. Each stays mounted once opened (hidden while
 * another page shows), so filters, searches and an import in progress survive a look at the floor;
 * a page shown again refreshes its list.
 */
export function RecordsHost({ page, access }: { page: Page; access: Access }): JSX.Element {
  const [opened, setOpened] = useState<ReadonlySet<RecordsPage>>(new Set())
  if (isRecordsPage(page) && !opened.has(page)) setOpened(new Set([...opened, page]))
  return (
    <>
      {opened.has('calllog') && (
        <div className="records-host" hidden={page !== 'calllog'}>
          <CallLogPage active={page === 'calllog'} />
        </div>
      )}
      {opened.has('customers') && (
        <div className="records-host" hidden={page !== 'customers'}>
          <CustomersPage active={page === 'customers'} />
        </div>
      )}
      {access.configure && opened.has('audit') && (
        <div className="records-host" hidden={page !== 'audit'}>
          <AuditPage active={page === 'audit'} />
        </div>
      )}
    </>
  )
}
