/**
 * The digest plug (src/renderer/softphone/pure/digest.ts) with the real SIP.js 0.21 user agent and
 * registerer over an in-memory transport: the renderer never has the password, "main" (here the
 * test's answerer) computes the response, and the registrar checks it against a reference MD5
 * computation of its own (node:crypto). Also: messages stay in order while a challenge waits,
 * failures become a final 401, and the header matches what SIP.js's own DigestAuthentication writes.
 */
import { afterEach, describe, expect, it } from 'vitest'
import {
  EmitterImpl,
  Messager,
  Registerer,
  RegistererState,
  type Transport,
  TransportState,
  UserAgent,
  version as sipJsVersion
} from 'sip.js'
import { DigestAuthentication, LoggerFactory } from 'sip.js/lib/core'
import type { DigestChallenge } from '../../../src/shared/contract'
import { DigestChallenge as DigestChallengeSchema } from '../../../src/shared/contract'
import { DigestPlug, describeSentRequest, installDigestPlug, supportedSipJs } from '../../../src/renderer/softphone/pure/digest'
import { FakeRegistrar, header, parseDigestParams, parseSip, referenceDigest } from './fake-registrar'

const PASSWORD = 'correct horse battery staple'
const HEX16: unknown = expect.stringMatching(/^[0-9a-f]{16}$/)

/** An in-memory SIP.js transport whose far end is a function (the fake registrar). */
class MemoryTransport implements Transport {
  static last: MemoryTransport | null = null
  readonly protocol = 'WSS'
  state: TransportState = TransportState.Disconnected
  readonly stateChange = new EmitterImpl<TransportState>()
  onConnect: (() => void) | undefined
  onDisconnect: ((error?: Error) => void) | undefined
  onMessage: ((message: string) => void) | undefined
  readonly sent: string[] = []
  far: ((raw: string) => string[]) | null = null

  constructor() {
    MemoryTransport.last = this
  }

  connect(): Promise<void> {
    this.state = TransportState.Connected
    this.stateChange.emit(this.state)
    this.onConnect?.()
    return Promise.resolve()
  }

  disconnect(): Promise<void> {
    this.state = TransportState.Disconnected
    this.stateChange.emit(this.state)
    return Promise.resolve()
  }

  dispose(): Promise<void> {
    return this.disconnect()
  }

  isConnected(): boolean {
    return this.state === TransportState.Connected
  }

  send(message: string): Promise<void> {
    this.sent.push(message)
    const far = this.far
    // The far end answers asynchronously, like a socket.
    setTimeout(() => {
      for (const reply of far?.(message) ?? []) this.onMessage?.(reply)
    }, 1)
    return Promise.resolve()
  }

  /** A message from the far end, unprompted. */
  inject(raw: string): void {
    this.onMessage?.(raw)
  }
}

interface Rig {
  ua: UserAgent
  transport: MemoryTransport
  plug: DigestPlug
  asked: DigestChallenge[]
}

const started: UserAgent[] = []

afterEach(async () => {
  for (const ua of started.splice(0)) await ua.stop()
})

/** Main's side: the password lives here, exactly as in src/main (validated by the contract's schema). */
function mainAnswerer(asked: DigestChallenge[], username = '2001') {
  return (challenge: DigestChallenge): Promise<{ username: string; response: string }> => {
    asked.push(DigestChallengeSchema.strict().parse(challenge))
    return Promise.resolve({
      username,
      response: referenceDigest({ username, password: PASSWORD, ...challenge })
    })
  }
}

async function rig(registrar: FakeRegistrar, answerer?: (c: DigestChallenge) => Promise<{ username: string; response: string }>): Promise<Rig> {
  const asked: DigestChallenge[] = []
  const ua = new UserAgent({
    uri: UserAgent.makeURI('sip:2001@example.test'),
    authorizationUsername: '2001',
    transportConstructor: MemoryTransport,
    logBuiltinEnabled: false,
    reconnectionAttempts: 0
  })
  const transport = MemoryTransport.last
  if (transport === null) throw new Error('no transport')
  transport.far = (raw) => registrar.handle(raw)
  const plug = new DigestPlug(answerer ?? mainAnswerer(asked), { timeoutMs: 300 })
  installDigestPlug(ua, plug)
  started.push(ua)
  await ua.start()
  return { ua, transport, plug, asked }
}

