/**
 * How Asterisk 22 writes each event the demo sends: header names and their order exactly as in
 * the real captures (shared/traces), field by field. Shapes the captures never show (Hold, Unhold,
 * CoreShowChannel, BridgeListItem, QueueEntry) follow Asterisk's sources and are marked so.
 * Pure functions: they only read the objects they are given.
 */
import type { Headers } from './ami-server'
import type { SimBridge, SimChannel, SimEndpoint, SimMember, SimQueue } from './types'

export type Fields = Record<string, string | number>

const STATE_DESC: Record<number, string> = { 0: 'Down', 4: 'Ring', 5: 'Ringing', 6: 'Up' }

/** Asterisk's printout of a channel's state as the snapshot it was taken from; fields may be overridden. */
export type ChannelView = Pick<
  SimChannel,
  'name' | 'state' | 'callerNum' | 'callerName' | 'connectedNum' | 'connectedName' | 'context' | 'exten' | 'priority' | 'uniqueid' | 'linkedid'
>

/**
 * The channel snapshot block Asterisk repeats in every channel event, with a prefix (none, `Dest`,
 * `Spyer`, `Spyee`, `LocalOne`, `LocalTwo`). `at` overrides fields when Asterisk printed an older
 * or newer snapshot than the channel's current one (AgentCalled does).
 */
export function channelBlock(ch: ChannelView, prefix = '', at: Partial<ChannelView> = {}): Fields {
  const c = { ...ch, ...at }
  return {
    [`${prefix}Channel`]: c.name,
    [`${prefix}ChannelState`]: c.state,
    [`${prefix}ChannelStateDesc`]: STATE_DESC[c.state] ?? 'Unknown',
    [`${prefix}CallerIDNum`]: c.callerNum,
    [`${prefix}CallerIDName`]: c.callerName,
    [`${prefix}ConnectedLineNum`]: c.connectedNum,
    [`${prefix}ConnectedLineName`]: c.connectedName,
    [`${prefix}Language`]: 'en',
    [`${prefix}AccountCode`]: '',
    [`${prefix}Context`]: c.context,
    [`${prefix}Exten`]: c.exten,
    [`${prefix}Priority`]: c.priority,
    [`${prefix}Uniqueid`]: c.uniqueid,
    [`${prefix}Linkedid`]: c.linkedid
  }
}

const CALL = 'call,all'
const AGENT = 'agent,all'
const SYSTEM = 'system,all'

/** Newchannel, Newstate, NewConnectedLine, MusicOnHoldStop, Hold, Unhold, ...: the block and nothing else. */
export function channelEvent(event: string, ch: ChannelView, extra: Fields = {}, at: Partial<ChannelView> = {}): Headers {
  return { Event: event, Privilege: CALL, ...channelBlock(ch, '', at), ...extra }
}

export function newCallerid(ch: ChannelView): Headers {
  return channelEvent('NewCallerid', ch, { 'CID-CallingPres': '0 (Presentation Allowed, Not Screened)' })
}

export function hangup(ch: ChannelView, cause: number): Headers {
  return channelEvent('Hangup', ch, { Cause: cause, 'Cause-txt': causeText(cause) })
}

/** A phone's BYE carries no cause on some legs (the spy leg in spy-*.jsonl), so `cause` is optional. */
export function hangupRequest(ch: ChannelView, cause?: number): Headers {
  return channelEvent('HangupRequest', ch, cause === undefined ? {} : { Cause: cause })
}

export function softHangupRequest(ch: ChannelView, cause: number): Headers {
  return channelEvent('SoftHangupRequest', ch, { Cause: cause })
}

/** main/causes ast_cause2str. */
const CAUSE_TEXT: Record<number, string> = {
  1: 'Unallocated (unassigned) number',
  16: 'Normal Clearing',
  17: 'User busy',
  18: 'No user responding',
  19: 'User alerting, no answer',
  21: 'Call Rejected',
  34: 'Circuit/channel congestion',
  38: 'Network out of order',
  58: 'Bearer capability not available',
  127: 'Interworking, unspecified'
}

