/**
 * Actions after Login, answered like Asterisk 22 (Login, Ping and Logoff are AmiServer's). Action
 * names are matched case-insensitively, as Asterisk does.
 */
import type { AmiMessage } from '../ami/message'
import { resolveExten } from './dialplan'
import type { PbxModel } from './model'
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
}

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
  else c.reply(action, { Response: 'Error', Message: `Invalid/unknown command: ${name}. Use Action: ListCommands to show available commands.` })
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
