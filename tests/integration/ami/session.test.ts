import { once } from 'node:events'
import net from 'node:net'
import { Duplex } from 'node:stream'
import { afterEach, describe, expect, it } from 'vitest'
import {
  AmiActionError,
  AmiDisconnectedError,
  AmiLoginError,
  AmiProtocolError,
  AmiTimeoutError
} from '../../../src/main/ami/errors'
import type { AmiMessage } from '../../../src/main/ami/message'
import { AmiSession, type AmiSessionOptions } from '../../../src/main/ami/session'
import { capturedAnswer } from '../../unit/ami/captures'
import { FakeAsterisk, SECRET, USERNAME, type FakeAsteriskOptions } from './fake-asterisk'
import { waitFor } from '../../support/wait'

let fake: FakeAsterisk | undefined
const sessions: AmiSession[] = []

afterEach(async () => {
  for (const s of sessions.splice(0)) s.close()
  await fake?.close()
  fake = undefined
})

async function connect(fakeOptions: FakeAsteriskOptions = {}, options: AmiSessionOptions = {}): Promise<AmiSession> {
  fake = await FakeAsterisk.start(fakeOptions)
  return open(fake, options)
}

async function open(server: FakeAsterisk, options: AmiSessionOptions = {}): Promise<AmiSession> {
  const socket = net.connect(server.port, '127.0.0.1')
  await once(socket, 'connect')
  const session = new AmiSession(socket, { pingIntervalMs: 0, ...options })
  sessions.push(session)
  return session
}

async function loggedIn(fakeOptions: FakeAsteriskOptions = {}, options: AmiSessionOptions = {}): Promise<AmiSession> {
  const session = await connect(fakeOptions, options)
  await session.greeting
  await session.login(USERNAME, SECRET)
  return session
}

function collectEvents(session: AmiSession): AmiMessage[] {
  const events: AmiMessage[] = []
  session.on('event', (m) => events.push(m))
  return events
}

