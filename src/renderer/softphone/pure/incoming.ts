/**
 * What to do with an incoming INVITE, pure. Only a leg Earshot is waiting for is answered by
 * itself: its caller ID number is the one-time token of a `ringing` supervision session
 * (`expectedSession`), used at most once; a leg of a session that waits for none, or one shaped as
 * a token that no session claims, is turned away.
 * Everything else is an ordinary call that rings with Accept / Decline — or is turned away as busy
 * when the softphone already has a call.
 */
import { SUPERVISION_TOKEN, type SupervisionSession, expectedSession } from '../../../shared/supervision'

export type IncomingDecision =
  /** Earshot's own leg: answer now. */
  | { kind: 'supervision'; session: SupervisionSession }
  /**
   * Shaped like a token but not (yet) in the sessions: main may not have streamed the session
   * before the INVITE arrived. Wait for the next sessions update (up to TOKEN_WAIT_MS), then refuse.
   */
  | { kind: 'wait' }
  /** An ordinary call: ring, the supervisor accepts or declines. */
  | { kind: 'ordinary' }
  /** An ordinary call while the softphone already has one: 486 Busy Here. */
  | { kind: 'busy' }
  /**
   * A leg of one of this machine's sessions that waits for none (answered already, ended, End
   * pressed), or a token-shaped call no session here claims: turned away. Rung as an ordinary
   * call, its Accept would put the microphone into a ChanSpy the screen does not show.
   */
  | { kind: 'refuse' }

/** How long a token-shaped call waits for its session before it counts as ordinary. */
export const TOKEN_WAIT_MS = 2000

export interface IncomingContext {
  sessions: readonly SupervisionSession[]
  /** Tokens already answered: a token opens one leg only. */
  usedTokens: ReadonlySet<string>
  /** A call in progress or ringing (supervision or ordinary). */
  busy: boolean
  /** The token-shaped call has waited TOKEN_WAIT_MS already. */
  waited: boolean
}

export function classifyIncoming(callerNumber: string, context: IncomingContext): IncomingDecision {
  const used = context.usedTokens.has(callerNumber)
  if (!used) {
    const session = expectedSession(context.sessions, callerNumber)
    if (session !== null) return { kind: 'supervision', session }
  }
  if (used || context.sessions.some((s) => s.token === callerNumber)) return { kind: 'refuse' }
  // Shaped as Earshot's token but no session here after the wait: a supervision leg nobody at this
  // desk asked for (another operator's, whose sessions this one is not shown; one main forgot).
  if (SUPERVISION_TOKEN.test(callerNumber)) return context.waited ? { kind: 'refuse' } : { kind: 'wait' }
  return context.busy ? { kind: 'busy' } : { kind: 'ordinary' }
}

/** The caller for the incoming-call card: name and number when both are known. */
export function callerWords(displayName: string | undefined, number: string): { name: string; number: string | null } {
  const name = (displayName ?? '').trim()
  if (name === '' || name === number) return { name: number === '' ? 'Unknown caller' : number, number: null }
  return { name, number: number === '' ? null : number }
}
