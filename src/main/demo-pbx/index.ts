/**
 * The built-in demo PBX: a simulated Asterisk 22 on a loopback AMI port, for "Try the demo floor"
 * and as the e2e tests' PBX. Runs the living floor, or one of the captures' scenarios. Beside the
 * AMI, a SIP-over-WebSocket server (its own loopback port, like Asterisk's http.conf transport-ws)
 * where a softphone registers as a supervisor and is really rung, with WebRTC audio.
 */
import { randomBytes } from 'node:crypto'
import { AmiServer } from './ami-server'
import { RealClock } from './clock'
import { Demo } from './demo'
import type { LivingFloorOptions } from './living-floor'
import type { PbxModel } from './model'
import type { RingResult } from './internal-call'
import type { ScenarioName } from './scenarios'
import { ASTERISK_EXPIRY, type ExpiryLimits } from './sip/registrar'
import { SipServer, type SipAccount, type SipTrace } from './sip/server'
import type { SupervisionLegReport } from './supervision'

// The package's one entry: the app loads it with import() when the demo starts; nothing else of it
// is reached from src/ (lint). Tests and tools/ drive its internals directly.
export { SCENARIO_NAMES, type ScenarioName } from './scenarios'
export type { SupervisionLegReport, SpyMode, Party } from './supervision'
export type { RingResult } from './internal-call'

/** The supervisor the demo's softphone registers as (transport-ws, WebRTC, like the lab's 2001). */
export const DEMO_SUPERVISOR = '2001'
/** Endpoints a softphone may register as over the demo's WebSocket (the supervisors). */
const SIP_EXTENSIONS = ['2001', '2002']

export interface StartDemoPbxOptions extends LivingFloorOptions {
  /** TCP port on 127.0.0.1 (default 0: any free port). */
  port?: number
  username?: string
  /** Default: random per run. */
  secret?: string
  seed?: number
  /** PBX time runs this many times faster than real time (tests; default 1). */
  speed?: number
  /** Living floor: simulated time run at once before anyone connects, so the floor is busy from the first look (default 120 s). */
  warmupMs?: number
  /** Play one capture's scenario instead of the living floor; its clock starts at the first login. */
  scenario?: ScenarioName
  /** Scenario only: 'client' = the AMI client sends the recorded console's actions itself. */
  consoleActions?: 'pbx' | 'client'
  originateAnswerMs?: number
  /** SIP over WebSocket: TCP port on 127.0.0.1 (default 0: any free port). */
  sipPort?: number
  /** SIP passwords by extension (default: random per run). */
  sipPasswords?: Readonly<Record<string, string>>
  /** Registration expiry limits in seconds (default Asterisk's: min 60, max 7200, default 3600). */
  sipExpiry?: Partial<ExpiryLimits>
  /** Sees every SIP message the registrar reads or writes (debugging). */
  sipTrace?: SipTrace
  /** asterisk.conf `systemname`, as CoreSettings tells it (default empty): tells two PBXs apart. */
  systemName?: string
  /** The AMI user's manager.conf `read=`/`write=` classes, enforced as Asterisk does (default: every class, `all`). */
  privileges?: { read?: readonly string[]; write?: readonly string[] }
}

/** The demo's SIP-over-WebSocket registrar (Asterisk's transport-ws behind http.conf). */
export interface DemoSip {
  /** `ws://127.0.0.1:<port>/ws` (subprotocol `sip`). */
  url: string
  /** Digest credentials by extension (realm `asterisk`), random per run. */
  accounts: Readonly<Record<string, { authUser: string; password: string }>>
  /** The WebRTC supervisor the app's softphone registers as: '2001'. */
  supervisorExtension: string
  /** `http://127.0.0.1:<port>/demo/supervision` (GET, JSON: SupervisionLegReport[]). */
  reportUrl: string
}

