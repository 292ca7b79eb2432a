/** Listen / Whisper / Barge and its audit over IPC (the router checks who may call each channel). */
import type { Operator, SupervisionSessions } from '../../shared/contract'
import type { InvokeHandlers } from '../ipc'
import type { AuditFilter as AuditQuery, SupervisionAudit } from './audit'
import { auditToCsv } from './audit-csv'
import type { SupervisionService } from './service'

type SupervisionChannel = 'supervision:start' | 'supervision:switch' | 'supervision:end' | 'supervision:sessions' | 'audit:list' | 'audit:export'

export interface SupervisionHandlersDeps {
  service: SupervisionService
  /** The sessions the signed-in operator sees, and whether supervision is offered at all. */
  sessions: () => SupervisionSessions
  audit: SupervisionAudit
}

/** Supervision as an operator sees it: their own sessions (all of this machine's with configure-everything), and whether it is offered at all. */
export function visibleSessions(service: SupervisionService, operator: Operator | null): SupervisionSessions {
  // Who listened to whom is sensitive: one's own sessions only, unless one configures everything.
  const all = operator === null ? [] : service.sessions()
  const sessions = operator?.scopes.includes('configure-everything') === true ? all : all.filter((s) => s.supervisorExtension === operator?.extension)
  return { sessions, availability: service.availability() }
}

const stamp = (): string => new Date().toISOString().slice(0, 10)

function auditQuery(f: { operatorId?: string; agentExtension?: string; from?: number; to?: number; limit?: number }): AuditQuery {
  return { operatorId: f.operatorId, agentExtension: f.agentExtension, since: f.from, until: f.to, limit: f.limit }
}

export function supervisionHandlers({ service, sessions, audit }: SupervisionHandlersDeps): Pick<InvokeHandlers, SupervisionChannel> {
  return {
    'supervision:start': (request) => service.start(request),
    'supervision:switch': (request) => service.switchMode(request),
    'supervision:end': ({ sessionId }) => service.end(sessionId),
    'supervision:sessions': () => sessions(),
    'audit:list': (filter) => ({ entries: audit.list(auditQuery(filter)) }),
    'audit:export': (filter) => ({ fileName: `earshot-supervision-audit-${stamp()}.csv`, text: auditToCsv(audit.list({ ...auditQuery(filter), limit: filter.limit ?? 1000 })) })
  }
}
