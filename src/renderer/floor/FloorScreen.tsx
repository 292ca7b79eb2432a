import { type JSX, useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react'
import type { AgentRow, AgentStatus } from '../../shared/floor'
import { useSupervisionModes } from '../sign-in/access'
import { countOf, partOf } from '../shell/pure/words'
import { useSupervise } from '../supervision/useSupervise'
import { MODE_KEY } from '../supervision/supervise'
import type { SupervisionMode } from '../../shared/supervision'
import type { ColumnId, SortState } from './columns'
import { nextSort, sortInForce, visibleColumns } from './columns'
import { FloorViewOptions } from './FloorViewOptions'
import { usePreferences } from '../operators/preferences'
import { useRecordsApi } from '../records/context'
import { DEFAULT_PREFERENCES, type FloorPreferences } from '../../shared/preferences'
import { FloorBanners } from './FloorBanners'
import { type CustomerRef, CustomerPanel } from './CustomerPanel'
import { FloorCounters } from './FloorCounters'
import { FloorTable, type FloorTableHandle } from './FloorTable'
import { FloorToolbar } from './FloorToolbar'
import { customerLabel } from './labels'
import { useFloorKeyboard } from './useFloorKeyboard'
import { selectClockOffset, selectConnection, useFloor, useFloorStore } from './useFloor'
import { AlertsPanel } from '../alerts/AlertsPanel'
import { useFloorAlerts } from '../alerts/FloorAlerts'
import type { Alert } from '../alerts/pure/evaluate'
import { buildView, countFloor } from './view'
import { useEachSecond } from './clock'
import { NameOrder } from './name-order'
import { QueueArea } from '../queues/QueueArea'
import { ScopePicker } from '../queues/ScopePicker'
import { useFloorScope, useRowsInScope } from '../queues/useFloorScope'
import './floor.css'

const DEFAULT_SORT: SortState = { column: 'agent', direction: 'ascending' }
const NO_STATUSES: ReadonlySet<AgentStatus> = new Set()

/** An agent whose row the floor is asked to show (a notification's click), new object per ask. */
export interface FocusRequest {
  extension: string
}

export interface FloorScreenProps {
  focusRequest?: FocusRequest | null
  /** The request was carried out (the row selected, scrolled to). */
  onFocusDone?: () => void
}

/** The live monitor: connection banner, counters, search and filters, and the agents table. */
export function FloorScreen({ focusRequest = null, onFocusDone }: FloorScreenProps): JSX.Element {
  const store = useFloorStore()
  // The floor, its counters and chips follow the operator's scope (all, a team, a queue's members).
  const scope = useFloorScope()
  const rows = useRowsInScope(scope)
  const connection = useFloor(selectConnection)
  const clockOffset = useFloor(selectClockOffset)
  const stale = connection?.stale ?? false

  const [query, setQuery] = useState('')
  const [statuses, setStatuses] = useState<ReadonlySet<AgentStatus>>(NO_STATUSES)
  const [chosenSort, setSort] = useState<SortState>(DEFAULT_SORT)
  // Density and columns are the operator's, kept by main (defaults until its answer arrives).
  const preferences = usePreferences(useRecordsApi())
  // Shown at once while main saves it (the preferences store lays the save over main's view).
  const floorPrefs = preferences.view?.preferences.floor ?? DEFAULT_PREFERENCES.floor
  const hiddenKey = floorPrefs.hiddenColumns.join('\n')
  // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed on the ids' text: a stable array keeps the memoised rows
  const columns = useMemo(() => visibleColumns(floorPrefs.hiddenColumns), [hiddenKey])
  const sort = sortInForce(chosenSort, columns, DEFAULT_SORT)
  const savePreferences = preferences.save
  const saveFloor = useCallback(
    (floor: FloorPreferences) => {
      // A refusal leaves the table as main has it.
      savePreferences({ floor }).catch(() => undefined)
    },
    [savePreferences]
  )
  const onDensity = useCallback((density: FloorPreferences['density']) => saveFloor({ ...floorPrefs, density }), [floorPrefs, saveFloor])
  const onToggleColumn = useCallback(
    (column: ColumnId) => {
      const hidden = floorPrefs.hiddenColumns
      saveFloor({ ...floorPrefs, hiddenColumns: hidden.includes(column) ? hidden.filter((c) => c !== column) : [...hidden, column] })
    },
    [floorPrefs, saveFloor]
  )
  const [selected, setSelected] = useState<string | null>(null)
  const [customer, setCustomer] = useState<CustomerRef | null>(null)
  const searchRef = useRef<HTMLInputElement>(null)
  const tableRef = useRef<FloorTableHandle>(null)

  const [attentionOnly, setAttentionOnly] = useState(false)
  const [attentionSort, setAttentionSort] = useState(false)
  const [alertsOpen, setAlertsOpen] = useState(false)
  // Selects an agent's row with nothing hiding it (state only: the caller scrolls once it is drawn).
  const selectClear = useCallback((extension: string) => {
    setQuery('')
    setStatuses(NO_STATUSES)
    setSelected(extension)
  }, [])
  // An alert in the panel.
  const focusAgent = useCallback(
    (extension: string) => {
      selectClear(extension)
      document.getElementById(`agent-row-${extension}`)?.scrollIntoView({ block: 'nearest' })
    },
    [selectClear]
  )
  // A notification's click, from the console (which brought this page up): the same.
  const [focused, setFocused] = useState<FocusRequest | null>(null)
  if (focusRequest !== null && focusRequest !== focused) {
    setFocused(focusRequest)
    selectClear(focusRequest.extension)
  }
  useEffect(() => {
    if (focusRequest === null) return
    document.getElementById(`agent-row-${focusRequest.extension}`)?.scrollIntoView({ block: 'nearest' })
    onFocusDone?.()
  }, [focusRequest, onFocusDone])
  const alerts = useFloorAlerts()
  if (alerts === null) throw new Error('FloorScreen outside <FloorAlerts active>')

  const deferredQuery = useDeferredValue(query)
  const [names] = useState(() => new NameOrder())
  const only = attentionOnly ? alerts.attention : null
  const attentionFirst = useMemo(() => (attentionSort ? attentionSince(alerts.alerts, alerts.attention) : null), [attentionSort, alerts.alerts, alerts.attention])
  const view = useMemo(
    () => buildView(rows, { query: deferredQuery, statuses, sort, names, only, attentionFirst }),
    [rows, deferredQuery, statuses, sort, names, only, attentionFirst]
  )
  // The figures over the whole floor follow it once a second (useEachSecond); the rows, at once.
  const rowsEachSecond = useEachSecond(rows)
  const counts = useMemo(() => countFloor(rowsEachSecond), [rowsEachSecond])
  const queuesEachSecond = useEachSecond(scope.queues)
  const stripState = { ...scope, queues: queuesEachSecond }
  const supervise = useSupervise()
  const modes = useSupervisionModes()
  // L / W / B for a mode the operator may not use do nothing, as there is no button for it.
  const superviseAllowed = useCallback((row: AgentRow, mode: SupervisionMode) => {
    if (modes.includes(mode)) supervise(row, mode)
  }, [modes, supervise])

  const onSort = useCallback((column: ColumnId) => setSort((current) => nextSort(current, column)), [])
  const onSelect = useCallback((extension: string) => setSelected(extension), [])
  const onToggleStatus = useCallback((status: AgentStatus | 'all') => {
    setStatuses((current) => {
      if (status === 'all') return NO_STATUSES
      const next = new Set(current)
      if (next.has(status)) next.delete(status)
      else next.add(status)
      return next
    })
  }, [])
  // Reads the store, not `rows`: a stable callback keeps the memoised rows from re-rendering.
  const openCustomer = useCallback(
    (extension: string, callId: string) => {
      const call = store
        .getSnapshot()
        .rows.get(extension)
        ?.calls.find((c) => c.id === callId)
      if (call === undefined) return
      const label = call.customer ?? customerLabel(call)
      if (label === null) return
      setSelected(extension)
      setCustomer({ customer: label, customerName: call.customerName, number: call.customer, customerId: call.customerRecord?.id ?? null, extension, callId })
    },
    [store]
  )
  const closeCustomer = useCallback(() => {
    setCustomer(null)
    tableRef.current?.focus()
  }, [])

  useFloorKeyboard({
    view,
    selected,
    select: (extension, index) => {
      setSelected(extension)
      tableRef.current?.scrollToIndex(index)
    },
    supervise: superviseAllowed,
    openCustomer: (row: AgentRow) => {
      const call = row.calls[0]
      if (call !== undefined) openCustomer(row.extension, call.id)
    },
    clearSearch: () => setQuery(''),
    searchRef,
    focusTable: () => tableRef.current?.focus(),
    escape: () => {
      if (customer === null) return false
      closeCustomer()
      return true
    }
  })

  const filtered = deferredQuery.trim() !== '' || statuses.size > 0 || only !== null
  const empty = (
    <div className="table-empty">
      {rows.size === 0 ? (
        <>
          <strong>No agents yet</strong>
          <span className="muted">
            {connection?.state === 'live' ? 'The PBX reports no agents.' : 'Agents appear as soon as the PBX answers.'}
          </span>
        </>
      ) : (
        <>
          <strong>No agents match</strong>
          <button
            type="button"
            className="link-button"
            onClick={() => {
              setQuery('')
              setStatuses(NO_STATUSES)
              setAttentionOnly(false)
            }}
          >
            Clear search and filters
          </button>
        </>
      )}
    </div>
  )

  return (
    <div className={['floor-screen', modes.length === 0 ? 'no-controls' : null, customer !== null || alertsOpen ? 'has-panel' : null].filter((c) => c !== null).join(' ')}>
      {/* The floor beside the customer panel (docked where there is room, so it never covers the row it is about). */}
      <div className="floor-main">
        <FloorBanners />
        <FloorCounters counts={counts} clockOffset={clockOffset} stale={stale} />
        <QueueArea state={stripState} clockOffset={clockOffset} attention={alerts.attentionQueues} />
        <section className="floor panel" aria-label="Agents on the floor">
          <FloorToolbar
            query={query}
            onQuery={setQuery}
            statuses={statuses}
            onToggleStatus={onToggleStatus}
            counts={counts.filters}
            total={counts.agents}
            searchRef={searchRef}
            attention={{
              count: alerts.attention.size,
              only: attentionOnly,
              onToggle: () => setAttentionOnly((on) => !on),
              sortFirst: attentionSort,
              onSortFirst: () => setAttentionSort((on) => !on),
              panelOpen: alertsOpen,
              onPanel: () => setAlertsOpen((open) => !open)
            }}
          >
            <ScopePicker state={scope} />
            <FloorViewOptions density={floorPrefs.density} visible={columns} onDensity={onDensity} onToggleColumn={onToggleColumn} />
          </FloorToolbar>
          <FloorTable
            rows={view}
            selected={selected}
            stale={stale}
            clockOffset={clockOffset}
            sort={sort}
            columns={columns}
            density={floorPrefs.density}
            empty={empty}
            onSort={onSort}
            onSelect={onSelect}
            onOpenCustomer={openCustomer}
            onSupervise={supervise}
            attention={alerts.attention}
            handle={tableRef}
          />
          <footer className="table-footer">
            <span role="status" className="table-count">
              {filtered ? partOf(view.length, rows.size, 'agent') : countOf(rows.size, 'agent')}
            </span>
            <span className="shortcuts" aria-hidden="true">
              <kbd>/</kbd> search <kbd>↑</kbd>
              <kbd>↓</kbd> select{' '}
              {modes.map((mode) => (
                <span key={mode}>
                  <kbd>{MODE_KEY[mode]}</kbd> {mode}{' '}
                </span>
              ))}
              <kbd>Enter</kbd> customer
            </span>
          </footer>
        </section>
      </div>
      {customer !== null && <CustomerPanel target={customer} onClose={closeCustomer} />}
      {customer === null && alertsOpen && (
        <AlertsPanel
          model={alerts}
          clockOffset={clockOffset}
          onClose={() => setAlertsOpen(false)}
          onFocus={(alert) => {
            if (alert.extension !== null) focusAgent(alert.extension)
          }}
        />
      )}
    </div>
  )
}

/** Each agent marked for attention → when its oldest open alert began (null when unknown): the "Needs attention" sort. */
function attentionSince(alerts: readonly Alert[], marked: ReadonlySet<string>): Map<string, number | null> {
  const out = new Map<string, number | null>()
  for (const alert of alerts) {
    if (alert.extension === null || !marked.has(alert.extension)) continue
    const prior = out.get(alert.extension)
    if (!out.has(alert.extension) || (alert.since !== null && (prior === null || prior === undefined || alert.since < prior))) out.set(alert.extension, alert.since)
  }
  return out
}