function causeText(cause: number): string {
  return CAUSE_TEXT[cause] ?? 'Unknown'
}

/** DialBegin/DialState/DialEnd. An Originate has no calling channel: then only the Dest block. */
export function dialEvent(event: 'DialBegin' | 'DialState' | 'DialEnd', caller: ChannelView | null, dest: ChannelView, extra: Fields, destAt: Partial<ChannelView> = {}): Headers {
  return { Event: event, Privilege: CALL, ...(caller === null ? {} : channelBlock(caller)), ...channelBlock(dest, 'Dest', destAt), ...extra }
}

export function localBridge(one: ChannelView, two: ChannelView, context: string, exten: string): Headers {
  return { Event: 'LocalBridge', Privilege: CALL, ...channelBlock(one, 'LocalOne'), ...channelBlock(two, 'LocalTwo'), Context: context, Exten: exten, LocalOptimization: 'Yes' }
}

function bridgeBlock(bridge: SimBridge): Fields {
  return {
    BridgeUniqueid: bridge.id,
    BridgeType: 'basic',
    BridgeTechnology: 'simple_bridge',
    BridgeCreator: '<unknown>',
    BridgeName: '<unknown>',
    BridgeNumChannels: bridge.channels.length,
    BridgeVideoSourceMode: 'none'
  }
}

export function bridgeEvent(event: 'BridgeCreate' | 'BridgeDestroy', bridge: SimBridge): Headers {
  return { Event: event, Privilege: CALL, ...bridgeBlock(bridge) }
}

export function bridgeChannelEvent(event: 'BridgeEnter' | 'BridgeLeave', bridge: SimBridge, ch: ChannelView): Headers {
  return { Event: event, Privilege: CALL, ...bridgeBlock(bridge), ...channelBlock(ch) }
}

export function queueCallerEvent(event: 'QueueCallerJoin' | 'QueueCallerLeave', ch: ChannelView, queue: string, position: number, count: number): Headers {
  return { Event: event, Privilege: AGENT, ...channelBlock(ch), Queue: queue, Position: position, Count: count }
}

export function queueCallerAbandon(ch: ChannelView, queue: string, position: number, originalPosition: number, holdTime: number): Headers {
  return { Event: 'QueueCallerAbandon', Privilege: AGENT, ...channelBlock(ch), Queue: queue, Position: position, OriginalPosition: originalPosition, HoldTime: holdTime }
}

/** AgentCalled, AgentConnect, AgentComplete, AgentRingNoAnswer: caller block, agent leg block, member. */
export function agentEvent(
  event: 'AgentCalled' | 'AgentConnect' | 'AgentComplete' | 'AgentRingNoAnswer',
  caller: ChannelView,
  agent: ChannelView,
  member: SimMember,
  extra: Fields = {},
  agentAt: Partial<ChannelView> = {}
): Headers {
  return {
    Event: event,
    Privilege: AGENT,
    ...channelBlock(caller),
    ...channelBlock(agent, 'Dest', agentAt),
    Queue: member.queue.name,
    Interface: iface(member.endpoint),
    MemberName: member.endpoint.name,
    ...extra
  }
}

export function iface(ep: SimEndpoint): string {
  return `PJSIP/${ep.ext}`
}

/** QueueMemberStatus / QueueMemberPause: the same member printout. */
export function queueMemberEvent(event: 'QueueMemberStatus' | 'QueueMemberPause', member: SimMember, status: number): Headers {
  return {
    Event: event,
    Privilege: AGENT,
    Queue: member.queue.name,
    MemberName: member.endpoint.name,
    Interface: iface(member.endpoint),
    StateInterface: iface(member.endpoint),
    Membership: 'static',
    Penalty: 0,
    CallsTaken: member.callsTaken,
    LastCall: member.lastCall,
    LastPause: member.lastPause,
    LoginTime: member.loginTime,
    InCall: member.inCall ? 1 : 0,
    Status: status,
    Paused: member.paused ? 1 : 0,
    PausedReason: member.reason,
    Ringinuse: 0,
    Wrapuptime: 0
  }
}

