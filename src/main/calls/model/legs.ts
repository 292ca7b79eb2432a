/** What the model says about one leg as an agent's call: who the customer is, who called, what happened. */
import type { TimelineEvent } from '../../../shared/records'
import type { ChannelRecord, FloorState } from './state'
import { known } from './fields'

/** The other side of an internal call: one of the PBX's own endpoints, with its name when known. */
export interface InternalPeer {
  extension: string
  name: string | null
}

/**
 * The customer on an agent's leg: the connected line, else what the agent dialled, else who dialled
 * the agent. When that number is one of the PBX's own endpoints it is no customer: `internal` names
 * that endpoint (an agent calling a supervisor's phone).
 */
export function customerOf(state: FloorState, ch: ChannelRecord): { number: string | null; name: string | null; internal: InternalPeer | null } {
  const found = customerNumberOf(state, ch)
  const endpoint = found.number === null ? undefined : state.endpoints.get(found.number)
  const internal = endpoint === undefined ? null : { extension: endpoint.name, name: endpoint.displayName ?? found.name }
  return { ...found, internal }
}

function customerNumberOf(state: FloorState, ch: ChannelRecord): { number: string | null; name: string | null } {
  const name = realName(ch.connectedName)
  if (known(ch.connectedNum)) return { number: ch.connectedNum, name }
  if (ch.direction === 'outbound' && ch.dialled !== null) {
    const prefix = state.options.outboundPrefix
    const number = prefix !== '' && ch.dialled.startsWith(prefix) && ch.dialled.length > prefix.length ? ch.dialled.slice(prefix.length) : ch.dialled
    return { number, name }
  }
  const caller = ch.dialledBy === null ? undefined : state.channels.get(ch.dialledBy)
  if (caller !== undefined && known(caller.callerNum)) return { number: caller.callerNum, name: realName(caller.callerName) ?? name }
  return { number: null, name }
}

/**
 * Words a PBX or a carrier puts where it has no name (a real Asterisk's outbound dialplan named
 * every far end "Customer"): never a customer's name, so never shown or offered as one.
 */
const PLACEHOLDER_NAME = /^(?:customer|caller|unknown|anonymous|private(?: number)?|restricted|unavailable|withheld|not available|no caller ?id|outside call|external|out of area)$/i

/** A caller-ID name that names someone: not `<unknown>`, not a placeholder, not just the digits of a number. */
function realName(value: string | undefined): string | null {
  if (!known(value)) return null
  const name = value.trim()
  if (name === '' || PLACEHOLDER_NAME.test(name) || /^[+\d\s().-]*$/.test(name)) return null
  return name
}

/** The caller whose fate decides an unanswered inbound leg: who dialled it, else the call's first channel. */
export function callerOf(ch: ChannelRecord): string | null {
  if (ch.dialledBy !== null) return ch.dialledBy
  return ch.linkedid !== ch.uniqueid ? ch.linkedid : null
}

/** Is this endpoint an agent on the floor (given the queues it is a member of)? */
export function onRoster(state: FloorState, endpoint: string): boolean {
  const roster = state.options.roster
  return roster === undefined || roster(endpoint, [...(state.queues.get(endpoint)?.keys() ?? [])])
}

/** A call of an agent on the floor: a phone's leg that is no spy leg, of an endpoint the roster keeps. */
export function isAgentLeg(state: FloorState, ch: ChannelRecord): boolean {
  return ch.endpoint !== null && ch.spy === null && onRoster(state, ch.endpoint)
}

/**
 * The leg's timeline so far: how it began (ringing, or dialling `customer`; unknown for a leg first
 * seen already talking), when it was answered, then what the reducer appended, in time order.
 */
export function legTimeline(ch: ChannelRecord, customer: string | null): TimelineEvent[] {
  const own: TimelineEvent[] = []
  if (ch.beginningSeen) own.push(ch.direction === 'outbound' ? { at: ch.createdAt, kind: 'dialling', number: customer } : { at: ch.createdAt, kind: 'ringing' })
  if (ch.answeredAt !== null) own.push({ at: ch.answeredAt, kind: 'answered', approx: ch.answeredAtApprox })
  if (ch.timeline.length === 0) return own
  const out: TimelineEvent[] = []
  let i = 0
  for (const event of ch.timeline) {
    while (i < own.length && own[i]!.at <= event.at) out.push(own[i++]!)
    out.push(event)
  }
  while (i < own.length) out.push(own[i++]!)
  return out
}
