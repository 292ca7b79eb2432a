/** The replay CLI, run as a reviewer runs it, against every checkpoint of the shared captures. */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { ReplayResult } from '../../src/main/capture/view'
import { CHECKPOINTS, expectCheckpoint } from '../support/checkpoints'
import { tracePath } from '../support/traces'

const ROOT = resolve(__dirname, '../..')

/** `npm run replay`'s `tsx tools/replay.ts`, with tsx as a loader: the tsx CLI would start a second Node for each of ~30 runs. */
function replay(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'tools/replay.ts', ...args], { cwd: ROOT, encoding: 'utf8' })
  return { status: r.status, stdout: r.stdout, stderr: r.stderr }
}

describe('replay CLI', () => {
  for (const cp of CHECKPOINTS) {
    it(`${cp.scenario} --at ${cp.at}`, () => {
      const r = replay([tracePath(cp.scenario), '--at', String(cp.at), '--feature-codes', '555,556,557', '--outbound-prefix', '9'])
      expect(r.stderr).toBe('')
      expect(r.status).toBe(0)
      const lines = r.stdout.trim().split('\n')
      expect(lines).toHaveLength(1) // exactly one JSON object
      expectCheckpoint(cp, JSON.parse(lines[0] ?? '') as ReplayResult)
    })
  }

  it('without --at evaluates the end of the capture', () => {
    const r = replay([tracePath('busy-floor')])
    const result = JSON.parse(r.stdout) as ReplayResult
    expect(result.at).toBe(55865)
    expect(result.agents.filter((a) => a.status === 'talking')).toEqual([])
  })

  it('rejects a malformed capture with a clear message and exit code 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'earshot-replay-'))
    const bad = join(dir, 'bad.jsonl')
    writeFileSync(bad, '{"t": 1, "dir": "rx", "raw": "Asterisk Call Manager/11.0.0\\r\\n"}\n{"t": 2, "dir": "sideways", "raw": ""}\n')
    const r = replay([bad])
    expect(r.status).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr).toMatch(/line 2: .*dir/)
  })

  it('rejects bad arguments with exit code 2', () => {
    expect(replay([tracePath('spy-listen'), '--at', 'soon']).status).toBe(2)
    expect(replay([tracePath('spy-listen'), '--feature-codes', '555']).status).toBe(2)
    expect(replay(['/nonexistent.jsonl']).status).toBe(2)
  })
})
