import { readFileSync } from 'node:fs'
import net from 'node:net'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { AmiClient, type AmiClientClock, type AmiClientOptions, type AmiClientStatus } from '../../../src/main/ami/client'
import { AmiConnectError, AmiDisconnectedError } from '../../../src/main/ami/errors'
import type { AmiMessage } from '../../../src/main/ami/message'
import type { AmiSession } from '../../../src/main/ami/session'
import { parseCapture } from '../../../src/main/capture/format'
import { TRACES_DIR } from '../../support/traces'
import { FakeAsterisk, SECRET, USERNAME, type FakeAsteriskOptions } from './fake-asterisk'
import { waitFor } from '../../support/wait'

let fake: FakeAsterisk | undefined
let client: AmiClient | undefined

afterEach(async () => {
  client?.stop()
  client = undefined
  await fake?.close()
  fake = undefined
})

/** Fake time for the reconnect loop: `now` is fixed until advanced; timers really fire, after 5 ms. */
function testClock(): AmiClientClock & { delays: number[]; advance(ms: number): void } {
  let now = 1_800_000_000_000
  const delays: number[] = []
  return {
    delays,
    now: () => now,
    advance: (ms) => {
      now += ms
    },
    setTimeout: (callback, ms) => {
      delays.push(ms)
      return setTimeout(callback, 5)
    },
    clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout)
  }
}

interface Watched {
  client: AmiClient
  statuses: AmiClientStatus[]
  events: AmiMessage[]
  ready: AmiSession[]
}

async function startClient(fakeOptions: FakeAsteriskOptions | undefined, options: Partial<AmiClientOptions> = {}): Promise<Watched> {
  if (fakeOptions) fake = await FakeAsterisk.start(fakeOptions)
  const c = new AmiClient({ url: fake?.url ?? 'ami://127.0.0.1:1', username: USERNAME, secret: SECRET, pingIntervalMs: 0, random: () => 0.5, ...options })
  client = c
  const watched: Watched = { client: c, statuses: [], events: [], ready: [] }
  c.on('status', (s) => watched.statuses.push(s))
  c.on('event', (m) => watched.events.push(m))
  c.on('ready', (s) => watched.ready.push(s))
  c.start()
  return watched
}

async function closedPort(): Promise<number> {
  const server = net.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as net.AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return port
}

