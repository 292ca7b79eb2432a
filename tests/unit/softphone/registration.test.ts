/**
 * The registration state machine with a fake link, fake timers and a fixed random: backoff grows
 * and caps, retries go on forever, `online` retries at once, a config change starts over, and a
 * retry re-registers on a live transport instead of reconnecting it.
 */
import { describe, expect, it } from 'vitest'
import {
  type ConfiguredSoftphone,
  type RegistrationLink,
  type RegistrationLinkEvents,
  RegistrationMachine,
  type RegistrationState,
  backoffDelay,
  registrationWords
} from '../../../src/renderer/softphone/pure/registration'
import { checkSoftphoneUrl } from '../../../src/renderer/softphone/pure/ws-url'

const CONFIG: ConfiguredSoftphone = {
  configured: true,
  wsUrl: 'wss://pbx.example.com:8089/ws',
  extension: '2001',
  domain: 'pbx.example.com',
  authUser: '2001',
  displayName: 'Supervisor',
  source: 'settings',
  passwordRevision: 'r1'
}

class FakeLink implements RegistrationLink {
  connects = 0
  registers = 0
  closed = false
  up = false
  constructor(
    readonly config: ConfiguredSoftphone,
    readonly url: string,
    readonly events: RegistrationLinkEvents
  ) {}
  connect(): void {
    this.connects++
  }
  register(): void {
    this.registers++
  }
  isConnected(): boolean {
    return this.up
  }
  close(): void {
    this.closed = true
  }
  /** The socket opened. */
  open(): void {
    this.up = true
    this.events.connected()
  }
  /** The socket dropped. */
  drop(reason = 'Connection lost'): void {
    this.up = false
    this.events.disconnected(reason)
  }
}

function harness(random = 1) {
  let now = 1_000_000
  const timers = new Map<number, { at: number; run: () => void }>()
  let nextTimer = 1
  const links: FakeLink[] = []
  const states: RegistrationState[] = []
  const machine = new RegistrationMachine<number>(
    {
      open: (config, url, events) => {
        const link = new FakeLink(config, url, events)
        links.push(link)
        return link
      },
      now: () => now,
      setTimer: (run, ms) => {
        const id = nextTimer++
        timers.set(id, { at: now + ms, run })
        return id
      },
      clearTimer: (id) => {
        timers.delete(id)
      },
      random: () => random
    },
    (state) => states.push(state)
  )
  const link = (): FakeLink => {
    const last = links.at(-1)
    if (last === undefined) throw new Error('no link')
    return last
  }
  return {
    machine,
    links,
    states,
    link,
    pendingDelays: () => [...timers.values()].map((t) => t.at - now),
    /** Advances the clock to the next timer and runs it; returns the delay waited. */
    fireNext(): number {
      const [id, next] = [...timers.entries()].sort((a, b) => a[1].at - b[1].at)[0] ?? []
      if (id === undefined || next === undefined) throw new Error('no timer pending')
      const waited = next.at - now
      now = next.at
      timers.delete(id)
      next.run()
      return waited
    },
    advance(ms: number) {
      now += ms
    },
    now: () => now
  }
}

describe('backoff', () => {
  it('doubles from 1 s and caps at 60 s, with jitter in the upper half', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 20].map((n) => backoffDelay(n, undefined, () => 1))).toEqual([
      1000, 2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000, 60_000
    ])
    expect(backoffDelay(3, undefined, () => 0)).toBe(2000)
    expect(backoffDelay(30, undefined, () => 0)).toBe(30_000)
  })
})

