/**
 * The two child processes of the soak and renderer benchmarks, so that the "main" figure is
 * Earshot's own cost, not the simulated PBX's nor the benchmark's driving of Chromium
 * (tools/bench/soak.ts and tools/bench/renderer.ts fork both, with an IPC channel):
 *   soak-child.ts pbx AGENTS RATE [QUEUES]
 *                                   the demo PBX's living floor behind its AMI and SIP servers
 *                                   (QUEUES: that many queues, else the demo's two)
 *   soak-child.ts host              Earshot's main-process services (AMI client, the one fold,
 *                                   deltas, call log, supervision) and the browser host serving
 *                                   the renderer; the PBX's address comes in the first message
 * Each answers { kind: 'sample' } with its heap, RSS and (the PBX) AMI events emitted so far, and
 * the heap right after each full GC since the last answer: heapUsed alone swings by hundreds of MB
 * between full GCs, so a leak shows in what survives them.
 */
import { writeFileSync } from 'node:fs'
import { Session } from 'node:inspector/promises'
import { PerformanceObserver, constants } from 'node:perf_hooks'
import type { DemoPbx } from '../../src/main/demo-pbx'
import { startBrowserHost } from '../../src/main/browser-host'
import { RENDERER_DIR } from '../build-renderer'
import { devServices } from '../dev-services'

/** What the host needs of the PBX child: the addresses and credentials demoConnection reads. */
export interface PbxInfo {
  url: string
  username: string
  secret: string
  sip: Pick<DemoPbx['sip'], 'url' | 'accounts' | 'supervisorExtension' | 'reportUrl'>
}

export type ChildMessage =
  | { kind: 'pbx'; info: PbxInfo }
  | { kind: 'host'; url: string }
  | { kind: 'sample'; heapUsed: number; rss: number; events: number; afterFullGc: Array<{ atEpochMs: number; heapUsed: number }> }
  | { kind: 'profiled' }

function send(message: ChildMessage): void {
  process.send?.(message)
}

let afterFullGc: Array<{ atEpochMs: number; heapUsed: number }> = []
new PerformanceObserver((list) => {
  // Delivered just after the GC: heapUsed now is what survived it (plus a few ms of allocation).
  if (list.getEntries().some((e) => (e as unknown as { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR)) {
    afterFullGc.push({ atEpochMs: Date.now(), heapUsed: process.memoryUsage().heapUsed })
  }
}).observe({ entryTypes: ['gc'] })

function sample(events: number): void {
  const m = process.memoryUsage()
  send({ kind: 'sample', heapUsed: m.heapUsed, rss: m.rss, events, afterFullGc })
  afterFullGc = []
}

async function pbx(agents: number, rate: number, queues: number | undefined): Promise<void> {
  const { startDemoPbx } = await import('../../src/main/demo-pbx')
  const demo = await startDemoPbx({ agents, rate, queues })
  process.on('message', (m: { kind: string }) => {
    if (m.kind === 'sample') sample(demo.model.emitted)
  })
  process.on('disconnect', () => void demo.stop().finally(() => process.exit(0)))
  const { url, username, secret, sip } = demo
  send({ kind: 'pbx', info: { url, username, secret, sip: { url: sip.url, accounts: sip.accounts, supervisorExtension: sip.supervisorExtension, reportUrl: sip.reportUrl } } })
}

async function host(info: PbxInfo): Promise<void> {
  // The services' "Try the demo floor" path, pointed at the PBX in the other process: the demo
  // connection reads only these fields (and stop() on dispose); the rest of DemoPbx is the PBX's own.
  const remote = { ...info, stop: () => Promise.resolve() } as unknown as DemoPbx
  const dev = await devServices({ startDemoPbx: () => Promise.resolve(remote), admin: { name: 'Soak', pin: '2468' } })
  await dev.services.startDemo()
  const browserHost = await startBrowserHost({ router: dev.services.router, rendererDir: RENDERER_DIR })
  const profiler = new Session()
  process.on('message', (m: { kind: string; file?: string }) => {
    if (m.kind === 'sample') sample(0)
    // --profile: main's CPU profile over the measured window, written where the parent says.
    else if (m.kind === 'profile-start') {
      profiler.connect()
      void profiler.post('Profiler.enable').then(() => profiler.post('Profiler.start'))
    } else if (m.kind === 'profile-stop' && m.file !== undefined) {
      const file = m.file
      void profiler.post('Profiler.stop').then(({ profile }) => {
        writeFileSync(file, JSON.stringify(profile))
        profiler.disconnect()
        send({ kind: 'profiled' })
      })
    }
  })
  process.on('disconnect', () => void Promise.all([browserHost.close(), dev.dispose()]).finally(() => process.exit(0)))
  send({ kind: 'host', url: browserHost.url })
}

const [role, agents, rate, queues] = process.argv.slice(2)
if (role === 'pbx') void pbx(Number(agents), Number(rate), queues === undefined ? undefined : Number(queues))
else if (role === 'host') process.once('message', (m: { kind: string; info: PbxInfo }) => void host(m.info))
else {
  process.stderr.write('soak-child: pbx AGENTS RATE [QUEUES] | host\n')
  process.exit(2)
}