describe('AmiSession', () => {
  it('reads the greeting, logs in and emits events', async () => {
    const session = await connect()
    const events = collectEvents(session)
    expect(await session.greeting).toBe('Asterisk Call Manager/11.0.0')
    const response = await session.login(USERNAME, SECRET)
    expect(response.fields).toMatchObject({ Response: 'Success', Message: 'Authentication accepted' })
    await waitFor(() => events.find((e) => e.fields.Event === 'FullyBooted'), 'FullyBooted')
    expect(fake?.actions[0]?.fields).toMatchObject({ Action: 'Login', Username: USERNAME, Events: 'on' })
  })

  it('gives each action a unique, non-time-based ActionID with a per-session random prefix', async () => {
    const session = await loggedIn()
    await Promise.all([session.send({ Action: 'Ping' }), session.send({ Action: 'Ping', ActionID: 'mine' })])
    const ids = fake?.actions.map((a) => a.fields.ActionID) ?? []
    expect(new Set(ids).size).toBe(3)
    expect(ids).not.toContain('mine')
    const prefixes = new Set(ids.map((id) => id?.replace(/-\d+$/, '')))
    expect(prefixes.size).toBe(1)
    expect([...prefixes][0]).toMatch(/^earshot-[0-9a-f]{8}$/)

    if (!fake) throw new Error('no fake')
    const other = await open(fake)
    await other.greeting
    await other.login(USERNAME, SECRET)
    expect(fake.actions[3]?.fields.ActionID).toMatch(/^earshot-[0-9a-f]{8}-1$/)
    expect(fake.actions[3]?.fields.ActionID?.replace(/-\d+$/, '')).not.toBe([...prefixes][0])
  })

  it('correlates responses by ActionID when they come out of order, between events', async () => {
    const held: AmiMessage[] = []
    const session = await loggedIn({
      handle: (action, c) => {
        if (action.fields.Action === 'Slow') {
          held.push(action)
          return true
        }
        if (action.fields.Action !== 'Fast') return false
        c.send({ Event: 'Newchannel', Channel: 'PJSIP/1001-00000001' })
        c.reply(action, { Response: 'Success', Which: 'fast' })
        c.send({ Event: 'Hangup', Channel: 'PJSIP/1001-00000001' })
        for (const slow of held) c.reply(slow, { Response: 'Success', Which: 'slow' })
        return true
      }
    })
    const events = collectEvents(session)
    const slow = session.send({ Action: 'Slow' })
    const fast = session.send({ Action: 'Fast' })
    expect((await fast).response.fields.Which).toBe('fast')
    expect((await slow).response.fields.Which).toBe('slow')
    expect(events.map((e) => e.fields.Event)).toEqual(['Newchannel', 'Hangup'])
  })

  it('resolves an event list on its Complete event, with the items in order and not emitted', async () => {
    const session = await loggedIn()
    const events = collectEvents(session)
    const reply = await session.send({ Action: 'QueueStatus' })
    const captured = capturedAnswer('inbound-queue-answered', 'QueueStatus')
    expect(reply.response.fields).toMatchObject({ Response: 'Success', EventList: 'start' })
    expect(reply.events.map((e) => e.fields.Event)).toEqual(captured.slice(1, -1).map((raw) => raw.slice(7, raw.indexOf('\r\n'))))
    expect(reply.events.length).toBeGreaterThan(5)
    expect(reply.complete?.fields).toMatchObject({ Event: 'QueueStatusComplete', EventList: 'Complete' })
    expect(events).toEqual([])
  })

  it('keeps list items apart from live events arriving in between', async () => {
    const session = await loggedIn({
      handle: (action, c) => {
        if (action.fields.Action !== 'CoreShowChannels') return false
        const id = action.fields.ActionID ?? ''
        c.reply(action, { Response: 'Success', EventList: 'start', Message: 'Channels will follow' })
        c.send({ Event: 'CoreShowChannel', ActionID: id, Channel: 'PJSIP/1001-00000001' })
        c.send({ Event: 'Newstate', Channel: 'PJSIP/1002-00000002' })
        c.send({ Event: 'OriginateResponse', ActionID: 'other-console-1', Response: 'Success' })
        c.send({ Event: 'CoreShowChannel', ActionID: id, Channel: 'PJSIP/1003-00000003' })
        c.send({ Event: 'CoreShowChannelsComplete', ActionID: id, EventList: 'Complete', ListItems: 2 })
        return true
      }
    })
    const events = collectEvents(session)
    const reply = await session.send({ Action: 'CoreShowChannels' })
    expect(reply.events.map((e) => e.fields.Channel)).toEqual(['PJSIP/1001-00000001', 'PJSIP/1003-00000003'])
    expect(events.map((e) => e.fields.Event)).toEqual(['Newstate', 'OriginateResponse'])
  })

  it('says when a list is complete in stream order: after the events before it, before those after it', async () => {
    const session = await loggedIn({
      handle: (action, c) => {
        if (action.fields.Action !== 'QueueStatus') return false
        const id = action.fields.ActionID ?? ''
        c.reply(action, { Response: 'Success', EventList: 'start', Message: 'Queue status will follow' })
        c.send({ Event: 'AgentComplete', Queue: 'support', Uniqueid: '1.1' })
        c.send({ Event: 'QueueStatusComplete', ActionID: id, EventList: 'Complete', ListItems: 0 })
        c.send({ Event: 'AgentComplete', Queue: 'support', Uniqueid: '1.2' })
        return true
      }
    })
    const events = collectEvents(session)
    let before: string[] | null = null
    await session.send({ Action: 'QueueStatus' }, { onListComplete: () => (before = events.map((e) => e.fields.Uniqueid ?? '')) })
    await waitFor(() => events.length === 2, 'the event after the list')
    expect(before).toEqual(['1.1'])
  })

  it('emits events carrying the ActionID of a plain action, like OriginateResponse', async () => {
    const session = await loggedIn({
      handle: (action, c) => {
        if (action.fields.Action !== 'Originate') return false
        c.reply(action, { Response: 'Success', Message: 'Originate successfully queued' })
        c.send({ Event: 'OriginateResponse', Privilege: 'call,all', ActionID: action.fields.ActionID, Response: 'Success' })
        return true
      }
    })
    const events = collectEvents(session)
    const { response } = await session.send({ Action: 'Originate', Channel: 'PJSIP/2002', Exten: '5551001', Async: true })
    const originate = await waitFor(() => events.find((e) => e.fields.Event === 'OriginateResponse'), 'OriginateResponse')
    expect(originate.fields.ActionID).toBe(response.fields.ActionID)
  })

  it('rejects Response: Error with the PBX message', async () => {
    const session = await loggedIn({ denied: ['CoreShowChannels'] })
    const error = await session.send({ Action: 'CoreShowChannels' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AmiActionError)
    expect(error).toMatchObject({ action: 'CoreShowChannels', message: 'Permission denied' })
  })

  it('ignores and counts responses to unknown ActionIDs', async () => {
    const debug: string[] = []
    const session = await loggedIn({}, { logger: { warn: () => undefined, debug: (m) => debug.push(m) } })
    fake?.broadcast('Response: Success\r\nActionID: not-ours-1\r\nMessage: stray\r\n\r\nResponse: Success\r\nMessage: no id\r\n\r\n')
    await session.send({ Action: 'Ping' })
    expect(session.unmatchedResponses).toBe(2)
    expect(debug.join('\n')).toMatch(/unknown ActionID "not-ours-1"/)
  })

  it('times out an unanswered action, and the session goes on', async () => {
    const session = await loggedIn({ silent: ['Hangup'] })
    const started = Date.now()
    const error = await session.send({ Action: 'Hangup', Channel: 'PJSIP/1001-1' }, { timeoutMs: 150 }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AmiTimeoutError)
    expect((error as Error).message).toBe('Hangup: no response within 150 ms')
    expect(Date.now() - started).toBeGreaterThanOrEqual(140)
    expect((await session.send({ Action: 'Ping' })).response.fields.Ping).toBe('Pong')
  })

  it('times a list out on silence between its events, not on its total length', async () => {
    const session = await loggedIn({
      handle: (action, c) => {
        if (action.fields.Action !== 'ShowDialPlan') return false
        const id = action.fields.ActionID ?? ''
        c.reply(action, { Response: 'Success', EventList: 'start' })
        let n = 0
        const timer = setInterval(() => {
          if (++n <= 8) c.send({ Event: 'ListDialplan', ActionID: id, Extension: String(n) })
          else clearInterval(timer) // then silence: no Complete
        }, 50)
        return true
      }
    })
    const started = Date.now()
    const error = await session.send({ Action: 'ShowDialPlan' }, { timeoutMs: 250 }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AmiTimeoutError)
    expect((error as Error).message).toMatch(/ShowDialPlan: the event list stalled/)
    expect(Date.now() - started).toBeGreaterThan(400) // 8 events 50 ms apart kept it alive past 250 ms
  })

  it('rejects every pending action at once when the connection drops, and closes once', async () => {
    const session = await loggedIn({ silent: ['Hangup', 'QueuePause'] })
    const closes: Error[] = []
    session.on('close', (reason) => closes.push(reason))
    const pending = [session.send({ Action: 'Hangup' }), session.send({ Action: 'QueuePause' }), session.send({ Action: 'Hangup' })]
    await waitFor(() => (fake?.actions.length === 4 ? true : undefined), 'the actions to arrive')
    fake?.dropAll()
    const errors = await Promise.all(pending.map((p) => p.catch((e: unknown) => e)))
    expect(new Set(errors).size).toBe(1)
    expect(errors[0]).toBeInstanceOf(AmiDisconnectedError)
    expect(closes).toEqual([errors[0]])
    expect(session.closeReason).toBe(errors[0])
    await expect(session.send({ Action: 'Ping' })).rejects.toBe(errors[0])
  })

  it('closes with a heartbeat timeout when Ping goes unanswered', async () => {
    const session = await loggedIn({ silent: ['Ping'] }, { pingIntervalMs: 50, pingTimeoutMs: 100 })
    const [reason] = (await once(session, 'close')) as [Error]
    expect(reason).toBeInstanceOf(AmiTimeoutError)
    expect(reason.message).toBe('Heartbeat timeout: Asterisk did not answer Ping within 100 ms')
  })

  it('keeps the session while Pings are answered', async () => {
    const session = await loggedIn({}, { pingIntervalMs: 30, pingTimeoutMs: 100 })
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(session.closeReason).toBeUndefined()
    expect(fake?.actions.filter((a) => a.fields.Action === 'Ping').length).toBeGreaterThanOrEqual(3)
  })

  it('closes when Ping goes unanswered even though events keep arriving (data is not a Pong)', async () => {
    const session = await loggedIn({ silent: ['Ping'] }, { pingIntervalMs: 30, pingTimeoutMs: 150 })
    const stream = setInterval(() => fake?.broadcast('Event: RTCPSent\r\nChannel: PJSIP/1001-1\r\n\r\n'), 20)
    try {
      const [reason] = (await once(session, 'close')) as [Error]
      expect(reason).toBeInstanceOf(AmiTimeoutError)
      expect(reason.message).toBe('Heartbeat timeout: Asterisk did not answer Ping within 150 ms')
    } finally {
      clearInterval(stream)
    }
  }, 3000)

  it('does not take a slow Pong for a dead link while an earlier list is still arriving', async () => {
    // Asterisk answers one session's actions in order: a long list delays the Pong behind it.
    let listing = false
    const queued: Array<() => void> = []
    const session = await loggedIn(
      {
        handle: (action, c) => {
          const name = action.fields.Action
          if (name === 'Ping' && listing) {
            queued.push(() => c.reply(action, { Response: 'Success', Ping: 'Pong' }))
            return true
          }
          if (name !== 'CoreShowChannels') return false
          listing = true
          c.reply(action, { Response: 'Success', EventList: 'start', Message: 'Channels will follow' })
          let sent = 0
          const timer = setInterval(() => {
            if (++sent <= 10) return c.send({ Event: 'CoreShowChannel', ActionID: action.fields.ActionID, Channel: `PJSIP/10${sent}-1` })
            clearInterval(timer)
            c.send({ Event: 'CoreShowChannelsComplete', ActionID: action.fields.ActionID, EventList: 'Complete', ListItems: 10 })
            listing = false
            for (const answer of queued.splice(0)) answer()
          }, 40)
          return true
        }
      },
      { pingIntervalMs: 20, pingTimeoutMs: 100 }
    )
    const list = await session.send({ Action: 'CoreShowChannels' })
    expect(list.events).toHaveLength(10)
    expect(session.closeReason).toBeUndefined()
  })

  it('reads the output of a Command it sent (Response: Follows)', async () => {
    const session = await loggedIn({
      handle: (action, c) => {
        if (action.fields.Action !== 'Command') return false
        c.write(`Response: Follows\r\nPrivilege: Command\r\nActionID: ${action.fields.ActionID ?? ''}\r\nName/username\nResponse: not a header\n--END COMMAND--\r\n\r\n`)
        return true
      }
    })
    const { response } = await session.send({ Action: 'Command', Command: 'sip show peers' })
    expect(response.output).toEqual(['Name/username', 'Response: not a header'])
  })

  it('reads an unexpected Response: Follows as an ordinary message: events and Pongs still get through', async () => {
    const session = await loggedIn({}, { pingIntervalMs: 30, pingTimeoutMs: 200 })
    const events = collectEvents(session)
    fake?.broadcast('Response: Follows\r\nPrivilege: Command\r\n\r\nEvent: Newchannel\r\nChannel: PJSIP/1001-1\r\n\r\n')
    await waitFor(() => events.find((e) => e.fields.Event === 'Newchannel'), 'the event after the Follows')
    expect((await session.send({ Action: 'Ping' })).response.fields.Ping).toBe('Pong')
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(session.closeReason).toBeUndefined()
    expect(session.unmatchedResponses).toBe(1)
  })

  it('refuses bad credentials with AmiLoginError, without the secret', async () => {
    const session = await connect()
    await session.greeting
    const error = await session.login(USERNAME, 'wrong-secret-123').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AmiLoginError)
    expect(error).toMatchObject({ kind: 'credentials', message: 'Asterisk rejected the user "earshot": authentication failed' })
    expect(JSON.stringify(error, Object.getOwnPropertyNames(error))).not.toContain('wrong-secret-123')
  })

  it('rejects a server that is not AMI', async () => {
    const session = await connect({ greeting: 'SSH-2.0-OpenSSH_9.6\r\n' })
    const error = await session.greeting.catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AmiProtocolError)
    expect((error as Error).message).toBe('Not an Asterisk Manager Interface: the server said "SSH-2.0-OpenSSH_9.6"')
    expect(session.closeReason).toBe(error)
  })

  it('times out when no greeting comes', async () => {
    const session = await connect({ greeting: '' }, { greetingTimeoutMs: 100 })
    await expect(session.greeting).rejects.toThrow(new AmiTimeoutError('No AMI greeting within 100 ms'))
  })

  it('drops an oversized message, logs it and carries on', async () => {
    const warnings: string[] = []
    const session = await loggedIn({}, { maxMessageBytes: 1024, logger: { warn: (m) => warnings.push(m) } })
    const events = collectEvents(session)
    fake?.broadcast(`Event: Huge\r\nData: ${'x'.repeat(5000)}\r\n\r\nEvent: After\r\n\r\n`)
    await waitFor(() => events.find((e) => e.fields.Event === 'After'), 'the next event')
    expect(session.protocolErrors).toBe(1)
    expect(warnings).toEqual(['Dropped an AMI message larger than 1024 bytes; resuming after the next blank line'])
    expect(events.map((e) => e.fields.Event)).not.toContain('Huge')
  })

  it('shows a tap the exact text both ways, with the secret masked', async () => {
    const read: string[] = []
    const written: string[] = []
    const session = await loggedIn({}, { tap: { read: (raw) => read.push(raw), write: (raw) => written.push(raw) } })
    await session.send({ Action: 'PJSIPShowEndpoints' })
    expect(written[0]).toMatch(/^Action: Login\r\nActionID: earshot-[0-9a-f]{8}-1\r\nUsername: earshot\r\nSecret: \*{8}\r\nEvents: on\r\n\r\n$/)
    expect(written.join('')).not.toContain(SECRET)
    expect(fake?.received).toContain(`Secret: ${SECRET}\r\n`)
    expect(fake?.received).toBe(written.join('').replace('Secret: ********', `Secret: ${SECRET}`))
    expect(read[0]).toBe('Asterisk Call Manager/11.0.0\r\n')
    expect(read.slice(1, 2)).toEqual([expect.stringMatching(/^Response: Success\r\nActionID: .*\r\nMessage: Authentication accepted\r\n\r\n$/)])
    expect(read.filter((r) => r.startsWith('Event: EndpointList\r\n')).length).toBeGreaterThan(3)
  })

  it('keeps working when a tap throws', async () => {
    const warnings: string[] = []
    const session = await loggedIn({}, { logger: { warn: (m) => warnings.push(m) }, tap: { write: () => { throw new Error('disk full') } } })
    expect((await session.send({ Action: 'Ping' })).response.fields.Ping).toBe('Pong')
    expect(warnings).toContain('AMI tap failed: disk full')
  })
})

describe('AmiSession on any Duplex', () => {
  it('dispatches synchronously inside the data handler', () => {
    const written: string[] = []
    const duplex = new Duplex({
      read: () => undefined,
      write: (chunk: Buffer, _encoding, callback) => {
        written.push(chunk.toString())
        callback()
      }
    })
    const session = new AmiSession(duplex, { pingIntervalMs: 0 })
    const events: AmiMessage[] = []
    session.on('event', (m) => events.push(m))
    duplex.emit('data', Buffer.from('Asterisk Call Manager/11.0.0\r\nEvent: A\r\n\r\nEvent: B\r\n'))
    expect(events.map((e) => e.fields.Event)).toEqual(['A'])
    duplex.emit('data', Buffer.from('\r\n'))
    expect(events.map((e) => e.fields.Event)).toEqual(['A', 'B'])
    session.close()
    expect(duplex.destroyed).toBe(true)
  })
})
