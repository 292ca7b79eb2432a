/**
 * The saved form of a call the call log has not written yet (the store's `open_calls.call`, JSON):
 * what is known so far, so a call in progress when Earshot quit, crashed or was killed is still
 * logged once the next Earshot has seen the PBX again. Versioned (`v`) so a later Earshot can read
 * what this one saved.
 */
import { z } from 'zod'
import { Direction, SpyMode } from '../../shared/floor'
import { CallLogEntry, TimelineEvent } from '../../shared/records'

/** A call in progress: the engine's open call, less the floor's live channel record. */
export const SavedOpenCall = z.object({
  v: z.literal(1),
  state: z.literal('open'),
  id: z.string(),
  linkedid: z.string(),
  agentChannel: z.string(),
  /** Uniqueid of the channel that dialled the agent's leg (the caller), when known. */
  dialledBy: z.string().nullable(),
  extension: z.string(),
  agentName: z.string(),
  customerNumber: z.string().nullable(),
  customerName: z.string().nullable(),
  direction: Direction,
  startedAt: z.number(),
  answeredAt: z.number().nullable(),
  answeredAtApprox: z.boolean(),
  /**
   * How far after an estimated `answeredAt` the answer may lie (ms; see ChannelRecord.answerWindow),
   * so the next connection can still check the PBX's answer time against it. Absent in what an
   * Earshot before it saved: no window.
   */
  answerWindow: z.number().nonnegative().optional(),
  onHold: z.boolean(),
  /** Supervisors on the call, by their spy leg's Uniqueid. */
  spies: z.array(z.object({ leg: z.string(), supervisor: z.string(), mode: SpyMode })),
  monitored: z.boolean(),
  dialStatus: z.string().nullable(),
  cancelled: z.boolean(),
  /** A queue rang this leg (AgentCalled). */
  viaQueue: z.boolean(),
  /** When the call was last known to be up, if it is no longer known to be (the connection dropped, Earshot restarted). */
  lostAt: z.number().nullable(),
  timeline: z.array(TimelineEvent)
})
export type SavedOpenCall = z.infer<typeof SavedOpenCall>

/** A call that hung up unanswered and waits (a second at most) to know whether its caller abandoned. */
export const SavedPendingCall = z.object({
  v: z.literal(1),
  state: z.literal('pending'),
  id: z.string(),
  call: CallLogEntry.omit({ customerE164: true, customerId: true }),
  caller: z.string(),
  viaQueue: z.boolean(),
  deadline: z.number()
})
export type SavedPendingCall = z.infer<typeof SavedPendingCall>

export const SavedCall = z.discriminatedUnion('state', [SavedOpenCall, SavedPendingCall])
export type SavedCall = z.infer<typeof SavedCall>

/** Reads a saved call's JSON; throws (a ZodError or SyntaxError) when it is not one. */
export function parseSavedCall(json: string): SavedCall {
  return SavedCall.parse(JSON.parse(json))
}

/**
 * The identity of a connection whose open calls are saved: the AMI user at the AMI address. Calls
 * saved under another identity were on another PBX (or another view of it) and can never be
 * matched against this connection's channels.
 */
export function callLogSource(url: string, username: string): string {
  return `${username.trim()}@${url.trim().replace(/\/+$/, '').toLowerCase()}`
}
