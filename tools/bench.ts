/**
 * Earshot benchmarks. Prints figures; never asserts (targets are read by people, not tests).
 *   npm run bench                 human-readable
 *   npm run --silent bench -- --json   one JSON object
 * Workload: the real busy-floor capture's live events, repeated with fresh Uniqueids; the renderer
 * path (demo floor -> Earshot -> Chromium) at 1,000 agents in 2 queues and at 5,000 agents in 20
 * queues, ~2,000 AMI events/s, the table and then the wallboard (skip with --no-renderer; with
 * --profile DIR, the page's CPU profile of each); and a customer store of 100,000 records for the live-call number lookup (skip with --no-records); and
 * the commits that save a busy floor's calls in progress (pages written, CPU); and
 * Listen's click → first remote audio through the real softphone, median of 10 (skip with
 * --no-supervision); and the forced-drop check against the demo PBX's truth, 50 drops (--drops N,
 * 0 skips it). `npm run bench` runs in tests/run-all.sh's loopback-only namespace (WebRTC).
 *   npm run bench -- --soak MINUTES [--agents N] [--rate EVENTS_PER_SEC] [--warmup MINUTES]
 * runs only the soak instead (never in CI): see tools/bench/soak.ts. With --profile DIR it also writes
 * CPU profiles of main and the page's renderer over the measured window (main.cpuprofile,
 * renderer.cpuprofile: open them in Chromium's DevTools, Performance panel).
 */
import { parseArgs } from 'node:util'
import { performance } from 'node:perf_hooks'
import { TRACES_DIR_DEFAULT, benchAmi } from './bench/ami'
import { benchOpenCalls } from './bench/open-calls'
import { benchRecords } from './bench/records'
import { benchRenderer, type RendererBench } from './bench/renderer'
import { benchRetention } from './bench/retention'
import { benchSoak } from './bench/soak'
import { parseSoakOptions, type SoakOptions } from './bench/soak-stats'
import { benchSupervision } from './bench/supervision'
import { describeDrops, dropFigures, runDrops } from './bench/drops'

const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    repetitions: { type: 'string', default: '300' },
    renderer: { type: 'boolean', default: true },
    'no-renderer': { type: 'boolean', default: false },
    'no-records': { type: 'boolean', default: false },
    'no-supervision': { type: 'boolean', default: false },
    drops: { type: 'string', default: '50' },
    soak: { type: 'string' },
    warmup: { type: 'string' },
    agents: { type: 'string' },
    rate: { type: 'string' },
    profile: { type: 'string' }
  }
})
const repetitions = Number(values.repetitions)
const drops = Number(values.drops)
if (!Number.isInteger(drops) || drops < 0) {
  process.stderr.write('bench: --drops wants a whole number >= 0 (0 skips the forced-drop check)\n')
  process.exit(2)
}
if (!Number.isInteger(repetitions) || repetitions < 1) {
  process.stderr.write('bench: --repetitions wants a whole number >= 1\n')
  process.exit(2)
}

let soak: SoakOptions | null = null
try {
  soak = parseSoakOptions(values)
} catch (err) {
  process.stderr.write(`bench: ${(err as Error).message}\n`)
  process.exit(2)
}

async function soakMain(options: SoakOptions): Promise<void> {
  const r = await benchSoak(options, (line) => process.stderr.write(`${line}\n`))
  if (values.json) return void process.stdout.write(`${JSON.stringify({ soak: r })}\n`)
  const slope = (s: { mbPerMinute: number; errorMbPerMinute: number }): string => (Number.isNaN(s.mbPerMinute) ? 'slope n/a (under 3 points)' : `${s.mbPerMinute} ± ${s.errorMbPerMinute} MB/min`)
  const afterGc = (mbs: number[]): string => `(${mbs.length} GCs${mbs.length === 0 ? '' : `, ${mbs[0]} -> ${mbs.at(-1)} MB`})`
  process.stdout.write(
    [
      `soak:              ${r.agents} agents, ${r.amiEventsPerSec.toLocaleString('en')} AMI events/s (asked ${r.targetEventsPerSec.toLocaleString('en')}), ${r.minutes} min, figures after ${round(r.warmupMinutes)} min warm-up (${r.samples} samples)`,
      `  CPU, % of a core: main ${r.cpu.main} %   [target <= 10 %], renderer ${r.cpu.renderer} %   [target <= 25 %]; Chromium's other processes ${r.cpu.chromiumOther} %, demo PBX (own process) ${r.cpu.demoPbx} %`,
      // The demo PBX does the same work in every run: the ratio shows how much of a change in main's figure is the machine's speed.
      `  main's cost:      ${Math.round((r.cpu.main / 100 / r.amiEventsPerSec) * 1e6)} µs of CPU per AMI event; main / demo PBX ${round(r.cpu.main / r.cpu.demoPbx)} (the PBX's work is the same in every run)`,
      `  page main thread: ${r.pageThread.tasks} % of wall time in tasks, of which script ${r.pageThread.script} %, layout ${r.pageThread.layout} %, style ${r.pageThread.style} %`,
      `  main:            heap after full GC ${afterGc(r.mainHeapAfterFullGcMB)} ${slope(r.slopes.mainHeapAfterFullGc)}   [target ~ 0]; heap ${slope(r.slopes.mainHeap)}, RSS ${slope(r.slopes.mainRss)} (last: heap ${r.last.mainHeapMB} MB, RSS ${r.last.mainRssMB} MB)`,
      `  renderer:        JS heap ${slope(r.slopes.rendererHeap)}, RSS ${slope(r.slopes.rendererRss)} (last: heap ${r.last.rendererHeapMB} MB, RSS ${r.last.rendererRssMB} MB)`,
      ''
    ].join('\n')
  )
}

