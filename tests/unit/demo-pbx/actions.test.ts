/**
 * Actions answered like Asterisk 22 (main/manager.c, apps/app_queue.c): the responses' words,
 * and what each action does to the floor, in the lab of the captures.
 */
import { describe, expect, it } from 'vitest'
import type { AmiMessage } from '../../../src/main/ami/message'
import { pbxIdentity } from '../../../src/main/calls'
import { playVirtually } from '../../integration/demo-pbx/play'

function lab() {
  // No scripted calls before 60 s in a scenario-less lab: use a scenario whose steps come late.
  const play = playVirtually({ scenario: 'agent-offline', consoleActions: 'client' })
  return play
}

const fields = (m: AmiMessage | undefined): Record<string, string | undefined> => ({ ...m?.fields })

describe('demo PBX actions', () => {
  it('answers an unknown action as Asterisk does', () => {
    const [reply] = lab().send({ Action: 'Frobnicate' })
    expect(reply?.headers.map(([k]) => k)).toEqual(['Response', 'ActionID', 'Message'])
    expect(fields(reply)).toMatchObject({ Response: 'Error', Message: 'Invalid/unknown command: Frobnicate. Use Action: ListCommands to show available commands.' })
  })

  it('CoreSettings and CoreStatus say which Asterisk this is and when it started (issue 13.2)', () => {
    const startedAt = new Date(2026, 11, 4, 8, 30, 15).getTime()
    const play = playVirtually({ scenario: 'agent-offline', consoleActions: 'client', bootedAtMs: startedAt, systemName: 'pbx-a' })
    const [settings] = play.send({ Action: 'CoreSettings' })
    const [status] = play.send({ Action: 'CoreStatus' })
    // main/manager.c's order, the ActionID second.
    expect(settings?.headers.map(([k]) => k)).toEqual([
      'Response', 'ActionID', 'AMIversion', 'AsteriskVersion', 'SystemName', 'CoreMaxCalls', 'CoreMaxLoadAvg', 'CoreRunUser', 'CoreRunGroup',
      'CoreMaxFilehandles', 'CoreRealTimeEnabled', 'CoreCDRenabled', 'CoreHTTPenabled', 'SoundsSearchCustomDir'
    ])
    expect(fields(settings)).toMatchObject({ Response: 'Success', AMIversion: '11.0.0', AsteriskVersion: '22.10.1', SystemName: 'pbx-a' })
    expect(status?.headers.map(([k]) => k)).toEqual(['Response', 'ActionID', 'CoreStartupDate', 'CoreStartupTime', 'CoreReloadDate', 'CoreReloadTime', 'CoreCurrentCalls', 'CoreProcessedCalls'])
    expect(fields(status)).toMatchObject({ Response: 'Success', CoreStartupDate: '2026-12-04', CoreStartupTime: '08:30:15' })
    expect(pbxIdentity(settings, status)).toBe('asterisk:["pbx-a","22.10.1","2026-12-04 08:30:15"]')
    // Another PBX, or this one restarted, is another identity; one that will not say has none.
    const other = playVirtually({ scenario: 'agent-offline', consoleActions: 'client', bootedAtMs: startedAt + 1000, systemName: 'pbx-a' })
    expect(pbxIdentity(other.send({ Action: 'CoreSettings' })[0], other.send({ Action: 'CoreStatus' })[0])).not.toBe(pbxIdentity(settings, status))
    expect(pbxIdentity(settings, undefined)).toBeNull()
  })

  it('QueuePause: errors, one QueueMemberPause per queue (or the one named), the response first', () => {
    const play = lab()
    expect(fields(play.send({ Action: 'QueuePause', Interface: 'PJSIP/1003' })[0])).toMatchObject({ Response: 'Error', Message: "Need 'Interface' and 'Paused' parameters." })
    expect(fields(play.send({ Action: 'QueuePause', Interface: 'PJSIP/2002', Paused: 'true' })[0])).toMatchObject({ Response: 'Error', Message: 'Interface not found' })
    const start = play.events.length
    expect(fields(play.send({ Action: 'QueuePause', Interface: 'PJSIP/1003', Paused: 'true', Reason: 'lunch' })[0])).toMatchObject({ Response: 'Success', Message: 'Interface paused successfully' })
    const pauses = play.events.slice(start).filter((e) => e.headers.Event === 'QueueMemberPause')
    expect(pauses.map((e) => [e.headers.Queue, e.headers.Paused, e.headers.PausedReason])).toEqual([
      ['support', 1, 'lunch'],
      ['sales', 1, 'lunch']
    ])
    expect(play.viewAt(1000).agents.find((a) => a.extension === '1003')).toMatchObject({ status: 'paused', pauseReason: 'lunch' })
    const before = play.events.length
    expect(fields(play.send({ Action: 'QueuePause', Interface: 'PJSIP/1003', Queue: 'sales', Paused: 'no' })[0])).toMatchObject({ Message: 'Interface unpaused successfully' })
    expect(play.events.slice(before).filter((e) => e.headers.Event === 'QueueMemberPause').map((e) => e.headers.Queue)).toEqual(['sales'])
    // Still paused in support, with its reason.
    expect(play.viewAt(2000).agents.find((a) => a.extension === '1003')).toMatchObject({ status: 'paused', pauseReason: 'lunch' })
  })

  it('Originate: refused before anything rings when the request or the extension is wrong', () => {
    const play = lab()
    expect(fields(play.send({ Action: 'Originate' })[0]).Message).toBe('Channel not specified')
    expect(fields(play.send({ Action: 'Originate', Channel: '2002' })[0]).Message).toBe('Invalid channel')
    expect(fields(play.send({ Action: 'Originate', Channel: 'PJSIP/2002', Exten: '5551001' })[0]).Message).toBe("Originate with 'Exten' requires 'Context' and 'Priority'")
    const start = play.events.length
    expect(fields(play.send({ Action: 'Originate', Channel: 'PJSIP/2002', Context: 'internal', Exten: '4711', Priority: '1', Async: 'true' })[0])).toMatchObject({ Response: 'Error', Message: 'Extension does not exist.' })
    play.clock.advance(1000)
    expect(play.events.length).toBe(start)
  })

  it('Originate to a phone that is not registered fails like Asterisk: queued, then OriginateResponse Failure', () => {
    const play = lab()
    const [reply] = play.send({ Action: 'Originate', ActionID: 'sup-1', Channel: 'PJSIP/2001', Context: 'internal', Exten: '5551001', Priority: '1', Async: 'true' })
    expect(fields(reply)).toMatchObject({ Response: 'Success', ActionID: 'sup-1', Message: 'Originate successfully queued' })
    const response = play.events.find((e) => e.headers.Event === 'OriginateResponse')
    expect(response?.headers).toMatchObject({ ActionID: 'sup-1', Response: 'Failure', Channel: 'PJSIP/2001', Reason: 0, Uniqueid: '<null>' })
    expect(play.events.some((e) => e.headers.Event === 'Newchannel')).toBe(false)
  })

  it('Originate with Application ChanSpy spies on that exact channel and shows it in CoreShowChannels', () => {
    const play = playVirtually({ scenario: 'spy-listen', consoleActions: 'client' })
    play.viewAt(3000)
    const agentLeg = [...play.demo.model.channels.values()].find((c) => c.name.startsWith('PJSIP/1001-'))
    if (agentLeg === undefined) throw new Error('no agent leg')
    play.send({ Action: 'Originate', ActionID: 'sup-2', Channel: 'PJSIP/2002', Application: 'ChanSpy', Data: `${agentLeg.name},qdEw`, CallerID: '"Whisper" <2002>', Async: 'true' })
    const view = play.viewAt(3500)
    expect(view.agents.find((a) => a.extension === '1001')?.supervisors).toEqual([{ extension: '2002', mode: 'whisper' }])
    expect(view.agents.find((a) => a.extension === '2002')?.status).toBe('idle')
    const response = play.events.find((e) => e.headers.Event === 'OriginateResponse' && e.headers.ActionID === 'sup-2')
    expect(response?.headers).toMatchObject({ Response: 'Success', Context: '', Exten: '', Reason: 4 })
    const start = play.events.find((e) => e.headers.Event === 'ChanSpyStart')
    expect(start?.headers.SpyeeChannel).toBe(agentLeg.name)
    const items = play.send({ Action: 'CoreShowChannels' }).filter((m) => m.fields.Event === 'CoreShowChannel')
    const spyLeg = items.find((m) => m.fields.Channel?.startsWith('PJSIP/2002-'))
    expect(fields(spyLeg)).toMatchObject({ Application: 'ChanSpy', ApplicationData: `${agentLeg.name},qdEw` })
    expect(fields(items.find((m) => m.fields.Channel === agentLeg.name))).toMatchObject({ Application: 'AppDial', ApplicationData: '(Outgoing Line)', Duration: '00:00:02' })
  })

  it('Hangup: errors, then the call ends as in the captures', () => {
    const play = playVirtually({ scenario: 'inbound-queue-answered', consoleActions: 'client' })
    expect(fields(play.send({ Action: 'Hangup' })[0]).Message).toBe('No channel specified')
    expect(fields(play.send({ Action: 'Hangup', Channel: 'PJSIP/1001-00000999' })[0])).toMatchObject({ Response: 'Error', Message: 'No such channel' })
    expect(play.viewAt(4000).agents.find((a) => a.extension === '1001')?.status).toBe('talking')
    const customer = [...play.demo.model.channels.values()].find((c) => c.name.endsWith(';2'))
    const start = play.events.length
    expect(fields(play.send({ Action: 'Hangup', Channel: customer?.name ?? '' })[0])).toMatchObject({ Response: 'Success', Message: 'Channel Hungup' })
    // The lab driver's own customer hangup is exactly this: an AMI Hangup of the ;2 half.
    expect(play.events.slice(start, start + 4).map((e) => e.headers.Event)).toEqual(['SoftHangupRequest', 'HangupRequest', 'Hangup', 'AgentComplete'])
    expect(play.viewAt(4100).agents.find((a) => a.extension === '1001')?.status).toBe('idle')
    expect(play.demo.model.channels.size).toBe(0)
    expect(play.demo.model.bridges.size).toBe(0)
  })

  it('Hangup of the agent leg or the spy leg ends just that', () => {
    const play = playVirtually({ scenario: 'spy-barge', consoleActions: 'client' })
    play.viewAt(4100) // the console's Originate at 4016 rang 2002; ChanSpy starts ~100 ms after the answer
    const view = play.viewAt(4300)
    expect(view.agents.find((a) => a.extension === '1001')?.supervisors).toEqual([{ extension: '2002', mode: 'barge' }])
    const spyLeg = [...play.demo.model.channels.values()].find((c) => c.name.startsWith('PJSIP/2002-'))
    play.send({ Action: 'Hangup', Channel: spyLeg?.name ?? '' })
    expect(play.viewAt(4400).agents.find((a) => a.extension === '1001')).toMatchObject({ status: 'talking', supervisors: [] })
    const agentLeg = [...play.demo.model.channels.values()].find((c) => c.name.startsWith('PJSIP/1001-'))
    play.send({ Action: 'Hangup', Channel: agentLeg?.name ?? '' })
    expect(play.viewAt(4500).agents.find((a) => a.extension === '1001')?.status).toBe('idle')
    expect(play.demo.model.channels.size).toBe(0)
  })

  it('Getvar reads CDR() of a channel as func_cdr does: raw and formatted times, whole and float seconds', () => {
    const play = playVirtually({ scenario: 'outbound-answered', consoleActions: 'client' })
    play.viewAt(3000)
    const leg = [...play.demo.model.channels.values()].find((c) => c.name.startsWith('PJSIP/1002-') && c.state !== 6)
    const channel = leg?.name ?? ''
    const getvar = (variable: string, on = channel) => fields(play.send({ Action: 'Getvar', Channel: on, Variable: variable })[0])
    // Ringing: no answer yet.
    expect(getvar('CDR(billsec,f)')).toMatchObject({ Response: 'Success', Variable: 'CDR(billsec,f)', Value: '0.000000' })
    expect(getvar('CDR(answer,u)').Value).toBe('0.000000')
    expect(getvar('CDR(answer)').Value).toBe('')
    play.viewAt(7000)
    const answeredAt = leg?.answeredAt ?? NaN
    // The capture answers this leg at 4764 ms.
    expect(Math.abs(answeredAt - 4764)).toBeLessThan(50)
    const reply = play.send({ Action: 'Getvar', Channel: channel, Variable: 'CDR(billsec,f)' })[0]
    expect(reply?.headers.map(([k]) => k)).toEqual(['Response', 'ActionID', 'Variable', 'Value'])
    expect(fields(reply).Value).toBe(((play.clock.now() - answeredAt) / 1000).toFixed(6))
    expect(getvar('CDR(billsec)').Value).toBe(String(Math.floor((play.clock.now() - answeredAt) / 1000)))
    expect(Number(getvar('CDR(answer,u)').Value) * 1000).toBeCloseTo(play.demo.model.epochMillis(answeredAt), 0)
    expect(getvar('CDR(answer)').Value).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/)
    expect(getvar('CDR(nosuchfield)').Value).toBe('')
    expect(fields(play.send({ Action: 'Getvar', Channel: channel })[0])).toMatchObject({ Response: 'Error', Message: 'No variable specified' })
    expect(getvar('CDR(billsec,f)', 'PJSIP/1002-00000999')).toMatchObject({ Response: 'Error', Message: 'No such channel' })
  })

  it('QueueStatus filters by Queue and Member, as the console’s refresh in queue-pause does', () => {
    const replies = lab().send({ Action: 'QueueStatus', Queue: 'support', Member: 'PJSIP/1002' })
    expect(replies.map((m) => m.fields.Event ?? m.fields.Response)).toEqual(['Success', 'QueueParams', 'QueueMember', 'QueueStatusComplete'])
    expect(fields(replies.at(-1))).toMatchObject({ EventList: 'Complete', ListItems: '2' })
  })
})
