import { type JSX, createContext, memo, useContext, useLayoutEffect, useMemo, useRef, useState } from 'react'
import type { AgentRow, QueueView } from '../../shared/floor'
import { formatDuration, useEachSecond, useElapsedSeconds, useSecondsValue } from '../floor/clock'
import { STATUS_LABEL, customerLabel, primaryCall, stateClockStart } from '../floor/labels'
import { NameOrder } from '../floor/name-order'
import { queuesInScope } from '../floor/scope'
import { selectClockOffset, selectStoppedAt, useFloor } from '../floor/useFloor'
import { type FloorScopeState, useFloorScope, useRowsInScope } from '../queues/useFloorScope'
import { usePreferences } from '../operators/preferences'
import { useRecordsApi } from '../records/context'
import { useFloorAlerts } from '../alerts/FloorAlerts'
import { TILE_GAP, pageAt, tileCustomer, wallboardPages } from './layout'
import './wallboard.css'

/** "1,234": one formatter for the pager (toLocaleString builds one per call, three per render). */
const wholeNumber = new Intl.NumberFormat()

const NO_MARKS = { attention: new Set<string>(), attentionQueues: new Set<string>() }

/**
 * How the wallboard's times read the floor's clock: the PBX's clock minus this machine's, and when
 * the floor stopped being live (its times stop there). A context, not props: each time ticks on
 * its own (useElapsedSeconds), and no tile re-renders for it.
 */
const TileClock = createContext<{ clockOffset: number; stoppedAt: number | null }>({ clockOffset: 0, stoppedAt: null })

/** "12:40" since `start`, ticking, or "?" when Earshot cannot tell when it began (never an invented start). */
function Since({ start, className }: { start: number | null; className: string }): JSX.Element {
  const { clockOffset, stoppedAt } = useContext(TileClock)
  const seconds = useElapsedSeconds(start, clockOffset, stoppedAt)
  return <span className={className}>{seconds === null ? '?' : formatDuration(seconds)}</span>
}

/**
 * The queue tiles. Their figures follow the floor once a second, as on the console (useEachSecond):
 * a component of their own, so that this does not re-render the agents' grid each second.
 */
function QueueTiles({ scope, inAlert }: { scope: FloorScopeState; inAlert: ReadonlySet<string> }): JSX.Element | null {
  const queuesEachSecond = useEachSecond(scope.queues)
  const queues = useMemo(() => queuesInScope(scope.resolved, scope.teams, queuesEachSecond), [scope.resolved, scope.teams, queuesEachSecond])
  if (queues.length === 0) return null
  return (
    <section className="wb-queues" aria-label="Queues">
      {queues.map((queue) => (
        <QueueTile key={queue.name} queue={queue} inAlert={inAlert.has(queue.name)} />
      ))}
    </section>
  )
}

function QueueTile({ queue, inAlert }: { queue: QueueView; inAlert: boolean }): JSX.Element {
  return (
    <div className={['wb-queue', queue.waiting > 0 ? 'has-waiting' : null, inAlert ? 'wb-in-alert' : null].filter((c) => c !== null).join(' ')} data-queue={queue.name}>
      <div className="wb-queue-name">{queue.name}</div>
      <div className="wb-queue-main">
        <span className="wb-big">{queue.waiting}</span> waiting
        {queue.longestWaitSince !== null && (
          <span className="wb-longest">
            {' · longest '}
            <Since start={queue.longestWaitSince} className="wb-longest-time" />
          </span>
        )}
      </div>
      <div className="wb-queue-agents">
        {queue.available} available · {queue.busy} busy · {queue.paused} paused · {queue.offline} offline
        {queue.serviceLevelPercent !== null && <> · SL {Math.round(queue.serviceLevelPercent)}%</>}
      </div>
    </div>
  )
}