describe('AmiClient', () => {
  it('connects, logs in with events on, then reports ready', async () => {
    const w = await startClient({})
    const session = await waitFor(() => w.ready[0], 'ready')
    expect(w.statuses).toEqual([{ state: 'connecting', attempt: 1 }, { state: 'connected' }])
    expect(w.client.status).toEqual({ state: 'connected' })
    expect(w.client.session).toBe(session)
    expect(fake?.actions[0]?.fields).toMatchObject({ Action: 'Login', Username: USERNAME, Events: 'on' })
    // FullyBooted comes in the same read as the login response: it must not be lost.
    await waitFor(() => w.events.find((e) => e.fields.Event === 'FullyBooted'), 'FullyBooted')
    const { events, complete } = await w.client.send({ Action: 'PJSIPShowEndpoints' })
    expect(events.length).toBeGreaterThan(3)
    expect(complete?.fields.Event).toBe('EndpointListComplete')
  })

  it('fetches the credentials from a provider at each attempt', async () => {
    fake = await FakeAsterisk.start()
    const url = fake.url
    let calls = 0
    const w = await startClient(undefined, {
      credentials: async () => {
        calls++
        await new Promise((resolve) => setTimeout(resolve, 1))
        return { url, username: USERNAME, secret: calls === 1 ? 'stale' : SECRET }
      },
      clock: testClock()
    })
    await waitFor(() => w.ready[0], 'ready')
    expect(calls).toBe(2)
    expect(w.statuses.map((s) => s.state)).toEqual(['connecting', 'reconnecting', 'connecting', 'connected'])
    expect(w.statuses[1]?.error?.kind).toBe('credentials')
  })

  it('reports a failing credentials provider as a config error', async () => {
    const w = await startClient(undefined, {
      credentials: () => {
        throw new Error('keychain locked')
      },
      clock: testClock()
    })
    const status = await waitFor(() => w.statuses.find((s) => s.state === 'reconnecting'), 'a failure')
    expect(status.error).toMatchObject({ kind: 'config', message: 'Could not get the AMI credentials: keychain locked' })
  })

  it('reconnects with backoff after the PBX drops the connection, reporting each step', async () => {
    const clock = testClock()
    const w = await startClient({}, { clock })
    await waitFor(() => w.ready[0], 'ready')
    fake?.dropAll()
    await waitFor(() => w.ready[1], 'the second ready')
    expect(w.statuses).toEqual([
      { state: 'connecting', attempt: 1 },
      { state: 'connected' },
      {
        state: 'reconnecting',
        attempt: 1,
        retryAt: clock.now() + 375, // 500 ms nominal, jitter 0.5 → 250 + 125
        error: expect.objectContaining({ kind: 'unreachable', message: expect.stringMatching(/^Lost the connection to 127\.0\.0\.1:\d+ \(/) as unknown }) as unknown
      },
      { state: 'connecting', attempt: 2 },
      { state: 'connected' }
    ])
    expect(w.ready[1]).not.toBe(w.ready[0])
    expect((await w.client.send({ Action: 'Ping' })).response.fields.Ping).toBe('Pong')
  })

  it('a port that refuses connections (Asterisk restarting): quick retries for the first minute, then the backoff, capped', async () => {
    const clock = testClock()
    const port = await closedPort()
    const w = await startClient(undefined, { url: `ami://127.0.0.1:${port}`, clock, backoff: { maxMs: 4000 } })
    await waitFor(() => (clock.delays.length >= 5 ? true : undefined), 'five retries')
    // 1 s nominal, jitter 0.5 → 500 + 250, however many came before.
    expect(clock.delays.slice(0, 5)).toEqual([750, 750, 750, 750, 750])
    // A minute on, still refused: the usual backoff, from its start.
    clock.advance(60_000)
    const after = clock.delays.length
    await waitFor(() => (clock.delays.length >= after + 5 ? true : undefined), 'five more retries')
    w.client.stop()
    expect(clock.delays.slice(after, after + 5)).toEqual([375, 750, 1500, 3000, 3000])
    const failures = w.statuses.filter((s) => s.state === 'reconnecting')
    expect(failures.slice(0, 5).map((s) => s.attempt)).toEqual([1, 2, 3, 4, 5])
    expect(failures[0]?.error).toMatchObject({ kind: 'unreachable', message: `Cannot reach 127.0.0.1:${port} (connection refused)` })
  })

  it('after Asterisk’s Shutdown (the asterisk-restart capture) retries are quick while it restarts, however often it dropped before (issue 13.6)', async () => {
    const clock = testClock()
    const w = await startClient({}, { clock })
    await waitFor(() => w.ready[0], 'ready')
    // Earlier drops grew the backoff (no snapshot confirmed the connections in between).
    for (let i = 1; i <= 3; i++) {
      fake?.dropAll()
      await waitFor(() => w.ready[i], `ready after drop ${i}`)
    }
    expect(clock.delays).toEqual([375, 750, 1500])
    // `core restart now`: Asterisk sends Shutdown, as captured, closes the socket and its port.
    const shutdown = parseCapture(readFileSync(join(TRACES_DIR, 'asterisk-restart.jsonl'), 'utf8')).find((r) => r.dir === 'rx' && r.raw.startsWith('Event: Shutdown\r\n'))
    if (shutdown === undefined) throw new Error('the asterisk-restart capture has no Shutdown')
    const { port } = fake ?? { port: 0 }
    fake?.broadcast(shutdown.raw)
    await waitFor(() => w.events.find((e) => e.fields.Event === 'Shutdown'), 'the Shutdown event')
    await fake?.close()
    await waitFor(() => (clock.delays.length >= 6 ? true : undefined), 'three retries against the closed port')
    // Asterisk is back on its port.
    fake = await FakeAsterisk.start({ port })
    await waitFor(() => w.ready[4], 'ready after the restart')
    expect(clock.delays.slice(3).every((ms) => ms === 750)).toBe(true)
    expect(clock.delays.length).toBeGreaterThanOrEqual(6)
  })

  it('starts the backoff over after a connection stayed up', async () => {
    const clock = testClock()
    const w = await startClient({}, { clock })
    await waitFor(() => w.ready[0], 'ready')
    fake?.dropAll() // short-lived: the next failure counts on
    await waitFor(() => w.ready[1], 'ready again')
    fake?.dropAll()
    await waitFor(() => w.ready[2], 'ready a third time')
    clock.advance(31_000) // this one stays up past stableMs
    fake?.dropAll()
    await waitFor(() => w.ready[3], 'ready a fourth time')
    expect(w.statuses.filter((s) => s.state === 'reconnecting').map((s) => s.attempt)).toEqual([1, 2, 1])
    expect(clock.delays).toEqual([375, 750, 375])
  })

  it('stops: status stopped, actions in flight rejected, no more reconnects', async () => {
    const w = await startClient({ silent: ['Hangup'] })
    await waitFor(() => w.ready[0], 'ready')
    const pending = w.client.send({ Action: 'Hangup', Channel: 'PJSIP/1001-1' })
    w.client.stop()
    await expect(pending).rejects.toThrow(new AmiDisconnectedError('AMI client stopped'))
    expect(w.statuses.at(-1)).toEqual({ state: 'stopped' })
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(fake?.connections.size).toBe(0)
    expect(fake?.actions.filter((a) => a.fields.Action === 'Login')).toHaveLength(1)
    await expect(w.client.send({ Action: 'Ping' })).rejects.toThrow(new AmiDisconnectedError('Not connected to Asterisk (stopped)'))
  })

  it('stops while still connecting', async () => {
    const w = await startClient({ greeting: '' })
    await waitFor(() => (fake?.connections.size === 1 ? true : undefined), 'the connection')
    w.client.stop()
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(w.statuses).toEqual([{ state: 'connecting', attempt: 1 }, { state: 'stopped' }])
    expect(fake?.connections.size).toBe(0)
  })

  it('rejects sends while not connected', async () => {
    const c = new AmiClient({ url: 'ami://127.0.0.1:1', username: USERNAME, secret: SECRET })
    await expect(c.send({ Action: 'Ping' })).rejects.toThrow(AmiDisconnectedError)
  })

  it('turns "Permission denied" into a privileges error', async () => {
    const w = await startClient({ denied: ['CoreShowChannels'] })
    await waitFor(() => w.ready[0], 'ready')
    const error = await w.client.send({ Action: 'CoreShowChannels' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AmiConnectError)
    expect(error).toMatchObject({
      kind: 'privileges',
      message: "The AMI user lacks the 'system' or 'reporting' write privilege needed for CoreShowChannels (Permission denied)"
    })
  })

  it('never lets the secret out: not in errors, statuses, logs or the tap', async () => {
    const seen: string[] = []
    const remember = (value: unknown): void => {
      seen.push(typeof value === 'string' ? value : JSON.stringify(value, Object.getOwnPropertyNames(value)))
      const cause = (value as { cause?: unknown } | undefined)?.cause
      if (cause !== undefined) remember(cause)
    }
    const logger = { warn: remember, debug: remember }
    const tap = { read: remember, write: remember }
    fake = await FakeAsterisk.start()
    const url = fake.url
    let attempt = 0
    const w = await startClient(undefined, {
      credentials: () => ({ url, username: USERNAME, secret: ++attempt === 1 ? `${SECRET}-wrong` : SECRET }),
      logger,
      tap,
      clock: testClock()
    })
    await waitFor(() => w.ready[0], 'ready')
    await w.client.send({ Action: 'Ping' })
    w.client.stop()
    for (const s of w.statuses) if (s.error) remember(s.error)
    expect(seen.filter((t) => t.includes('Secret: ********'))).toHaveLength(2)
    expect(seen.some((t) => t.includes('authentication failed'))).toBe(true)
    for (const text of seen) expect(text).not.toContain(SECRET)
    expect(fake.received).toContain(`Secret: ${SECRET}\r\n`) // it did reach the PBX
  })
})
