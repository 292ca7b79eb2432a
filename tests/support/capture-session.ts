/**
 * A logged-in AMI session as LiveFloor uses it (`FloorSession`), answering from a real capture at
 * the moment its clock says: the snapshot lists as that Asterisk answered them (endpoints,
 * contacts, queues), `CoreShowChannels` with the channels up then (built from the capture by the
 * capture server's own model, independent of Earshot's engine), and — as asked — who the PBX is
 * (`CoreSettings`/`CoreStatus`) and each channel's CDR answer time (`Getvar CDR(billsec[,f])`, as
 * funcs/func_cdr.c reads it: seconds since the channel went Up, on the PBX's clock).
 */
import { AmiDecoder } from '../../src/main/ami/decoder'
import { AmiActionError } from '../../src/main/ami/errors'
import { type AmiMessage, amiMessage } from '../../src/main/ami/message'
import type { CaptureRecord } from '../../src/main/capture/format'
import type { FloorSession } from '../../src/main/calls/live-floor'
import { channelsAt } from './capture-server'

type Reply = { response?: AmiMessage; events: readonly AmiMessage[]; complete?: AmiMessage }

export interface CaptureSessionOptions {
  /** What `CoreSettings`/`CoreStatus` say (SystemName, startup time); absent: refused, as without the privilege. */
  identity?: { systemName: string; startup: string }
  /** `Getvar` answered from the capture's truth ('cdr'), or refused for want of a write privilege ('denied'). */
  getvar: 'cdr' | 'denied'
  /** Actions refused "Permission denied" (a manager.conf without their class). */
  denied?: readonly string[]
}

function decode(raw: string): AmiMessage[] {
  const out: AmiMessage[] = []
  for (const frame of new AmiDecoder().write(raw)) if (frame.kind === 'message') out.push(frame.message)
  return out
}

const message = (fields: Record<string, string | number | readonly string[]>): AmiMessage =>
  amiMessage(Object.entries(fields).map(([k, v]) => [k, String(v)] as const))

/** `Key: Value` of one capture record, read apart from the decoder. */
function fieldsOf(raw: string): Map<string, string> {
  const out = new Map<string, string>()
  for (const line of raw.split('\r\n')) {
    const i = line.indexOf(': ')
    if (i > 0 && !out.has(line.slice(0, i))) out.set(line.slice(0, i), line.slice(i + 2))
  }
  return out
}

/** When each channel (by name) first went Up in the capture, and when it hung up: the PBX's truth. */
export function answersIn(records: readonly CaptureRecord[]): Map<string, { answeredAt: number | null; endedAt: number | null }> {
  const out = new Map<string, { answeredAt: number | null; endedAt: number | null }>()
  for (const r of records) {
    if (r.dir !== 'rx') continue
    const f = fieldsOf(r.raw)
    const name = f.get('Channel')
    if (name === undefined || !f.has('ChannelState')) continue
    const truth = out.get(name) ?? { answeredAt: null, endedAt: null }
    out.set(name, truth)
    if (f.get('ChannelState') === '6') truth.answeredAt ??= r.t
    if (f.get('Event') === 'Hangup') truth.endedAt = r.t
  }
  return out
}

/** The list items of the capture's first snapshot (the events answering Earshot's own actions), to fold with `resync`. */
export function firstSnapshot(records: readonly CaptureRecord[]): AmiMessage[] {
  const end = records.findIndex((r) => r.raw.startsWith('Event: DeviceStateListComplete'))
  const decoder = new AmiDecoder()
  const out: AmiMessage[] = []
  for (const r of records.slice(0, end + 1)) {
    if (r.dir !== 'rx') continue
    for (const frame of decoder.write(r.raw)) {
      if (frame.kind === 'message' && frame.message.fields.Event !== undefined && /^earshot-/.test(frame.message.fields.ActionID ?? '')) out.push(frame.message)
    }
  }
  return out
}

