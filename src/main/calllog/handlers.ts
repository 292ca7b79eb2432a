/**
 * The call log over IPC. Operators without see-everyone see only their own calls, and not whether
 * they were supervised (as on the floor); which operator was on a supervision leg (from the audit)
 * only with configure-everything, or for one's own legs.
 */
import type { CallLogFilter, CallLogSummary } from '../../shared/records'
import type { CallContext, InvokeHandlers } from '../ipc'
import { ownCallEntry, ownCallSummary, seesEveryone } from '../operators'
import type { SupervisionAudit } from '../supervision'
import type { CallLog } from './call-log-repository'
import { callLogToCsv } from './export'

export interface CallLogDeps {
  callLog: CallLog
  /** Names the operator on each of Earshot's own legs. */
  audit: Pick<SupervisionAudit, 'list'>
  region: () => string
}

const stamp = (): string => new Date().toISOString().slice(0, 10)

/**
 * An operator without see-everyone: only their own extension's calls, whatever the filter asked,
 * and "monitored only" filters nothing (what it left out would say which calls were supervised).
 */
function ownCalls(filter: CallLogFilter, caller: CallContext): CallLogFilter {
  if (seesEveryone(caller.operator)) return filter
  const { monitoredOnly: _unseen, ...rest } = filter
  return { ...rest, agentExtension: caller.operator?.extension ?? '\u0000' }
}

/** The calls as the caller may see them (see `ownCallSummary`). */
function* seenBy<S extends CallLogSummary>(calls: Iterable<S>, caller: CallContext): Generator<S> {
  const all = seesEveryone(caller.operator)
  for (const call of calls) yield all ? call : ownCallSummary(call)
}

export function callLogHandlers({ callLog, audit, region }: CallLogDeps): Pick<InvokeHandlers, 'calllog:list' | 'calllog:get' | 'calllog:export'> {
  return {
    'calllog:list': (filter, caller) => {
      const page = callLog.list(ownCalls(filter, caller), region())
      return { ...page, entries: [...seenBy(page.entries, caller)] }
    },
    'calllog:get': ({ id }, caller) => {
      const entry = callLog.get(id)
      if (entry === null || (!seesEveryone(caller.operator) && entry.agentExtension !== caller.operator?.extension)) throw new Error('No such call in the log.')
      if (!seesEveryone(caller.operator)) return ownCallEntry(entry)
      // Which operator was on each of Earshot's own legs: from the supervision audit of this call.
      const sessions = audit.list({ callId: entry.id })
      // Who supervised is the audit's (configure-everything); others learn only their own legs' operator.
      const namesAll = caller.operator?.scopes.includes('configure-everything') === true
      // Own by the audit's operator, not by extension: the softphone's extension is the desk's, shared by all who sign in there.
      const operatorAt = (supervisor: string, at: number): string | null => {
        const session = sessions.find((s) => s.supervisorExtension === supervisor && s.startedAt <= at + 1000 && (s.endedAt ?? Infinity) >= at - 1000)
        if (session === undefined || (!namesAll && session.operator?.id !== caller.operator?.id)) return null
        return session.operator?.name ?? null
      }
      return {
        ...entry,
        timeline: entry.timeline.map((e) =>
          e.kind === 'supervision-joined' || e.kind === 'supervision-mode' || e.kind === 'supervision-left' ? { ...e, operator: operatorAt(e.supervisor, e.at) } : e
        )
      }
    },
    'calllog:export': (filter, caller) => ({
      fileName: `earshot-call-log-${stamp()}.csv`,
      text: callLogToCsv(seenBy(callLog.iterate({ ...ownCalls(filter, caller), limit: undefined, offset: undefined }, region()), caller))
    })
  }
}
