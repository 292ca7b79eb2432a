import type { EndpointRecord, FloorState, QueueMembership } from './state'
import { endpointOfInterface } from './channel-name'
import { type Fields, known, field } from './fields'
import { own } from './own'
import { pbxClockSaid } from './pbx-clock'

/** Contact statuses that mean the phone cannot be reached. Everything else (Reachable, NonQualified, Unknown) can. */
const UNREACHABLE = new Set(['Unreachable', 'Removed'])

export function ensureEndpoint(state: FloorState, name: string): EndpointRecord {
  let ep = state.endpoints.get(name)
  if (ep === undefined) {
    // Keyed by a copy: the name is cut out of a socket chunk (see own.ts). Callers key by `ep.name`.
    const key = own(name)
    ep = { name: key, displayName: null, contacts: new Map() }
    state.endpoints.set(key, ep)
    state.changed.add(key)
  }
  return ep
}

/** Sets `key` in `map`, keeping the stored key when there is one and else storing a copy (see own.ts). */
function setOwned<V>(map: Map<string, V>, key: string, value: V): void {
  map.set(map.has(key) ? key : own(key), value)
}

export function isReachable(ep: EndpointRecord): boolean {
  for (const contact of ep.contacts.values()) if (!UNREACHABLE.has(contact.status)) return true
  return false
}

/** `PJSIPShowEndpoints` item. `Contacts: 1001/sip:1001@127.0.0.1:5071;ob,` lists `aor/uri` pairs. */
export function onEndpointList(state: FloorState, f: Fields): void {
  const name = field(f, 'ObjectName')
  if (name === undefined || name === '') return
  const ep = ensureEndpoint(state, name)
  const unavailable = field(f, 'DeviceState') === 'Unavailable'
  for (const entry of (field(f, 'Contacts') ?? '').split(',')) {
    const slash = entry.indexOf('/')
    if (slash < 0) continue
    const uri = entry.slice(slash + 1).trim()
    if (uri === '') continue
    const prior = ep.contacts.get(uri)
    setOwned(ep.contacts, uri, { status: unavailable ? 'Unreachable' : (prior?.status ?? 'Unknown') })
  }
  state.changed.add(ep.name)
  state.learned.add(ep.name)
}

/** `PJSIPShowContacts` item. */
export function onContactList(state: FloorState, f: Fields): void {
  const endpoint = field(f, 'Endpoint')
  const uri = field(f, 'Uri')
  const status = field(f, 'Status')
  // Just after a restart Asterisk lists the contacts it restored as NonQualified until each is
  // qualified, while the endpoint's DeviceState (its EndpointList item, folded first) already says
  // Unavailable, and its queues will not ring it (asterisk-restart: 0.3 to 3.9 s). The PBX's
  // verdict stands until a ContactStatus says otherwise.
  const restored = status === 'NonQualified' && endpoint !== undefined && uri !== undefined && state.endpoints.get(endpoint)?.contacts.get(uri)?.status === 'Unreachable'
  if (!restored) setContact(state, endpoint, uri, status)
  if (endpoint !== undefined && state.endpoints.has(endpoint)) state.learned.add(endpoint)
}

/** Live registration changes: Created, Updated, Reachable, Unreachable, NonQualified, Removed. */
export function onContactStatus(state: FloorState, f: Fields): void {
  setContact(state, field(f, 'EndpointName'), field(f, 'URI'), field(f, 'ContactStatus'))
}

function setContact(state: FloorState, endpoint: string | undefined, uri: string | undefined, status: string | undefined): void {
  if (endpoint === undefined || endpoint === '' || uri === undefined || uri === '' || status === undefined) return
  const ep = ensureEndpoint(state, endpoint)
  if (status === 'Removed') ep.contacts.delete(uri)
  else if (status === 'Created' || status === 'Updated') {
    // These say the registration changed, not whether the phone answers: keep what qualify said.
    if (!ep.contacts.has(uri)) ep.contacts.set(own(uri), { status: 'Unknown' })
  } else {
    const prior = ep.contacts.get(uri)
    if (prior?.status !== status) setOwned(ep.contacts, uri, { status: own(status) })
  }
  state.changed.add(ep.name)
}

/**
 * Queue membership and pause state. `QueueMember` (snapshot) names the interface `Location`,
 * the live events (`QueueMemberStatus`, `QueueMemberPause`, `QueueMemberAdded`) `Interface`.
 */
export function onQueueMember(state: FloorState, f: Fields, at: number): void {
  const iface = field(f, 'StateInterface') ?? field(f, 'Interface') ?? field(f, 'Location')
  const queue = field(f, 'Queue')
  if (iface === undefined || queue === undefined) return
  const endpoint = endpointOfInterface(iface)
  if (endpoint === null) return
  const ep = ensureEndpoint(state, endpoint)
  const memberName = field(f, 'MemberName') ?? field(f, 'Name')
  if (known(memberName) && memberName !== iface && memberName !== ep.displayName) ep.displayName = own(memberName)
  let queues = state.queues.get(ep.name)
  if (queues === undefined) state.queues.set(ep.name, (queues = new Map<string, QueueMembership>()))
  const paused = field(f, 'Paused') === '1'
  const lastPause = seconds(field(f, 'LastPause'))
  const prior = queues.get(queue)
  setOwned(queues, queue, {
    paused,
    reason: own(field(f, 'PausedReason') ?? ''),
    lastPause,
    lastCall: seconds(field(f, 'LastCall')),
    loginTime: seconds(field(f, 'LoginTime'))
  })
  state.changed.add(ep.name)
  const event = field(f, 'Event')
  // A list item (a QueueStatus answer) tells what is, not what just happened.
  if (event === 'QueueMember') state.learned.add(ep.name)
  // A pause as it happens: Asterisk stamped `LastPause` with the second it did.
  else if (paused && prior?.paused !== true && lastPause > 0 && (event === 'QueueMemberPause' || event === 'QueueMemberPaused')) pbxClockSaid(state, at, lastPause * 1000, lastPause * 1000 + 1000)
}

/** A whole number of seconds from a figure; 0 for missing or garbage. */
function seconds(value: string | undefined): number {
  const n = Number(value)
  return Number.isInteger(n) && n > 0 ? n : 0
}

export function onQueueMemberRemoved(state: FloorState, f: Fields): void {
  const iface = field(f, 'StateInterface') ?? field(f, 'Interface')
  const endpoint = iface === undefined ? null : endpointOfInterface(iface)
  const queue = field(f, 'Queue')
  if (endpoint === null || queue === undefined) return
  state.queues.get(endpoint)?.delete(queue)
  state.changed.add(endpoint)
}