export function musicOnHoldStart(ch: ChannelView): Headers {
  return channelEvent('MusicOnHoldStart', ch, { Class: 'default' })
}

export function chanSpyEvent(event: 'ChanSpyStart' | 'ChanSpyStop', spyer: ChannelView, spyee: ChannelView): Headers {
  return { Event: event, Privilege: CALL, ...channelBlock(spyer, 'Spyer'), ...channelBlock(spyee, 'Spyee') }
}

/**
 * DTMFBegin / DTMFEnd (main/channel.c send_dtmf_begin_event / send_dtmf_end_event; class dtmf):
 * the channel block, Digit, DurationMs (End only), Direction.
 */
export function dtmfEvent(event: 'DTMFBegin' | 'DTMFEnd', ch: ChannelView, digit: string, durationMs?: number): Headers {
  return {
    Event: event,
    Privilege: 'dtmf,all',
    ...channelBlock(ch),
    Digit: digit,
    ...(event === 'DTMFEnd' ? { DurationMs: durationMs ?? 0 } : {}),
    Direction: 'Received'
  }
}

export interface OriginateResult {
  actionId: string | undefined
  success: boolean
  channel: string
  context: string
  exten: string
  reason: number
  uniqueid: string
  callerNum: string
  callerName: string
}

/** Reaches every AMI session (README: match yours by ActionID); no ActionID line when none was given. */
export function originateResponse(r: OriginateResult): Headers {
  return {
    Event: 'OriginateResponse',
    Privilege: CALL,
    ...(r.actionId === undefined ? {} : { ActionID: r.actionId }),
    Response: r.success ? 'Success' : 'Failure',
    Channel: r.channel,
    Context: r.context,
    Exten: r.exten,
    Reason: r.reason,
    Uniqueid: r.uniqueid,
    CallerIDNum: r.callerNum,
    CallerIDName: r.callerName
  }
}

export function extensionStatus(ext: string, status: number, actionId?: string): Headers {
  return {
    Event: 'ExtensionStatus',
    ...(actionId === undefined ? { Privilege: CALL } : { ActionID: actionId }),
    Exten: ext,
    Context: 'internal',
    Hint: `PJSIP/${ext}`,
    Status: status,
    StatusText: EXTENSION_STATUS_TEXT[status] ?? 'Unknown'
  }
}

const EXTENSION_STATUS_TEXT: Record<number, string> = { 0: 'Idle', 1: 'InUse', 2: 'Busy', 4: 'Unavailable', 8: 'Ringing', 9: 'InUse&Ringing', 16: 'Hold', 17: 'InUse&Hold' }

export function deviceStateChange(device: string, state: string, actionId?: string): Headers {
  return { Event: 'DeviceStateChange', ...(actionId === undefined ? { Privilege: CALL } : { ActionID: actionId }), Device: device, State: state }
}

export function peerStatus(ep: SimEndpoint, status: 'Reachable' | 'Unreachable'): Headers {
  return { Event: 'PeerStatus', Privilege: SYSTEM, ChannelType: 'PJSIP', Peer: iface(ep), PeerStatus: status }
}

export function contactStatus(ep: SimEndpoint, uri: string, status: string, rttUsec: number): Headers {
  return { Event: 'ContactStatus', Privilege: SYSTEM, URI: uri, ContactStatus: status, AOR: ep.ext, EndpointName: ep.ext, RoundtripUsec: rttUsec }
}

// ------------------------------------------------------------------------ snapshot list items

export function listComplete(event: string, actionId: string, items: number): Headers {
  return { Event: event, ActionID: actionId, EventList: 'Complete', ListItems: items }
}

/** Shape from main/manager.c action_coreshowchannels (no CoreShowChannel in the captures: every snapshot there was empty). */
export function coreShowChannel(ch: SimChannel, actionId: string, duration: string): Headers {
  return {
    Event: 'CoreShowChannel',
    ActionID: actionId,
    ...channelBlock(ch),
    Application: ch.app,
    ApplicationData: ch.appData,
    Duration: duration,
    BridgeId: ch.bridge?.id ?? ''
  }
}

