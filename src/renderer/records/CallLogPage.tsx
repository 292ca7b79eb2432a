import { type JSX, useId, useMemo, useRef, useState } from 'react'
import { CallOutcome, type CallLogFilter, type CallLogSummary } from '../../shared/records'
import type { Direction } from '../../shared/floor'
import { DIRECTION_LABEL } from '../floor/labels'
import { useAccess } from '../sign-in/access'
import { CloseIcon, HeadphonesIcon, IncomingIcon, OutgoingIcon, SearchIcon, WarningIcon } from '../shell/icons'
import { CallTimeline } from './CallTimeline'
import { useRecordsApi } from './context'
import { CustomerCard } from './CustomerCard'
import { AgentSelect, DateRange, Filter } from './filters'
import { OUTCOME_HINT, OUTCOME_LABEL, callCustomer, dateTime, dayEnd, dayStart, isoTime, shortDateTime, talkTime } from './format'
import { useDebounced, useRemoteList, useShownAgain } from './hooks'
import './records.css'
import { ExportButton, ListPage, RefreshButton } from './ListPage'
import { useFileExport } from './useFileExport'
import { errorText } from '../../shared/error-text'

export const CALL_LOG_PAGE_SIZE = 50

export interface CallLogFilterForm {
  from: string
  to: string
  agent: string
  customer: string
  direction: '' | Direction
  outcome: '' | CallOutcome
  monitoredOnly: boolean
}

export const NO_FILTER: CallLogFilterForm = { from: '', to: '', agent: '', customer: '', direction: '', outcome: '', monitoredOnly: false }

/** The form's filter as `calllog:list` takes it: only what is set. */
export function callLogFilter(form: CallLogFilterForm, seeEveryone: boolean): CallLogFilter {
  const filter: CallLogFilter = {}
  const from = dayStart(form.from)
  const to = dayEnd(form.to)
  if (from !== undefined) filter.from = from
  if (to !== undefined) filter.to = to
  if (seeEveryone && form.agent !== '') filter.agentExtension = form.agent
  if (form.customer.trim() !== '') filter.customerNumber = form.customer.trim()
  if (form.direction !== '') filter.direction = form.direction
  if (form.outcome !== '') filter.outcome = form.outcome
  if (seeEveryone && form.monitoredOnly) filter.monitoredOnly = true
  return filter
}


/**
 * The call log: completed calls, newest first, a page at a time, filtered by dates, agent,
 * customer number, direction, outcome and "monitored only"; a call opens its timeline beside the
 * list; Export CSV writes every call the filter matches.
 */
