/**
 * Calls are logged even if Earshot restarts mid-call: a real SQLite file, real captures. Recorder A
 * follows a capture to mid-call and is dropped without a word (the app quit, crashed or was
 * killed: no close(), no last save); the store is reopened; recorder B, on the same connection,
 * resyncs and follows the rest.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { CallLogRecorder, callLogSource } from '../../../src/main/calllog'
import { CallsProjector } from '../../../src/main/calls'
import { LAB_OPTIONS } from '../../support/traces'
import { parseSavedCall } from '../../../src/main/calllog/saved'
import { openStore, type Store } from '../../../src/main/app'
import { useTempDirs } from '../store/temp-dir'
import { feed, LAB_SOURCE, messages, persistedRecorder, snapshotAt } from './restart-support'
import { lookupIn } from '../../../src/main/customers'

const tempDir = useTempDirs()
const open: Store[] = []
afterEach(() => {
  for (const s of open.splice(0)) if (s.db.open) s.close()
})

function store(dir: string): Store {
  const s = openStore({ dir })
  open.push(s)
  return s
}

/** Earshot stops: the file is closed as a dying process leaves it (nothing more is written). */
function quit(s: Store): void {
  s.close()
}

const QUEUE_CALL = '1795468833.5' // inbound-queue-answered: 1001 rings 1511, answers 1514, the caller hangs up 9520
const SPIED_CALL = '1795468890.17' // spy-listen: 1001 answers 1011, 2002 listens 4122–9131, the customer hangs up 12379

const savedRows = (s: Store) => s.openCalls.load().rows.map((r) => ({ ...r, call: parseSavedCall(r.call) }))

