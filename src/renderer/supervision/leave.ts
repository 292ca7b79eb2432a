/**
 * Leaving the console during a live supervision call (signing out, closing or reloading the
 * window) hangs the supervisor's leg up: ask first. Pure, so the words are tested on their own.
 */
import type { SupervisionSession } from '../../shared/supervision'
import { MODE_LABEL } from './supervise'

/** The session that leaving would end: the newest one not ended (ringing or connected), or null. */
export function liveSupervision(sessions: readonly SupervisionSession[]): SupervisionSession | null {
  let live: SupervisionSession | null = null
  for (const session of sessions) {
    if (session.phase !== 'ended' && (live === null || session.startedAt >= live.startedAt)) live = session
  }
  return live
}

/** The question for signing out with `session` live. */
export function signOutQuestion(session: SupervisionSession): { title: string; text: string; confirmLabel: string } {
  const call = session.customerName ?? session.customer
  const whose = call === null ? `${session.agentName}’s call` : `${session.agentName}’s call with ${call}`
  return {
    title: 'Sign out during a call?',
    text: `You are on ${whose} (${MODE_LABEL[session.mode]}). Signing out ends your leg; the agent and the customer stay connected.`,
    confirmLabel: 'End my leg and sign out'
  }
}