/** Shape from main/manager_bridges.c action_bridge_list (not in the captures). */
export function bridgeListItem(bridge: SimBridge, actionId: string): Headers {
  return { Event: 'BridgeListItem', ActionID: actionId, ...bridgeBlock(bridge) }
}

export function endpointList(ep: SimEndpoint, actionId: string, deviceState: string, activeChannels: number): Headers {
  const registered = ep.contact !== null
  return {
    Event: 'EndpointList',
    ActionID: actionId,
    ObjectType: 'endpoint',
    ObjectName: ep.ext,
    Transport: registered ? ep.transport : '',
    Aor: ep.ext,
    Auths: ep.ext,
    OutboundAuths: '',
    Contacts: ep.contact === null ? '' : `${ep.ext}/${ep.contact.uri},`,
    DeviceState: deviceState,
    ActiveChannels: activeChannels
  }
}

export function contactList(ep: SimEndpoint, actionId: string): Headers {
  const c = ep.contact
  if (c === null) throw new Error(`endpoint ${ep.ext} has no contact`)
  return {
    Event: 'ContactList',
    ActionID: actionId,
    ObjectType: 'contact',
    ObjectName: c.objectName,
    ViaAddr: c.viaAddr,
    QualifyTimeout: c.qualifyFrequency === 0 ? '3.000000' : '2.000000',
    Qualify2xxOnly: 'false',
    CallId: c.callId,
    RegServer: '',
    PruneOnBoot: 'no',
    Path: '',
    Endpoint: ep.ext,
    ViaPort: c.viaPort,
    AuthenticateQualify: 'no',
    Uri: c.uri,
    QualifyFrequency: c.qualifyFrequency,
    UserAgent: c.userAgent,
    ExpirationTime: c.expiration,
    OutboundProxy: '',
    Status: c.status,
    RoundtripUsec: c.status === 'Reachable' ? c.rttUsec : 0
  }
}

export interface QueueParamsStats {
  calls: number
  holdtime: number
  talktime: number
  serviceLevelPerf: string
}

/** QueueStatus items put ActionID last (apps/app_queue.c), unlike the other lists. */
export function queueParams(queue: SimQueue, stats: QueueParamsStats, actionId: string): Headers {
  return {
    Event: 'QueueParams',
    Queue: queue.name,
    Max: 0,
    Strategy: queue.strategy,
    Calls: stats.calls,
    Holdtime: stats.holdtime,
    TalkTime: stats.talktime,
    Completed: queue.completed,
    Abandoned: queue.abandoned,
    ServiceLevel: 0,
    ServicelevelPerf: stats.serviceLevelPerf,
    ServicelevelPerf2: stats.serviceLevelPerf,
    Weight: 0,
    ActionID: actionId
  }
}

export function queueMemberItem(member: SimMember, status: number, actionId: string): Headers {
  return {
    Event: 'QueueMember',
    Queue: member.queue.name,
    Name: member.endpoint.name,
    Location: iface(member.endpoint),
    StateInterface: iface(member.endpoint),
    Membership: 'static',
    Penalty: 0,
    CallsTaken: member.callsTaken,
    LastCall: member.lastCall,
    LastPause: member.lastPause,
    LoginTime: member.loginTime,
    InCall: member.inCall ? 1 : 0,
    Status: status,
    Paused: member.paused ? 1 : 0,
    PausedReason: member.reason,
    Wrapuptime: 0,
    ActionID: actionId
  }
}

/** A caller waiting in a queue (apps/app_queue.c manager_queues_status; no waiting caller in the captures' snapshots). */
export function queueEntry(queue: string, position: number, ch: SimChannel, waitSeconds: number, actionId: string): Headers {
  return {
    Event: 'QueueEntry',
    Queue: queue,
    Position: position,
    Channel: ch.name,
    Uniqueid: ch.uniqueid,
    CallerIDNum: ch.callerNum,
    CallerIDName: ch.callerName,
    ConnectedLineNum: ch.connectedNum,
    ConnectedLineName: ch.connectedName,
    Wait: waitSeconds,
    Priority: 0,
    ActionID: actionId
  }
}
