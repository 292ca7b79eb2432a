/**
 * The supervision desk (src/renderer/supervision/desk.ts) in front of a stand-in for main that
 * answers as IPC does (later, not at once) and refuses a second leg on a call as
 * SupervisionService does, with a softphone that is registered and has no call.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { SupervisionDesk } from '../../../src/renderer/supervision/desk'
import { requestSupervision } from '../../../src/renderer/supervision/supervise'
import type { Softphone } from '../../../src/renderer/softphone/phone'
import type { EarshotApi } from '../../../src/shared/contract'
import type { AgentCall, AgentRow } from '../../../src/shared/floor'
import type { SupervisionMode, SupervisionSession } from '../../../src/shared/supervision'
import { supervisionSession } from '../../support/supervision-session'

const call: AgentCall = {
  id: '100.1',
  channel: 'PJSIP/1001-00000001',
  state: 'talking',
  onHold: false,
  customer: '+15550000000',
  customerName: null,
  direction: 'inbound',
  startedAt: 0,
  answeredAt: 1,
  answeredAtApprox: false,
  supervisors: []
}
const row: AgentRow = { extension: '1001', name: 'Agent 1001', status: 'talking', statusSince: 1, pauseReason: null, pause: null, calls: [call], unansweredRings: 0 }

function setUp(): { desk: SupervisionDesk; originates: () => number; stop: () => void } {
  const live: SupervisionSession[] = []
  const later = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 5))
  // Main's rule (SupervisionService.start): one live session per call; the session is known at once, answered after the Originate.
  const start = async ({ callId, mode }: { callId: string; mode: SupervisionMode }): Promise<SupervisionSession> => {
    await later()
    if (live.some((s) => s.callId === callId)) throw new Error("You are already on Agent 1001's call (listen); switch mode instead.")
    const session = supervisionSession({ id: `s${String(live.length + 1)}`, callId, mode })
    live.push(session)
    await later()
    return session
  }
  const api = {
    invoke: async (channel: string, request: never) => {
      if (channel === 'supervision:start') return start(request)
      await later()
      return { sessions: live, availability: { available: true, reason: null } }
    },
    on: () => () => undefined
  } as unknown as EarshotApi
  const softphone = {
    getSnapshot: () => ({ registration: { state: 'registered' }, calls: [] }),
    setSessions: () => undefined
  } as unknown as Softphone
  const desk = new SupervisionDesk(api, softphone, () => undefined)
  return { desk, originates: () => live.length, stop: desk.run() }
}

let stop: (() => void) | null = null
afterEach(() => {
  stop?.()
  stop = null
})

describe('Listen pressed twice before main answered the first (a double click)', () => {
  it('starts one leg and says nothing went wrong', async () => {
    const desk = setUp()
    stop = desk.stop
    const outcomes = await Promise.all([requestSupervision(row, 'listen'), requestSupervision(row, 'listen')])
    expect(outcomes).toEqual([{ ok: true }, { ok: true }])
    expect(desk.originates()).toBe(1)
    expect(desk.desk.getSnapshot().sessions.map((s) => [s.agentExtension, s.mode, s.phase])).toEqual([['1001', 'listen', 'ringing']])
  })
})