function register(ua: UserAgent): Promise<{ state: 'registered' } | { state: 'rejected'; code: number; phrase: string }> {
  const registerer = new Registerer(ua)
  return new Promise((resolve) => {
    registerer.stateChange.addListener((state) => {
      if (state === RegistererState.Registered) resolve({ state: 'registered' })
    })
    void registerer.register({
      requestDelegate: {
        onReject: (response) => resolve({ state: 'rejected', code: response.message.statusCode ?? 0, phrase: response.message.reasonPhrase ?? '' })
      }
    })
  })
}

function sentRegisters(transport: MemoryTransport): ReturnType<typeof parseSip>[] {
  return transport.sent.map(parseSip).filter((m) => m.startLine.startsWith('REGISTER '))
}

describe('digest plug with SIP.js', () => {
  it('is written for the installed SIP.js (0.21.x)', () => {
    expect(supportedSipJs(sipJsVersion)).toBe(true)
    expect(supportedSipJs('0.22.0')).toBe(false)
  })

  it('registers with qop=auth: main computes the response, the registrar’s reference MD5 accepts it', async () => {
    const registrar = new FakeRegistrar({ passwords: { '2001': PASSWORD }, opaque: 'opaque-123' })
    const { ua, transport, asked, plug } = await rig(registrar)
    await expect(register(ua)).resolves.toEqual({ state: 'registered' })

    const registers = sentRegisters(transport)
    expect(registers).toHaveLength(2)
    const [first, second] = registers
    expect(header(first!, 'authorization')).toBeUndefined()
    // What main was asked: the challenge and the request it is for; never a password.
    expect(asked).toHaveLength(1)
    const nonce = [...registrar.checked][0]?.params['nonce']
    expect(asked[0]).toEqual({
      realm: 'earshot-test',
      nonce,
      opaque: 'opaque-123',
      algorithm: 'MD5',
      qop: 'auth',
      method: 'REGISTER',
      uri: 'sip:example.test',
      cnonce: HEX16,
      nc: '00000001'
    })
    expect(JSON.stringify(transport.sent)).not.toContain(PASSWORD)

    // The registrar's independent check, and the header's own fields.
    expect(registrar.checked).toEqual([expect.objectContaining({ method: 'REGISTER', ok: true })])
    const params = parseDigestParams(header(second!, 'authorization') ?? '')
    expect(params).toMatchObject({ username: '2001', realm: 'earshot-test', uri: 'sip:example.test', qop: 'auth', nc: '00000001', opaque: 'opaque-123' })
    expect(params['cnonce']).toBe(asked[0]?.cnonce)
    expect(params['response']).toBe(
      referenceDigest({ username: '2001', password: PASSWORD, realm: 'earshot-test', nonce: nonce ?? '', method: 'REGISTER', uri: 'sip:example.test', qop: 'auth', nc: '00000001', cnonce: asked[0]?.cnonce ?? '' })
    )
    expect(plug.lastError).toBeNull()
  })

  it('writes exactly the header SIP.js’s own DigestAuthentication writes (same cnonce)', async () => {
    const registrar = new FakeRegistrar({ passwords: { '2001': PASSWORD }, opaque: 'op' })
    const { ua, transport } = await rig(registrar)
    await register(ua)
    const answered = sentRegisters(transport)[1]
    const ours = header(answered!, 'authorization') ?? ''
    const ourParams = parseDigestParams(ours)

    // SIP.js's reference implementation, with the password, on the same request and challenge.
    const sipJs = new DigestAuthentication(new LoggerFactory(), undefined, '2001', PASSWORD)
    const request = { method: 'REGISTER', ruri: 'sip:example.test' } as unknown as Parameters<DigestAuthentication['authenticate']>[0]
    expect(sipJs.authenticate(request, { realm: 'earshot-test', nonce: ourParams['nonce'], opaque: 'op', algorithm: 'MD5', qop: ['auth'] })).toBe(true)
    // Its cnonce is random: use ours and recompute (private fields, test only).
    const internals = sipJs as unknown as { cnonce: string; calculateResponse(body?: string): void }
    internals.cnonce = ourParams['cnonce'] ?? ''
    internals.calculateResponse()
    expect(ours).toBe(sipJs.toString())
  })

  it('registers against a challenge without qop (RFC 2617 style): no cnonce or nc in the header', async () => {
    const registrar = new FakeRegistrar({ passwords: { '2001': PASSWORD }, qop: null })
    const { ua, transport, asked } = await rig(registrar)
    await expect(register(ua)).resolves.toEqual({ state: 'registered' })
    expect(asked[0]?.qop).toBeNull()
    const authorization = header(sentRegisters(transport)[1]!, 'authorization') ?? ''
    expect(authorization).not.toMatch(/cnonce|nc=|qop/)
    expect(registrar.checked[0]?.ok).toBe(true)
  })

  it('answers a 407 Proxy-Authenticate on another method (MESSAGE) with Proxy-Authorization', async () => {
    const registrar = new FakeRegistrar({ passwords: { '2001': PASSWORD }, proxyChallenge: ['MESSAGE'] })
    const { ua, transport, asked } = await rig(registrar)
    const target = UserAgent.makeURI('sip:1001@example.test')
    if (target === undefined) throw new Error('bad uri')
    const accepted = new Promise<number>((resolve, reject) => {
      void new Messager(ua, target, 'hello').message({
        requestDelegate: { onAccept: (r) => resolve(r.message.statusCode ?? 0), onReject: (r) => reject(new Error(String(r.message.statusCode))) }
      })
    })
    await expect(accepted).resolves.toBe(200)
    expect(asked).toEqual([expect.objectContaining({ method: 'MESSAGE', uri: 'sip:1001@example.test' })])
    const messages = transport.sent.map(parseSip).filter((m) => m.startLine.startsWith('MESSAGE '))
    expect(header(messages[1]!, 'proxy-authorization')).toMatch(/^Digest algorithm=MD5, username="2001"/)
    expect(registrar.checked).toEqual([expect.objectContaining({ method: 'MESSAGE', ok: true })])
  })

  it('when main cannot answer, the 401 is final and lastError says why', async () => {
    const registrar = new FakeRegistrar({ passwords: { '2001': PASSWORD } })
    const { ua, plug } = await rig(registrar, () => Promise.reject(new Error('No SIP password is stored for 2001')))
    await expect(register(ua)).resolves.toEqual({ state: 'rejected', code: 401, phrase: 'Unauthorized' })
    expect(plug.lastError).toBe('No SIP password is stored for 2001')
    expect(registrar.checked).toEqual([])
  })

  it('when main does not answer in time, the 401 is delivered unanswered', async () => {
    const registrar = new FakeRegistrar({ passwords: { '2001': PASSWORD } })
    const { ua, plug } = await rig(registrar, () => new Promise(() => undefined))
    await expect(register(ua)).resolves.toEqual({ state: 'rejected', code: 401, phrase: 'Unauthorized' })
    expect(plug.lastError).toMatch(/did not answer .* in time/)
  })

  it('a wrong answer from main gets the registrar’s 403', async () => {
    const registrar = new FakeRegistrar({ passwords: { '2001': 'another password' } })
    const { ua } = await rig(registrar)
    await expect(register(ua)).resolves.toEqual({ state: 'rejected', code: 403, phrase: 'Forbidden' })
    expect(registrar.checked).toEqual([expect.objectContaining({ ok: false })])
  })

  it('does not ask main about algorithms the contract does not cover', async () => {
    const registrar = new FakeRegistrar({ passwords: { '2001': PASSWORD }, algorithm: 'SHA-256' })
    const { ua, asked, plug } = await rig(registrar)
    await expect(register(ua)).resolves.toEqual({ state: 'rejected', code: 401, phrase: 'Unauthorized' })
    expect(asked).toEqual([])
    expect(plug.lastError).toMatch(/SHA-256/)
  })

  it('refuses another SIP.js minor version, or a user agent without the internals it replaces', () => {
    const ua = new UserAgent({ uri: UserAgent.makeURI('sip:2001@example.test'), transportConstructor: MemoryTransport, logBuiltinEnabled: false })
    const plug = new DigestPlug(() => Promise.reject(new Error('unused')))
    expect(() => installDigestPlug(ua, plug, '0.22.0')).toThrow(/written for SIP.js 0.21; this is SIP.js 0.22.0/)
    const broken = { userAgentCore: { configuration: {} }, transport: ua.transport } as unknown as UserAgent
    expect(() => installDigestPlug(broken, plug)).toThrow(/authenticationFactory/)
  })
})

