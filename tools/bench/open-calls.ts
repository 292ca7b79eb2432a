import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { openStore } from '../../src/main/app'
import type { CallLogEntry } from '../../src/shared/records'
import { Random } from '../../src/main/demo-pbx/random'

export interface OpenCallsBench {
  /** Calls in progress kept in the store while measuring. */
  openCalls: number
  commits: number
  /** Pages written to the write-ahead log per commit (each a write of a page and one of its frame header). */
  pagesPerCommit: number
  kbPerCommit: number
  /** Main's CPU per commit (user + system), µs: the statements, the commit's writes and locks. */
  cpuMicrosPerCommit: number
}

const T = 1_800_000_000_000
const round = (x: number, digits = 1): number => Math.round(x * 10 ** digits) / 10 ** digits

/** A saved call in progress of about the size the soak's were (~590 bytes of JSON). */
function savedCall(id: string, n: number): unknown {
  return {
    id,
    state: 'open',
    startedAt: T,
    agentExtension: '1001',
    timeline: Array.from({ length: 4 }, (_, i) => ({ at: T + i * 1000 + n, kind: i === 0 ? 'ringing' : 'answered', approx: false })),
    customer: { number: '+442070001111', name: 'Caller Name' },
    pad: 'x'.repeat(260)
  }
}

function entry(id: string, rnd: () => number): CallLogEntry {
  const extension = String(1000 + Math.floor(rnd() * 1000))
  const number = `+4420${String(Math.floor(rnd() * 1e8)).padStart(8, '0')}`
  return {
    id,
    linkedid: id,
    agentExtension: extension,
    agentName: `Agent ${extension}`,
    agentChannel: `PJSIP/${extension}-0000abcd`,
    customerNumber: number,
    customerName: null,
    customerE164: number,
    customerId: null,
    direction: 'inbound',
    startedAt: T,
    answeredAt: T + 1000,
    answeredAtApprox: false,
    endedAt: T + 60_000,
    talkSeconds: 59,
    outcome: 'answered',
    monitored: false,
    closedBy: 'hangup',
    timeline: [
      { at: T, kind: 'ringing' },
      { at: T + 1000, kind: 'answered', approx: false },
      { at: T + 60_000, kind: 'hangup', cause: 16, causeText: 'Normal Clearing', dialStatus: null }
    ]
  }
}

/**
 * What saving the calls in progress costs a busy floor (issue 14's soak: 1,000 agents, ~2,000 AMI
 * events/s): a real store file (WAL) with `open` calls in progress and a call log behind them, then
 * `commits` commits of the soak's mix, each not waiting for the disk as between the recorder's
 * ticks: one or two calls saved again, a new call 7 times in 10, a completed call written to the
 * call log (and its row gone) 7 times in 10. Counted: the pages the write-ahead log grew by.
 */
export function benchOpenCalls(open = 670, commits = 2000): OpenCallsBench {
  const dir = mkdtempSync(path.join(tmpdir(), 'earshot-bench-open-calls-'))
  const store = openStore({ dir })
  try {
    const seeded = new Random(14)
    const rnd = (): number => seeded.next()
    let next = 0
    const live: string[] = []
    const newCall = (): { id: string; agentExtension: string; call: unknown } => {
      const id = `1733550000.${next++}`
      live.push(id)
      return { id, agentExtension: '1001', call: savedCall(id, 0) }
    }
    const completed = (): CallLogEntry[] => {
      const [done] = live.splice(Math.floor(rnd() * live.length), 1)
      return done === undefined ? [] : [entry(done, rnd)]
    }
    // A floor that has run a while: its calls in progress, and 20,000 calls in the log.
    for (let i = 0; i < 20_000 + open; i++) {
      store.openCalls.commit({ source: 'bench', at: T, save: [newCall()], record: live.length > open ? completed() : [] }, { durable: false })
    }
    store.db.pragma('wal_checkpoint(TRUNCATE)')
    // No checkpoint while measuring: the log's growth is what the commits wrote.
    store.db.pragma('wal_autocheckpoint = 0')
    const wal = `${store.file}-wal`
    const pageSize = store.db.pragma('page_size', { simple: true }) as number
    const before = statSync(wal).size
    const cpu = process.cpuUsage()
    for (let i = 0; i < commits; i++) {
      const save = Array.from({ length: rnd() < 0.5 ? 1 : 2 }, () => {
        const id = live[Math.floor(rnd() * live.length)] ?? ''
        return { id, agentExtension: '1001', call: savedCall(id, i) }
      })
      if (rnd() < 0.7) save.push(newCall())
      store.openCalls.commit({ source: 'bench', at: T + i, save, record: rnd() < 0.7 ? completed() : [] }, { durable: false })
    }
    const used = process.cpuUsage(cpu)
    const pages = (statSync(wal).size - before) / (pageSize + 24) / commits
    return {
      openCalls: live.length,
      commits,
      pagesPerCommit: round(pages, 2),
      kbPerCommit: round((pages * pageSize) / 1024),
      cpuMicrosPerCommit: Math.round((used.user + used.system) / commits)
    }
  } finally {
    store.close()
    rmSync(dir, { recursive: true, force: true })
  }
}
