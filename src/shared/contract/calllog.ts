/** The call log: completed calls, one call, and its CSV. */
import { z } from 'zod'
import { CallLogEntry, CallLogFilter, CallLogPage } from '../records'
import { FileOut, Id, type InvokeSpec } from './common'

/** Whether calls that end reach the call log. Main tells every change; the floor snapshot carries the latest. */
export const CallLogWriteStatus = z.object({
  /** Why the call log cannot be written now, in words (the disk is full, ...); null while writes work. */
  failing: z.string().nullable(),
  /** Calls that ended and wait in memory until the call log can take them. */
  waiting: z.number().int().nonnegative(),
  /** Calls given up since writing began to fail: more were waiting than are kept (the oldest go). */
  dropped: z.number().int().nonnegative()
})
export type CallLogWriteStatus = z.infer<typeof CallLogWriteStatus>

export const CALL_LOG_WRITES_OK: CallLogWriteStatus = { failing: null, waiting: 0, dropped: 0 }

export const calllogStreams = {
  'calllog:write-status': CallLogWriteStatus
} as const

export const calllogInvoke = {
  /** Completed calls, newest first. Without see-everyone, only the operator's own. */
  'calllog:list': { access: 'operator', request: CallLogFilter, response: CallLogPage },
  'calllog:get': { access: 'operator', request: z.object({ id: Id }).strict(), response: CallLogEntry },
  'calllog:export': { access: 'operator', request: CallLogFilter, response: FileOut }
} as const satisfies Record<string, InvokeSpec>