export function CallLogPage({ active }: { active: boolean }): JSX.Element {
  const api = useRecordsApi()
  const access = useAccess()
  const uid = useId()
  const [form, setForm] = useState<CallLogFilterForm>(NO_FILTER)
  const customer = useDebounced(form.customer, 350)
  const [page, setPage] = useState(0)
  const [attempt, setAttempt] = useState(0)
  const [selected, setSelected] = useState<CallLogSummary | null>(null)
  const [card, setCard] = useState<{ number: string | null; customerId: string | null } | null>(null)
  const { exporting, note: exportNote, exportFile } = useFileExport()
  const shownAgain = useShownAgain(active)
  const listRef = useRef<HTMLDivElement>(null)

  const filter = useMemo(() => callLogFilter({ ...form, customer }, access.seeEveryone), [form, customer, access.seeEveryone])
  const filterKey = JSON.stringify(filter)
  const filtered = filterKey !== '{}'

  // A new filter starts again at its first page.
  const [pageFilter, setPageFilter] = useState(filterKey)
  if (pageFilter !== filterKey) {
    setPageFilter(filterKey)
    setPage(0)
  }

  const requestKey = `${filterKey}|${String(page)}|${String(attempt)}|${String(shownAgain)}`
  const { loading, failed, shown } = useRemoteList(
    requestKey,
    () => api.invoke('calllog:list', { ...(JSON.parse(filterKey) as CallLogFilter), limit: CALL_LOG_PAGE_SIZE, offset: page * CALL_LOG_PAGE_SIZE }),
    errorText
  )
  const set = <K extends keyof CallLogFilterForm>(key: K, value: CallLogFilterForm[K]): void => setForm((f) => ({ ...f, [key]: value }))

  /** Closes the call beside the list, and gives the focus back to its row. */
  function closeDetail(): void {
    const id = selected?.id
    setSelected(null)
    if (id !== undefined) requestAnimationFrame(() => listRef.current?.querySelector<HTMLButtonElement>(`tr[data-call="${CSS.escape(id)}"] .row-open`)?.focus())
  }

  function exportCsv(): void {
    exportFile(
      () => api.invoke('calllog:export', JSON.parse(filterKey) as CallLogFilter),
      filtered ? 'the calls matching the filters' : 'the call log',
      'The call log could not be exported'
    )
  }

  const total = shown?.total ?? 0
  const toPage = (next: number): void => {
    setPage(next)
    listRef.current?.scrollTo({ top: 0 })
  }

  return (
    <ListPage
      className={selected !== null ? 'calllog-page has-detail' : 'calllog-page'}
      title="Call log"
      titleId="calllog-title"
      count={shown !== null ? `${String(total)} ${total === 1 ? 'call' : 'calls'}${filtered ? ' match' : ''}` : ''}
      actions={
        <>
          <RefreshButton loading={loading} onClick={() => setAttempt((n) => n + 1)} />
          <ExportButton exporting={exporting} onClick={exportCsv} />
        </>
      }
      note={exportNote}
      filterLabel="Filter the call log"
      filters={
        <>
          <DateRange idPrefix={`${uid}-date`} from={form.from} to={form.to} onFrom={(v) => set('from', v)} onTo={(v) => set('to', v)} />
          {access.seeEveryone && (
            <Filter id={`${uid}-agent`} label="Agent">
              <AgentSelect id={`${uid}-agent`} value={form.agent} onChange={(v) => set('agent', v)} />
            </Filter>
          )}
          <Filter id={`${uid}-customer`} label="Customer number" className="filter-grow">
            <span className="input-with-icon">
              <SearchIcon />
              <input
                id={`${uid}-customer`}
                className="input"
                type="search"
                inputMode="tel"
                autoComplete="off"
                spellCheck={false}
                placeholder="+44 20 7000 1111"
                value={form.customer}
                onChange={(event) => set('customer', event.target.value)}
              />
            </span>
          </Filter>
          <Filter id={`${uid}-direction`} label="Direction">
            <select id={`${uid}-direction`} className="input select" value={form.direction} onChange={(event) => set('direction', event.target.value as CallLogFilterForm['direction'])}>
              <option value="">Both</option>
              <option value="inbound">{DIRECTION_LABEL.inbound}</option>
              <option value="outbound">{DIRECTION_LABEL.outbound}</option>
            </select>
          </Filter>
          <Filter id={`${uid}-outcome`} label="Outcome">
            <select id={`${uid}-outcome`} className="input select" value={form.outcome} onChange={(event) => set('outcome', event.target.value as CallLogFilterForm['outcome'])}>
              <option value="">Any</option>
              {CallOutcome.options.map((outcome) => (
                <option key={outcome} value={outcome}>
                  {OUTCOME_LABEL[outcome]}
                </option>
              ))}
            </select>
          </Filter>
          {/* Without see-everyone one's own calls come without their supervision (main's rule, as on the floor). */}
          {access.seeEveryone && (
            <label className="checkbox filter-check">
              <input type="checkbox" checked={form.monitoredOnly} onChange={(event) => set('monitoredOnly', event.target.checked)} />
              Monitored only
            </label>
          )}
          {filtered && (
            <button type="button" className="button button-small button-quiet filter-clear" onClick={() => setForm(NO_FILTER)}>
              Clear filters
            </button>
          )}
        </>
      }
      loading={loading}
      failed={failed}
      rows={shown === null ? null : shown.entries.length}
      empty={{
        what: 'the call log',
        noMatch: 'No calls match these filters',
        nothingYet: 'No calls in the log yet',
        filtered,
        hint: filtered ? undefined : <span className="muted">Each call appears here when it ends.</span>,
        onRetry: () => setAttempt((n) => n + 1),
        onClear: () => setForm(NO_FILTER)
      }}
      scrollRef={listRef}
      table={{
        label: 'Calls',
        className: 'calllog-table',
        head: (
          <tr>
            <th scope="col">When</th>
            <th scope="col">Agent</th>
            <th scope="col">Customer</th>
            <th scope="col">Outcome</th>
            <th scope="col" className="num">
              Talk time
            </th>
            <th scope="col">
              <span className="visually-hidden">Notes</span>
            </th>
          </tr>
        ),
        body: shown?.entries.map((call) => (
          <CallRow key={call.id} call={call} selected={selected?.id === call.id} detailId={`${uid}-detail`} onOpen={() => setSelected(call)} />
        ))
      }}
      paging={{
        label: 'Call log pages',
        offset: page * CALL_LOG_PAGE_SIZE,
        pageSize: CALL_LOG_PAGE_SIZE,
        total,
        previous: 'Newer',
        next: 'Older',
        onPrevious: () => toPage(Math.max(0, page - 1)),
        onNext: () => toPage(page + 1)
      }}
      aside={
        selected !== null && (
          <aside
            id={`${uid}-detail`}
            className="records-detail panel"
            aria-labelledby={`${uid}-detail-title`}
            onKeyDown={(event) => {
              if (event.key === 'Escape' && !event.defaultPrevented) closeDetail()
            }}
          >
            <header className="records-detail-header">
              <div>
                <div className="customer-panel-kicker">Call</div>
                <h2 id={`${uid}-detail-title`} className="records-detail-title">
                  {callCustomer(selected)}
                </h2>
                <div className="muted">
                  <time dateTime={isoTime(selected.startedAt)}>{dateTime(selected.startedAt)}</time> · {selected.agentName}
                </div>
              </div>
              <button type="button" className="icon-button" aria-label="Close the call" onClick={closeDetail}>
                <CloseIcon />
              </button>
            </header>
            <div className="records-detail-body">
              <CallTimeline key={selected.id} callId={selected.id} />
              {(selected.customerNumber !== null || selected.customerId !== null) && (
                <button
                  type="button"
                  className="button button-small"
                  onClick={() => setCard({ number: selected.customerNumber, customerId: selected.customerId })}
                >
                  Customer card
                </button>
              )}
            </div>
          </aside>
        )
      }
    >
      {card !== null && (
        <CustomerCard key={`${card.number ?? ''}|${card.customerId ?? ''}`} number={card.number} customerId={card.customerId} onClose={() => setCard(null)} />
      )}
    </ListPage>
  )
}

