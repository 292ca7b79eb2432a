/**
 * kill -9 mid-call: a child process follows a real capture with the call log persisted and is
 * killed with SIGKILL while the agent is talking (most likely inside one of the transactions it
 * commits every tick). A new process opens the same database and resyncs: the call is logged
 * exactly once, with what the killed process knew.
 */
import { spawn } from 'node:child_process'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { openStore } from '../../../src/main/app'
import { useTempDirs } from '../store/temp-dir'

const tempDir = useTempDirs()
const CHILD = path.join(__dirname, 'restart-child.ts')
const ROOT = path.resolve(__dirname, '../../..')
const QUEUE_CALL = '1795468833.5' // inbound-queue-answered: 1001 rings 1511, answers 1514, hangs up 9521

interface Child {
  lines: string[]
  signal: NodeJS.Signals | null
  code: number | null
  stderr: string
}

/** Runs the child; `killWhen` sees each stdout line and says when to SIGKILL it. */
function child(args: string[], killWhen: (line: string) => boolean = () => false): Promise<Child> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
    const lines: string[] = []
    let buffered = ''
    let stderr = ''
    let killed = false
    proc.stdout.setEncoding('utf8')
    proc.stdout.on('data', (chunk: string) => {
      buffered += chunk
      const parts = buffered.split('\n')
      buffered = parts.pop() ?? ''
      // Lines that arrive after the kill are kept: they report commits made before it landed.
      for (const line of parts) {
        lines.push(line)
        if (!killed && killWhen(line)) {
          killed = true
          proc.kill('SIGKILL')
        }
      }
    })
    proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    proc.on('error', reject)
    proc.on('exit', (code, signal) => resolve({ lines, signal, code, stderr }))
  })
}

/** Follows the capture to `cut` in a child and kills it about `ticks` ticks later; the last seen time it reported committed. */
async function killMidCall(dir: string, cut: number, ticks: number): Promise<number> {
  let seen = 0
  const run = await child(['run', dir, 'inbound-queue-answered', String(cut)], (line) => line.startsWith('seen ') && ++seen >= ticks)
  expect(run.signal, run.stderr).toBe('SIGKILL')
  expect(run.lines[0]).toBe('mid-call')
  return Number(run.lines.at(-1)?.slice('seen '.length))
}

function check(dir: string): ReturnType<typeof openStore> {
  const store = openStore({ dir })
  expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok')
  expect(store.db.pragma('foreign_key_check')).toEqual([])
  return store
}

describe('kill -9 mid-call, then a new process', () => {
  it('the call still up at the resync: logged once, with its exact answer time and timeline from before the kill', async () => {
    const dir = tempDir()
    await killMidCall(dir, 5000, 40)
    const before = check(dir)
    try {
      expect(before.callLog.list().total).toBe(0)
      expect(before.openCalls.load().rows.map((r) => r.id)).toEqual([QUEUE_CALL])
    } finally {
      before.close()
    }
    const resumed = await child(['resume', dir, 'inbound-queue-answered', '7000'])
    expect(resumed.code, resumed.stderr).toBe(0)
    expect(resumed.lines).toEqual([`written ${QUEUE_CALL}`])
    const after = check(dir)
    try {
      expect(after.callLog.list().entries).toMatchObject([{ id: QUEUE_CALL, startedAt: 1511, answeredAt: 1514, answeredAtApprox: false, endedAt: 9521, closedBy: 'hangup', outcome: 'answered' }])
      expect(after.callLog.get(QUEUE_CALL)?.timeline.map((e) => [e.kind, e.at])).toEqual([
        ['ringing', 1511],
        ['answered', 1514],
        ['hangup', 9521]
      ])
      expect(after.openCalls.load().rows).toEqual([])
    } finally {
      after.close()
    }
  }, 60_000)

  it('the call gone by the resync: logged once, closed by the resync, ended at the last second the killed process saved', async () => {
    const dir = tempDir()
    const lastSeen = await killMidCall(dir, 5000, 25)
    const resumed = await child(['resume', dir, 'inbound-queue-answered', '12000'])
    expect(resumed.code, resumed.stderr).toBe(0)
    expect(resumed.lines).toEqual([`written ${QUEUE_CALL}`])
    // Running the new process again (another restart) writes nothing more.
    const again = await child(['resume', dir, 'inbound-queue-answered', '13000'])
    expect(again.code, again.stderr).toBe(0)
    expect(again.lines).toEqual([])
    const after = check(dir)
    try {
      const [entry] = after.callLog.list().entries
      expect(after.callLog.list().total).toBe(1)
      expect(entry).toMatchObject({ id: QUEUE_CALL, answeredAt: 1514, answeredAtApprox: false, closedBy: 'resync', outcome: 'answered' })
      // The kill may land after a tick committed and before it was reported: one tick at most.
      expect(entry?.endedAt).toBeGreaterThanOrEqual(lastSeen)
      expect(entry?.endedAt).toBeLessThanOrEqual(lastSeen + 1)
      expect(after.callLog.get(QUEUE_CALL)?.timeline.map((e) => e.kind)).toEqual(['ringing', 'answered', 'lost'])
      expect(after.openCalls.load().rows).toEqual([])
    } finally {
      after.close()
    }
  }, 60_000)
})
