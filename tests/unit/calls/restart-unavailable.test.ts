/**
 * asterisk-restart, followed as the live floor follows it: the connection is lost at the Shutdown
 * (last heard 9428, socket closed 9476), the new session's snapshot lists (t 10079–10089) are
 * folded by `resync`, then the live events. That snapshot says every agent phone is
 * `DeviceState: Unavailable` (EndpointList), its contact `NonQualified` (ContactList: restored
 * from astdb, not qualified yet) and every queue member `Status: 5` (AST_DEVICE_UNAVAILABLE).
 * 1003 comes back only at 13969 (ContactStatus Reachable + QueueMemberStatus Status 1), 1001 at
 * 12577; the steps say "all phones Reachable again" at 14114.
 */
import { describe, expect, it } from 'vitest'
import { agentRows, queueViews } from '../../../src/main/calls'
import { followAsteriskRestart as follow } from '../../support/asterisk-restart'

describe('asterisk-restart: phones the restarted PBX has not qualified yet', () => {
  it('at 12000, 1003 (DeviceState Unavailable, member Status 5 until 13969) is not idle, and support has 2 members available, not 4', () => {
    const calls = follow(12000)
    expect(agentRows(calls.model).find((r) => r.extension === '1003')?.status).toBe('offline')
    // The PBX: 1004 back to Status 1 at 10434, 1002 at 11515; 1001 (12577) and 1003 (13969) still 5.
    expect(queueViews(calls.model).find((q) => q.name === 'support')?.available).toBe(2)
  })

  it('each agent phone comes back as its qualify says Reachable: by 14200 none is offline', () => {
    const calls = follow(14200)
    const agents = agentRows(calls.model).filter((r) => /^100\d$/.test(r.extension))
    expect(agents.map((r) => r.extension)).toEqual(['1001', '1002', '1003', '1004'])
    expect(agents.filter((r) => r.status === 'offline')).toEqual([])
    expect(queueViews(calls.model).find((q) => q.name === 'support')?.offline).toBe(0)
  })
})
