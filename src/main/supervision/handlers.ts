/** Listen / Whisper / Barge and its audit over IPC (the router checks who may call each channel). */
import type { Operator, SupervisionSessions } from '../../shared/contract'
import { supervisionModes } from '../../shared/settings'
import type { SupervisionMode, SupervisionSession } from '../../shared/supervision'
import { type InvokeHandlers, IpcFailure } from '../ipc'
import { seesRow } from '../operators'
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

/**
 * Whose sessions an operator sees and may switch or end: their own, or all of this machine's with
 * configure-everything. Who listened to whom is sensitive. A session is its operator's; by extension
 * only one started before operators existed: the desk softphone's extension is shared by everyone
 * who signs in there, so an agent signing in at their own desk after a supervisor used it would
 * read whom that supervisor listened to.
 */
function mayHandle(operator: Operator, session: SupervisionSession): boolean {
  if (operator.scopes.includes('configure-everything')) return true
  return session.operator == null ? session.supervisorExtension === operator.extension : session.operator.id === operator.id
}

/** Supervision as an operator sees it: the sessions they may handle, and whether it is offered at all. */
export function visibleSessions(service: SupervisionService, operator: Operator | null): SupervisionSessions {
  const sessions = operator === null ? [] : service.sessions().filter((s) => mayHandle(operator, s))
  return { sessions, availability: service.availability() }
}

/** Refuses a mode the operator's scopes do not allow (the router let them through for holding some mode). */
function assertMode(operator: Operator | null, mode: SupervisionMode): void {
  if (operator !== null && supervisionModes(operator.scopes).includes(mode)) return
  const name = operator?.name ?? 'Nobody'
  throw new IpcFailure({ code: 'forbidden', message: `${name} may not ${MODE_VERB[mode]} (the supervise:${mode} scope). Ask an admin.` })
}

/**
 * Refuses switching or ending a session the operator may not see (another operator's). Looked up
 * among every session the service still holds, not only those it lists: one that ended a while ago
 * is no one else's to read back either.
 */
function assertOwn(service: SupervisionService, operator: Operator | null, sessionId: string): void {
  const session = service.session(sessionId)
  if (session === null) throw new IpcFailure({ code: 'failed', message: 'No such supervision session' })
  if (operator !== null && mayHandle(operator, session)) return
  throw new IpcFailure({ code: 'forbidden', message: `This supervision was started by ${session.operator?.name ?? 'another operator'}; only they or an admin may change it.` })
}

/**
 * Refuses supervising a call the operator may not see on their floor (the agent's row: everyone's
 * with see-everyone). Listening tells more than the row would: the supervise scopes alone (or
 * configure-everything, which implies them) reach no call that is not on the operator's screen.
 */
function assertOnTheirFloor(operator: Operator | null, agentExtension: string): void {
  if (seesRow(operator, agentExtension)) return
  throw new IpcFailure({ code: 'forbidden', message: `${operator?.name ?? 'Nobody'} may supervise only calls on their floor: other agents' calls need the see-everyone scope too. Ask an admin.` })
}

const MODE_VERB: Readonly<Record<SupervisionMode, string>> = { listen: 'listen in', whisper: 'whisper to agents', barge: 'barge in' }

const stamp = (): string => new Date().toISOString().slice(0, 10)

function auditQuery(f: { operatorId?: string; agentExtension?: string; from?: number; to?: number; limit?: number }): AuditQuery {
  return { operatorId: f.operatorId, agentExtension: f.agentExtension, since: f.from, until: f.to, limit: f.limit }
}

export function supervisionHandlers({ service, sessions, audit }: SupervisionHandlersDeps): Pick<InvokeHandlers, SupervisionChannel> {
  return {
    'supervision:start': (request, { operator }) => {
      assertMode(operator, request.mode)
      assertOnTheirFloor(operator, request.agentExtension)
      return service.start(request)
    },
    'supervision:switch': (request, { operator }) => {
      assertMode(operator, request.mode)
      assertOwn(service, operator, request.sessionId)
      return service.switchMode(request)
    },
    'supervision:end': ({ sessionId }, { operator }) => {
      assertOwn(service, operator, sessionId)
      return service.end(sessionId)
    },
    'supervision:sessions': () => sessions(),
    'audit:list': (filter) => ({ entries: audit.list(auditQuery(filter)) }),
    'audit:export': (filter) => ({ fileName: `earshot-supervision-audit-${stamp()}.csv`, text: auditToCsv(audit.list({ ...auditQuery(filter), limit: filter.limit ?? 1000 })) })
  }
}
