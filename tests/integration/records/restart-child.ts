/**
 * Run in a child process by restart-crash.test.ts, as Earshot would run the call log:
 *
 *   run <data dir> <capture> <cut>
 *     follows the capture up to <cut> (ms) with the one-second tick, prints `mid-call`, then keeps
 *     ticking (one "millisecond" per tick, each a transaction saving the connection's seen time)
 *     and prints `seen <t>` after each tick has returned (committed), until the parent kills it
 *     with SIGKILL.
 *
 *   resume <data dir> <capture> <restart at>
 *     a new Earshot: opens the store, resyncs with the snapshot the PBX would give at <restart at>,
 *     follows the rest of the capture, prints `written <id>` for each call it wrote and exits.
 */
import { openStore } from '../../../src/main/app'
import type { Scenario } from '../../support/traces'
import { feed, messages, persistedRecorder, snapshotAt } from './restart-support'

const [mode, dir, scenario, time] = process.argv.slice(2)
if (dir === undefined || scenario === undefined || time === undefined) throw new Error('usage: restart-child.ts run|resume <data dir> <capture> <ms>')
const all = messages(scenario as Scenario)
const store = openStore({ dir })
const at = Number(time)

if (mode === 'run') {
  let now = at
  const { recorder, errors } = persistedRecorder(store, () => now)
  feed(recorder, all, -Infinity, at)
  if (errors.length > 0) throw new AggregateError(errors)
  process.stdout.write('mid-call\n')
  for (;;) {
    now += 1
    recorder.tick(now)
    process.stdout.write(`seen ${now}\n`)
  }
} else if (mode === 'resume') {
  const { recorder, written, errors } = persistedRecorder(store, () => at)
  recorder.resync(snapshotAt(scenario as Scenario, all, at), at)
  feed(recorder, all, at, Infinity)
  if (errors.length > 0) throw new AggregateError(errors)
  for (const entry of written) process.stdout.write(`written ${entry.id}\n`)
  store.close()
} else throw new Error(`unknown mode ${mode ?? ''}`)
