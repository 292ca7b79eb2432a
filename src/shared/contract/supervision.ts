/** Listen / Whisper / Barge: starting, switching and ending supervision sessions. */
import { z } from 'zod'
import { SupervisionMode, SupervisionSession } from '../supervision'
import { Empty, type InvokeSpec } from './common'

/**
 * Supervision sessions of this machine (live ones and those ended in the last minutes), and
 * whether Listen/Whisper/Barge can be offered at all (not when no feature codes are set and
 * direct ChanSpy is not chosen; `reason` is the one line admins see).
 */
export const SupervisionSessions = z.object({
  sessions: z.array(SupervisionSession),
  availability: z.object({
    available: z.boolean(),
    reason: z.string().nullable(),
    /** The settings section that fixes it, when one does (the note on the floor links there). */
    settings: z.enum(['pbx', 'softphone']).nullable().optional()
  })
})
export type SupervisionSessions = z.infer<typeof SupervisionSessions>

const SessionId = z.string().min(1).max(64)

/** The switch main chose: DTMF the softphone sends on the leg, or a new leg main originated. */
export const SupervisionSwitch = z.union([
  z.object({ how: z.literal('dtmf'), digit: z.enum(['4', '5', '6']), session: SupervisionSession }),
  z.object({ how: z.literal('re-originate'), session: SupervisionSession })
])
export type SupervisionSwitch = z.infer<typeof SupervisionSwitch>

export const supervisionInvoke = {
  /** Listen / Whisper / Barge on an agent's call: main originates the supervisor's leg. */
  'supervision:start': {
    access: 'configure-everything',
    request: z.object({ agentExtension: z.string().min(1).max(64), callId: z.string().min(1).max(64), mode: SupervisionMode }).strict(),
    response: SupervisionSession
  },
  /** Change mode in-call; `canSendDtmf` false makes main re-originate instead. */
  'supervision:switch': {
    access: 'configure-everything',
    request: z.object({ sessionId: SessionId, mode: SupervisionMode, canSendDtmf: z.boolean() }).strict(),
    response: SupervisionSwitch
  },
  /** End the supervisor's leg only (the agent's call is never touched). */
  'supervision:end': { access: 'configure-everything', request: z.object({ sessionId: SessionId }).strict(), response: SupervisionSession },
  'supervision:sessions': { access: 'operator', request: Empty, response: SupervisionSessions }
} as const satisfies Record<string, InvokeSpec>

export const supervisionStreams = {
  'supervision:sessions': SupervisionSessions
} as const
