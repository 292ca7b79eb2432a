/**
 * Supervision end to end over AMI on loopback: the demo PBX plays the spy-listen scenario's call
 * (agent 1001 with a customer) and leaves the console's actions to Earshot, whose
 * SupervisionService originates the leg to supervisor 2002 (a desk phone the demo answers),
 * switches mode, and hangs up only that leg.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { startDemoPbx, type DemoPbx } from '../../../src/main/demo-pbx'
import { FloorService } from '../../../src/main/calls/floor-service'
import type { SupervisionConfig } from '../../../src/main/supervision/plan'
import { SupervisionError, SupervisionService } from '../../../src/main/supervision/service'
import type { AgentCall } from '../../../src/shared/floor'
import type { SupervisionSession } from '../../../src/shared/supervision'
import { LAB_CODES, LAB_OPTIONS } from '../../support/traces'
import { waitFor } from '../../support/wait'

let pbx: DemoPbx | null = null
let floor: FloorService | null = null
let service: SupervisionService | null = null
afterEach(async () => {
  service?.stop()
  floor?.disconnect()
  await pbx?.stop()
  pbx = floor = service = null
})

const LAB: SupervisionConfig = { method: 'feature-codes', context: 'internal', featureCodes: LAB_CODES, supervisorExtension: '2002', ringTimeoutMs: 5000 }

async function setUp(config: Partial<SupervisionConfig> = {}): Promise<{ call: AgentCall; records: SupervisionSession[] }> {
  pbx = await startDemoPbx({ scenario: 'spy-listen', consoleActions: 'client', speed: 2 })
  const f = (floor = new FloorService())
  const s = (service = new SupervisionService({ floor: f, config: () => ({ ...LAB, ...config }), operator: () => ({ id: 'op1', name: 'Sam Supervisor' }) }))
  const records: SupervisionSession[] = []
  s.on('record', (r) => records.push(r))
  f.on('source', (source) => {
    if (source !== null) f.attach(s)
  })
  f.connect({ kind: 'demo', client: { url: pbx.url, username: pbx.username, secret: pbx.secret }, floor: LAB_OPTIONS })
  const call = await waitFor(() => f.rows().find((r) => r.extension === '1001')?.calls.find((c) => c.state === 'talking'), '1001 talking', 8000)
  return { call, records }
}

const supervisorsOf = (callId: string) => floor?.rows().find((r) => r.extension === '1001')?.calls.find((c) => c.id === callId)?.supervisors

describe('SupervisionService against the demo PBX', () => {
  for (const method of ['feature-codes', 'chanspy'] as const) {
    it(`${method}: listens, switches to whisper by a new leg, ends only the supervisor's leg`, async () => {
      const { call, records } = await setUp({ method })
      const s = service as SupervisionService
      const started = await s.start({ agentExtension: '1001', callId: call.id, mode: 'listen' })
      expect(started).toMatchObject({ phase: 'ringing', agentChannel: call.channel, supervisorExtension: '2002', operator: { name: 'Sam Supervisor' }, method })

      const connected = await waitFor(() => s.sessions().find((x) => x.id === started.id && x.phase === 'connected'), 'leg connected', 8000)
      expect(connected.legChannel).toMatch(/^PJSIP\/2002-/)
      await waitFor(() => supervisorsOf(call.id)?.some((v) => v.extension === '2002' && v.mode === 'listen'), 'floor shows 2002 listening', 8000)

      const switched = await s.switchMode({ sessionId: started.id, mode: 'whisper', canSendDtmf: false })
      expect(switched.how).toBe('re-originate')
      expect(switched.session.token).not.toBe(started.token)
      await waitFor(() => s.sessions().find((x) => x.id === started.id && x.phase === 'connected' && x.legChannel !== connected.legChannel), 'new leg connected', 8000)
      await waitFor(() => supervisorsOf(call.id)?.some((v) => v.extension === '2002' && v.mode === 'whisper'), 'floor shows 2002 whispering', 8000)

      s.end(started.id)
      const ended = await waitFor(() => s.sessions().find((x) => x.id === started.id && x.phase === 'ended'), 'session ended', 8000)
      expect(ended.endReason).toBe('supervisor-hung-up')
      expect(ended.error).toBeNull()
      await waitFor(() => supervisorsOf(call.id)?.length === 0, 'no supervisor on the call', 8000)
      // The agent and the customer are still talking.
      expect(floor?.rows().find((r) => r.extension === '1001')?.calls.find((c) => c.id === call.id)?.state).toBe('talking')
      expect(records).toHaveLength(1)
      expect(records[0]?.modes.map((m) => [m.mode, m.how])).toEqual([
        ['listen', 'initial'],
        ['whisper', 're-originate']
      ])
    })
  }

  it('DTMF switch: main names the digit and records the change; the leg stays', async () => {
    const { call } = await setUp()
    const s = service as SupervisionService
    const started = await s.start({ agentExtension: '1001', callId: call.id, mode: 'listen' })
    const connected = await waitFor(() => s.sessions().find((x) => x.id === started.id && x.phase === 'connected'), 'connected', 8000)
    const result = await s.switchMode({ sessionId: started.id, mode: 'barge', canSendDtmf: true })
    expect(result).toMatchObject({ how: 'dtmf', digit: '6', session: { mode: 'barge', legChannel: connected.legChannel } })
    expect(result.session.modes.at(-1)).toMatchObject({ mode: 'barge', how: 'dtmf' })
  })

  it('refuses in words: a second leg on the same call, an unknown extension, an unregistered softphone, a missing feature code', async () => {
    const { call } = await setUp()
    const s = service as SupervisionService
    await s.start({ agentExtension: '1001', callId: call.id, mode: 'listen' })
    await expect(s.start({ agentExtension: '1001', callId: call.id, mode: 'barge' })).rejects.toThrow(/already on Agent 1001's call.*switch mode/)
    await expect(s.start({ agentExtension: '1001', callId: 'nope', mode: 'listen' })).rejects.toThrow('That call has ended.')

    const other = new SupervisionService({ floor: floor as FloorService, config: () => ({ ...LAB, context: 'nowhere' }), operator: () => null })
    await expect(other.start({ agentExtension: '1001', callId: call.id, mode: 'listen' })).rejects.toThrow(
      'Asterisk has no extension 5551001 in context "nowhere": add the feature codes to extensions.conf (see the README) or choose direct ChanSpy in Settings.'
    )
    const unregistered = new SupervisionService({ floor: floor as FloorService, config: () => ({ ...LAB, supervisorExtension: '2001' }), operator: () => null })
    await expect(unregistered.start({ agentExtension: '1001', callId: call.id, mode: 'listen' })).rejects.toThrow(/Your softphone \(extension 2001\) is not registered/)
    const unknown = new SupervisionService({ floor: floor as FloorService, config: () => ({ ...LAB, supervisorExtension: '2999' }), operator: () => null })
    await expect(unknown.start({ agentExtension: '1001', callId: call.id, mode: 'listen' })).rejects.toThrow(/2999 is not a PJSIP endpoint/)
    const noCodes = new SupervisionService({ floor: floor as FloorService, config: () => ({ ...LAB, featureCodes: { ...LAB_CODES, whisper: '' } }), operator: () => null })
    await expect(noCodes.start({ agentExtension: '1001', callId: call.id, mode: 'listen' })).rejects.toBeInstanceOf(SupervisionError)
  })

  it('the agent\'s call ending ends the session as call-ended (ChanSpy E)', async () => {
    const { call, records } = await setUp()
    const s = service as SupervisionService
    // The scenario hangs up its own supervisor leg at 9.1 s and the customer at 12.4 s of PBX time: join in between.
    await waitFor(() => (pbx?.now() ?? 0) > 9500, 'PBX time 9.5 s', 8000)
    const started = await s.start({ agentExtension: '1001', callId: call.id, mode: 'listen' })
    await waitFor(() => s.sessions().find((x) => x.id === started.id && x.phase === 'connected'), 'connected', 8000)
    const ended = await waitFor(() => s.sessions().find((x) => x.id === started.id && x.phase === 'ended'), 'ended', 15_000)
    expect(ended.endReason).toBe('call-ended')
    expect(records.map((r) => r.id)).toEqual([started.id])
  }, 20_000)
})

describe('SupervisionService while the floor is not live (issue 13.8)', () => {
  it('refuses to start with a clear error, and sends nothing to the PBX', async () => {
    const { call, records } = await setUp()
    const s = service as SupervisionService
    // The PBX goes away: the floor keeps its last rows (stale) while it reconnects.
    await pbx?.stop()
    pbx = null
    await waitFor(() => floor?.status().state === 'reconnecting', 'the floor reconnecting', 8000)
    expect(floor?.rows().find((r) => r.extension === '1001')?.calls.some((c) => c.id === call.id)).toBe(true)
    await expect(s.start({ agentExtension: '1001', callId: call.id, mode: 'listen' })).rejects.toThrow(
      new SupervisionError('The connection to the PBX is down: Earshot is reconnecting, and the call may have ended meanwhile')
    )
    expect(s.sessions()).toEqual([])
    expect(records).toEqual([])
  })
})
