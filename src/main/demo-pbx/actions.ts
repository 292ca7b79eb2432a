/**
 * Actions after Login, answered like Asterisk 22 (Login, Ping and Logoff are AmiServer's). Action
 * names are matched case-insensitively, as Asterisk does.
 */
import type { AmiMessage } from '../ami/message'
import { resolveExten } from './dialplan'
import type { PbxModel } from './model'
import type { SimChannel } from './types'
import { ORIGINATE_TIMEOUT_MS, OriginatedLeg } from './originate'
import { setPaused } from './presence'
import * as snapshot from './snapshot'
import type { ActionReplier } from './snapshot'
import * as d from './dialect'

export interface ActionOptions {
  /** How long the demo takes to "answer" a supervisor leg it rings (no softphone behind it yet). */
  originateAnswerMs: number
  /** Called after a pause changes (the living floor offers waiting calls to an unpaused agent). */
  onPauseChanged?: () => void
  /** What CoreSettings/CoreStatus tell about this Asterisk: when it started (epoch ms) and asterisk.conf's `systemname`. */
  core: { startedAtMs: number; systemName: string }
}

/** The Asterisk the captures were recorded on. */
export const ASTERISK_VERSION = '22.10.1'

const LISTS: Record<string, (model: PbxModel, c: ActionReplier, action: AmiMessage) => void> = {
  coreshowchannels: snapshot.coreShowChannels,
  bridgelist: snapshot.bridgeList,
  pjsipshowendpoints: snapshot.pjsipShowEndpoints,
  pjsipshowcontacts: snapshot.pjsipShowContacts,
  queuestatus: snapshot.queueStatus,
  extensionstatelist: snapshot.extensionStateList,
  devicestatelist: snapshot.deviceStateList
}

/** Nobody to answer: an action the demo itself performs as "the console" of a scenario. */
export const NO_REPLY: ActionReplier = { reply: () => undefined, send: () => undefined }

export function handleAction(model: PbxModel, c: ActionReplier, action: AmiMessage, options: ActionOptions): void {
  const name = action.fields.Action ?? ''
  const key = name.toLowerCase()
  const listAction = LISTS[key]
  if (listAction !== undefined) listAction(model, c, action)
  else if (key === 'queuepause') queuePause(model, c, action, options)
  else if (key === 'originate') originate(model, c, action, options)
  else if (key === 'hangup') hangup(model, c, action)
  else if (key === 'getvar') getvar(model, c, action)
  else if (key === 'coresettings') coreSettings(c, action, options)
  else if (key === 'corestatus') coreStatus(model, c, action, options)
  else c.reply(action, { Response: 'Error', Message: `Invalid/unknown command: ${name}. Use Action: ListCommands to show available commands.` })
}

/**
 * main/manager.c action_coresettings, in Asterisk 22's order (SoundsSearchCustomDir since 21).
 * No capture has it: the fields follow the source.
 */
function coreSettings(c: ActionReplier, action: AmiMessage, options: ActionOptions): void {
  c.reply(action, {
    Response: 'Success',
    AMIversion: '11.0.0',
    AsteriskVersion: ASTERISK_VERSION,
    SystemName: options.core.systemName,
    CoreMaxCalls: 0,
    CoreMaxLoadAvg: '0.000000',
    CoreRunUser: 'asterisk',
    CoreRunGroup: 'asterisk',
    CoreMaxFilehandles: 0,
    CoreRealTimeEnabled: 'No',
    CoreCDRenabled: 'Yes',
    CoreHTTPenabled: 'Yes',
    SoundsSearchCustomDir: 'No'
  })
}

/**
 * main/manager.c action_corestatus: when this Asterisk started and last reloaded, in its local
 * time (`%Y-%m-%d`, `%H:%M:%S`), the channels up now and the calls processed since it started.
 */
function coreStatus(model: PbxModel, c: ActionReplier, action: AmiMessage, options: ActionOptions): void {
  const [date = '', time = ''] = asteriskLocalTime(options.core.startedAtMs).split(' ')
  c.reply(action, {
    Response: 'Success',
    CoreStartupDate: date,
    CoreStartupTime: time,
    CoreReloadDate: date,
    CoreReloadTime: time,
    CoreCurrentCalls: model.channels.size,
    CoreProcessedCalls: model.channelsCreated()
  })
}

