/**
 * Helpers for the restart tests: a capture's messages as the live connection delivers them, fed
 * to a recorder (on the one fold, as the live floor feeds it) with the services' one-second tick, and the snapshot a reconnect would take at
 * some moment of the capture.
 */
import { AmiDecoder } from '../../../src/main/ami/decoder'
import type { AmiMessage } from '../../../src/main/ami/message'
import { callLogSource } from '../../../src/main/calllog'
import { FedRecorder } from '../../support/fed-recorder'
import type { Store } from '../../../src/main/app'
import type { CallLogEntry } from '../../../src/shared/records'
import { event } from '../../support/events'
import { loadSteps, loadTrace, type Scenario } from '../../support/traces'
import { lookupIn } from '../../../src/main/customers'

export interface Timed {
  message: AmiMessage
  at: number
}

/** The lab PBX the captures were recorded on, as the services name it. */
export const LAB_SOURCE = callLogSource('ami://pbx.lab:5038', 'earshot')

/** Every message of a capture (received, and the actions the console sent), with its time. */
export function messages(scenario: Scenario): Timed[] {
  const decoders = { rx: new AmiDecoder(), tx: new AmiDecoder() }
  const out: Timed[] = []
  for (const record of loadTrace(scenario)) {
    for (const frame of decoders[record.dir].write(record.raw)) if (frame.kind === 'message') out.push({ message: frame.message, at: record.t })
  }
  return out
}

export interface Recorded {
  recorder: FedRecorder
  written: CallLogEntry[]
  errors: unknown[]
}

/** A recorder on the store's open calls, as the services make one per connection; `now` is its clock. */
export function persistedRecorder(store: Store, now: () => number, source = LAB_SOURCE): Recorded {
  const written: CallLogEntry[] = []
  const errors: unknown[] = []
  const recorder = new FedRecorder({
    callLog: store.callLog,
    customerOf: lookupIn(store.customers, () => 'GB'),
    now,
    persist: { openCalls: store.openCalls, source },
    onRecorded: (e) => written.push(e),
    onError: (e) => errors.push(e),
    onSaveError: (e) => errors.push(e),
    onUnreadable: (id, e) => errors.push(new Error(`${id}: ${String(e)}`))
  })
  return { recorder, written, errors }
}

/**
 * Feeds the messages with `from < at <= to` as the services do: each as it arrives, and `tick()`
 * at every whole second (the services' timer) up to `to`.
 */
export function feed(recorder: FedRecorder, all: readonly Timed[], from: number, to: number, onTick?: (at: number) => void): void {
  let nextTick = Number.isFinite(from) ? (Math.floor(from / 1000) + 1) * 1000 : 1000
  const tickUntil = (at: number): void => {
    for (; nextTick <= at; nextTick += 1000) {
      recorder.tick(nextTick)
      onTick?.(nextTick)
    }
  }
  for (const { message, at } of all) {
    if (at <= from || at > to) continue
    tickUntil(at)
    recorder.apply(message, at)
  }
  tickUntil(Number.isFinite(to) ? to : (all.at(-1)?.at ?? 0) + 2000)
}

const BLOCK = ['Channel', 'ChannelState', 'ChannelStateDesc', 'CallerIDNum', 'CallerIDName', 'ConnectedLineNum', 'ConnectedLineName', 'Language', 'AccountCode', 'Context', 'Exten', 'Priority', 'Uniqueid', 'Linkedid']

interface Channel {
  fields: Record<string, string>
  since: number
  application: string
  data: string
  bridge: string
}

function hms(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000))
  return [Math.floor(s / 3600), Math.floor(s / 60) % 60, s % 60].map((n) => String(n).padStart(2, '0')).join(':')
}

/**
 * What the PBX's snapshot would have said at `at` had Earshot (re)connected then: the capture's
 * own snapshot list items (endpoints, contacts, queues), and a `CoreShowChannel` for every channel
 * the capture has up at `at`, built from that channel's latest channel block in the capture (so
 * with the real names, Uniqueids, Linkedids and caller IDs), its age as `Duration`, its bridge,
 * and the application the dialplan runs on it (`AppQueue`/`AppDial` for dialled legs). `except`:
 * Uniqueids to leave out (channels gone meanwhile).
 */
export function snapshotAt(scenario: Scenario, all: readonly Timed[], at: number, except: ReadonlySet<string> = new Set()): AmiMessage[] {
  const lists = loadSteps(scenario).find((s) => s.step === 'snapshot complete')?.t ?? 0
  const out: AmiMessage[] = []
  for (const { message, at: t } of all) {
    const name = message.fields.Event ?? ''
    if (t > lists) break
    if (message.fields.ActionID !== undefined && !name.endsWith('Complete') && name !== '') out.push(message)
  }
  const channels = new Map<string, Channel>()
  const upsert = (f: AmiMessage['fields'], prefix: string, t: number): Channel | undefined => {
    const id = f[`${prefix}Uniqueid`]
    if (id === undefined || id === '' || f[`${prefix}ChannelState`] === undefined) return undefined
    const fields = Object.fromEntries(BLOCK.flatMap((k) => (f[`${prefix}${k}`] === undefined ? [] : [[k, f[`${prefix}${k}`] ?? '']])))
    const ch = channels.get(id)
    if (ch === undefined) {
      const created = { fields, since: t, application: '', data: '', bridge: '' }
      channels.set(id, created)
      return created
    }
    Object.assign(ch.fields, fields)
    return ch
  }
  for (const { message, at: t } of all) {
    if (t > at) break
    const f = message.fields
    const own = upsert(f, '', t)
    const dest = upsert(f, 'Dest', t)
    switch (f.Event ?? '') {
      case 'Hangup':
        channels.delete(f.Uniqueid ?? '')
        break
      case 'BridgeEnter':
        if (own !== undefined) own.bridge = f.BridgeUniqueid ?? ''
        break
      case 'BridgeLeave':
        if (own !== undefined) own.bridge = ''
        break
      case 'AgentCalled':
        if (dest !== undefined) dest.application = 'AppQueue'
        break
      case 'DialBegin':
        if (dest !== undefined && dest.application === '') dest.application = 'AppDial'
        break
      case 'QueueCallerJoin':
        if (own !== undefined) [own.application, own.data] = ['Queue', f.Queue ?? '']
        break
      case 'Newexten':
        if (own !== undefined && own.application !== 'AppQueue' && own.application !== 'AppDial') [own.application, own.data] = [f.Application ?? '', f.AppData ?? '']
        break
      default:
        break
    }
  }
  const items = [...channels.values()].filter((ch) => !except.has(ch.fields.Uniqueid ?? ''))
  for (const ch of items) {
    out.push(event('CoreShowChannel', { ActionID: 'resync-1', ...ch.fields, Application: ch.application, ApplicationData: ch.data, Duration: hms(at - ch.since), BridgeId: ch.bridge }))
  }
  out.push(event('CoreShowChannelsComplete', { ActionID: 'resync-1', EventList: 'Complete', ListItems: String(items.length) }))
  return out
}
