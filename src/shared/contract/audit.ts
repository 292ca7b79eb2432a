/** The supervision audit: who listened to whom, when, and its CSV. */
import { z } from 'zod'
import { SupervisionSession } from '../supervision'
import { FileOut, Id, type InvokeSpec } from './common'

/** Supervision audit filter: by operator, agent, date range. */
export const AuditFilter = z
  .object({
    operatorId: Id.optional(),
    agentExtension: z.string().max(80).optional(),
    from: z.number().optional(),
    to: z.number().optional(),
    limit: z.number().int().min(1).max(1000).optional()
  })
  .strict()
export type AuditFilter = z.infer<typeof AuditFilter>

export const AuditEntry = SupervisionSession.pick({
  id: true,
  operator: true,
  supervisorExtension: true,
  agentExtension: true,
  agentName: true,
  agentChannel: true,
  callId: true,
  customer: true,
  method: true,
  startedAt: true,
  endedAt: true,
  modes: true
}).extend({ endReason: z.string().nullable() })
export type AuditEntry = z.infer<typeof AuditEntry>

export const auditInvoke = {
  'audit:list': { access: 'configure-everything', request: AuditFilter, response: z.object({ entries: z.array(AuditEntry) }) },
  'audit:export': { access: 'configure-everything', request: AuditFilter, response: FileOut }
} as const satisfies Record<string, InvokeSpec>