/** Memoised: a delta re-renders the tiles whose row changed; the clock only their times (Since). */
const AgentTile = memo(function AgentTile({ row, showCustomer, fontSize, inAlert }: { row: AgentRow; showCustomer: boolean; fontSize: number; inAlert: boolean }): JSX.Element {
  const call = primaryCall(row)
  const customer = call === null ? null : tileCustomer(customerLabel(call), showCustomer)
  const state = row.status === 'paused' && row.pauseReason ? `${STATUS_LABEL.paused} · ${row.pauseReason}` : STATUS_LABEL[row.status]
  return (
    <div className={`wb-agent wb-${row.status}${inAlert ? ' wb-in-alert' : ''}`} data-extension={row.extension} style={{ fontSize }}>
      <div className="wb-agent-name">{row.name || row.extension}</div>
      <div className="wb-agent-state">
        <span className="wb-agent-label">{state}</span>
        <Since start={stateClockStart(row)} className="wb-agent-time" />
      </div>
      {customer !== null && <div className="wb-agent-customer">{customer}</div>}
    </div>
  )
})

/**
 * The wallboard: read-only, full screen, for a screen across the room. Queue tiles, then every
 * agent as a tile coloured by state with its time in state, sized so all fit without scrolling —
 * or, on a floor too big for readable tiles, a page of them at a time, turning every PAGE_SECONDS.
 */
export function Wallboard(): JSX.Element {
  // The operator's scope (a team, a queue's members), as on the floor.
  const scope = useFloorScope()
  const rows = useRowsInScope(scope)
  const scopeName = scope.resolved.scope.kind === 'all' ? null : scope.resolved.scope.kind === 'queue' ? `Queue ${scope.resolved.scope.queue}` : scope.resolved.scope.team
  const clockOffset = useFloor(selectClockOffset)
  const stoppedAt = useFloor(selectStoppedAt)
  const tileClock = useMemo(() => ({ clockOffset, stoppedAt }), [clockOffset, stoppedAt])
  const { view } = usePreferences(useRecordsApi())
  const showCustomers = view?.machine.wallboard.showCustomerNumbers ?? false
  // Marked as on the floor: the console judges the alerts, whatever it shows.
  const marks = useFloorAlerts() ?? NO_MARKS
  const [names] = useState(() => new NameOrder())
  // The kept name order (no sort of every agent per change); only the page on screen is looked up.
  const order = names.ordered(rows)

  const gridRef = useRef<HTMLDivElement>(null)
  const [box, setBox] = useState({ width: 1920, height: 800 })
  useLayoutEffect(() => {
    const element = gridRef.current
    if (element === null) return
    const measure = (): void => setBox({ width: element.clientWidth, height: element.clientHeight })
    measure()
    const observer = new ResizeObserver(measure)
    observer.observe(element)
    return () => observer.disconnect()
  }, [])
  const paging = wallboardPages(order.length, box.width, box.height)
  const { layout } = paging
  // Re-rendered when the page turns, not at every second.
  const page = useSecondsValue((now) => pageAt(paging.pages, now))
  const first = page * paging.perPage
  const onPage = useMemo(() => order.slice(first, first + paging.perPage).flatMap((extension) => rows.get(extension) ?? []), [order, rows, first, paging.perPage])
  const fontSize = Math.max(10, Math.min(28, Math.floor(Math.min(layout.tileHeight / (showCustomers ? 3.6 : 2.7), layout.tileWidth / 9))))

  return (
    <TileClock.Provider value={tileClock}>
      <main className="wallboard" aria-label="Wallboard">
        {scopeName !== null && <h1 className="wb-scope">{scopeName}</h1>}
        <QueueTiles scope={scope} inAlert={marks.attentionQueues} />
        <section
          className="wb-agents"
          aria-label="Agents"
          ref={gridRef}
          style={{ gridTemplateColumns: `repeat(${layout.columns}, ${layout.tileWidth}px)`, gridAutoRows: `${layout.tileHeight}px`, gap: TILE_GAP }}
        >
          {onPage.map((row) => (
            <AgentTile key={row.extension} row={row} showCustomer={showCustomers} fontSize={fontSize} inAlert={marks.attention.has(row.extension)} />
          ))}
        </section>
        <p className="wb-hint">
          {paging.pages > 1 && (
            <span className="wb-pager">
              Agents {wholeNumber.format(first + 1)}–{wholeNumber.format(Math.min(order.length, first + paging.perPage))} of {wholeNumber.format(order.length)} · page {page + 1} of {paging.pages}
            </span>
          )}
          F11 or Esc leaves the wallboard
        </p>
      </main>
    </TileClock.Provider>
  )
}
