/**
 * The soak benchmark's arithmetic, kept apart from the processes it watches so it can be tested:
 * CPU time and RSS from /proc/<pid>/stat, least-squares slopes of memory over time, and the flags.
 */
import { execFileSync } from 'node:child_process'
import { parseWhole } from '../args'

function sysconf(name: string, fallback: number): number {
  try {
    const n = Number(execFileSync('getconf', [name], { encoding: 'utf8' }).trim())
    return Number.isInteger(n) && n > 0 ? n : fallback
  } catch {
    return fallback
  }
}

let units: { ticks: number; page: number } | null = null

export interface ProcStat {
  pid: number
  ppid: number
  /** User + system CPU time so far. */
  cpuSeconds: number
  rssBytes: number
}

/**
 * One line of /proc/<pid>/stat (proc(5)). The command name in parentheses may itself hold spaces
 * and parentheses, so fields are counted from the last `)`.
 */
export function procStat(text: string): ProcStat {
  units ??= { ticks: sysconf('CLK_TCK', 100), page: sysconf('PAGESIZE', 4096) }
  const close = text.lastIndexOf(')')
  if (close < 0) throw new Error('not a /proc/<pid>/stat line')
  const f = text.slice(close + 2).trim().split(' ')
  // After the name: state(3) ppid(4) ... utime(14) stime(15) ... rss(24), numbered as in proc(5).
  const field = (n: number): number => Number(f[n - 3])
  return {
    pid: Number(text.slice(0, text.indexOf(' '))),
    ppid: field(4),
    cpuSeconds: (field(14) + field(15)) / units.ticks,
    rssBytes: field(24) * units.page
  }
}

export interface Slope {
  mbPerMinute: number
  /** The slope's standard error: a slope within about twice this of 0 is flat as far as the samples can tell. */
  errorMbPerMinute: number
}

/** Least-squares slope of bytes over time, in MB (10^6 bytes) per minute; NaN under three samples. */
export function slopePerMinute(samples: ReadonlyArray<{ atMs: number; bytes: number }>): Slope {
  const n = samples.length
  if (n < 3) return { mbPerMinute: NaN, errorMbPerMinute: NaN }
  const xs = samples.map((s) => s.atMs / 60_000)
  const ys = samples.map((s) => s.bytes / 1e6)
  const mx = xs.reduce((a, b) => a + b, 0) / n
  const my = ys.reduce((a, b) => a + b, 0) / n
  let sxx = 0
  let sxy = 0
  for (let i = 0; i < n; i++) {
    const dx = (xs[i] ?? 0) - mx
    sxx += dx * dx
    sxy += dx * ((ys[i] ?? 0) - my)
  }
  const slope = sxy / sxx
  let residuals = 0
  for (let i = 0; i < n; i++) residuals += ((ys[i] ?? 0) - my - slope * ((xs[i] ?? 0) - mx)) ** 2
  return { mbPerMinute: slope, errorMbPerMinute: Math.sqrt(residuals / (n - 2) / sxx) }
}

export interface SoakOptions {
  minutes: number
  warmupMinutes: number
  agents: number
  rate: number
  /** Where to write CPU profiles of main and the page's renderer over the measured window (`--profile DIR`), or null. */
  profileDir: string | null
}

/** `--soak MINUTES [--warmup MINUTES] [--agents N] [--rate EVENTS_PER_SEC] [--profile DIR]`; null without --soak (the default). */
export function parseSoakOptions(values: { soak?: string; warmup?: string; agents?: string; rate?: string; profile?: string }): SoakOptions | null {
  if (values.soak === undefined) return null
  const minutes = Number(values.soak)
  if (!(minutes > 0) || !Number.isFinite(minutes)) throw new Error(`--soak wants minutes > 0 (got "${values.soak}")`)
  // By default a third of the soak warms up (JIT, caches, the floor filling), at most 5 minutes.
  const warmupMinutes = values.warmup === undefined ? Math.min(5, minutes / 3) : Number(values.warmup)
  if (!(warmupMinutes >= 0) || warmupMinutes >= minutes) throw new Error(`--warmup wants minutes from 0 to less than --soak (got "${values.warmup}")`)
  return {
    minutes,
    warmupMinutes,
    agents: parseWhole('agents', values.agents ?? '1000', 1, 5000),
    rate: parseWhole('rate', values.rate ?? '2000', 1, 100_000),
    profileDir: values.profile === undefined || values.profile === '' ? null : values.profile
  }
}
