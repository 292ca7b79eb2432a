/**
 * The list actions a console runs on every (re)connect, answered from the model the way Asterisk
 * 22 answers them: `Response: Success` with `EventList: start`, the items carrying the ActionID,
 * then `<Name>Complete` with ListItems. The messages of the start responses are the captures'.
 */
import type { AmiMessage } from '../ami/message'
import type { Headers } from './ami-server'
import * as d from './dialect'
import type { PbxModel } from './model'
import type { SimQueue } from './types'

/** Where replies go: an AmiServerConnection, or nowhere for actions the demo performs itself. */
export interface ActionReplier {
  reply(action: AmiMessage, headers: Headers): void
  send(headers: Headers): void
}

function list(c: ActionReplier, action: AmiMessage, message: string, complete: string, items: Headers[]): void {
  const id = action.fields.ActionID ?? ''
  c.reply(action, { Response: 'Success', EventList: 'start', Message: message })
  for (const item of items) c.send(item)
  c.send(d.listComplete(complete, id, items.length))
}

function duration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000))
  const two = (n: number): string => String(n).padStart(2, '0')
  return `${two(Math.floor(s / 3600))}:${two(Math.floor(s / 60) % 60)}:${two(s % 60)}`
}

export function coreShowChannels(model: PbxModel, c: ActionReplier, action: AmiMessage): void {
  const id = action.fields.ActionID ?? ''
  const now = model.now()
  const items = [...model.channels.values()].map((ch) => d.coreShowChannel(ch, id, duration(now - ch.createdAt)))
  list(c, action, 'Channels will follow', 'CoreShowChannelsComplete', items)
}

export function bridgeList(model: PbxModel, c: ActionReplier, action: AmiMessage): void {
  const id = action.fields.ActionID ?? ''
  list(c, action, 'Bridge listing will follow', 'BridgeListComplete', [...model.bridges.values()].map((b) => d.bridgeListItem(b, id)))
}

export function pjsipShowEndpoints(model: PbxModel, c: ActionReplier, action: AmiMessage): void {
  const id = action.fields.ActionID ?? ''
  const items = [...model.endpoints.values()].map((ep) => d.endpointList(ep, id, model.endpointStateText(ep), model.channelsOf(ep).size))
  if (items.length === 0) c.reply(action, { Response: 'Error', Message: 'No endpoints found' })
  else list(c, action, 'A listing of Endpoints follows, presented as EndpointList events', 'EndpointListComplete', items)
}

export function pjsipShowContacts(model: PbxModel, c: ActionReplier, action: AmiMessage): void {
  const id = action.fields.ActionID ?? ''
  const items = [...model.endpoints.values()].filter((ep) => ep.contact !== null).map((ep) => d.contactList(ep, id))
  if (items.length === 0) c.reply(action, { Response: 'Error', Message: 'No Contacts found' })
  else list(c, action, 'A listing of Contacts follows, presented as ContactList events', 'ContactListComplete', items)
}

/** QueueStatus, optionally for one `Queue` and one `Member` (queue-pause.jsonl refreshes 1002 so). */
export function queueStatus(model: PbxModel, c: ActionReplier, action: AmiMessage): void {
  const id = action.fields.ActionID ?? ''
  const onlyQueue = action.fields.Queue
  const onlyMember = action.fields.Member
  const now = model.now()
  const items: Headers[] = []
  for (const queue of model.queues.values()) {
    if (onlyQueue !== undefined && onlyQueue !== '' && onlyQueue !== queue.name) continue
    items.push(d.queueParams(queue, queueStats(queue), id))
    for (const m of queue.members) {
      if (onlyMember !== undefined && onlyMember !== '' && onlyMember !== d.iface(m.endpoint) && onlyMember !== m.endpoint.name) continue
      items.push(d.queueMemberItem(m, model.memberStatus(m.endpoint), id))
    }
    if (onlyMember === undefined || onlyMember === '') {
      queue.callers.forEach((caller, i) => items.push(d.queueEntry(queue.name, i + 1, caller.channel, Math.floor((now - caller.joinedAt) / 1000), id)))
    }
  }
  list(c, action, 'Queue status will follow', 'QueueStatusComplete', items)
}

function queueStats(queue: SimQueue): d.QueueParamsStats {
  const answered = queue.completed
  return {
    calls: queue.callers.length,
    holdtime: answered === 0 ? 0 : Math.round(queue.holdtimeTotal / answered),
    talktime: answered === 0 ? 0 : Math.round(queue.talktimeTotal / answered),
    serviceLevelPerf: answered + queue.abandoned === 0 ? '0.0' : ((100 * answered) / (answered + queue.abandoned)).toFixed(1)
  }
}

export function extensionStateList(model: PbxModel, c: ActionReplier, action: AmiMessage): void {
  const id = action.fields.ActionID ?? ''
  const items = [...model.endpoints.values()].map((ep) => d.extensionStatus(ep.ext, model.extensionState(ep), id))
  list(c, action, 'Extension Statuses will follow', 'ExtensionStateListComplete', items)
}

/** Every device Asterisk tracks here: the phones, and app_queue's per-queue and per-member pause devices. */
export function deviceStateList(model: PbxModel, c: ActionReplier, action: AmiMessage): void {
  const id = action.fields.ActionID ?? ''
  const items: Headers[] = []
  for (const ep of model.endpoints.values()) items.push(d.deviceStateChange(`PJSIP/${ep.ext}`, model.deviceState(ep), id))
  for (const queue of model.queues.values()) {
    items.push(d.deviceStateChange(`Queue:${queue.name}_avail`, model.queueAvailability(queue), id))
    for (const m of queue.members) items.push(d.deviceStateChange(`Queue:${queue.name}_pause_PJSIP/${m.endpoint.ext}`, m.paused ? 'INUSE' : 'NOT_INUSE', id))
  }
  list(c, action, 'Device State Changes will follow', 'DeviceStateListComplete', items)
}
