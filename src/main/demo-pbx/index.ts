/**
 * The built-in demo PBX: a simulated Asterisk 22 on a loopback AMI port, for "Try the demo floor"
 * and as the e2e tests' PBX. Runs the living floor, or one of the captures' scenarios.
 */
import { randomBytes } from 'node:crypto'
import { AmiServer } from './ami-server'
import { RealClock } from './clock'
import { Demo } from './demo'
import type { LivingFloorOptions } from './living-floor'
import type { PbxModel } from './model'
import type { ScenarioName } from './scenarios'

export { SCENARIO_NAMES, SCENARIOS, type ScenarioName } from './scenarios'
export { Demo, type DemoOptions } from './demo'
export { VirtualClock, RealClock, type Scheduler } from './clock'

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
  stop(): Promise<void>
}

export async function startDemoPbx(options: StartDemoPbxOptions = {}): Promise<DemoPbx> {
  const clock = new RealClock({ speed: options.speed ?? 1 })
  const warmupMs = options.scenario === undefined ? (options.warmupMs ?? 120_000) : 0
  const demo = new Demo({
    clock,
    seed: options.seed,
    // The warm-up happened "before now": PBX time 0 is that long ago, so Uniqueids and LastCall read right.
    epochMs: options.scenario === undefined ? Date.now() - warmupMs : undefined,
    scenario: options.scenario,
    consoleActions: options.consoleActions,
    floor: { agents: options.agents, rate: options.rate },
    originateAnswerMs: options.originateAnswerMs
  })
  const username = options.username ?? 'earshot'
  const secret = options.secret ?? randomBytes(18).toString('base64url')
  const bootedAt = Date.now()
  const server = new AmiServer({
    username,
    secret,
    uptimeSeconds: () => (Date.now() - bootedAt) / 1000,
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
  if (options.scenario === undefined) {
    clock.start()
    demo.start()
    clock.fastForward(warmupMs)
  }
  let port: number
  try {
    port = await server.listen(options.port ?? 0)
  } catch (error) {
    demo.stop()
    clock.stop()
    unsubscribe()
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
    stop: async () => {
      demo.stop()
      clock.stop()
      unsubscribe()
      await server.close()
    }
  }
}
