/**
 * asterisk-restart, followed as the live floor follows it: the first session's events folded live,
 * the connection lost at the Shutdown (last heard 9428, socket closed 9476), the new session's
 * snapshot lists (t 10079–10089) folded by `resync`, then its live events. `keep` leaves out the
 * messages a variant of the PBX would not have sent (in the new session only).
 */
import { AmiDecoder, type AmiMessage } from '../../src/main/ami'
import { CallsProjector } from '../../src/main/calls/projector'
import { SNAPSHOT_ACTIONS } from '../../src/main/calls/live-floor'
import { LAB_OPTIONS, loadLaterCapture } from './traces'

const records = loadLaterCapture('asterisk-restart')
const SNAPSHOT_IDS = new RegExp(`^earshot-(${SNAPSHOT_ACTIONS.map((a) => a.toLowerCase()).join('|')})-`)

export function followAsteriskRestart(until: number, keep: (m: AmiMessage) => boolean = () => true): CallsProjector {
  const calls = new CallsProjector(LAB_OPTIONS)
  const decoder = new AmiDecoder()
  const snapshot: AmiMessage[] = []
  let greetings = 0
  let resynced = false
  for (const r of records) {
    if (r.dir !== 'rx' || r.t > until) continue
    // The second greeting is the restarted PBX's new session.
    if (r.raw.startsWith('Asterisk Call Manager') && ++greetings === 2) calls.connectionLost(9476, 9428)
    for (const frame of decoder.write(r.raw)) {
      if (frame.kind !== 'message') continue
      const m = frame.message
      if (greetings < 2) calls.apply(m, r.t)
      else if (!keep(m)) continue
      else if (r.t <= 10090) {
        if (m.fields.Event !== undefined && SNAPSHOT_IDS.test(m.fields.ActionID ?? '')) snapshot.push(m)
      } else {
        if (!resynced) calls.resync(snapshot, 10090)
        resynced = true
        calls.apply(m, r.t)
      }
    }
  }
  if (greetings >= 2 && !resynced) calls.resync(snapshot, 10090)
  return calls
}
