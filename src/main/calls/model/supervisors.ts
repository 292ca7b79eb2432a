import { addToTimeline, type ChannelRecord, type FloorState, NO_SUPERVISORS, type Supervision } from './state'

/**
 * Brings a spied channel's supervisors in step with the running ChanSpy sessions on it, adding
 * joined / switched mode / left to its timeline. Called wherever a session or a spy leg's mode changes.
 */
export function refreshSupervisors(state: FloorState, spyee: ChannelRecord, at: number): void {
  const now = new Map<string, Supervision>()
  if (state.spies.size > 0) {
    for (const session of state.spies.values()) {
      if (session.spyee !== spyee.uniqueid) continue
      const spyer = state.channels.get(session.spyer)
      if (spyer === undefined) continue
      now.set(session.spyer, { supervisor: spyer.endpoint ?? spyer.name, mode: spyer.spy?.mode ?? 'unknown' })
    }
  }
  const before = spyee.supervisors
  if (now.size === 0 && before.size === 0) return
  for (const [leg, s] of now) {
    const was = before.get(leg)
    if (was === undefined) {
      addToTimeline(state, spyee, { at, kind: 'supervision-joined', supervisor: s.supervisor, mode: s.mode })
      spyee.monitored = true
    } else if (was.mode !== s.mode) addToTimeline(state, spyee, { at, kind: 'supervision-mode', supervisor: s.supervisor, mode: s.mode })
  }
  for (const [leg, s] of before) if (!now.has(leg)) addToTimeline(state, spyee, { at, kind: 'supervision-left', supervisor: s.supervisor, mode: s.mode })
  spyee.supervisors = now.size === 0 ? NO_SUPERVISORS : now
}

/** A spy leg's mode changed: the channel it spies on records it. */
export function refreshSpyeesOf(state: FloorState, spyer: string, at: number): void {
  const session = state.spies.get(spyer)
  const spyee = session === undefined ? undefined : state.channels.get(session.spyee)
  if (spyee !== undefined) refreshSupervisors(state, spyee, at)
}
