/**
 * Queues and time in state, replayed from the real Asterisk 22 captures. Every expectation is read
 * from the capture's own events (joins, leaves, connects, abandons, pauses, hangups) or from what
 * the PBX itself answered (QueueEntry `Wait`), never from Earshot's output.
 */
import { spawnSync } from 'node:child_process'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { CaptureRecord } from '../../src/main/capture/format'
import { replayAt } from '../../src/main/capture/replay'
import type { ReplayResult } from '../../src/main/capture/view'
import { LAB_OPTIONS, laterCapturePath, loadLaterCapture } from '../support/traces'

interface Event {
  t: number
  fields: Record<string, string>
}

/** The capture's received events, header by header (first value of each name). */
function eventsOf(records: readonly CaptureRecord[]): Event[] {
  const out: Event[] = []
  for (const r of records) {
    if (r.dir !== 'rx' || !r.raw.startsWith('Event: ')) continue
    const fields: Record<string, string> = {}
    for (const line of r.raw.split('\r\n')) {
      const i = line.indexOf(': ')
      if (i > 0 && !(line.slice(0, i) in fields)) fields[line.slice(0, i)] = line.slice(i + 2)
    }
    out.push({ t: r.t, fields })
  }
  return out
}

/** What the capture says of one queue up to `at`: callers waiting (by join time), connects, abandons. */
function queueAt(events: readonly Event[], queue: string, at: number): { waiting: number; longestWaitSeconds: number | null; answered: number; abandoned: number } {
  const joined = new Map<string, number>()
  let answered = 0
  let abandoned = 0
  for (const e of events) {
    if (e.t > at || e.fields.Queue !== queue) continue
    const id = e.fields.Uniqueid ?? ''
    if (e.fields.Event === 'QueueCallerJoin') joined.set(id, e.t)
    if (e.fields.Event === 'QueueCallerLeave') joined.delete(id)
    if (e.fields.Event === 'AgentConnect') answered++
    if (e.fields.Event === 'QueueCallerAbandon') abandoned++
  }
  const first = Math.min(...joined.values())
  return { waiting: joined.size, longestWaitSeconds: joined.size === 0 ? null : Math.floor((at - first) / 1000), answered, abandoned }
}

const queueWaiting = loadLaterCapture('queue-waiting')
const qwEvents = eventsOf(queueWaiting)
const pausedOnCall = loadLaterCapture('paused-on-call')
const pocEvents = eventsOf(pausedOnCall)

/** The first event matching, by event name and fields. */
function eventWhere(events: readonly Event[], event: string, fields: Record<string, string>, after = -1): Event {
  const found = events.find((e) => e.t > after && e.fields.Event === event && Object.entries(fields).every(([k, v]) => e.fields[k] === v))
  if (found === undefined) throw new Error(`no ${event} ${JSON.stringify(fields)} in the capture`)
  return found
}

function agent(result: ReplayResult, extension: string) {
  const a = result.agents.find((x) => x.extension === extension)
  if (a === undefined) throw new Error(`no agent ${extension}`)
  return a
}

