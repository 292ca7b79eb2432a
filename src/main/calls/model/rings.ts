/**
 * Unanswered rings: per agent, how many offered calls in a row stopped ringing without the agent
 * answering them (the caller gave up, the queue's ring timed out and it rang someone else, the
 * phone rejected it; not a ring cancelled because a colleague answered). An answer resets the count. Kept in the one model, updated where channels are answered and
 * removed, so every view of it (the rows, the alerts) reads the same figure.
 */
import type { Ending } from './channels'
import type { ChannelRecord, FloorState } from './state'

/**
 * Q.850 cause 26 ("answered elsewhere"): Asterisk hangs up the other phones a ringall queue or a
 * Dial to several phones rang when one of them answers. That phone did not fail to answer.
 */
const ANSWERED_ELSEWHERE = 26
import { isAgentLeg } from './legs'

/** A call offered to the agent's phone: an agent leg it did not place (inbound, or rung with no Dial seen yet). */
function offered(state: FloorState, ch: ChannelRecord): boolean {
  return ch.direction !== 'outbound' && isAgentLeg(state, ch)
}

/** The agent answered an offered call: its run of unanswered rings ends. */
export function ringAnswered(state: FloorState, ch: ChannelRecord): void {
  if (ch.endpoint !== null && offered(state, ch)) state.unansweredRings.delete(ch.endpoint)
}

/**
 * A channel left. An offered leg that was never answered and hung up (seen: not a resync, which
 * cannot tell whether it was answered meanwhile; not cancelled because a colleague answered) adds
 * one to its agent's run.
 */
export function ringEnded(state: FloorState, ch: ChannelRecord, end: Ending): void {
  if (end.closedBy !== 'hangup' || end.cause === ANSWERED_ELSEWHERE) return
  if (ch.answeredAt !== null || ch.endpoint === null || !offered(state, ch)) return
  state.unansweredRings.set(ch.endpoint, (state.unansweredRings.get(ch.endpoint) ?? 0) + 1)
}

/**
 * A (re)connect's snapshot is in. What the agents did while Earshot was not listening is unknown
 * (a missed call, or an answer that would have ended the run), and the PBX keeps no such count to
 * ask for: unknown counts as none, so the figure never overstates and no alert rests on a guess.
 */
export function forgetRings(state: FloorState): void {
  for (const endpoint of state.unansweredRings.keys()) state.changed.add(endpoint)
  state.unansweredRings.clear()
}

/** The agent's current run of unanswered rings (0 when none, or unknown since a reconnect). */
export function unansweredRingsOf(state: FloorState, extension: string): number {
  return state.unansweredRings.get(extension) ?? 0
}
