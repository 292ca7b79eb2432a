import { describe, expect, it } from 'vitest'
import { callLogToCsv } from '../../../src/main/calllog'
import { auditToCsv, type AuditRecord } from '../../../src/main/supervision'

const T = Date.UTC(2026, 4, 1, 9, 30, 0)

describe('records export', () => {
  it('writes the supervision audit, one row per session with its mode changes, cells defused', () => {
    const record: AuditRecord = {
      id: 's1',
      operator: { id: 'op', name: '=cmd|"/c calc"!A1' },
      supervisorExtension: '2001',
      agentExtension: '1001',
      agentName: 'Ann, the agent',
      agentChannel: 'PJSIP/1001-00000005',
      callId: '1700000000.12',
      customer: '+442070002222',
      method: 'feature-codes',
      startedAt: T,
      endedAt: T + 60_000,
      endReason: 'supervisor-hung-up',
      modes: [
        { at: T, mode: 'listen', how: 'initial' },
        { at: T + 30_000, mode: 'barge', how: 'dtmf' }
      ]
    }
    const [header, row, end] = auditToCsv([record]).replace(/^\uFEFF/, '').split('\r\n')
    expect(header).toBe('Started,Ended,Operator,Supervisor extension,Agent extension,Agent,Agent channel,Customer,Method,End reason,Modes,Call ID,Session ID')
    expect(row).toBe(
      `2026-05-01T09:30:00.000Z,2026-05-01T09:31:00.000Z,"'=cmd|""/c calc""!A1",2001,1001,"Ann, the agent",PJSIP/1001-00000005,+442070002222,feature-codes,supervisor-hung-up,listen 2026-05-01T09:30:00.000Z initial; barge 2026-05-01T09:30:30.000Z dtmf,1700000000.12,s1`
    )
    expect(end).toBe('')
  })

  it('writes an empty call log as its header alone', () => {
    expect(callLogToCsv([]).split('\r\n')).toHaveLength(2)
  })

  it('defuses a customer name that starts a formula and keeps numbers as numbers', () => {
    const csv = callLogToCsv([
      {
        id: '1.1',
        linkedid: '1.0',
        agentExtension: '1001',
        agentName: 'Agent 1001',
        agentChannel: 'PJSIP/1001-1',
        customerNumber: '-1',
        customerName: '@evil',
        customerE164: null,
        customerId: null,
        direction: 'inbound',
        startedAt: T,
        answeredAt: null,
        answeredAtApprox: false,
        endedAt: T + 1000,
        talkSeconds: 0,
        outcome: 'missed',
        monitored: false,
        closedBy: 'resync'
      }
    ])
    expect(csv.split('\r\n')[1]).toBe("2026-05-01T09:30:00.000Z,,2026-05-01T09:30:01.000Z,1001,Agent 1001,'-1,,'@evil,,inbound,missed,0,false,false,resync,1.1,1.0")
  })
})
