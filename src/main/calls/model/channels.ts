import { addToTimeline, capReached, type ChannelRecord, FLOOR_LIMITS, type FloorState, NO_SUPERVISORS, remember } from './state'
import { parseChannelName } from './channel-name'
import { type ChannelBlock, type Fields, known, field } from './fields'
import { featureCodeMode } from './spy-mode'
import { ensureEndpoint } from './directory'
import { callerOf, customerOf, isAgentLeg, onRoster } from './legs'
import { refreshSupervisors, refreshSpyeesOf } from './supervisors'
import { own } from './own'
import { ringAnswered, ringEnded } from './rings'

const UP = 6
const ENDED_KEPT = 4096

/** Marks the agent row a channel belongs to as changed. */
export function touch(state: FloorState, ch: ChannelRecord): void {
  if (ch.endpoint !== null) state.changed.add(ch.endpoint)
}

/**
 * Creates or updates the channel described by one channel block of an event. Tolerant by design:
 * a channel first seen mid-call is created from whatever the event says, a stale event never
 * takes an answered channel back to ringing, and a hung-up channel is never brought back.
 */
export function upsertChannel(state: FloorState, f: Fields, keys: ChannelBlock, at: number): ChannelRecord | null {
  const uniqueid = field(f, keys.uniqueid)
  const name = field(f, keys.channel)
  if (uniqueid === undefined || uniqueid === '' || name === undefined || name === '') return null
  if (state.tombstones.has(uniqueid)) return null
  let ch = state.channels.get(uniqueid)
  const stateNum = Number(field(f, keys.state))
  if (ch === undefined) {
    const parsed = parseChannelName(name).endpoint
    const offRoster = parsed === null || !onRoster(state, parsed)
    if (!roomFor(state, offRoster)) return null
    // What a new channel keeps of the event is copied out of the socket chunk (see own.ts).
    const id = own(uniqueid)
    const linkedid = field(f, keys.linkedid)
    const endpoint = parsed === null ? null : own(parsed)
    ch = {
      uniqueid: id,
      name: own(name),
      endpoint,
      linkedid: linkedid === undefined || linkedid === uniqueid ? id : own(linkedid),
      state: Number.isInteger(stateNum) ? stateNum : 0,
      callerNum: own(field(f, keys.callerNum) ?? ''),
      callerName: own(field(f, keys.callerName) ?? ''),
      connectedNum: own(field(f, keys.connectedNum) ?? ''),
      connectedName: own(field(f, keys.connectedName) ?? ''),
      dialled: null,
      direction: null,
      createdAt: at,
      answeredAt: null,
      answeredAtApprox: false,
      answerWindow: 0,
      ringingUntil: null,
      beginningSeen: true,
      onHold: false,
      bridge: null,
      dialledBy: null,
      spy: null,
      dialStatus: null,
      cancelled: false,
      supervisors: NO_SUPERVISORS,
      monitored: false,
      timeline: [],
      lostAt: null,
      offRoster
    }
    state.channels.set(id, ch)
    if (offRoster) state.offRoster++
    if (endpoint !== null) {
      let set = state.channelsByEndpoint.get(endpoint)
      if (set === undefined) state.channelsByEndpoint.set(endpoint, (set = new Set()))
      set.add(id)
      const ep = ensureEndpoint(state, endpoint)
      // A phone's own caller ID ("Agent 1001" <1001>) is the best name the PBX gives for it.
      if (ep.displayName === null && ch.callerNum === endpoint && known(ch.callerName)) ep.displayName = ch.callerName
    }
  } else {
    if (Number.isInteger(stateNum) && !(ch.state === UP && stateNum < UP)) ch.state = stateNum
    ch.callerNum = newer(ch.callerNum, field(f, keys.callerNum))
    ch.callerName = newer(ch.callerName, field(f, keys.callerName))
    ch.connectedNum = newer(ch.connectedNum, field(f, keys.connectedNum))
    ch.connectedName = newer(ch.connectedName, field(f, keys.connectedName))
    if (name !== ch.name) renameChannel(state, ch, name)
  }
  if (state.options.featureCodes !== null && ch.spy === null && ch.endpoint !== null) {
    const mode = featureCodeMode(state, field(f, keys.exten) ?? '')
    if (mode !== null) {
      ch.spy = { mode, options: null, target: null }
      refreshSpyeesOf(state, ch.uniqueid, at)
    }
  }
  if (ch.state === UP && ch.answeredAt === null) answered(state, ch, at)
  touch(state, ch)
  return ch
}

/** Can the model take one more channel (of an endpoint off the roster)? See `FLOOR_LIMITS`. */
function roomFor(state: FloorState, offRoster: boolean): boolean {
  if (state.channels.size >= FLOOR_LIMITS.channels) {
    capReached(state, 'channels', 'Too many channels at once: new ones are not followed')
    return false
  }
  if (offRoster && state.offRoster >= FLOOR_LIMITS.channelsOffRoster) {
    capReached(state, 'channelsOffRoster', 'Too many channels of no agent on the floor at once: new ones are not followed')
    return false
  }
  return true
}

