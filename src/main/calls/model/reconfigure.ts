import type { FloorOptions, FloorState } from './state'
import { onRoster } from './legs'

/**
 * The admin changed how this PBX is read (feature codes, who is an agent) on the same connection:
 * the model carries on with everything it knows — every call keeps its exact start and answer
 * times, its timeline and its supervisors — and reads with the new options from now on. Every
 * row may differ (an agent shown or hidden), so every endpoint is marked changed. A supervision
 * leg already known keeps how it was read; new ones are read with the new feature codes.
 */
export function reconfigure(state: FloorState, options: FloorOptions): void {
  state.options = options
  let offRoster = 0
  for (const ch of state.channels.values()) {
    ch.offRoster = ch.endpoint === null || !onRoster(state, ch.endpoint)
    if (ch.offRoster) offRoster++
  }
  state.offRoster = offRoster
  for (const name of state.endpoints.keys()) state.changed.add(name)
}
