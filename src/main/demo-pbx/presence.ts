/**
 * Agents' availability: queue pauses (queue-pause.jsonl, ringing-abandoned.jsonl) and phones that
 * vanish and come back (agent-offline.jsonl). Each function writes the events in capture order.
 */
import * as d from './dialect'
import type { PbxModel } from './model'
import type { SimEndpoint } from './types'

/**
 * QueuePause: every queue the member is in, or just `queue`. False when the interface is in none
 * of them (Asterisk answers "Interface not found").
 */
export function setPaused(model: PbxModel, ep: SimEndpoint, paused: boolean, reason: string, queue?: string): boolean {
  const members = ep.memberships.filter((m) => queue === undefined || m.queue.name === queue)
  if (members.length === 0) return false
  for (const m of members) {
    m.paused = paused
    m.reason = paused ? reason : ''
    if (paused) m.lastPause = model.epochSeconds()
    model.emit(d.deviceStateChange(`Queue:${m.queue.name}_pause_PJSIP/${ep.ext}`, paused ? 'INUSE' : 'NOT_INUSE'))
    model.emit(d.queueMemberEvent('QueueMemberPause', m, model.memberStatus(ep)))
    model.emitQueueAvailability(m.queue)
  }
  return true
}

export function isPaused(ep: SimEndpoint): boolean {
  return ep.memberships.some((m) => m.paused)
}

/** The phone stopped answering qualify OPTIONS (killed, network gone): its contact turns Unreachable. */
export function qualifyFails(model: PbxModel, ep: SimEndpoint): void {
  const contact = ep.contact
  if (contact === null || contact.status === 'Unreachable') return
  contact.status = 'Unreachable'
  model.emit(d.peerStatus(ep, 'Unreachable'))
  model.emit(d.contactStatus(ep, contact.uri, 'Unreachable', 0))
  model.emitDeviceState(ep)
  model.emitMemberStatus(ep)
  model.emitExtensionStatus(ep)
}

/** Qualify succeeds again (the phone restarted and re-registered the same contact). */
export function qualifyRecovers(model: PbxModel, ep: SimEndpoint): void {
  const contact = ep.contact
  if (contact === null || contact.status === 'Reachable') return
  contact.status = 'Reachable'
  contact.rttUsec = model.random.int(250, 800)
  model.emit(d.peerStatus(ep, 'Reachable'))
  model.emitDeviceState(ep)
  model.emitExtensionStatus(ep)
  model.emit(d.contactStatus(ep, contact.uri, 'Reachable', contact.rttUsec))
  model.emitMemberStatus(ep)
}

/** A graceful stop: REGISTER with Expires: 0, the contact is Removed. */
export function unregister(model: PbxModel, ep: SimEndpoint): void {
  const contact = ep.contact
  if (contact === null) return
  const wasReachable = contact.status !== 'Unreachable'
  ep.contact = null
  if (wasReachable) {
    model.emit(d.peerStatus(ep, 'Unreachable'))
    model.emitDeviceState(ep)
    model.emitExtensionStatus(ep)
    model.emitMemberStatus(ep)
  }
  model.emit(d.contactStatus(ep, contact.uri, 'Removed', 0))
}

/** The phone registers (again): a new contact, NonQualified until its first qualify answers. */
export function register(model: PbxModel, ep: SimEndpoint): void {
  if (ep.contact !== null) return
  const contact = model.register(ep)
  model.emit(d.contactStatus(ep, contact.uri, 'NonQualified', 0))
  model.emit(d.peerStatus(ep, 'Reachable'))
  model.emitExtensionStatus(ep)
  model.emit(d.contactStatus(ep, contact.uri, 'Reachable', contact.rttUsec))
  model.emitDeviceState(ep)
  model.emitMemberStatus(ep)
}

/** What a softphone's REGISTER said about its contact. */
export interface SoftphoneContact {
  uri: string
  callId: string
  viaAddr: string
  viaPort: number
  userAgent: string
  expiresS: number
}

/**
 * A softphone registers over WebSocket (res_pjsip_registrar, res_pjsip/pjsip_options.c). Its AOR
 * has no qualify_frequency: the new contact is published as created (`NonQualified`), then set
 * `Unknown` (an unqualified contact), and the AOR with a contact is available, so the endpoint
 * comes online. An existing contact is replaced (remove_existing): the endpoint stays online and
 * the old contact is Removed.
 */
export function registerSoftphone(model: PbxModel, ep: SimEndpoint, from: SoftphoneContact): void {
  const old = ep.contact
  const wasReachable = old !== null && old.status !== 'Unreachable'
  const contact = model.register(ep, { ...from, status: 'Unknown', qualifyFrequency: 0 })
  model.emit(d.contactStatus(ep, contact.uri, 'NonQualified', 0))
  model.emit(d.contactStatus(ep, contact.uri, 'Unknown', 0))
  if (old !== null) model.emit(d.contactStatus(ep, old.uri, 'Removed', 0))
  if (!wasReachable) {
    model.emit(d.peerStatus(ep, 'Reachable'))
    model.emitDeviceState(ep)
    model.emitExtensionStatus(ep)
    model.emitMemberStatus(ep)
  }
}

/** The softphone's registration is refreshed: only its expiry moves (no event, as in Asterisk). */
export function refreshSoftphone(model: PbxModel, ep: SimEndpoint, expiresS: number): void {
  if (ep.contact !== null) ep.contact.expiration = model.epochSeconds() + expiresS
}
