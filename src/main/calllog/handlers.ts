/**
 * The call log over IPC. Operators without see-everyone see only their own calls; which operator
 * was on a supervision leg (from the audit) only with configure-everything, or for one's own legs.
 */
import type { CallLogFilter } from '../../shared/records'
import type { CallContext, InvokeHandlers } from '../ipc'
import { seesEveryone } from '../operators'
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

/** An operator without see-everyone: only their own extension's calls, whatever the filter asked. */
function ownCalls(filter: CallLogFilter, caller: CallContext): CallLogFilter {
  if (seesEveryone(caller.operator)) return filter
  return { ...filter, agentExtension: caller.operator?.extension ?? '\u0000' }
}

export function callLogHandlers({ callLog, audit, region }: CallLogDeps): Pick<InvokeHandlers, 'calllog:list' | 'calllog:get' | 'calllog:export'> {
  return {
    'calllog:list': (filter, caller) => callLog.list(ownCalls(filter, caller), region()),
    'calllog:get': ({ id }, caller) => {
      const entry = callLog.get(id)
      if (entry === null || (!seesEveryone(caller.operator) && entry.agentExtension !== caller.operator?.extension)) throw new Error('No such call in the log.')
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
      text: callLogToCsv(callLog.iterate({ ...ownCalls(filter, caller), limit: undefined, offset: undefined }, region()))
    })
  }
}
