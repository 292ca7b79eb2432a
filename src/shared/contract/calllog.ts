/** The call log: completed calls, one call, and its CSV. */
import { z } from 'zod'
import { CallLogEntry, CallLogFilter, CallLogPage } from '../records'
import { FileOut, Id, type InvokeSpec } from './common'

export const calllogInvoke = {
  /** Completed calls, newest first. Without see-everyone, only the operator's own. */
  'calllog:list': { access: 'operator', request: CallLogFilter, response: CallLogPage },
  'calllog:get': { access: 'operator', request: z.object({ id: Id }).strict(), response: CallLogEntry },
  'calllog:export': { access: 'operator', request: CallLogFilter, response: FileOut }
} as const satisfies Record<string, InvokeSpec>
