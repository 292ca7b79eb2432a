import { FloorService } from '../floor/floor-service'
import { IpcRouter } from '../ipc/router'
import { publicConfig, credentialsOf, type SoftphoneAccount } from '../softphone/config'
import { digestResponse } from '../softphone/digest'
import { DEFAULT_RING_TIMEOUT_MS, type SupervisionConfig } from '../supervision/plan'
import { SupervisionService } from '../supervision/service'

/** The built-in simulated Asterisk, started on demand ("Try the demo floor"). */
export interface DemoPbx {
  url: string
  username: string
  secret: string
  /** Its SIP-over-WebSocket registrar, where the softphone registers as the demo's supervisor. */
  sip: {
    url: string
    supervisorExtension: string
    accounts: Readonly<Record<string, { authUser: string; password: string }>>
  }
  stop(): Promise<void>
}

/** The lab dialplan the demo speaks: feature codes 555/556/557 + extension in `internal`, outbound prefix 9. */
const DEMO_CODES = { listen: '555', whisper: '556', barge: '557' }
const DEMO_FLOOR_OPTIONS = { featureCodes: DEMO_CODES, outboundPrefix: '9' }

export interface EarshotServices {
  router: IpcRouter
  floor: FloorService
  supervision: SupervisionService
  startDemo(): Promise<void>
  stop(): Promise<void>
}

/**
 * Composition root shared by the Electron shell and the browser host: builds the services and
 * the IPC router over them, and connects the router's streams to the services' events.
 */
export function createServices(deps: { startDemoPbx: () => Promise<DemoPbx> }): EarshotServices {
  const floor = new FloorService()
  let demo: DemoPbx | null = null
  let supervisionConfig: SupervisionConfig | null = null
  let softphone: SoftphoneAccount | null = null

  const supervision = new SupervisionService({ floor, config: () => supervisionConfig, operator: () => null })

  async function startDemo(): Promise<void> {
    demo ??= await deps.startDemoPbx()
    const { sip } = demo
    const account = sip.accounts[sip.supervisorExtension]
    if (account === undefined) throw new Error(`The demo PBX has no account for ${sip.supervisorExtension}`)
    supervisionConfig = {
      method: 'feature-codes',
      context: 'internal',
      featureCodes: DEMO_CODES,
      supervisorExtension: sip.supervisorExtension,
      ringTimeoutMs: DEFAULT_RING_TIMEOUT_MS
    }
    softphone = {
      wsUrl: sip.url,
      extension: sip.supervisorExtension,
      authUser: account.authUser,
      displayName: 'Earshot demo supervisor',
      source: 'demo',
      password: () => Promise.resolve(account.password)
    }
    floor.connect({
      kind: 'demo',
      client: { url: demo.url, username: demo.username, secret: demo.secret },
      floor: DEMO_FLOOR_OPTIONS
    })
    router.emit('softphone:config', publicConfig(softphone, ''))
  }

  const sessions = () => ({ sessions: supervision.sessions(), availability: supervision.availability() })

  const router = new IpcRouter({
    'floor:snapshot': () => floor.snapshot(),
    'demo:start': async () => {
      await startDemo()
      return { ok: true as const }
    },
    'supervision:start': (request) => supervision.start(request),
    'supervision:switch': (request) => supervision.switchMode(request),
    'supervision:end': ({ sessionId }) => supervision.end(sessionId),
    'supervision:sessions': () => sessions(),
    'softphone:config': () => publicConfig(softphone, 'The softphone is not set up: connect to a PBX or try the demo floor.'),
    'softphone:digest': async (challenge) => digestResponse(challenge, await credentialsOf(softphone))
  })
  floor.on('delta', (delta) => router.emit('floor:delta', delta))
  floor.on('status', (status) => {
    router.emit('connection:status', status)
    if (status.state === 'reconnecting' || status.state === 'idle') supervision.connectionLost()
  })
  floor.on('event', (message) => supervision.apply(message))
  supervision.on('sessions', () => router.emit('supervision:sessions', sessions()))

  return {
    router,
    floor,
    supervision,
    startDemo,
    async stop() {
      supervision.stop()
      floor.disconnect()
      await demo?.stop()
      demo = null
    }
  }
}
