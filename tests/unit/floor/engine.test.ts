import { describe, expect, it } from 'vitest'
import { agentRow, agentRows, drainChanged, emptyFloor, reduceFloor, type FloorState } from '../../../src/main/calls'
import { block, event } from '../../support/events'
import { LAB_CODES } from '../../support/traces'

const AGENT = 'PJSIP/1001-00000001'
const options = { featureCodes: LAB_CODES, outboundPrefix: '9' }

function floorWithAgent(): FloorState {
  const s = emptyFloor(options)
  reduceFloor(s, event('EndpointList', { ObjectName: '1001', Contacts: '1001/sip:1001@127.0.0.1:5071;ob,', DeviceState: 'Not in use' }), 0)
  reduceFloor(s, event('ContactList', { Endpoint: '1001', Uri: 'sip:1001@127.0.0.1:5071;ob', Status: 'Reachable' }), 0)
  return s
}

/** An answered inbound call: the agent leg dialled by the customer's leg, then Up. */
function answeredCall(s: FloorState, at: number): void {
  reduceFloor(s, event('Newchannel', block('Local/+4420@sim-1;1', 'c.1', 6, { CallerIDNum: '+4420' })), at)
  reduceFloor(s, event('Newchannel', block(AGENT, 'a.1', 0, { CallerIDNum: '1001', CallerIDName: 'Ann Agent' })), at)
  reduceFloor(s, event('DialBegin', { ...block('Local/+4420@sim-1;1', 'c.1', 6), ...prefixed('Dest', block(AGENT, 'a.1', 0)) }), at)
  reduceFloor(s, event('Newstate', block(AGENT, 'a.1', 6, { ConnectedLineNum: '+4420', ConnectedLineName: 'Alice' })), at + 100)
}

function prefixed(prefix: string, fields: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [`${prefix}${k}`, v]))
}