/** apps/app_queue.c manager_queue_member_pause: Interface + Paused, optional Queue and Reason. */
function queuePause(model: PbxModel, c: ActionReplier, action: AmiMessage, options: ActionOptions): void {
  const f = action.fields
  const iface = f.Interface ?? ''
  const pausedText = f.Paused ?? ''
  if (iface === '' || pausedText === '') {
    c.reply(action, { Response: 'Error', Message: "Need 'Interface' and 'Paused' parameters." })
    return
  }
  const paused = isTrue(pausedText)
  const ext = /^PJSIP\/(.+)$/i.exec(iface)?.[1]
  const ep = ext === undefined ? undefined : model.endpoints.get(ext)
  const queue = f.Queue === undefined || f.Queue === '' ? undefined : f.Queue
  if (ep === undefined || !ep.memberships.some((m) => queue === undefined || m.queue.name === queue)) {
    c.reply(action, { Response: 'Error', Message: 'Interface not found' })
    return
  }
  // The response goes out first, the QueueMemberPause events after it (queue-pause.jsonl).
  c.reply(action, { Response: 'Success', Message: paused ? 'Interface paused successfully' : 'Interface unpaused successfully' })
  setPaused(model, ep, paused, f.Reason ?? '', queue)
  options.onPauseChanged?.()
}

function isTrue(value: string): boolean {
  return /^(yes|true|y|t|1|on)$/i.test(value.trim())
}

/** `"Listen 1001" <5551001>` → name and number (ast_callerid_parse). */
function parseCallerId(text: string | undefined): { num: string; name: string } | null {
  if (text === undefined || text.trim() === '') return null
  const m = /^\s*(?:"([^"]*)"|([^<]*?))\s*<([^>]*)>\s*$/.exec(text)
  if (m !== null) return { name: (m[1] ?? m[2] ?? '').trim() || '<unknown>', num: (m[3] ?? '').trim() || '<unknown>' }
  return /^[+\d*#]+$/.test(text.trim()) ? { num: text.trim(), name: '<unknown>' } : { num: '<unknown>', name: text.trim() }
}

/** main/manager.c action_originate, then the dialplan or application once the phone answers. */
function originate(model: PbxModel, c: ActionReplier, action: AmiMessage, options: ActionOptions): void {
  const f = action.fields
  const channel = f.Channel ?? ''
  if (channel === '') {
    c.reply(action, { Response: 'Error', Message: 'Channel not specified' })
    return
  }
  const slash = channel.indexOf('/')
  if (slash <= 0) {
    c.reply(action, { Response: 'Error', Message: 'Invalid channel' })
    return
  }
  const app = f.Application ?? ''
  const context = f.Context ?? ''
  const exten = f.Exten ?? ''
  const priority = f.Priority ?? ''
  let spy: { target: string; options: string } | null = null
  if (app === '') {
    if (exten === '' || context === '' || priority === '') {
      c.reply(action, { Response: 'Error', Message: "Originate with 'Exten' requires 'Context' and 'Priority'" })
      return
    }
    // Asterisk checks the extension before it rings anything.
    const target = resolveExten(context, exten, model.endpoints)
    if (target === null) {
      c.reply(action, { Response: 'Error', Message: 'Extension does not exist.' })
      return
    }
    if (target.kind === 'spy') spy = { target: target.target, options: target.options }
  } else if (app.toLowerCase() === 'chanspy') {
    const [target = '', opts = ''] = (f.Data ?? '').split(',')
    spy = { target, options: opts }
  }
  const callerId = parseCallerId(f.CallerID)
  const async = isTrue(f.Async ?? '')
  const tech = channel.slice(0, slash)
  const ep = model.endpoints.get(channel.slice(slash + 1))
  if (async) c.reply(action, { Response: 'Success', Message: 'Originate successfully queued' })
  if (tech.toUpperCase() !== 'PJSIP' || ep === undefined || !model.isReachable(ep)) {
    // Nothing to ring: no channel comes up, the Originate fails (Reason 0).
    model.emit(d.originateResponse({ actionId: f.ActionID, success: false, channel, context: app === '' ? context : '', exten: app === '' ? exten : '', reason: 0, uniqueid: '<null>', callerNum: callerId?.num ?? '<unknown>', callerName: callerId?.name ?? '<unknown>' }))
    if (!async) c.reply(action, { Response: 'Error', Message: 'Originate failed' })
    return
  }
  // main/manager.c: Timeout in ms, 30 s when absent (or not a number).
  const timeout = Number(f.Timeout ?? '')
  OriginatedLeg.start(model, {
    actionId: f.ActionID,
    endpoint: ep,
    callerId,
    context,
    exten,
    spy,
    application: app === '' ? null : { app, data: f.Data ?? '' },
    answerAfterMs: options.originateAnswerMs,
    timeoutMs: Number.isFinite(timeout) && timeout > 0 ? timeout : ORIGINATE_TIMEOUT_MS,
    requested: channel,
    // A synchronous Originate answers once the phone did: Success when it answered, Error when not.
    onResult: async
      ? undefined
      : (success) => c.reply(action, success ? { Response: 'Success', Message: 'Originate successfully queued' } : { Response: 'Error', Message: 'Originate failed' })
  })
}