function CallRow({ call, selected, detailId, onOpen }: { call: CallLogSummary; selected: boolean; detailId: string; onOpen: () => void }): JSX.Element {
  return (
    <tr className={selected ? 'is-selected' : undefined} aria-current={selected ? 'true' : undefined} onClick={onOpen} data-call={call.id}>
      <td className="col-when">
        <button
          type="button"
          className="row-open"
          aria-controls={selected ? detailId : undefined}
          aria-label={`${dateTime(call.startedAt)}, ${call.agentName}, ${callCustomer(call)}: show the timeline`}
          onClick={(event) => {
            event.stopPropagation()
            onOpen()
          }}
        >
          <time dateTime={isoTime(call.startedAt)} title={dateTime(call.startedAt)}>
            {shortDateTime(call.startedAt)}
          </time>
        </button>
      </td>
      <td>
        <span className="cell-main">{call.agentName}</span> <span className="muted">{call.agentExtension}</span>
      </td>
      <td className="col-customer-log">
        <span className="customer-with-direction">
          <span className={`direction direction-${call.direction}`} title={DIRECTION_LABEL[call.direction]}>
            {call.direction === 'inbound' ? <IncomingIcon /> : <OutgoingIcon />}
            <span className="visually-hidden">{DIRECTION_LABEL[call.direction]}:</span>
          </span>
          <span className="customer-lines">
            <span className="cell-customer">{callCustomer(call)}</span>
            {call.customerName !== null && call.customerNumber !== null && <span className="cell-sub">{call.customerNumber}</span>}
          </span>
        </span>
      </td>
      <td>
        <span className={`outcome outcome-${call.outcome}`} title={OUTCOME_HINT[call.outcome]}>
          {OUTCOME_LABEL[call.outcome]}
        </span>
      </td>
      <td className="num">{talkTime(call)}</td>
      <td className="col-flags">
        {call.monitored && (
          <span className="tag tag-spy" title="A supervisor listened, whispered or barged">
            <HeadphonesIcon />
            <span className="tag-word">Monitored</span>
          </span>
        )}
        {call.closedBy === 'resync' && (
          <span className="tag tag-lost" title="Earshot lost its connection to the PBX during this call">
            <WarningIcon />
            <span className="tag-word">Connection lost</span>
          </span>
        )}
      </td>
    </tr>
  )
}
