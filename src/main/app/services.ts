import { FloorService } from '../floor/floor-service'
import { IpcRouter } from '../ipc/router'

/** The built-in simulated Asterisk, started on demand ("Try the demo floor"). */
export interface DemoPbx {
  url: string
  username: string
  secret: string
  stop(): Promise<void>
}

/** The lab dialplan the demo speaks: feature codes 555/556/557 + extension, outbound prefix 9. */
const DEMO_FLOOR_OPTIONS = { featureCodes: { listen: '555', whisper: '556', barge: '557' }, outboundPrefix: '9' }

export interface EarshotServices {
  router: IpcRouter
  floor: FloorService
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

  async function startDemo(): Promise<void> {
    demo ??= await deps.startDemoPbx()
    floor.connect({
      kind: 'demo',
      client: { url: demo.url, username: demo.username, secret: demo.secret },
      floor: DEMO_FLOOR_OPTIONS
    })
  }

  const router = new IpcRouter({
    'floor:snapshot': () => floor.snapshot(),
    'demo:start': async () => {
      await startDemo()
      return { ok: true as const }
    }
  })
  floor.on('delta', (delta) => router.emit('floor:delta', delta))
  floor.on('status', (status) => router.emit('connection:status', status))

  return {
    router,
    floor,
    startDemo,
    async stop() {
      floor.disconnect()
      await demo?.stop()
      demo = null
    }
  }
}
