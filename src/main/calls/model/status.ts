/**
 * Each agent row's status and when it began: time in state. Settled after every fold (by the
 * projector, once per message, for the endpoints it touched) so a change seen live begins at the
 * `at` of the message that made it. A status learned from a list (a snapshot after a (re)connect,
 * a QueueStatus answer) began before Earshot looked: its start comes from the PBX's own figures
 * where Asterisk gives them (`LastPause`, `LastCall`, `LoginTime`), else it is unknown (null).
 * Ringing and talking are timed by the call itself (its start, its answer), as the rows show it.
 */
import type { AgentStatus } from '../../../shared/floor'
import type { FloorState, QueueMembership } from './state'
import { isReachable } from './directory'
import { onRoster } from './legs'
import { fromPbxSeconds } from './pbx-clock'

const UP = 6

/**
 * The row status of an endpoint, null when it has no row. A call outranks everything. With no
 * reachable contact Asterisk rings it in no queue: offline, unless it is paused in every queue it
 * is in (a phone switched off on a break: the pause is what the supervisor needs to see); paused
 * in some queues only, the others have lost it.
 */
export function statusOf(state: FloorState, extension: string): AgentStatus | null {
  const ep = state.endpoints.get(extension)
  if (ep === undefined || !onRoster(state, extension)) return null
  let ringing = false
  for (const id of state.channelsByEndpoint.get(extension) ?? []) {
    const ch = state.channels.get(id)
    if (ch === undefined || ch.spy !== null) continue
    if (ch.state === UP) return 'talking'
    ringing = true
  }
  if (ringing) return 'ringing'
  const memberships = state.queues.get(extension)
  if (isReachable(ep)) return isPaused(memberships) ? 'paused' : 'idle'
  return isPausedEverywhere(memberships) ? 'paused' : 'offline'
}

function isPaused(memberships: ReadonlyMap<string, QueueMembership> | undefined): boolean {
  if (memberships !== undefined) for (const m of memberships.values()) if (m.paused) return true
  return false
}

function isPausedEverywhere(memberships: ReadonlyMap<string, QueueMembership> | undefined): boolean {
  if (memberships === undefined || memberships.size === 0) return false
  for (const m of memberships.values()) if (!m.paused) return false
  return true
}

/**
 * How far apart a figure (whole PBX seconds, on a clock read to about a second) and a start the
 * model saw may lie and still be the same moment.
 */
const SAME_MOMENT_MS = 2500

/** Brings `state.statuses` in step for the endpoints changed since the last projection. */
export function settleStatuses(state: FloorState, at: number): void {
  for (const ext of state.changed) {
    const status = statusOf(state, ext)
    const learned = state.learned.has(ext)
    if (status === null) {
      state.statuses.delete(ext)
      continue
    }
    const prior = state.statuses.get(ext)
    if (prior === undefined || prior.status !== status) {
      // First sight of an endpoint, or a change read from a list: it began before, when the figures
      // say; never before the model last knew the status it ended (a figure that old tells of an
      // earlier spell): then unknown.
      let since = prior === undefined || learned ? figureSince(state, ext, status) : at
      const earliest = prior === undefined ? -Infinity : Math.max(prior.since ?? -Infinity, learned ? (state.knownUntil ?? -Infinity) : -Infinity)
      if (since !== null && since < earliest) since = null
      state.statuses.set(ext, { status, since })
    } else if (prior.since === null || learned) {
      // The same status: keep what was seen, unless the figures tell of a start it did not see.
      const figure = figureSince(state, ext, status)
      if (figure !== null && (prior.since === null || figure > prior.since + SAME_MOMENT_MS)) prior.since = figure
    }
  }
  state.learned.clear()
  state.knownUntil = null
}

/**
 * When a status the model did not see begin began, by the PBX's figures (queue members only):
 * paused since the later of its oldest pause still on and its last queue call's end (a pause
 * taken on a call is a paused row from the call's end); idle since its last queue call ended,
 * or since it joined when it never paused nor took one. A pause after the last call means it was
 * unpaused at a time nobody tells: unknown. Offline, and any agent in no queue: unknown.
 * A call outside the queues is not in these figures: after a reconnect such a call may make an
 * idle start look older than it is (said in the README).
 */
function figureSince(state: FloorState, ext: string, status: AgentStatus): number | null {
  const memberships = state.queues.get(ext)
  if (memberships === undefined || memberships.size === 0 || (status !== 'paused' && status !== 'idle')) return null
  let lastCall = 0
  let lastPause = 0
  let oldestPauseOn = Infinity
  let loginTime = Infinity
  for (const m of memberships.values()) {
    lastCall = Math.max(lastCall, m.lastCall)
    lastPause = Math.max(lastPause, m.lastPause)
    if (m.paused) oldestPauseOn = Math.min(oldestPauseOn, m.lastPause)
    if (m.loginTime > 0) loginTime = Math.min(loginTime, m.loginTime)
  }
  if (status === 'paused') return oldestPauseOn > 0 && oldestPauseOn !== Infinity ? fromPbxSeconds(state, Math.max(oldestPauseOn, lastCall)) : null
  if (lastPause > lastCall) return null
  if (lastCall > 0) return fromPbxSeconds(state, lastCall)
  return loginTime === Infinity ? null : fromPbxSeconds(state, loginTime)
}