/** The messages Asterisk sent after the capture's first snapshot, with their times. */
export function liveMessages(records: readonly CaptureRecord[]): Array<{ t: number; message: AmiMessage }> {
  const end = records.findIndex((r) => r.raw.startsWith('Event: DeviceStateListComplete'))
  const decoder = new AmiDecoder()
  const out: Array<{ t: number; message: AmiMessage }> = []
  for (const r of records.slice(end + 1)) {
    if (r.dir !== 'rx') continue
    for (const frame of decoder.write(r.raw)) if (frame.kind === 'message') out.push({ t: r.t, message: frame.message })
  }
  return out
}

export class CaptureSession implements FloorSession {
  private readonly lists = new Map<string, Reply>()
  private readonly truth: ReturnType<typeof answersIn>
  /** Actions asked, in order. */
  readonly asked: string[] = []

  constructor(
    private readonly records: readonly CaptureRecord[],
    private readonly now: () => number,
    private readonly options: CaptureSessionOptions
  ) {
    this.truth = answersIn(records)
    const end = records.findIndex((r) => r.raw.startsWith('Event: DeviceStateListComplete'))
    for (let i = 0; i <= end; i++) {
      const r = records[i]
      if (r?.dir !== 'tx') continue
      const action = fieldsOf(r.raw).get('Action') ?? ''
      const reply: AmiMessage[] = []
      for (let j = i + 1; j < records.length && records[j]?.dir === 'rx'; j++) reply.push(...decode(records[j]?.raw ?? ''))
      const [response, ...rest] = reply
      const complete = rest.at(-1)
      this.lists.set(action, { ...(response === undefined ? {} : { response }), events: rest.slice(0, -1), ...(complete === undefined ? {} : { complete }) })
    }
  }

  send(action: { readonly Action: string } & Readonly<Record<string, string>>): Promise<Reply> {
    this.asked.push(action.Action)
    const refuse = (text: string): Promise<never> => Promise.reject(new AmiActionError(action.Action, text, message({ Response: 'Error', Message: text })))
    if (this.options.denied?.includes(action.Action) === true) return refuse('Permission denied')
    switch (action.Action) {
      case 'CoreShowChannels': {
        const items = channelsAt(this.records, this.now()).map(message)
        return Promise.resolve({
          response: message({ Response: 'Success', EventList: 'start', Message: 'Channels will follow' }),
          events: items,
          complete: message({ Event: 'CoreShowChannelsComplete', EventList: 'Complete', ListItems: items.length })
        })
      }
      case 'BridgeList':
        return Promise.resolve({ events: [], complete: message({ Event: 'BridgeListComplete', EventList: 'Complete', ListItems: 0 }) })
      case 'CoreSettings':
      case 'CoreStatus': {
        const id = this.options.identity
        if (id === undefined) return refuse('Permission denied')
        const [date = '', time = ''] = id.startup.split(' ')
        return Promise.resolve({
          response: message(
            action.Action === 'CoreSettings'
              ? { Response: 'Success', AMIversion: '11.0.0', AsteriskVersion: '22.10.1', SystemName: id.systemName }
              : { Response: 'Success', CoreStartupDate: date, CoreStartupTime: time, CoreCurrentCalls: 1 }
          ),
          events: []
        })
      }
      case 'Getvar':
        return this.getvar(action, refuse)
      default: {
        const list = this.lists.get(action.Action)
        return list === undefined ? refuse('Invalid/unknown command') : Promise.resolve(list)
      }
    }
  }

  private getvar(action: Readonly<Record<string, string>>, refuse: (text: string) => Promise<never>): Promise<Reply> {
    if (this.options.getvar === 'denied') return refuse('Permission denied')
    const now = this.now()
    const truth = this.truth.get(action.Channel ?? '')
    if (truth === undefined || (truth.endedAt !== null && truth.endedAt <= now)) return refuse('No such channel')
    const variable = action.Variable ?? ''
    const ms = truth.answeredAt === null || truth.answeredAt > now ? 0 : now - truth.answeredAt
    const value = variable === 'CDR(billsec,f)' ? (ms / 1000).toFixed(6) : variable === 'CDR(billsec)' ? String(Math.floor(ms / 1000)) : ''
    return Promise.resolve({ response: message({ Response: 'Success', Variable: variable, Value: value }), events: [] })
  }
}