function round(x: number): number {
  return Math.round(x * 100) / 100
}

async function main(): Promise<void> {
  if (soak !== null) return soakMain(soak)
  const started = performance.now()
  const ami = await benchAmi(process.env.EARSHOT_TRACES ?? TRACES_DIR_DEFAULT, repetitions)
  const retention = [benchRetention(20_000, 1024), benchRetention(2_000, 64 * 1024)]
  const openCalls = benchOpenCalls()
  const profileDir = values.profile === undefined || values.profile === '' ? null : values.profile
  const renderer: RendererBench[] | null = values['no-renderer']
    ? null
    : [
        ...(await benchRenderer({ agents: 1000, rate: 2000, probes: 100, views: ['table', 'wallboard'], profileDir })),
        ...(await benchRenderer({ agents: 5000, queues: 20, rate: 2000, probes: 100, views: ['table', 'wallboard'], profileDir }))
      ]
  const records = values['no-records'] ? null : benchRecords(100_000, 10_000)
  const supervision = values['no-supervision'] ? null : await benchSupervision(10)
  const dropped = drops === 0 ? null : await runDrops({ drops })
  const result = {
    ...ami,
    retention,
    openCalls,
    ...(renderer === null ? {} : { renderer }),
    ...(records === null ? {} : { records }),
    ...(supervision === null ? {} : { supervision }),
    ...(dropped === null ? {} : { drops: dropFigures(dropped) }),
    codecVsAsteriskManager: Math.round((ami.amiCodecEventsPerSec / ami.asteriskManagerEventsPerSec) * 10) / 10,
    benchSeconds: Math.round((performance.now() - started) / 100) / 10
  }

  if (values.json) process.stdout.write(`${JSON.stringify(result)}\n`)
  else {
    const n = (x: number): string => Math.round(x).toLocaleString('en')
    process.stdout.write(
      [
        `workload: ${n(ami.messages)} AMI messages (${(ami.bytes / 1e6).toFixed(1)} MB), busy-floor x ${repetitions}`,
        `AMI codec:         ${n(ami.amiCodecEventsPerSec)} events/s (decoded into header pairs)`,
        `AMI codec + index: ${n(ami.amiCodecIndexedEventsPerSec)} events/s (plus every message's field index)`,
        `asterisk-manager:  ${n(ami.asteriskManagerEventsPerSec)} events/s (same bytes, same process)  -> codec is ${result.codecVsAsteriskManager}x   [target >= 10x]`,
        `codec + engine:    ${n(ami.engineEventsPerSec)} events/s   [target >= 200,000]`,
        `live path:         ${n(ami.livePathEventsPerSec)} events/s (codec + the one fold + rows, call log, supervision)   [target >= 250,000]`,
        `kept per channel:  ${retention.map((r) => (r === null ? 'n/a (needs --expose-gc)' : `${n(r.bytesPerChannel)} B with ${r.chunkBytes / 1024} KB reads`)).join(', ')} (never hung up, after GC)`,
        `calls in progress: ${openCalls.pagesPerCommit} pages (${openCalls.kbPerCommit} KB) written per commit, ${openCalls.cpuMicrosPerCommit} µs of CPU (a busy floor's mix, ${n(openCalls.openCalls)} calls in progress, ${n(openCalls.commits)} commits)`,
        ...(renderer === null
          ? []
          : renderer.flatMap((r) => [
              `${`renderer ${r.view}:`.padEnd(18)} ${n(r.agents)} agents, ${r.queues} queues, ${n(r.amiEventsPerSec)} AMI events/s through IPC to the DOM (Chromium)`,
              `  event -> DOM:    p50 ${r.eventToDomP50Ms} ms, p99 ${r.eventToDomP99Ms} ms over ${r.probes} probes (${r.skippedProbes} skipped: a call arrived first or the page turned${r.timedOutProbes === 0 ? '' : `; ${r.timedOutProbes} not shown within 3 s, counted as 3,000 ms`})   [target p99 <= 50 ms]`,
              `  frames:          ${r.droppedFrames} dropped of ${r.frames + r.droppedFrames} (${r.frames === 0 ? 'n/a' : `${round((r.droppedFrames / (r.frames + r.droppedFrames)) * 100)} %`})   [target <= 1 %]; page main thread busy ${r.pageThread.tasks} % (script ${r.pageThread.script} %, layout ${r.pageThread.layout} %, style ${r.pageThread.style} %)`
            ])),
        ...(records === null
          ? []
          : [
              `customer lookup:   findByNumber p50 ${records.findByNumberP50Ms} ms, p99 ${records.findByNumberP99Ms} ms over ${n(records.lookups)} lookups (${n(records.knownLookups)} known numbers)`,
              `  store:           ${n(records.customers)} customers, ${n(records.numbers)} numbers, ${records.fileMB} MB SQLite file (loaded in ${records.loadSeconds} s)`
            ]),
        ...(supervision === null
          ? []
          : [
              `Listen -> audio:   click to first remote audio, median ${supervision.clickToAudioMedianMs} ms, max ${supervision.clickToAudioMaxMs} ms over ${supervision.rounds} calls   [target <= 1,000 ms]`,
              `  phases (median): INVITE sent ${supervision.phasesMedianMs.invite} ms, 200 OK ${supervision.phasesMedianMs.answered} ms, first audio sent ${supervision.phasesMedianMs.firstAudioSent} ms`
            ]),
        ...(dropped === null ? [] : describeDrops(dropped)),
        ''
      ].join('\n')
    )
  }
}

void main()