describe('registration state machine', () => {
  it('connects, registers and reports registered', () => {
    const h = harness()
    h.machine.configure(CONFIG)
    expect(h.machine.state).toEqual({ state: 'connecting', attempt: 0 })
    expect(h.link().url).toBe('wss://pbx.example.com:8089/ws')
    expect(h.link().connects).toBe(1)
    h.link().open()
    expect(h.machine.state).toEqual({ state: 'registering', attempt: 0 })
    expect(h.link().registers).toBe(1)
    h.link().events.registered()
    expect(h.machine.state).toEqual({ state: 'registered', since: h.now() })
    expect(h.machine.registered).toBe(true)
    expect(h.states.map((s) => s.state)).toEqual(['connecting', 'registering', 'registered'])
  })

  it('retries a rejected REGISTER forever with growing, capped delays, on the same socket', () => {
    const h = harness()
    h.machine.configure(CONFIG)
    h.link().open()
    const waited: number[] = []
    for (let i = 0; i < 9; i++) {
      h.link().events.rejected(403, 'Forbidden')
      expect(h.machine.state).toMatchObject({ state: 'failed', code: 403, reason: 'Forbidden', attempt: i + 1 })
      waited.push(h.fireNext())
      expect(h.machine.state.state).toBe('registering')
    }
    expect(waited).toEqual([1000, 2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000, 60_000])
    // Never reconnected: the socket was up all along.
    expect(h.links).toHaveLength(1)
    expect(h.link().connects).toBe(1)
    expect(h.link().registers).toBe(10)
    // Success resets the backoff.
    h.link().events.registered()
    h.link().events.rejected(408, 'Request Timeout')
    expect(h.fireNext()).toBe(1000)
  })

  it('shows the status and reason phrase while it waits', () => {
    const h = harness()
    h.machine.configure(CONFIG)
    h.link().open()
    h.link().events.rejected(403, 'Forbidden')
    const words = registrationWords(h.machine.state, h.now())
    expect(words).toEqual({ label: 'Failed: 403 Forbidden', detail: '403 Forbidden. Trying again in 1 s.', tone: 'error' })
  })

  it('reconnects after the transport is lost (registered or not), then registers again', () => {
    const h = harness()
    h.machine.configure(CONFIG)
    h.link().drop('Could not connect to wss://pbx.example.com:8089/ws')
    expect(h.machine.state).toMatchObject({ state: 'failed', code: null, reason: 'Could not connect to wss://pbx.example.com:8089/ws' })
    expect(h.fireNext()).toBe(1000)
    expect(h.machine.state).toEqual({ state: 'connecting', attempt: 1 })
    expect(h.link().connects).toBe(2)
    h.link().open()
    h.link().events.registered()
    h.link().drop()
    expect(h.machine.state).toMatchObject({ state: 'failed', reason: 'Connection lost', attempt: 1 })
    h.fireNext()
    expect(h.link().connects).toBe(3)
    expect(h.links).toHaveLength(1)
  })

  it('a second report of the same outage does not push the retry further away', () => {
    const h = harness()
    h.machine.configure(CONFIG)
    h.link().open()
    h.link().drop()
    h.link().events.rejected(503, 'Service Unavailable')
    expect(h.pendingDelays()).toEqual([1000])
    expect(h.machine.state).toMatchObject({ state: 'failed', code: 503, attempt: 1 })
  })

  it('the online event retries at once and starts the backoff over', () => {
    const h = harness()
    h.machine.configure(CONFIG)
    for (let i = 0; i < 5; i++) {
      h.link().drop()
      h.fireNext()
    }
    h.link().drop()
    expect(h.pendingDelays()).toEqual([32_000])
    h.machine.online()
    expect(h.pendingDelays()).toEqual([])
    expect(h.machine.state).toEqual({ state: 'connecting', attempt: 0 })
    h.link().drop()
    expect(h.pendingDelays()).toEqual([1000])
  })

  it('the online event re-registers a registration at once (the network under it changed)', () => {
    const h = harness()
    h.machine.configure(CONFIG)
    h.link().open()
    h.link().events.registered()
    h.machine.online()
    expect(h.machine.state.state).toBe('registering')
    expect(h.link().registers).toBe(2)
    // …and is ignored while an attempt is already under way.
    h.machine.online()
    expect(h.link().registers).toBe(2)
  })

  it('a config change closes the link and starts over; the same config again changes nothing', () => {
    const h = harness()
    h.machine.configure(CONFIG)
    h.link().open()
    h.link().events.rejected(403, 'Forbidden')
    const first = h.link()
    h.machine.configure({ ...CONFIG })
    expect(h.links).toHaveLength(1)
    h.machine.configure({ ...CONFIG, extension: '2002', authUser: '2002' })
    expect(first.closed).toBe(true)
    expect(h.links).toHaveLength(2)
    expect(h.link().config.extension).toBe('2002')
    expect(h.machine.state).toEqual({ state: 'connecting', attempt: 0 })
    // The old link's timer and events no longer count.
    expect(h.pendingDelays()).toEqual([])
    first.events.registered()
    first.events.disconnected('late')
    expect(h.machine.state).toEqual({ state: 'connecting', attempt: 0 })
  })

  it('no account, or a ws:// server off this computer: stops with the reason, no link, no retries', () => {
    const h = harness()
    h.machine.configure({ configured: false, reason: 'No softphone account in the settings' })
    expect(h.machine.state).toEqual({ state: 'unconfigured', reason: 'No softphone account in the settings' })
    h.machine.configure({ ...CONFIG, wsUrl: 'ws://pbx.example.com:8088/ws' })
    expect(h.machine.state).toMatchObject({ state: 'refused', reason: expect.stringMatching(/only allowed to this computer; use wss:\/\//) as unknown })
    h.machine.online()
    expect(h.links).toHaveLength(0)
    expect(h.pendingDelays()).toEqual([])
    // ws:// to this computer is fine (the demo PBX).
    h.machine.configure({ ...CONFIG, wsUrl: 'ws://127.0.0.1:5066/ws', source: 'demo' })
    expect(h.machine.state.state).toBe('connecting')
  })

  it('a config the SIP side cannot use is refused with its reason, not retried', () => {
    let timers = 0
    const machine = new RegistrationMachine<number>(
      {
        open: () => {
          throw new Error('“2001@pbx example” is not a SIP address')
        },
        now: () => 0,
        setTimer: () => ++timers,
        clearTimer: () => undefined,
        random: () => 0
      },
      () => undefined
    )
    machine.configure(CONFIG)
    expect(machine.state).toEqual({ state: 'refused', reason: '“2001@pbx example” is not a SIP address' })
    machine.online()
    expect(timers).toBe(0)
  })

  it('stop() closes the link and cancels the retry', async () => {
    const h = harness()
    h.machine.configure(CONFIG)
    h.link().drop()
    await h.machine.stop()
    expect(h.link().closed).toBe(true)
    expect(h.pendingDelays()).toEqual([])
    expect(h.machine.state).toEqual({ state: 'loading' })
  })
})

describe('softphone WebSocket addresses', () => {
  const cases: Array<[string, boolean]> = [
    ['wss://pbx.example.com:8089/ws', true],
    ['WSS://PBX.example.com/ws', true],
    ['ws://127.0.0.1:8088/ws', true],
    ['ws://127.9.9.9/ws', true],
    ['ws://localhost:8088/ws', true],
    ['ws://[::1]:8088/ws', true],
    ['ws://pbx.example.com:8088/ws', false],
    ['ws://192.168.1.10:8088/ws', false],
    ['ws://127.0.0.1.example.com/ws', false],
    ['https://pbx.example.com/ws', false],
    ['wss://user:secret@pbx.example.com/ws', false],
    ['pbx.example.com', false]
  ]
  for (const [url, ok] of cases) {
    it(`${url} is ${ok ? 'allowed' : 'refused'}`, () => {
      expect(checkSoftphoneUrl(url).ok).toBe(ok)
    })
  }

  it('says why', () => {
    expect(checkSoftphoneUrl('ws://pbx.example.com:8088/ws')).toEqual({
      ok: false,
      reason: 'Refusing ws://pbx.example.com:8088/ws: unencrypted ws:// is only allowed to this computer; use wss:// for pbx.example.com'
    })
  })
})
