import * as d from './dialect'
import type { PbxModel } from './model'
import type { SimChannel, SimEndpoint } from './types'

/**
 * A phone's hold is a re-INVITE: Hold/Unhold on the agent's leg, music on hold for the party it
 * talks to, and the phone's device state. Nothing happens when the leg already is in that state.
 */
export function setHold(model: PbxModel, agent: SimChannel, peer: SimChannel, ep: SimEndpoint, on: boolean): void {
  if (agent.onHold === on) return
  agent.onHold = on
  model.emit(d.channelEvent(on ? 'Hold' : 'Unhold', agent))
  model.emit(on ? d.musicOnHoldStart(peer) : d.channelEvent('MusicOnHoldStop', peer))
  model.emitDeviceState(ep)
  model.emitExtensionStatus(ep)
}

/** A held call that ends stops its music first (no Unhold: the phone hangs up instead). */
export function stopHoldMusic(model: PbxModel, agent: SimChannel, peer: SimChannel | null): void {
  if (!agent.onHold || peer === null) return
  agent.onHold = false
  model.emit(d.channelEvent('MusicOnHoldStop', peer))
}