describe('a call in progress when Earshot stops', () => {
  it('is saved when it opens and when it is answered, before the next event; other detail at the tick', () => {
    const s = store(tempDir())
    const all = messages('spy-listen')
    const { recorder, errors } = persistedRecorder(s, () => 0)
    feed(recorder, all, -Infinity, 1008) // the agent's channel appeared at 1008 (ringing)
    expect(savedRows(s)).toMatchObject([{ id: SPIED_CALL, source: LAB_SOURCE, agentExtension: '1001', call: { state: 'open', answeredAt: null, startedAt: 1008 } }])
    feed(recorder, all, 1008, 1011) // answered at 1011: saved at once, no tick between
    expect(savedRows(s)[0]?.call).toMatchObject({ answeredAt: 1011, answeredAtApprox: false })
    feed(recorder, all, 1011, 4122) // the supervisor joined at 4122: saved at the 5000 tick, not before
    expect(savedRows(s)[0]?.call).toMatchObject({ monitored: false })
    feed(recorder, all, 4122, 5000)
    expect(savedRows(s)[0]).toMatchObject({ updatedAt: 5000, call: { monitored: true, timeline: [{ kind: 'ringing' }, { kind: 'answered' }, { kind: 'supervision-joined', at: 4122, supervisor: '2002', mode: 'listen' }] } })
    expect(s.openCalls.load().seenAt.get(LAB_SOURCE)).toBe(5000)
    expect(s.callLog.list().total).toBe(0)
    // It ends: in the call log, and out of the open calls, together.
    feed(recorder, all, 5000, Infinity)
    expect(s.callLog.list().entries).toMatchObject([{ id: SPIED_CALL, closedBy: 'hangup', monitored: true }])
    expect(s.openCalls.load()).toEqual({ rows: [], seenAt: new Map() })
    expect(errors).toEqual([])
  })

  it('is committed at once without waiting for the disk; the next tick puts it on the disk (a durable commit, or a sync when nothing changed)', () => {
    const s = store(tempDir())
    const disk: string[] = []
    const { openCalls } = s
    const commit = openCalls.commit.bind(openCalls)
    const sync = openCalls.sync.bind(openCalls)
    openCalls.commit = (batch, options) => {
      disk.push(options?.durable === false ? 'commit' : 'durable commit')
      return commit(batch, options)
    }
    openCalls.sync = () => {
      disk.push('sync')
      sync()
    }
    const all = messages('spy-listen')
    const { recorder } = persistedRecorder(s, () => 0)
    feed(recorder, all, -Infinity, 1008) // the agent's channel appeared at 1008: saved at once
    expect(disk).toEqual(['commit'])
    feed(recorder, all, 1008, 2000) // answered at 1011 (at once), then the tick at 2000
    expect(disk).toEqual(['commit', 'commit', 'durable commit'])
    disk.length = 0
    feed(recorder, all, 2000, Infinity) // ends at 12379: logged at once; nothing live at the next tick
    expect(disk.slice(-3)).toEqual(['durable commit', 'commit', 'sync'])
    expect(disk.filter((d) => d === 'sync')).toHaveLength(1) // later ticks have nothing left to sync
    expect(s.callLog.list().entries).toMatchObject([{ id: SPIED_CALL, closedBy: 'hangup' }])
  })

  it('live, the events of one turn of the event loop are committed together, right after it (not one commit per event)', async () => {
    const s = store(tempDir())
    const commits: unknown[] = []
    const { openCalls } = s
    const commit = openCalls.commit.bind(openCalls)
    openCalls.commit = (batch, options) => {
      commits.push(batch)
      return commit(batch, options)
    }
    // As the live floor drives it: the one fold, the recorder attached, no test harness committing.
    const calls = new CallsProjector(LAB_OPTIONS)
    calls.attach(new CallLogRecorder({ callLog: s.callLog, customerOf: lookupIn(s.customers, () => 'GB'), now: () => 0, persist: { openCalls, source: LAB_SOURCE } }), 0)
    // The call opens (1008) and is answered (1011): two urgent changes, handled in one turn.
    for (const { message, at } of messages('spy-listen').filter((m) => m.at <= 1011)) calls.apply(message, at)
    expect(commits).toHaveLength(0)
    await new Promise((resolve) => setImmediate(resolve))
    expect(commits).toHaveLength(1)
    expect(savedRows(s)).toMatchObject([{ id: SPIED_CALL, call: { state: 'open', answeredAt: 1011, answeredAtApprox: false } }])
  })

  it('still up after the restart: one row, with the exact answer time and the timeline from before the restart', () => {
    const dir = tempDir()
    const all = messages('inbound-queue-answered')
    const first = store(dir)
    const a = persistedRecorder(first, () => 5000)
    feed(a.recorder, all, -Infinity, 5000)
    expect(first.callLog.list().total).toBe(0)
    quit(first)

    // Earshot is back at 7000: the snapshot after login has the call still up.
    const second = store(dir)
    const b = persistedRecorder(second, () => 7000)
    expect(second.callLog.list().total).toBe(0) // nothing decided before the resync
    b.recorder.resync(snapshotAt('inbound-queue-answered', all, 7000), 7000)
    feed(b.recorder, all, 7000, Infinity)

    expect(second.callLog.list().entries).toMatchObject([
      { id: QUEUE_CALL, agentExtension: '1001', agentName: 'Agent 1001', customerNumber: '+442070001111', startedAt: 1511, answeredAt: 1514, answeredAtApprox: false, endedAt: 9521, talkSeconds: 8, outcome: 'answered', closedBy: 'hangup' }
    ])
    const timeline = second.callLog.get(QUEUE_CALL)?.timeline ?? []
    expect(timeline.map((e) => [e.kind, e.at])).toEqual([
      ['ringing', 1511],
      ['answered', 1514],
      ['hangup', 9521]
    ])
    expect(b.written).toHaveLength(1)
    expect(second.openCalls.load().rows).toEqual([])
    expect([...a.errors, ...b.errors]).toEqual([])

    // A third start finds nothing to resolve and writes nothing twice.
    const c = persistedRecorder(second, () => 20_000)
    c.recorder.resync(snapshotAt('inbound-queue-answered', all, 20_000), 20_000)
    expect(c.written).toEqual([])
    expect(second.callLog.list().total).toBe(1)
  })

  it('gone by the restart: one row, closed by the resync with what is known, ended when last known up, a lost event', () => {
    const dir = tempDir()
    const all = messages('inbound-queue-answered')
    const first = store(dir)
    feed(persistedRecorder(first, () => 5000).recorder, all, -Infinity, 5000)
    quit(first)

    // Back at 12000: the call ended (9521) while Earshot was not running.
    const second = store(dir)
    const b = persistedRecorder(second, () => 12_000)
    b.recorder.resync(snapshotAt('inbound-queue-answered', all, 12_000), 12_000)
    feed(b.recorder, all, 12_000, Infinity)
    expect(second.callLog.list().entries).toMatchObject([
      { id: QUEUE_CALL, startedAt: 1511, answeredAt: 1514, answeredAtApprox: false, endedAt: 5000, talkSeconds: 3, outcome: 'answered', closedBy: 'resync' }
    ])
    expect(second.callLog.get(QUEUE_CALL)?.timeline.map((e) => [e.kind, e.at])).toEqual([
      ['ringing', 1511],
      ['answered', 1514],
      ['lost', 5000]
    ])
    expect(b.written).toHaveLength(1)
    expect(second.openCalls.load().rows).toEqual([])
    expect(b.errors).toEqual([])
  })

  it('spy-listen, gone: the supervision before the restart is kept, monitored, closed at the last second known', () => {
    const dir = tempDir()
    const all = messages('spy-listen')
    const first = store(dir)
    feed(persistedRecorder(first, () => 0).recorder, all, -Infinity, 6400) // 2002 listening; last tick 6000
    quit(first)
    const second = store(dir)
    const b = persistedRecorder(second, () => 20_000)
    b.recorder.resync(snapshotAt('spy-listen', all, 20_000), 20_000)
    expect(second.callLog.list().entries).toMatchObject([{ id: SPIED_CALL, closedBy: 'resync', monitored: true, answeredAt: 1011, endedAt: 6000, talkSeconds: 5, outcome: 'answered' }])
    expect(second.callLog.get(SPIED_CALL)?.timeline.map((e) => [e.kind, e.at])).toEqual([
      ['ringing', 1008],
      ['answered', 1011],
      ['supervision-joined', 4122],
      ['supervision-left', 6000],
      ['lost', 6000]
    ])
  })

  it('spy-listen, still up: carries on; the supervisor who left while Earshot was away leaves at the resync', () => {
    const dir = tempDir()
    const all = messages('spy-listen')
    const first = store(dir)
    feed(persistedRecorder(first, () => 0).recorder, all, -Infinity, 6000)
    quit(first)
    const second = store(dir)
    const b = persistedRecorder(second, () => 10_000)
    b.recorder.resync(snapshotAt('spy-listen', all, 10_000), 10_000)
    feed(b.recorder, all, 10_000, Infinity)
    expect(second.callLog.list().entries).toMatchObject([{ id: SPIED_CALL, closedBy: 'hangup', monitored: true, answeredAt: 1011, answeredAtApprox: false, endedAt: 12_381, talkSeconds: 11 }])
    expect(second.callLog.get(SPIED_CALL)?.timeline.map((e) => [e.kind, e.at])).toEqual([
      ['ringing', 1008],
      ['answered', 1011],
      ['supervision-joined', 4122],
      ['supervision-left', 10_000],
      ['hangup', 12_381]
    ])
    expect(b.errors).toEqual([])
  })

  it('close() saves what changed since the last tick (a normal quit loses nothing)', () => {
    const dir = tempDir()
    const all = messages('spy-listen')
    const first = store(dir)
    const a = persistedRecorder(first, () => 4500)
    feed(a.recorder, all, -Infinity, 4500) // joined at 4122, last tick 4000
    a.recorder.close()
    a.recorder.apply(all.at(-1)!.message, 4600) // a closed recorder ignores what comes after
    quit(first)
    const second = store(dir)
    const [row] = savedRows(second)
    expect(row).toMatchObject({ updatedAt: 4500, call: { monitored: true, lostAt: null } })
    expect(second.openCalls.load().seenAt.get(LAB_SOURCE)).toBe(4500)
  })

  it('a call saved on another PBX is closed as lost once this PBX says who it is, before its snapshot is folded: never matched here', () => {
    const dir = tempDir()
    const all = messages('inbound-queue-answered')
    const first = store(dir)
    feed(persistedRecorder(first, () => 0).recorder, all, -Infinity, 5000)
    quit(first)
    const second = store(dir)
    const other = callLogSource('amis://pbx2.example.com:5039', 'earshot')
    const b = persistedRecorder(second, () => 7000, other)
    // Another address may reach the same PBX (issue 13.2): nothing is decided before the PBX says who it is.
    expect(second.callLog.list().total).toBe(0)
    // It says it is another PBX; its snapshot even has a channel of that Uniqueid, which does not reopen the call.
    b.recorder.resync(snapshotAt('inbound-queue-answered', all, 7000), 7000, 'asterisk:["pbx2","22.10.1","2026-12-04 09:00:00"]')
    expect(second.callLog.list().entries).toMatchObject([{ id: QUEUE_CALL, closedBy: 'resync', endedAt: 5000, outcome: 'answered' }])
    expect(second.openCalls.load().rows.map((r) => r.id)).not.toContain(QUEUE_CALL)
    feed(b.recorder, all, 7000, Infinity)
    expect(second.callLog.list().total).toBe(1)
    expect(second.callLog.get(QUEUE_CALL)?.timeline.at(-1)).toEqual({ at: 5000, kind: 'lost' })
    expect(b.written).toHaveLength(1)
    expect(second.openCalls.load()).toEqual({ rows: [], seenAt: new Map() })
  })

  it('a call saved on the same PBX reached at another address (the AMI address changed between runs) carries on with its exact times', () => {
    const dir = tempDir()
    const all = messages('inbound-queue-answered')
    const lab = 'asterisk:["","22.10.1","2026-12-04 08:00:00"]'
    const first = store(dir)
    const a = persistedRecorder(first, () => 0)
    // The first connection's snapshot, as the capture took it: the PBX said who it is.
    a.recorder.resync(snapshotAt('inbound-queue-answered', all, 0), 0, lab)
    feed(a.recorder, all, 0, 5000)
    expect(first.openCalls.load().rows).toMatchObject([{ id: QUEUE_CALL, source: lab }])
    quit(first)
    const second = store(dir)
    const b = persistedRecorder(second, () => 7000, callLogSource('amis://pbx.lab:5039', 'earshot'))
    b.recorder.resync(snapshotAt('inbound-queue-answered', all, 7000), 7000, lab)
    feed(b.recorder, all, 7000, Infinity)
    expect(second.callLog.list().entries).toMatchObject([{ id: QUEUE_CALL, startedAt: 1511, answeredAt: 1514, answeredAtApprox: false, endedAt: 9521, closedBy: 'hangup' }])
    expect(second.openCalls.load().rows).toEqual([])
    expect([...a.errors, ...b.errors]).toEqual([])
  })

  it('lost connection, then the app quits before it comes back: the call ends when the connection was lost', () => {
    const dir = tempDir()
    const all = messages('inbound-queue-answered')
    const first = store(dir)
    const a = persistedRecorder(first, () => 0)
    feed(a.recorder, all, -Infinity, 4300)
    a.recorder.connectionLost(4300)
    // Reconnecting for a while (the timer keeps ticking), then Earshot is quit.
    for (let t = 5000; t <= 8000; t += 1000) a.recorder.tick(t)
    quit(first)
    const second = store(dir)
    const b = persistedRecorder(second, () => 30_000)
    b.recorder.resync(snapshotAt('inbound-queue-answered', all, 30_000), 30_000)
    expect(second.callLog.list().entries).toMatchObject([{ id: QUEUE_CALL, closedBy: 'resync', endedAt: 4300, talkSeconds: 3 }])
  })

  it('a saved row that cannot be read is reported and deleted; the others are restored', () => {
    const dir = tempDir()
    const all = messages('inbound-queue-answered')
    const first = store(dir)
    feed(persistedRecorder(first, () => 0).recorder, all, -Infinity, 5000)
    first.db.prepare("INSERT INTO open_calls VALUES ('x.1', ?, '1001', '{\"v\":99}', 0)").run(LAB_SOURCE)
    quit(first)
    const second = store(dir)
    const b = persistedRecorder(second, () => 7000)
    expect(b.errors).toHaveLength(1)
    expect(String(b.errors[0])).toContain('x.1')
    expect(second.openCalls.load().rows.map((r) => r.id)).toEqual([QUEUE_CALL])
    b.recorder.resync(snapshotAt('inbound-queue-answered', all, 7000), 7000)
    feed(b.recorder, all, 7000, Infinity)
    expect(second.callLog.list().entries).toMatchObject([{ id: QUEUE_CALL, answeredAt: 1514, closedBy: 'hangup' }])
  })

  it('when the calls in progress cannot be saved, calls are still written as they end, and it is said once', () => {
    const s = store(tempDir())
    s.db.exec('DROP TABLE open_calls') // say, a database from before the table existed
    const all = messages('busy-floor')
    const { recorder, written, errors } = persistedRecorder(s, () => 0)
    feed(recorder, all, -Infinity, Infinity)
    expect(written).toHaveLength(12)
    expect(s.callLog.list().total).toBe(12)
    expect(errors).toHaveLength(1)
    expect(String(errors[0])).toMatch(/open_calls/)
  })

  it('busy-floor with restarts at several moments: the same twelve calls, each once, as without a restart', () => {
    const all = messages('busy-floor')
    const reference = store(tempDir())
    feed(persistedRecorder(reference, () => 0).recorder, all, -Infinity, Infinity)
    const summary = (s: Store) =>
      s.callLog
        .list()
        .entries.map(({ id, agentExtension, startedAt, answeredAt, endedAt, outcome, customerNumber }) => ({ id, agentExtension, startedAt, answeredAt, endedAt, outcome, customerNumber }))
        .sort((x, y) => x.id.localeCompare(y.id))
    const expected = summary(reference)
    expect(expected).toHaveLength(12)
    // Whole seconds (a tick just saved everything) and between ticks: 21876 is inside the abandon
    // grace of 1004's leg (hung up at 21876, its caller abandons the queue at 21878).
    for (const cut of [7000, 9500, 16_250, 21_000, 21_876, 22_700, 33_000, 36_400, 39_900]) {
      const dir = tempDir()
      const first = store(dir)
      feed(persistedRecorder(first, () => cut).recorder, all, -Infinity, cut)
      expect(first.openCalls.load().rows.length, `calls in progress at ${cut}`).toBeGreaterThan(0)
      quit(first)
      // Back at once (the same second): nothing happened meanwhile, so nothing may differ.
      const second = store(dir)
      const b = persistedRecorder(second, () => cut)
      b.recorder.resync(snapshotAt('busy-floor', all, cut), cut)
      feed(b.recorder, all, cut, Infinity)
      expect(summary(second), `restart at ${cut}`).toEqual(expected)
      expect(second.openCalls.load().rows).toEqual([])
      expect(b.errors).toEqual([])
    }
  })
})
