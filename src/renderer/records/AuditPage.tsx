import { type JSX, useEffect, useId, useMemo, useState } from 'react'
import type { AuditEntry, AuditFilter, Operator } from '../../shared/contract'
import { useRecordsApi } from './context'
import { AgentSelect, DateRange, Filter } from './filters'
import { HOW_LABEL, METHOD_LABEL, MODE_LABEL, dateTime, dayEnd, dayStart, duration, endReasonLabel, isoTime, timeOfDay } from './format'
import { useRemoteList, useShownAgain } from './hooks'
import './records.css'
import { ExportButton, ListPage, RefreshButton } from './ListPage'
import { useFileExport } from './useFileExport'
import { errorText } from '../../shared/error-text'

export interface AuditFilterForm {
  operatorId: string
  agent: string
  from: string
  to: string
}

export const NO_AUDIT_FILTER: AuditFilterForm = { operatorId: '', agent: '', from: '', to: '' }

export function auditFilter(form: AuditFilterForm): AuditFilter {
  const filter: AuditFilter = {}
  if (form.operatorId !== '') filter.operatorId = form.operatorId
  if (form.agent !== '') filter.agentExtension = form.agent
  const from = dayStart(form.from)
  const to = dayEnd(form.to)
  if (from !== undefined) filter.from = from
  if (to !== undefined) filter.to = to
  return filter
}


/** main answers the newest 100 sessions unless asked for more (at most 1000). */
const AUDIT_PAGE = 100
const AUDIT_MAX = 1000

/**
 * The supervision audit (configure-everything): every Listen / Whisper / Barge session with its
 * operator, agent, call, method, start and end, why it ended, and each mode change with its time
 * and how (DTMF on the leg, or called again); filtered by operator, agent and dates; Export CSV.
 */
export function AuditPage({ active }: { active: boolean }): JSX.Element {
  const api = useRecordsApi()
  const uid = useId()
  const [form, setForm] = useState<AuditFilterForm>(NO_AUDIT_FILTER)
  const [operators, setOperators] = useState<Operator[]>([])
  const [attempt, setAttempt] = useState(0)
  const { exporting, note, exportFile } = useFileExport()
  const shownAgain = useShownAgain(active)

  const filter = useMemo(() => auditFilter(form), [form])
  const filterKey = JSON.stringify(filter)
  const filtered = filterKey !== '{}'
  // "Show more" asks for more of the newest sessions; a new filter starts again at the first 100.
  const [limit, setLimit] = useState(AUDIT_PAGE)
  const [limitFor, setLimitFor] = useState(filterKey)
  if (limitFor !== filterKey) {
    setLimitFor(filterKey)
    setLimit(AUDIT_PAGE)
  }

  useEffect(() => {
    let live = true
    api.invoke('operators:list', {}).then(
      (list) => {
        if (live) setOperators(list.operators)
      },
      // The operator filter then offers only "Any operator"; the list itself still loads.
      () => {}
    )
    return () => {
      live = false
    }
  }, [api, shownAgain])

  const requestKey = `${filterKey}|${String(limit)}|${String(attempt)}|${String(shownAgain)}`
  const { loading, failed, shown } = useRemoteList(
    requestKey,
    () => api.invoke('audit:list', { ...(JSON.parse(filterKey) as AuditFilter), ...(limit > AUDIT_PAGE ? { limit } : {}) }),
    errorText
  )
  const set = <K extends keyof AuditFilterForm>(key: K, value: AuditFilterForm[K]): void => setForm((f) => ({ ...f, [key]: value }))

  function exportCsv(): void {
    exportFile(
      () => api.invoke('audit:export', JSON.parse(filterKey) as AuditFilter),
      filtered ? 'the sessions matching the filters' : 'the supervision audit',
      'The audit could not be exported'
    )
  }

  const count =
    shown === null
      ? ''
      : shown.entries.length >= limit
        ? `The newest ${String(shown.entries.length)} sessions${filtered ? ' that match' : ''}`
        : `${String(shown.entries.length)} ${shown.entries.length === 1 ? 'session' : 'sessions'}${filtered ? ' match' : ''}`
  const knownOperator = form.operatorId === '' || operators.some((o) => o.id === form.operatorId)

  return (
    <ListPage
      className="audit-page"
      title="Supervision audit"
      titleId="audit-title"
      count={count}
      actions={
        <>
          <RefreshButton loading={loading} onClick={() => setAttempt((n) => n + 1)} />
          <ExportButton exporting={exporting} onClick={exportCsv} />
        </>
      }
      note={note}
      filterLabel="Filter the supervision audit"
      filters={
        <>
          <Filter id={`${uid}-operator`} label="Operator">
            <select id={`${uid}-operator`} className="input select" value={form.operatorId} onChange={(event) => set('operatorId', event.target.value)}>
              <option value="">Any operator</option>
              {!knownOperator && <option value={form.operatorId}>{form.operatorId}</option>}
              {operators.map((operator) => (
                <option key={operator.id} value={operator.id}>
                  {operator.name} ({operator.extension})
                </option>
              ))}
            </select>
          </Filter>
          <Filter id={`${uid}-agent`} label="Agent">
            <AgentSelect id={`${uid}-agent`} value={form.agent} onChange={(v) => set('agent', v)} />
          </Filter>
          <DateRange idPrefix={`${uid}-date`} from={form.from} to={form.to} onFrom={(v) => set('from', v)} onTo={(v) => set('to', v)} />
          {filtered && (
            <button type="button" className="button button-small button-quiet filter-clear" onClick={() => setForm(NO_AUDIT_FILTER)}>
              Clear filters
            </button>
          )}
        </>
      }
      loading={loading}
      failed={failed}
      rows={shown === null ? null : shown.entries.length}
      empty={{
        what: 'the supervision audit',
        noMatch: 'No sessions match these filters',
        nothingYet: 'No supervision sessions yet',
        filtered,
        hint: filtered ? undefined : <span className="muted">Each Listen, Whisper or Barge is recorded here with who did it and when.</span>,
        onRetry: () => setAttempt((n) => n + 1),
        onClear: () => setForm(NO_AUDIT_FILTER)
      }}
      table={{
        label: 'Supervision sessions',
        className: 'audit-table',
        head: (
          <tr>
            <th scope="col">Started</th>
            <th scope="col">Operator</th>
            <th scope="col">Agent</th>
            <th scope="col">Call</th>
            <th scope="col">Method</th>
            <th scope="col">Modes</th>
            <th scope="col">Ended</th>
          </tr>
        ),
        body: shown?.entries.map((entry) => <AuditRow key={entry.id} entry={entry} />),
        footer: shown !== null && (
          <>
            {shown.entries.length >= limit && limit < AUDIT_MAX && (
              <div className="records-more">
                <button type="button" className="button button-small" onClick={() => setLimit((n) => Math.min(AUDIT_MAX, n + AUDIT_PAGE * 4))}>
                  Show older sessions
                </button>
              </div>
            )}
            {shown.entries.length >= AUDIT_MAX && <p className="records-more muted">The newest {AUDIT_MAX} sessions: narrow the dates to see older ones.</p>}
          </>
        )
      }}
    />
  )
}

