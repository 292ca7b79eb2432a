/**
 * Crash safety: a process writing call-log rows is killed with SIGKILL mid-write. Reopening the
 * database finds it intact, with every row the process had reported committed (and its whole
 * timeline), and no half-written row.
 */
import { spawn } from 'node:child_process'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { openStore } from '../../../src/main/app'
import { useTempDirs } from '../store/temp-dir'

const tempDir = useTempDirs()
const CHILD = path.join(__dirname, 'crash-child.ts')
const ROOT = path.resolve(__dirname, '../../..')

/** Runs the writer until it has reported `killAfter` commits, then SIGKILLs it; the ids it reported. */
function writeAndKill(dir: string, run: string, killAfter: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dir, run], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
    const committed: string[] = []
    let buffered = ''
    let stderr = ''
    let killed = false
    child.stdout.setEncoding('utf8')
    child.stdout.on('data', (chunk: string) => {
      buffered += chunk
      const lines = buffered.split('\n')
      buffered = lines.pop() ?? ''
      for (const line of lines) if (line.startsWith('committed ')) committed.push(line.slice('committed '.length))
      if (!killed && committed.length >= killAfter) {
        killed = true
        child.kill('SIGKILL')
      }
    })
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('error', reject)
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`writer exited ${code ?? signal ?? '?'} before it was killed: ${stderr}`))
      else resolve(committed)
    })
  })
}

describe('call log crash safety', () => {
  it('survives SIGKILL mid-write: integrity ok, every reported commit present and whole', async () => {
    const dir = tempDir()
    const reported: string[] = []
    // Several kills at different points, each run appending to the same database.
    for (const [run, killAfter] of [
      ['a', 25],
      ['b', 60],
      ['c', 7]
    ] as const) {
      reported.push(...(await writeAndKill(dir, run, killAfter)))
      const store = openStore({ dir })
      try {
        expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok')
        expect(store.db.pragma('foreign_key_check')).toEqual([])
        const ids = new Set((store.db.prepare('SELECT id FROM call_log').all() as { id: string }[]).map((r) => r.id))
        for (const id of reported) expect(ids.has(id), `committed row ${id}`).toBe(true)
        // No row without its whole timeline (a row is written with its events in one transaction).
        const partial = store.db.prepare('SELECT l.id, count(e.seq) AS n FROM call_log l LEFT JOIN call_events e ON e.call_id = l.id GROUP BY l.id HAVING n <> 43').all()
        expect(partial).toEqual([])
        expect(store.callLog.get(reported.at(-1) ?? '')?.timeline).toHaveLength(43)
      } finally {
        store.close()
      }
    }
    expect(reported.length).toBeGreaterThanOrEqual(25 + 60 + 7)
  }, 60_000)
})