/**
 * The channel was answered: its talk time starts, and its caller is talking to an agent. Seen Up
 * while the model is out of step with the PBX (the connection dropped while it rang, and no
 * snapshot since), it was answered at some moment after it was last known ringing, not now: an
 * estimate from then (the earliest it can have been), with the window up to now.
 */
function answered(state: FloorState, ch: ChannelRecord, at: number): void {
  if (ch.ringingUntil === null) ch.answeredAt = at
  else {
    ch.answeredAt = Math.min(at, Math.max(ch.createdAt, ch.ringingUntil))
    ch.answeredAtApprox = true
    ch.answerWindow = at - ch.answeredAt
  }
  countAnswered(state, ch, 1)
  ringAnswered(state, ch)
}

/** Keeps `answeredCallers` in step as answered agent legs come and go. */
export function countAnswered(state: FloorState, ch: ChannelRecord, delta: 1 | -1): void {
  if (ch.endpoint === null || ch.spy !== null || ch.answeredAt === null) return
  const caller = callerOf(ch)
  if (caller === null) return
  const count = (state.answeredCallers.get(caller) ?? 0) + delta
  if (count > 0) state.answeredCallers.set(caller, count)
  else state.answeredCallers.delete(caller)
}

/**
 * A late or stale event saying `<unknown>` must not erase a number or name already learned. Most
 * events repeat what the channel has: only a change is copied (see own.ts).
 */
function newer(current: string, incoming: string | undefined): string {
  return incoming !== undefined && incoming !== current && (known(incoming) || !known(current)) ? own(incoming) : current
}

/** A masquerade or rename moves the channel to another endpoint's row. */
function renameChannel(state: FloorState, ch: ChannelRecord, name: string): void {
  touch(state, ch)
  if (ch.endpoint !== null) state.channelsByEndpoint.get(ch.endpoint)?.delete(ch.uniqueid)
  ch.name = own(name)
  ch.endpoint = parseChannelName(ch.name).endpoint
  if (ch.endpoint !== null) {
    let set = state.channelsByEndpoint.get(ch.endpoint)
    if (set === undefined) state.channelsByEndpoint.set(ch.endpoint, (set = new Set()))
    set.add(ch.uniqueid)
    ensureEndpoint(state, ch.endpoint)
  }
}

export interface Ending {
  at: number
  closedBy: 'hangup' | 'resync'
  cause?: number | null
  causeText?: string | null
}

/**
 * The channel left (Hangup, or a resync found it gone): it moves to `ended` with how it ended and
 * the row's last view of it, and its supervisors leave with it.
 */
export function removeChannel(state: FloorState, uniqueid: string, end: Ending): void {
  const ch = state.channels.get(uniqueid)
  remember(state.tombstones, ch?.uniqueid ?? own(uniqueid), end.at)
  if (ch === undefined) return
  for (const s of ch.supervisors.values()) addToTimeline(state, ch, { at: end.at, kind: 'supervision-left', supervisor: s.supervisor, mode: s.mode })
  ch.supervisors = NO_SUPERVISORS
  countAnswered(state, ch, -1)
  ringEnded(state, ch, end)
  const agent = isAgentLeg(state, ch)
  const customer = ch.endpoint !== null && ch.spy === null ? customerOf(state, ch) : null
  state.ended.push({
    channel: ch,
    endedAt: end.at,
    closedBy: end.closedBy,
    cause: end.cause ?? null,
    causeText: end.causeText == null ? null : own(end.causeText),
    agent,
    agentName: ch.endpoint === null ? '' : (state.endpoints.get(ch.endpoint)?.displayName ?? ch.endpoint),
    customerNumber: customer?.number ?? null,
    customerName: customer?.name ?? null
  })
  // Nobody drains (a replay of the floor alone): keep the newest only.
  if (state.ended.length > ENDED_KEPT) state.ended.splice(0, state.ended.length - ENDED_KEPT)
  state.channels.delete(uniqueid)
  if (ch.offRoster) state.offRoster--
  touch(state, ch)
  if (ch.endpoint !== null) {
    const set = state.channelsByEndpoint.get(ch.endpoint)
    set?.delete(uniqueid)
    if (set?.size === 0) state.channelsByEndpoint.delete(ch.endpoint)
  }
  const spy = state.spies.get(uniqueid)
  if (spy !== undefined) {
    state.spies.delete(uniqueid)
    const spyee = state.channels.get(spy.spyee)
    if (spyee !== undefined) {
      refreshSupervisors(state, spyee, end.at)
      touch(state, spyee)
    }
  }
  for (const [spyer, session] of state.spies) if (session.spyee === uniqueid) state.spies.delete(spyer)
}

/** Call direction as seen from the agent: a leg that was dialled is inbound, one that dialled is outbound. */
export function markDialled(dest: ChannelRecord, source: ChannelRecord | null): void {
  if (dest.direction === null) dest.direction = 'inbound'
  if (source !== null) dest.dialledBy = source.uniqueid
}

export function markDialling(source: ChannelRecord, exten: string | undefined): void {
  // A phone rung by an Originate (click-to-dial) that then dials out is making an outbound call.
  if (source.direction === null || (source.direction === 'inbound' && source.dialledBy === null)) source.direction = 'outbound'
  if (source.dialled === null && exten !== undefined && exten !== '' && exten !== 's') source.dialled = own(exten)
}
