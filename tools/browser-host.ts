/**
 * Runs Earshot's main-process services in Node and serves the renderer to a browser over
 * loopback (development, tests, screenshots; never part of the packaged app):
 *   npm run dev:browser -- [--demo] [--port N] [--no-build] [--agents N] [--rate EVENTS_PER_SEC] [--scenario <capture name>]
 *                          [--data-dir DIR] [--admin NAME --pin PIN] [--sip-port N]
 * It builds out/ first when its sources are newer (--no-build: serve out/ as it is).
 * Prints exactly one line once ready: `Earshot browser host: http://127.0.0.1:<port>/?token=<token>`.
 * Data lives in --data-dir (or EARSHOT_DATA_DIR), else in a fresh temporary folder removed on exit,
 * with its own keychain service name so it never touches a real profile's passwords. --admin/--pin
 * creates that admin on a first run and signs them in (development and tests only).
 * SIGUSR2 cuts the demo PBX's AMI connections and refuses new ones for a few seconds (a simulated
 * network failure, for tests and demos).
 */
import { existsSync } from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { startBrowserHost } from '../src/main/browser-host'
import { RENDERER_DIR as RENDERER, ensureBuilt } from './build-renderer'
import { SCENARIO_NAMES, type ScenarioName, startDemoPbx } from '../src/main/demo-pbx'
import { devServices } from './dev-services'
import { parseWhole } from './args'
import { EARSHOT_PRIVILEGES } from '../src/shared/ami-privileges'

/** How long a simulated network failure (SIGUSR2) lasts. */
const OUTAGE_MS = 6000


function fail(message: string): never {
  process.stderr.write(`browser host: ${message}\n`)
  process.exit(2)
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      demo: { type: 'boolean', default: false },
      port: { type: 'string', default: '0' },
      'no-build': { type: 'boolean', default: false },
      agents: { type: 'string', default: '12' },
      /** The living floor's AMI events per second (calls arrive faster, talk shorter); default a calm floor. */
      rate: { type: 'string' },
      scenario: { type: 'string' },
      'data-dir': { type: 'string' },
      admin: { type: 'string' },
      pin: { type: 'string' },
      'sip-port': { type: 'string', default: '0' }
    }
  })
  if ((values.admin === undefined) !== (values.pin === undefined)) fail('--admin and --pin go together')
  const port = Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port wants 0-65535 (got "${values.port}")`)
  const agents = Number(values.agents)
  if (!Number.isInteger(agents) || agents < 1 || agents > 5000) fail(`--agents wants 1-5000 (got "${values.agents}")`)
  let rate: number | undefined
  try {
    rate = values.rate === undefined ? undefined : parseWhole('rate', values.rate, 1, 100_000)
  } catch (err) {
    fail((err as Error).message)
  }
  const sipPort = Number(values['sip-port'])
  if (!Number.isInteger(sipPort) || sipPort < 0 || sipPort > 65535) fail(`--sip-port wants 0-65535 (got "${values['sip-port']}")`)
  const scenario = values.scenario
  if (scenario !== undefined && !(SCENARIO_NAMES as readonly string[]).includes(scenario)) fail(`--scenario wants one of ${SCENARIO_NAMES.join(', ')}`)
  if (!values['no-build']) {
    try {
      ensureBuilt()
    } catch (err) {
      fail((err as Error).message)
    }
  }
  if (!existsSync(path.join(RENDERER, 'index.html'))) fail(`no renderer build in ${RENDERER}`)

  let demo: Awaited<ReturnType<typeof startDemoPbx>> | null = null
  const dev = await devServices({
    dataDir: values['data-dir'] ?? process.env.EARSHOT_DATA_DIR,
    admin: values.admin === undefined || values.pin === undefined ? undefined : { name: values.admin, pin: values.pin },
    startDemoPbx: async () => (demo = await startDemoPbx({ agents, rate, sipPort, scenario: scenario as ScenarioName | undefined, privileges: EARSHOT_PRIVILEGES }))
  })
  const { services } = dev
  if (values.demo) await services.startDemo()
  const host = await startBrowserHost({ router: services.router, rendererDir: RENDERER, port })
  process.stdout.write(`Earshot browser host: ${host.url}\n`)

  process.on('SIGUSR2', () => {
    demo?.refuseConnections(true)
    demo?.dropConnections()
    setTimeout(() => demo?.refuseConnections(false), OUTAGE_MS)
  })
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      setTimeout(() => process.exit(0), 3000).unref() // whatever still hangs, stop anyway
      void Promise.all([host.close(), dev.dispose()]).finally(() => process.exit(0))
    })
  }
}

void main().catch((err: unknown) => fail(err instanceof Error ? err.message : String(err)))