describe('digest plug message queue', () => {
  const REQUEST = [
    'REGISTER sip:example.test SIP/2.0',
    'Via: SIP/2.0/WSS abc.invalid;branch=z9hG4bK1',
    'Call-ID: call-1',
    'CSeq: 7 REGISTER',
    'Content-Length: 0',
    '',
    ''
  ].join('\r\n')
  const CHALLENGE = (nonce: string): string =>
    [
      'SIP/2.0 401 Unauthorized',
      'Via: SIP/2.0/WSS abc.invalid;branch=z9hG4bK1',
      'From: <sip:2001@example.test>;tag=a',
      'To: <sip:2001@example.test>;tag=b',
      'Call-ID: call-1',
      'CSeq: 7 REGISTER',
      `WWW-Authenticate: Digest realm="r",nonce="${nonce}",qop="auth"`,
      'Content-Length: 0',
      '',
      ''
    ].join('\r\n')
  const OPTIONS = 'OPTIONS sip:2001@abc.invalid SIP/2.0\r\nCall-ID: other\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n'

  it('describes the requests SIP.js sends', () => {
    expect(describeSentRequest(REQUEST)).toEqual({ method: 'REGISTER', uri: 'sip:example.test', callId: 'call-1', cseq: 7 })
    expect(describeSentRequest('SIP/2.0 200 OK\r\n\r\n')).toBeNull()
  })

  it('holds a challenge until main answers, and everything behind it, in arrival order', async () => {
    let release: () => void = () => undefined
    const asked: DigestChallenge[] = []
    const plug = new DigestPlug((challenge) => {
      asked.push(challenge)
      return new Promise((resolve) => {
        release = () => resolve({ username: 'u', response: 'r' })
      })
    })
    const delivered: string[] = []
    const deliver = (raw: string): void => {
      delivered.push(raw.split('\r\n')[0] ?? '')
    }
    // Nothing waiting: delivered synchronously.
    plug.receive(OPTIONS, deliver)
    expect(delivered).toEqual(['OPTIONS sip:2001@abc.invalid SIP/2.0'])

    plug.noteSent(REQUEST)
    plug.receive(CHALLENGE('n1'), deliver)
    plug.receive(OPTIONS, deliver)
    plug.receive('SIP/2.0 200 OK\r\nCall-ID: x\r\nCSeq: 2 OPTIONS\r\n\r\n', deliver)
    await new Promise((r) => setTimeout(r, 20))
    expect(delivered).toHaveLength(1)
    expect(asked).toEqual([expect.objectContaining({ method: 'REGISTER', uri: 'sip:example.test', nonce: 'n1', realm: 'r', nc: '00000001' })])
    release()
    await new Promise((r) => setTimeout(r, 0))
    expect(delivered).toEqual([
      'OPTIONS sip:2001@abc.invalid SIP/2.0',
      'SIP/2.0 401 Unauthorized',
      'OPTIONS sip:2001@abc.invalid SIP/2.0',
      'SIP/2.0 200 OK'
    ])
  })

  it('counts each use of a nonce (nc) and sends a fresh cnonce each time', async () => {
    const asked: DigestChallenge[] = []
    let n = 0
    const plug = new DigestPlug(
      (c) => {
        asked.push(c)
        return Promise.resolve({ username: 'u', response: 'r' })
      },
      { cnonce: () => `cnonce${String(++n).padStart(4, '0')}` }
    )
    const deliver = (): void => undefined
    for (const nonce of ['same', 'same', 'other']) {
      plug.noteSent(REQUEST)
      plug.receive(CHALLENGE(nonce), deliver)
      await new Promise((r) => setTimeout(r, 0))
    }
    expect(asked.map((c) => [c.nonce, c.nc, c.cnonce])).toEqual([
      ['same', '00000001', 'cnonce0001'],
      ['same', '00000002', 'cnonce0002'],
      ['other', '00000001', 'cnonce0003']
    ])
  })

  it('a challenge for a request it never saw is delivered unanswered', async () => {
    const asked: DigestChallenge[] = []
    const plug = new DigestPlug((c) => {
      asked.push(c)
      return Promise.resolve({ username: 'u', response: 'r' })
    })
    const delivered: string[] = []
    plug.receive(CHALLENGE('n'), (raw) => delivered.push(raw))
    await new Promise((r) => setTimeout(r, 0))
    expect(delivered).toHaveLength(1)
    expect(asked).toEqual([])
    expect(plug.lastError).toMatch(/did not send/)
  })
})