function AuditRow({ entry }: { entry: AuditEntry }): JSX.Element {
  const length = entry.endedAt !== null ? Math.round((entry.endedAt - entry.startedAt) / 1000) : null
  return (
    <tr data-session={entry.id}>
      <td className="col-when">
        <time dateTime={isoTime(entry.startedAt)}>{dateTime(entry.startedAt)}</time>
      </td>
      <td>
        <span className="cell-main">{entry.operator?.name ?? 'No operator'}</span>
        <span className="cell-sub">Extension {entry.supervisorExtension}</span>
      </td>
      <td>
        <span className="cell-main">{entry.agentName}</span>
        <span className="cell-sub">{entry.agentExtension}</span>
      </td>
      <td>
        <span className="cell-main">{entry.customer ?? 'Unknown caller'}</span>
        <span className="cell-sub mono" title={`Agent channel ${entry.agentChannel}`}>
          {entry.callId}
        </span>
      </td>
      <td>{METHOD_LABEL[entry.method]}</td>
      <td>
        <ol className="mode-changes" aria-label="Mode changes">
          {entry.modes.map((change, index) => (
            <li key={`${String(change.at)}-${String(index)}`}>
              <span className={`tag tag-spy spy-${change.mode}`}>{MODE_LABEL[change.mode]}</span>
              <time dateTime={isoTime(change.at)}>{timeOfDay(change.at)}</time>
              <span className="muted">{HOW_LABEL[change.how]}</span>
            </li>
          ))}
        </ol>
      </td>
      <td>
        <span className="cell-main">
          {entry.endedAt !== null ? <time dateTime={isoTime(entry.endedAt)}>{timeOfDay(entry.endedAt)}</time> : '—'}
          {length !== null && <span className="muted"> · {duration(length)}</span>}
        </span>
        <span className="cell-sub">{endReasonLabel(entry.endReason)}</span>
      </td>
    </tr>
  )
}
