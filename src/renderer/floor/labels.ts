import type { AgentCall, AgentRow, AgentStatus, Direction, SpyMode } from '../../shared/floor'

export const STATUS_ORDER: readonly AgentStatus[] = ['idle', 'ringing', 'talking', 'paused', 'offline']

export const STATUS_LABEL: Readonly<Record<AgentStatus, string>> = {
  idle: 'Idle',
  ringing: 'Ringing',
  talking: 'Talking',
  paused: 'Paused',
  offline: 'Offline'
}

export const DIRECTION_LABEL: Readonly<Record<Direction, string>> = {
  inbound: 'Incoming',
  outbound: 'Outgoing'
}

export const SPY_LABEL: Readonly<Record<SpyMode, string>> = {
  listen: 'listening',
  whisper: 'whispering',
  barge: 'barging',
  unknown: 'monitoring'
}

/**
 * The row's pause beside its status (a call outranks paused, the pause still holds): the reason,
 * and the queues when not all of the agent's; the title says which queues still ring the agent.
 * Null when not paused, or when a paused row has nothing to add to its badge.
 */
export function pauseWords(row: AgentRow): { text: string; title: string } | null {
  const pause = row.pause
  if (pause === null) return null
  const partly = pause.active.length > 0
  const only = partly ? `${pause.queues.join(', ')} only` : null
  const state = row.status === 'paused' ? pause.reason : pause.reason === null ? 'paused' : `paused (${pause.reason})`
  const text = [state, only].filter((part) => part !== null && part !== '').join(' · ')
  if (text === '') return null
  const why = pause.reason === null ? '' : ` (${pause.reason})`
  const title = `Paused in ${pause.queues.join(', ')}${why}${partly ? `; still takes calls from ${pause.active.join(', ')}` : ''}`
  return { text, title }
}

/** The call that decides the row's status (the engine puts it first). */
export function primaryCall(row: AgentRow): AgentCall | null {
  return row.calls[0] ?? null
}

/** What the Time column counts from: talk time once answered, ringing time before. */
export function callClockStart(call: AgentCall): number {
  return call.answeredAt ?? call.startedAt
}

/**
 * When the row's time in state counts from: its call's clock (talk, else ringing), else when its
 * status began; null when nothing tells (shown as unknown).
 */
export function stateClockStart(row: AgentRow): number | null {
  const call = primaryCall(row)
  return call === null ? row.statusSince : callClockStart(call)
}

/** The customer in words: their name when the PBX knows it, else the number. */
export function customerLabel(call: AgentCall): string | null {
  if (call.internal !== undefined && call.internal !== null) return call.internal.name ?? call.internal.extension
  return call.customerName ?? customerNumberLabel(call)
}

/** The call's number as main read it with the default country (formatted), else as the PBX gave it. */
export function customerNumberLabel(call: AgentCall): string | null {
  return call.customerNumber?.display ?? call.customer
}