function hangup(model: PbxModel, c: ActionReplier, action: AmiMessage): void {
  const name = action.fields.Channel ?? ''
  if (name === '') {
    c.reply(action, { Response: 'Error', Message: 'No channel specified' })
    return
  }
  const ch = model.channelByName(name)
  if (ch === undefined) {
    c.reply(action, { Response: 'Error', Message: 'No such channel' })
    return
  }
  c.reply(action, { Response: 'Success', Message: 'Channel Hungup' })
  ch.owner?.hangupByAmi(ch)
}

/**
 * main/manager.c action_getvar: a variable, or a function when the name ends in `)`, read on the
 * named channel. Success with an empty Value for what is not set (or not a function the demo
 * has); `No such channel` for a channel that is gone. The one function here is CDR().
 */
function getvar(model: PbxModel, c: ActionReplier, action: AmiMessage): void {
  const variable = action.fields.Variable ?? ''
  if (variable === '') {
    c.reply(action, { Response: 'Error', Message: 'No variable specified' })
    return
  }
  const name = action.fields.Channel ?? ''
  const ch = name === '' ? undefined : model.channelByName(name)
  if (name !== '' && ch === undefined) {
    c.reply(action, { Response: 'Error', Message: 'No such channel' })
    return
  }
  const cdr = /^CDR\(([^,)]*)(?:,([^)]*))?\)$/i.exec(variable)
  const value = cdr === null || ch === undefined ? '' : cdrField(model, ch, (cdr[1] ?? '').toLowerCase(), cdr[2] ?? '')
  c.reply(action, { Response: 'Success', Variable: variable, Value: value })
}

/**
 * funcs/func_cdr.c cdr_read over main/cdr.c cdr_object_format_property, for the channel's own CDR
 * (it is that CDR's Party A): start/answer/end as `sec.usec` with `u`, else `%Y-%m-%d %T` (empty
 * when unset); billsec/duration in whole seconds, or `%lf` seconds with `f` (0.000000 unanswered).
 * The demo's channels are up, so their CDR has no end yet.
 */
function cdrField(model: PbxModel, ch: SimChannel, field: string, options: string): string {
  const now = model.now()
  const raw = options.includes('u')
  const time = (at: number | null): string => {
    if (raw) return at === null ? '0.000000' : (model.epochMillis(at) / 1000).toFixed(6)
    return at === null ? '' : asteriskLocalTime(model.epochMillis(at))
  }
  const since = (at: number | null): string => {
    const ms = at === null ? 0 : now - at
    return options.includes('f') ? (ms / 1000).toFixed(6) : String(Math.floor(ms / 1000))
  }
  switch (field) {
    case 'start':
      return time(ch.createdAt)
    case 'answer':
      return time(ch.answeredAt)
    case 'end':
      return time(null)
    case 'duration':
      return since(ch.createdAt)
    case 'billsec':
      return since(ch.answeredAt)
    case 'uniqueid':
      return ch.uniqueid
    case 'linkedid':
      return ch.linkedid
    case 'channel':
      return ch.name
    default:
      return ''
  }
}

/** `%Y-%m-%d %T` in the PBX's local time zone (this machine's, as the demo runs here). */
function asteriskLocalTime(epochMs: number): string {
  const t = new Date(epochMs)
  const two = (n: number): string => String(n).padStart(2, '0')
  return `${t.getFullYear()}-${two(t.getMonth() + 1)}-${two(t.getDate())} ${two(t.getHours())}:${two(t.getMinutes())}:${two(t.getSeconds())}`
}
