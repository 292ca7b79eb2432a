import type { AgentCall, AgentPause, AgentRow, Supervisor } from '../../shared/floor'

function namesEqual(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((name, i) => name === b[i])
}

function pausesEqual(a: AgentPause | null, b: AgentPause | null): boolean {
  return a === b || (a !== null && b !== null && a.reason === b.reason && namesEqual(a.queues, b.queues) && namesEqual(a.active, b.active))
}

function supervisorsEqual(a: readonly Supervisor[], b: readonly Supervisor[]): boolean {
  return a.length === b.length && a.every((s, i) => s.extension === b[i]?.extension && s.mode === b[i]?.mode)
}

function recordsEqual(a: AgentCall['customerRecord'], b: AgentCall['customerRecord']): boolean {
  return a === b || (a !== undefined && b !== undefined && a.id === b.id && a.name === b.name && a.company === b.company)
}

function callsEqual(a: AgentCall, b: AgentCall): boolean {
  return (
    a.id === b.id &&
    a.channel === b.channel &&
    a.state === b.state &&
    a.onHold === b.onHold &&
    a.customer === b.customer &&
    a.customerName === b.customerName &&
    recordsEqual(a.customerRecord, b.customerRecord) &&
    a.customerNumber?.e164 === b.customerNumber?.e164 &&
    a.customerNumber?.display === b.customerNumber?.display &&
    a.internal?.extension === b.internal?.extension &&
    a.internal?.name === b.internal?.name &&
    a.direction === b.direction &&
    a.startedAt === b.startedAt &&
    a.answeredAt === b.answeredAt &&
    a.answeredAtApprox === b.answeredAtApprox &&
    (a.heldSince ?? null) === (b.heldSince ?? null) &&
    supervisorsEqual(a.supervisors, b.supervisors)
  )
}

/** Field-by-field equality of two rows (used to keep row identity across snapshots): every field a row shows or an alert reads. */
export function rowsEqual(a: AgentRow, b: AgentRow): boolean {
  return (
    a.extension === b.extension &&
    a.name === b.name &&
    a.status === b.status &&
    a.statusSince === b.statusSince &&
    a.unansweredRings === b.unansweredRings &&
    a.pauseReason === b.pauseReason &&
    pausesEqual(a.pause, b.pause) &&
    a.calls.length === b.calls.length &&
    a.calls.every((call, i) => {
      const other = b.calls[i]
      return other !== undefined && callsEqual(call, other)
    })
  )
}