describe('call-state engine', () => {
  it('counts talk time from answer and names the agent from its own caller ID', () => {
    const s = floorWithAgent()
    answeredCall(s, 1000)
    const row = agentRow(s, '1001')
    expect(row).toMatchObject({ name: 'Ann Agent', status: 'talking' })
    expect(row?.calls[0]).toMatchObject({ customer: '+4420', customerName: 'Alice', direction: 'inbound', startedAt: 1000, answeredAt: 1100 })
  })

  it('shows hold and unhold on the agent leg', () => {
    const s = floorWithAgent()
    answeredCall(s, 0)
    reduceFloor(s, event('Hold', block(AGENT, 'a.1', 6)), 2000)
    expect(agentRow(s, '1001')?.calls[0]?.onHold).toBe(true)
    reduceFloor(s, event('Unhold', block(AGENT, 'a.1', 6)), 3000)
    expect(agentRow(s, '1001')?.calls[0]?.onHold).toBe(false)
  })

  it('a call outranks paused, and paused outranks offline', () => {
    const s = floorWithAgent()
    reduceFloor(s, event('QueueMemberPause', { Queue: 'support', Interface: 'PJSIP/1001', MemberName: 'Ann', Paused: '1', PausedReason: 'coffee' }), 0)
    expect(agentRow(s, '1001')).toMatchObject({ status: 'paused', pauseReason: 'coffee' })
    reduceFloor(s, event('ContactStatus', { EndpointName: '1001', URI: 'sip:1001@127.0.0.1:5071;ob', ContactStatus: 'Unreachable', AOR: '1001' }), 0)
    expect(agentRow(s, '1001')?.status).toBe('paused')
    answeredCall(s, 0)
    expect(agentRow(s, '1001')?.status).toBe('talking')
  })

  it('switches a spy leg mode on DTMF 4/5/6 (ChanSpy d option)', () => {
    const s = floorWithAgent()
    answeredCall(s, 0)
    const spyer = block('PJSIP/2002-00000002', 's.1', 6, { Exten: '5551001' })
    reduceFloor(s, event('Newchannel', spyer), 100)
    reduceFloor(s, event('ChanSpyStart', { ...prefixed('Spyer', spyer), ...prefixed('Spyee', block(AGENT, 'a.1', 6)) }), 200)
    expect(agentRow(s, '1001')?.calls[0]?.supervisors).toEqual([{ extension: '2002', mode: 'listen' }])
    reduceFloor(s, event('DTMFEnd', { ...spyer, Digit: '6', DurationMs: '120', Direction: 'Received' }), 300)
    expect(agentRow(s, '1001')?.calls[0]?.supervisors).toEqual([{ extension: '2002', mode: 'barge' }])
    reduceFloor(s, event('DTMFEnd', { ...spyer, Digit: '5', DurationMs: '120', Direction: 'Sent' }), 400)
    expect(agentRow(s, '1001')?.calls[0]?.supervisors[0]?.mode).toBe('barge') // only digits the supervisor pressed count
    reduceFloor(s, event('Hangup', { ...spyer, Cause: '16' }), 500)
    expect(agentRow(s, '1001')?.calls[0]?.supervisors).toEqual([])
    expect(agentRow(s, '1001')?.status).toBe('talking')
  })

  it('takes a snapshot spy from CoreShowChannel application data, with an estimated answer time', () => {
    const s = floorWithAgent()
    reduceFloor(s, event('CoreShowChannel', { ...block(AGENT, 'a.1', 6, { ConnectedLineNum: '+4420' }), Application: 'AppDial', ApplicationData: '(Outgoing Line)', Duration: '00:01:05', BridgeId: 'b1' }), 100_000)
    reduceFloor(s, event('CoreShowChannel', { ...block('PJSIP/2002-00000009', 's.9', 6), Application: 'ChanSpy', ApplicationData: `${AGENT},qdEw`, Duration: '00:00:10', BridgeId: '' }), 100_000)
    reduceFloor(s, event('CoreShowChannelsComplete', { EventList: 'Complete', ListItems: '2' }), 100_000)
    const call = agentRow(s, '1001')?.calls[0]
    expect(call).toMatchObject({ direction: 'inbound', answeredAt: 35_000, answeredAtApprox: true, supervisors: [{ extension: '2002', mode: 'whisper' }] })
    expect(agentRow(s, '2002')?.calls).toEqual([])
  })

  it.each([
    ['the README’s feature code, with the dash', 'PJSIP/1001-'],
    ['a feature code without it', 'PJSIP/1001']
  ])('takes a snapshot spy on a channel-name prefix: %s', (_how, target) => {
    const s = floorWithAgent()
    reduceFloor(s, event('CoreShowChannel', { ...block(AGENT, 'a.1', 6, { ConnectedLineNum: '+4420' }), Application: 'AppDial', ApplicationData: '(Outgoing Line)', Duration: '00:01:05', BridgeId: 'b1' }), 100_000)
    reduceFloor(s, event('CoreShowChannel', { ...block('PJSIP/2002-00000009', 's.9', 6), Application: 'ChanSpy', ApplicationData: `${target},qdE`, Duration: '00:00:10', BridgeId: '' }), 100_000)
    reduceFloor(s, event('CoreShowChannelsComplete', { EventList: 'Complete', ListItems: '2' }), 100_000)
    expect(agentRow(s, '1001')?.calls[0]?.supervisors).toEqual([{ extension: '2002', mode: 'listen' }])
  })

  it('strips the outbound prefix when the PBX sends no connected line', () => {
    const s = floorWithAgent()
    reduceFloor(s, event('Newchannel', block(AGENT, 'a.1', 4, { Exten: '915551230000', CallerIDNum: '1001' })), 0)
    expect(agentRow(s, '1001')?.calls[0]).toMatchObject({ state: 'ringing', direction: 'outbound', customer: '15551230000' })
  })

  it('never brings a hung-up channel back, whatever arrives late', () => {
    const s = floorWithAgent()
    answeredCall(s, 0)
    reduceFloor(s, event('Hangup', { ...block(AGENT, 'a.1', 6), Cause: '16' }), 1000)
    reduceFloor(s, event('NewConnectedLine', block(AGENT, 'a.1', 6, { ConnectedLineNum: '+4420' })), 1001)
    reduceFloor(s, event('BridgeLeave', { ...block(AGENT, 'a.1', 6), BridgeUniqueid: 'b1' }), 1002)
    expect(agentRow(s, '1001')?.status).toBe('idle')
    expect(s.channels.has('a.1')).toBe(false)
  })

  it('a hangup before its channel was ever seen leaves no ghost', () => {
    const s = floorWithAgent()
    reduceFloor(s, event('Hangup', { ...block(AGENT, 'a.9', 6), Cause: '16' }), 0)
    reduceFloor(s, event('Newchannel', block(AGENT, 'a.9', 0)), 1)
    expect(agentRow(s, '1001')?.status).toBe('idle')
  })

  it('picks up a call first seen mid-way (no Newchannel) and a stale Ringing cannot un-answer it', () => {
    const s = floorWithAgent()
    reduceFloor(s, event('NewConnectedLine', block(AGENT, 'a.5', 6, { ConnectedLineNum: '+4421' })), 50)
    reduceFloor(s, event('Newstate', block(AGENT, 'a.5', 5)), 60)
    expect(agentRow(s, '1001')?.calls[0]).toMatchObject({ state: 'talking', customer: '+4421', answeredAt: 50 })
  })

  it('creates rows for endpoints it learns about from events alone', () => {
    const s = emptyFloor(options)
    reduceFloor(s, event('Newchannel', block('PJSIP/1077-00000001', 'x.1', 4, { Exten: '9123' })), 0)
    expect(agentRows(s).map((r) => r.extension)).toEqual(['1077'])
  })

  it('reports which rows changed', () => {
    const s = floorWithAgent()
    drainChanged(s)
    answeredCall(s, 0)
    expect(drainChanged(s)).toEqual(['1001'])
    expect(drainChanged(s)).toEqual([])
  })

  it('ignores garbage without throwing', () => {
    const s = floorWithAgent()
    const junk = [
      event('Newchannel', { Channel: '', Uniqueid: '' }),
      event('Hangup', {}),
      event('ChanSpyStart', { SpyerChannel: 'x' }),
      event('CoreShowChannel', { Channel: 'PJSIP/1001-1', Uniqueid: 'q', ChannelState: 'NaN', Duration: 'soon' }),
      event('ContactStatus', { EndpointName: '1001' }),
      event('__proto__', { ChannelState: '6' }),
      event('QueueMemberPause', { Interface: 'garbage' })
    ]
    for (const m of junk) expect(() => reduceFloor(s, m, 0)).not.toThrow()
    expect(agentRow(s, '1001')).not.toBeNull()
  })
})
