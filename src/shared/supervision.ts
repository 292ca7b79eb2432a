/**
 * Supervision sessions: a supervisor's own call leg joined to an agent's call in one mode. Main
 * owns them (it originates the leg over AMI and follows it); the renderer's softphone answers the
 * leg whose caller ID carries the session's one-time token. An ended session is the record the
 * supervision audit stores.
 */
import { z } from 'zod'

export const SupervisionMode = z.enum(['listen', 'whisper', 'barge'])
export type SupervisionMode = z.infer<typeof SupervisionMode>

/** Feature codes in the admin's dialplan, or ChanSpy run directly by the Originate. */
export const SupervisionMethod = z.enum(['feature-codes', 'chanspy'])
export type SupervisionMethod = z.infer<typeof SupervisionMethod>

/** How a mode was reached: the first Originate, DTMF 4/5/6 on the leg, or hanging up and originating again. */
export const ModeChange = z.object({
  at: z.number(),
  mode: SupervisionMode,
  how: z.enum(['initial', 'dtmf', 're-originate'])
})
export type ModeChange = z.infer<typeof ModeChange>

/**
 * ringing: the PBX is ringing the supervisor's softphone; connected: the leg is answered and
 * ChanSpy has joined the agent's call; ended: over (see endReason).
 */
export const SupervisionPhase = z.enum(['ringing', 'connected', 'ended'])
export type SupervisionPhase = z.infer<typeof SupervisionPhase>

export const SupervisionEndReason = z.enum([
  /** The supervisor pressed End or hung up the softphone. */
  'supervisor-hung-up',
  /** The agent's call ended (ChanSpy `E`), before or after the leg was answered. */
  'call-ended',
  /** The softphone did not answer the leg in time (or answered, and ChanSpy never joined the call: see `error`). */
  'not-answered',
  /** Asterisk refused or could not place the Originate (see `error`). */
  'originate-failed',
  /** The leg was replaced by a new one in another mode. */
  're-originated',
  /** ChanSpy joined another call than the one chosen (see `error`): the leg was hung up at once. */
  'wrong-call',
  /** A mode switch by DTMF that the PBX never confirmed (see `error`): the leg was hung up. */
  'switch-unconfirmed',
  /** The AMI connection was lost, or the floor switched to another PBX. */
  'connection-lost',
  /** Its operator signed out, or another signed in at this desk: the leg was hung up. */
  'operator-changed'
])
export type SupervisionEndReason = z.infer<typeof SupervisionEndReason>

export const SupervisionSession = z.object({
  id: z.string(),
  /** The operator who started it (null before operators exist on this machine). */
  operator: z.object({ id: z.string(), name: z.string() }).nullable(),
  supervisorExtension: z.string(),
  agentExtension: z.string(),
  agentName: z.string(),
  /** The agent channel spied on (exact name) and its Uniqueid: the call. */
  agentChannel: z.string(),
  callId: z.string(),
  customer: z.string().nullable(),
  customerName: z.string().nullable(),
  method: SupervisionMethod,
  mode: SupervisionMode,
  /**
   * A switch by DTMF to `mode` that the PBX has not confirmed yet: the leg may still be in the mode
   * before (Barge, on the way to Whisper), so the softphone sends the microphone only to a mode
   * everyone hears anyway. Absent: none pending.
   */
  switchPending: z.boolean().optional(),
  /**
   * End was asked for and the leg is not hung up yet (it may not even have rung): the softphone
   * turns a leg of it away and sends it no microphone. Absent: not asked.
   */
  ending: z.boolean().optional(),
  phase: SupervisionPhase,
  /** The one-time tag in the leg's caller ID number: the softphone auto-answers only this. */
  token: z.string(),
  /** The supervisor's leg (`PJSIP/2001-0000002a`) once Asterisk created it. */
  legChannel: z.string().nullable(),
  startedAt: z.number(),
  answeredAt: z.number().nullable(),
  endedAt: z.number().nullable(),
  endReason: SupervisionEndReason.nullable(),
  /** What went wrong, in words, when it did. */
  error: z.string().nullable(),
  modes: z.array(ModeChange)
})
export type SupervisionSession = z.infer<typeof SupervisionSession>

/** Caller ID numbers Earshot puts on its legs: `es` + 12 hex digits, fresh per leg. */
export const SUPERVISION_TOKEN = /^es[0-9a-f]{12}$/

/** Is this incoming call's caller ID number the token of a leg Earshot is waiting for? */
export function expectedSession(sessions: readonly SupervisionSession[], callerNumber: string): SupervisionSession | null {
  if (!SUPERVISION_TOKEN.test(callerNumber)) return null
  return sessions.find((s) => s.phase === 'ringing' && s.ending !== true && s.token === callerNumber) ?? null
}

/** ChanSpy's `d` option: the digit that switches a leg to each mode in-call. */
export const MODE_DTMF: Readonly<Record<SupervisionMode, '4' | '5' | '6'>> = { listen: '4', whisper: '5', barge: '6' }
