import type { AgentCall, AgentPause, AgentRow, AgentStatus, Supervisor } from '../../shared/floor'
import type { ChannelRecord, FloorState } from './model/state'
import { customerOf, onRoster } from './model/legs'
import { statusOf } from './model/status'
import { unansweredRingsOf } from './model/rings'

const UP = 6

function supervisorsOf(state: FloorState, uniqueid: string): Supervisor[] {
  const out: Supervisor[] = []
  for (const session of state.spies.values()) {
    if (session.spyee !== uniqueid) continue
    const spyer = state.channels.get(session.spyer)
    if (spyer === undefined) continue
    out.push({ extension: spyer.endpoint ?? spyer.name, mode: spyer.spy?.mode ?? 'unknown' })
  }
  return out
}

function callOf(state: FloorState, ch: ChannelRecord): AgentCall {
  const customer = customerOf(state, ch)
  const talking = ch.state === UP
  return {
    id: ch.uniqueid,
    channel: ch.name,
    state: talking ? 'talking' : 'ringing',
    onHold: ch.onHold,
    customer: customer.number,
    customerName: customer.name,
    internal: customer.internal,
    direction: ch.direction ?? 'inbound',
    startedAt: ch.createdAt,
    answeredAt: talking ? (ch.answeredAt ?? ch.createdAt) : null,
    answeredAtApprox: talking && ch.answeredAtApprox,
    heldSince: ch.onHold ? heldSince(ch) : null,
    supervisors: state.spies.size === 0 ? [] : supervisorsOf(state, ch.uniqueid)
  }
}

/** When the hold now on began: the last hold on the leg's timeline (null when it was on hold before Earshot looked). */
function heldSince(ch: ChannelRecord): number | null {
  for (let i = ch.timeline.length - 1; i >= 0; i--) {
    const e = ch.timeline[i]
    if (e?.kind === 'hold') return e.at
    if (e?.kind === 'unhold') return null
  }
  return null
}

/** Talking beats ringing, an active call beats one on hold, then the oldest first. */
function rank(call: AgentCall): number {
  if (call.state === 'ringing') return 2
  return call.onHold ? 1 : 0
}

/** The agent's pause across its queues (queue names sorted), or null when it is paused in none. */
function pauseOf(state: FloorState, extension: string): AgentPause | null {
  const memberships = state.queues.get(extension)
  if (memberships === undefined) return null
  let reason: string | null = null
  const queues: string[] = []
  const active: string[] = []
  for (const [queue, membership] of memberships) {
    if (!membership.paused) {
      active.push(queue)
      continue
    }
    queues.push(queue)
    if (reason === null && membership.reason !== '') reason = membership.reason
  }
  if (queues.length === 0) return null
  return { reason, queues: queues.sort(), active: active.sort() }
}

/** The row a supervisor sees for one agent extension, or null for an unknown extension. */
export function agentRow(state: FloorState, extension: string): AgentRow | null {
  const ep = state.endpoints.get(extension)
  if (ep === undefined) return null
  if (!onRoster(state, extension)) return null
  const calls: AgentCall[] = []
  for (const uniqueid of state.channelsByEndpoint.get(extension) ?? []) {
    const ch = state.channels.get(uniqueid)
    // Supervisor spy legs are not calls of the agent who placed them.
    if (ch !== undefined && ch.spy === null) calls.push(callOf(state, ch))
  }
  calls.sort((a, b) => rank(a) - rank(b) || a.startedAt - b.startedAt)

  const pause = pauseOf(state, extension)

  const first = calls[0]
  const status: AgentStatus = statusOf(state, extension) ?? 'offline'
  // Ringing and talking are timed by the call; the others from when the model saw them begin (status.ts).
  const statusSince =
    first !== undefined ? (first.state === 'talking' ? first.answeredAt : first.startedAt) : (state.statuses.get(extension)?.since ?? null)

  return {
    extension,
    name: ep.displayName ?? extension,
    status,
    statusSince,
    pauseReason: pause?.reason ?? null,
    pause,
    calls,
    unansweredRings: unansweredRingsOf(state, extension)
  }
}

/** Every agent row, ordered by extension (numeric-aware, so 999 comes before 1000). */
export function agentRows(state: FloorState): AgentRow[] {
  const rows: AgentRow[] = []
  for (const extension of [...state.endpoints.keys()].sort(compareExtensions)) {
    const row = agentRow(state, extension)
    if (row !== null) rows.push(row)
  }
  return rows
}

const collator = new Intl.Collator('en', { numeric: true })
export function compareExtensions(a: string, b: string): number {
  return collator.compare(a, b)
}