export interface DemoPbx {
  port: number
  username: string
  secret: string
  /** `ami://127.0.0.1:<port>` */
  url: string
  /** The PBX clock (ms since it started, or since the scenario started). */
  now(): number
  /** Drops every AMI connection (a simulated network failure); the PBX runs on. */
  dropConnections(): void
  /** While on, new connections are closed at once (the network is down). */
  refuseConnections(on: boolean): void
  /** Freezes / resumes PBX time. */
  pause(): void
  resume(): void
  readonly model: PbxModel
  readonly sip: DemoSip
  /** Every supervision leg now: spyer, spyee, mode, who hears the supervisor, the media. */
  supervision(): SupervisionLegReport[]
  /** `from`'s phone dials `to`: an ordinary internal call (POST /demo/ring). */
  ring(to: string, from: string): RingResult
  /** Hangs up one ordinary call by id, or all of them (POST /demo/hangup); how many ended. */
  hangup(id?: string): number
  stop(): Promise<void>
}

export async function startDemoPbx(options: StartDemoPbxOptions = {}): Promise<DemoPbx> {
  const clock = new RealClock({ speed: options.speed ?? 1 })
  const bootedAt = Date.now()
  const warmupMs = options.scenario === undefined ? (options.warmupMs ?? 120_000) : 0
  const demo = new Demo({
    clock,
    seed: options.seed,
    // The warm-up happened "before now": PBX time 0 is that long ago, so Uniqueids and LastCall read right.
    epochMs: options.scenario === undefined ? Date.now() - warmupMs : undefined,
    scenario: options.scenario,
    consoleActions: options.consoleActions,
    floor: { agents: options.agents, rate: options.rate, queues: options.queues },
    originateAnswerMs: options.originateAnswerMs,
    bootedAtMs: bootedAt,
    systemName: options.systemName
  })
  const username = options.username ?? 'earshot'
  const secret = options.secret ?? randomBytes(18).toString('base64url')
  const server = new AmiServer({
    username,
    secret,
    uptimeSeconds: () => (Date.now() - bootedAt) / 1000,
    read: options.privileges?.read,
    write: options.privileges?.write,
    onAction: (connection, action) => demo.handle(connection, action),
    // A scenario plays from the moment its first watcher logs in, like the captures' t=0.
    onLogin: () => {
      if (!clock.started) {
        clock.start()
        demo.start()
      }
    }
  })
  const unsubscribe = demo.model.onEvent((event) => server.broadcast(event))
  const accounts: SipAccount[] = SIP_EXTENSIONS.filter((ext) => demo.model.endpoints.has(ext)).map((ext) => ({
    ext,
    authUser: ext,
    password: options.sipPasswords?.[ext] ?? randomBytes(12).toString('base64url')
  }))
  const sip = new SipServer({
    model: demo.model,
    accounts,
    controls: { supervision: () => demo.supervision(), ring: (to, from) => demo.ring(to, from), hangup: (id) => demo.hangup(id) },
    expiry: { ...ASTERISK_EXPIRY, ...options.sipExpiry },
    trace: options.sipTrace
  })
  demo.model.softphones = sip
  if (options.scenario === undefined) {
    clock.start()
    demo.start()
    clock.fastForward(warmupMs)
  }
  let port: number
  try {
    port = await server.listen(options.port ?? 0)
    await sip.listen(options.sipPort ?? 0)
  } catch (error) {
    demo.stop()
    clock.stop()
    unsubscribe()
    await sip.close()
    await server.close()
    throw error
  }
  return {
    port,
    username,
    secret,
    url: `ami://127.0.0.1:${port}`,
    now: () => clock.now(),
    dropConnections: () => server.dropAll(),
    refuseConnections: (on) => {
      server.refusing = on
    },
    pause: () => clock.pause(),
    resume: () => clock.resume(),
    model: demo.model,
    sip: {
      url: sip.url,
      accounts: Object.fromEntries(accounts.map((a) => [a.ext, { authUser: a.authUser, password: a.password }])),
      supervisorExtension: DEMO_SUPERVISOR,
      reportUrl: sip.reportUrl
    },
    supervision: () => demo.supervision(),
    ring: (to, from) => demo.ring(to, from),
    hangup: (id) => demo.hangup(id ?? null),
    stop: async () => {
      demo.stop()
      clock.stop()
      unsubscribe()
      await sip.close()
      await server.close()
    }
  }
}
