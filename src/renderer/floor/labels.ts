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

/** The call that decides the row's status (the engine puts it first). */
export function primaryCall(row: AgentRow): AgentCall | null {
  return row.calls[0] ?? null
}

/** What the Time column counts from: talk time once answered, ringing time before. */
export function callClockStart(call: AgentCall): number {
  return call.answeredAt ?? call.startedAt
}

/** The customer in words: their name when the PBX knows it, else the number. */
export function customerLabel(call: AgentCall): string | null {
  return call.customerName ?? call.customer
}