describe('queue-waiting: callers waiting, abandoning, answered after a wait', () => {
  // Before the first caller, with three waiting, after the abandon, after each answer, at the end.
  for (const at of [4000, 9000, 14000, 19600, 24000, 26000, 30000, 39000, 47000]) {
    it(`support and sales at ${at} ms`, () => {
      const result = replayAt(queueWaiting, LAB_OPTIONS, at)
      for (const name of ['support', 'sales']) {
        expect(result.queues.find((q) => q.name === name), `${name} at ${at}`).toMatchObject(queueAt(qwEvents, name, at))
      }
    })
  }

  it("agrees with the PBX's own QueueStatus answers (QueueEntry Wait, whole seconds)", () => {
    const answers = [...new Set(qwEvents.filter((e) => e.fields.Event === 'QueueEntry').map((e) => e.t))]
    expect(answers.length).toBe(2)
    for (const t of answers) {
      const entries = qwEvents.filter((e) => e.t === t && e.fields.Event === 'QueueEntry' && e.fields.Queue === 'support')
      const support = replayAt(queueWaiting, LAB_OPTIONS, t).queues.find((q) => q.name === 'support')
      expect(support?.waiting).toBe(entries.length)
      const longest = Math.max(...entries.map((e) => Number(e.fields.Wait)))
      expect(Math.abs((support?.longestWaitSeconds ?? -9) - longest)).toBeLessThanOrEqual(1)
    }
  })

  it('times each pause from its QueueMemberPause, and the idle after it from the unpause', () => {
    for (const [ext, reason] of [['1001', 'lunch'], ['1002', 'break'], ['1003', 'training']] as const) {
      const paused = eventWhere(qwEvents, 'QueueMemberPause', { Interface: `PJSIP/${ext}`, Paused: '1' })
      const mid = replayAt(queueWaiting, LAB_OPTIONS, 20_000)
      expect(agent(mid, ext)).toMatchObject({ status: 'paused', pauseReason: reason, statusSince: paused.t, statusSeconds: Math.floor((20_000 - paused.t) / 1000) })
    }
    const unpaused = eventWhere(qwEvents, 'QueueMemberPause', { Interface: 'PJSIP/1002', Paused: '0' })
    const end = replayAt(queueWaiting, LAB_OPTIONS, unpaused.t + 500)
    expect(agent(end, '1002')).toMatchObject({ status: 'idle', statusSince: unpaused.t, statusSeconds: 0 })
  })

  it('a console that connects mid-capture times the pauses by their LastPause, once the PBX has told its clock', () => {
    // Earshot connects at the console's QueueStatus (19.5 s): its answer is all it knows of the pauses.
    const first = queueWaiting.findIndex((r) => r.dir === 'tx' && r.raw.startsWith('Action: QueueStatus') && r.t > 10_000)
    const late = queueWaiting.slice(first)
    const firstChannel = qwEvents.find((e) => e.t >= (late[0]?.t ?? 0) && e.fields.Event === 'Newchannel')
    if (firstChannel === undefined) throw new Error('no channel after the QueueStatus')
    // Before any Uniqueid, the PBX's epoch seconds cannot be placed on Earshot's clock: unknown.
    const before = replayAt(late, LAB_OPTIONS, firstChannel.t - 1)
    expect(agent(before, '1002')).toMatchObject({ status: 'paused', statusSince: null, statusSeconds: null })
    // After one, each pause starts where the capture shows it began, to about a second.
    const after = replayAt(late, LAB_OPTIONS, firstChannel.t + 100)
    for (const ext of ['1002', '1003']) {
      const paused = eventWhere(qwEvents, 'QueueMemberPause', { Interface: `PJSIP/${ext}`, Paused: '1' })
      expect(agent(after, ext).status).toBe('paused')
      expect(Math.abs((agent(after, ext).statusSince ?? -1e9) - paused.t), ext).toBeLessThanOrEqual(1000)
    }
  })
})

describe('paused-on-call: a pause taken while talking', () => {
  const leg = eventWhere(pocEvents, 'Newchannel', { CallerIDNum: '1002' })
  const answered = pocEvents.find((e) => e.fields.Event === 'Newstate' && e.fields.Uniqueid === leg.fields.Uniqueid && e.fields.ChannelState === '6')
  const paused = eventWhere(pocEvents, 'QueueMemberPause', { Interface: 'PJSIP/1002', Paused: '1' })
  const hangup = eventWhere(pocEvents, 'Hangup', { Uniqueid: leg.fields.Uniqueid ?? '' })
  const unpaused = eventWhere(pocEvents, 'QueueMemberPause', { Interface: 'PJSIP/1002', Paused: '0' })

  it('talking from the answer, paused from the call’s end, idle from the unpause', () => {
    expect(answered).toBeDefined()
    const talking = replayAt(pausedOnCall, LAB_OPTIONS, paused.t + 500)
    expect(agent(talking, '1002')).toMatchObject({ status: 'talking', statusSince: answered?.t })
    const afterCall = replayAt(pausedOnCall, LAB_OPTIONS, hangup.t + 1500)
    expect(agent(afterCall, '1002')).toMatchObject({ status: 'paused', statusSince: hangup.t, statusSeconds: 1 })
    const idle = replayAt(pausedOnCall, LAB_OPTIONS, unpaused.t + 2000)
    expect(agent(idle, '1002')).toMatchObject({ status: 'idle', statusSince: unpaused.t, statusSeconds: 2 })
    // Paused in support only: sales still counts it available.
    const queues = Object.fromEntries(afterCall.queues.map((q) => [q.name, q]))
    expect(queues.support).toMatchObject({ paused: 1 })
    expect(queues.sales).toMatchObject({ paused: 0 })
  })
})

describe('the replay CLI prints time in state and the queues', () => {
  it('queue-waiting at 26 s', () => {
    const root = resolve(__dirname, '../..')
    const r = spawnSync(join(root, 'node_modules/.bin/tsx'), ['tools/replay.ts', laterCapturePath('queue-waiting'), '--at', '26000'], { cwd: root, encoding: 'utf8' })
    expect(r.stderr).toBe('')
    const result = JSON.parse(r.stdout) as ReplayResult
    expect(result.queues.map((q) => Object.keys(q))).toEqual(result.queues.map(() => ['name', 'waiting', 'longestWaitSeconds', 'available', 'busy', 'paused', 'offline', 'answered', 'abandoned']))
    expect(result.queues.find((q) => q.name === 'support')).toMatchObject(queueAt(qwEvents, 'support', 26_000))
    for (const a of result.agents) expect(a).toHaveProperty('statusSince')
  })
})
