import type { SupervisionSession } from '../../src/shared/supervision'

/** A supervision session as main streams it: Ann listening to 1001's call from softphone 2001, ringing; `over` changes any of it. */
export function supervisionSession(over: Partial<SupervisionSession> = {}): SupervisionSession {
  return {
    id: 's1',
    operator: { id: 'op1', name: 'Ann' },
    supervisorExtension: '2001',
    agentExtension: '1001',
    agentName: 'Agent 1001',
    agentChannel: 'PJSIP/1001-00000001',
    callId: '100.1',
    customer: '+442070002222',
    customerName: null,
    method: 'chanspy',
    mode: 'listen',
    phase: 'ringing',
    token: 'es0000000000a1',
    legChannel: null,
    startedAt: 0,
    answeredAt: null,
    endedAt: null,
    endReason: null,
    error: null,
    modes: [{ at: 0, mode: over.mode ?? 'listen', how: 'initial' }],
    ...over
  }
}
