/**
 * The live side of one PBX connection: the floor, the call log recorder following the same
 * connection, and supervision over it. Kept in one place so how they are wired is read at once.
 */
import { CALL_LOG_WRITES_OK, type CallLogWriteStatus, type ConnectionStatus } from '../../shared/contract'
import { errorText } from '../../shared/error-text'
import { CallLogRecorder } from '../calllog'
import { FloorService } from '../calls'
import type { CustomerLookup } from '../customers'
import type { PbxConnection } from '../settings'
import { SupervisionService } from '../supervision'
import type { Store } from './store'

export interface LiveCallsDeps {
  store: Store
  /** Whose each call's number is (the floor's CustomerNames.lookup, remembered). */
  customerOf: CustomerLookup
  /** Which PBX Earshot is on. */
  connection: () => PbxConnection
  /** Who is signed in (supervision sessions are theirs). */
  operator: () => { id: string; name: string } | null
  /** The connection's status changed; told before supervision and the call log react to it. */
  status: (status: ConnectionStatus) => void
  /** Whether calls that end reach the call log changed (a full disk, say, and back). */
  callLogStatus: (status: CallLogWriteStatus) => void
}

export interface LiveCalls {
  floor: FloorService
  supervision: SupervisionService
  /** Whether calls that end reach the call log now. */
  callLogStatus(): CallLogWriteStatus
  /** Hangs up the supervisor's live legs: the window, and its softphone, are gone, so nobody else will. */
  hangUpLegs(): Promise<void>
  /** Hangs up the supervisor's live legs (as `hangUpLegs`), then disconnects. */
  stop(): Promise<void>
}

/** How long stopping waits for Asterisk to answer the Hangups of the supervisor's legs (quitting waits 5 s in all). */
const LEG_HANGUP_WAIT_MS = 1500

export function liveCalls({ store, customerOf, connection, operator, status: onStatus, callLogStatus: onCallLogStatus }: LiveCallsDeps): LiveCalls {
  const floor = new FloorService()
  /** The call log of the current connection (a new one per PBX, as its options differ). */
  let recorder: CallLogRecorder | null = null
  /** Why the call log cannot be written (logged once per cause), null while it can. */
  let failing: string | null = null
  const tick = setInterval(() => recorder?.tick(), 1000)
  tick.unref()
  const supervision = new SupervisionService({ floor, config: () => (floor.source() === null ? null : connection().supervision), operator })

  // The call log and supervision are projections of the same connection's calls model.
  floor.on('source', (source) => {
    // The previous connection's calls in progress stay saved; the next recorder on it resolves them.
    recorder?.close()
    // A new recorder starts with nothing waiting.
    if (failing !== null || (recorder?.writeStatus().waiting ?? 0) > 0) onCallLogStatus(CALL_LOG_WRITES_OK)
    failing = null
    recorder =
      source === null
        ? null
        : new CallLogRecorder({
            callLog: store.callLog,
            customerOf,
            // Calls in progress are saved under the PBX's own identity (the address until it says it), so a call up when Earshot stops or the settings change is still logged.
            persist: { openCalls: store.openCalls, source: connection().identity },
            // Committed just before each delta the floor sends (see the option): saved before shown.
            commitsWithDeltas: true,
            onError: (error) => console.error('[call log] a call could not be written:', errorText(error)),
            onSaveError: (error) => console.error('[call log] calls in progress could not be saved:', errorText(error)),
            onWriteStatus: (status) => {
              if (status.failing !== failing && status.failing !== null) console.error(`[call log] cannot be written: ${status.failing}; the calls wait and are retried`)
              if (status.failing === null && failing !== null) console.error('[call log] can be written again')
              failing = status.failing
              onCallLogStatus(status)
            }
          })
    if (recorder !== null) floor.attach(recorder)
    if (source !== null) floor.attach(supervision)
  })
  floor.on('status', (status) => {
    onStatus(status)
    // A drop reaches supervision through the floor (it is one of its projections); leaving the
    // PBX (idle) ends its legs here.
    if (status.state === 'idle') supervision.connectionLost()
  })
  supervision.on('record', (record) => store.audit.record(record))

  return {
    floor,
    supervision,
    callLogStatus: () => recorder?.writeStatus() ?? CALL_LOG_WRITES_OK,
    hangUpLegs: () => supervision.hangUpAll(LEG_HANGUP_WAIT_MS),
    async stop() {
      clearInterval(tick)
      await supervision.hangUpAll(LEG_HANGUP_WAIT_MS)
      supervision.stop()
      floor.disconnect()
    }
  }
}
