import { type FloorState, type SpyLeg, remember } from './state'
import { endpointOfInterface } from './channel-name'
import { touch, upsertChannel } from './channels'
import { type Fields, OWN, SPYEE, SPYER, field } from './fields'
import { chanSpyOptions, chanSpyTarget, featureCodeMode, modeFromChanSpyOptions, modeFromSpyDtmf } from './spy-mode'
import { refreshSpyeesOf, refreshSupervisors } from './supervisors'
import { own, ownOrNull } from './own'

const PENDING_ORIGINATES_KEPT = 256

function spyLegFromData(data: string): SpyLeg {
  const options = chanSpyOptions(data)
  return { mode: modeFromChanSpyOptions(options), options: ownOrNull(options), target: ownOrNull(chanSpyTarget(data)) }
}

/** The agent rows a spy leg is listening to must redraw when its mode changes, and their timelines say so. */
function spyModeChanged(state: FloorState, spyer: string, at: number): void {
  const session = state.spies.get(spyer)
  const spyee = session === undefined ? undefined : state.channels.get(session.spyee)
  if (spyee === undefined) return
  refreshSupervisors(state, spyee, at)
  touch(state, spyee)
}

export function onChanSpyStart(state: FloorState, f: Fields, at: number): void {
  const spyer = upsertChannel(state, f, SPYER, at)
  const spyee = upsertChannel(state, f, SPYEE, at)
  if (spyer === null || spyee === null) return
  if (spyer.spy === null) spyer.spy = { mode: 'unknown', options: null, target: null }
  if (spyer.spy.mode === 'unknown') {
    spyer.spy.mode = featureCodeMode(state, field(f, 'SpyerExten') ?? '') ?? 'unknown'
  }
  const before = state.spies.get(spyer.uniqueid)
  state.spies.set(spyer.uniqueid, { spyer: spyer.uniqueid, spyee: spyee.uniqueid })
  if (before !== undefined && before.spyee !== spyee.uniqueid) {
    const left = state.channels.get(before.spyee)
    if (left !== undefined) refreshSupervisors(state, left, at)
  }
  refreshSupervisors(state, spyee, at)
  touch(state, spyee)
}

export function onChanSpyStop(state: FloorState, f: Fields, at: number): void {
  const spyer = field(f, 'SpyerUniqueid')
  if (spyer === undefined) return
  const session = state.spies.get(spyer)
  state.spies.delete(spyer)
  const spyee = session === undefined ? undefined : state.channels.get(session.spyee)
  if (spyee === undefined) return
  refreshSupervisors(state, spyee, at)
  touch(state, spyee)
}

/** ChanSpy's `d` option: 4/5/6 pressed on the spy leg switch listen/whisper/barge in-call. */
export function onDtmfEnd(state: FloorState, f: Fields, at: number): void {
  const uniqueid = field(f, 'Uniqueid')
  if (field(f, 'Direction') !== 'Received' || uniqueid === undefined) return
  const ch = state.channels.get(uniqueid)
  if (ch?.spy == null) return
  if (ch.spy.options !== null && !ch.spy.options.includes('d')) return
  const mode = modeFromSpyDtmf(field(f, 'Digit') ?? '')
  if (mode === null) return
  ch.spy.mode = mode
  ch.spy.digits = (ch.spy.digits ?? 0) + 1
  spyModeChanged(state, ch.uniqueid, at)
}

/** `Newexten` (dialplan read) and `CoreShowChannel` show the application a channel runs. */
export function onApplication(state: FloorState, f: Fields, at: number, app: string | undefined, data: string | undefined): void {
  if (app !== 'ChanSpy') return
  const ch = upsertChannel(state, f, OWN, at)
  if (ch === null || ch.endpoint === null) return
  const leg = spyLegFromData(data ?? '')
  // DTMF may already have switched the mode; the options stay the truth for what DTMF can do.
  ch.spy = ch.spy === null || ch.spy.mode === 'unknown' ? leg : { ...leg, mode: ch.spy.mode, digits: ch.spy.digits }
  refreshSpyeesOf(state, ch.uniqueid, at)
  touch(state, ch)
}

/**
 * After a `CoreShowChannels` snapshot: connect spy legs to the channel they spy on. ChanSpy's data
 * names the exact channel when Earshot originated it, else a prefix such as `PJSIP/1001-` (the
 * README's dialplan) or `PJSIP/1001`.
 */
export function resolveSnapshotSpies(state: FloorState, _f: Fields, at: number): void {
  for (const ch of state.channels.values()) {
    if (ch.spy?.target == null || state.spies.has(ch.uniqueid)) continue
    const target = ch.spy.target
    const prefix = target.endsWith('-') ? target : `${target}-`
    let spyee: string | null = null
    for (const other of state.channels.values()) {
      if (other === ch || other.spy !== null) continue
      if (other.name === target) {
        spyee = other.uniqueid
        break
      }
      if (spyee === null && other.state === 6 && other.name.startsWith(prefix)) spyee = other.uniqueid
    }
    if (spyee === null) continue
    state.spies.set(ch.uniqueid, { spyer: ch.uniqueid, spyee })
    const spyeeCh = state.channels.get(spyee)
    if (spyeeCh === undefined) continue
    refreshSupervisors(state, spyeeCh, at)
    touch(state, spyeeCh)
  }
}

/**
 * A console's `Originate` (ours, or the recorded console's in a capture): remember which endpoint
 * it rings and, when it is a supervision leg, in which mode, until its OriginateResponse.
 */
export function onOriginateAction(state: FloorState, f: Fields): void {
  const actionId = field(f, 'ActionID')
  if (actionId === undefined) return
  let spy: SpyLeg | null = null
  if (field(f, 'Application') === 'ChanSpy') spy = spyLegFromData(field(f, 'Data') ?? '')
  else {
    const mode = featureCodeMode(state, field(f, 'Exten') ?? '')
    if (mode !== null) spy = { mode, options: null, target: null }
  }
  state.originates.set(own(actionId), { endpoint: ownOrNull(endpointOfInterface(field(f, 'Channel') ?? '')), spy, matched: null })
  // A response that never comes (connection lost) must not leak: keep only the newest few.
  if (state.originates.size > PENDING_ORIGINATES_KEPT) {
    const oldest = state.originates.keys().next().value
    if (oldest !== undefined) state.originates.delete(oldest)
  }
}

/**
 * The leg of a pending supervision Originate appears (Newchannel, state Down) before its
 * OriginateResponse; claim it at once so the supervisor's own row never flashes "talking".
 */
export function claimOriginatedLeg(state: FloorState, uniqueid: string): void {
  const ch = state.channels.get(uniqueid)
  if (ch === undefined || ch.endpoint === null || ch.spy !== null || ch.state !== 0) return
  for (const pending of state.originates.values()) {
    if (pending.spy !== null && pending.matched === null && pending.endpoint === ch.endpoint) {
      pending.matched = uniqueid
      ch.spy = { ...pending.spy }
      touch(state, ch)
      return
    }
  }
}

export function onOriginateResponse(state: FloorState, f: Fields, at: number): void {
  // Supervision follows its leg by the token in the leg's caller ID: it reads why an Originate failed here.
  const token = field(f, 'CallerIDNum')
  if (field(f, 'Response') === 'Failure' && token !== undefined && token !== '') remember(state.failedOriginates, own(token), own(field(f, 'Reason') ?? '0'))
  const actionId = field(f, 'ActionID')
  const pending = actionId === undefined ? undefined : state.originates.get(actionId)
  if (actionId !== undefined) state.originates.delete(actionId)
  const uniqueid = field(f, 'Uniqueid')
  const ch = uniqueid === undefined ? undefined : state.channels.get(uniqueid)
  if (pending?.matched != null && pending.matched !== uniqueid) {
    // The early claim picked the wrong leg: give it back.
    const wrong = state.channels.get(pending.matched)
    if (wrong !== undefined) {
      wrong.spy = null
      refreshSpyeesOf(state, wrong.uniqueid, at)
      touch(state, wrong)
    }
  }
  if (field(f, 'Response') !== 'Success' || ch === undefined) return
  if (ch.spy === null) {
    const mode = featureCodeMode(state, field(f, 'Exten') ?? '')
    if (pending?.spy != null) ch.spy = { ...pending.spy }
    else if (mode !== null) ch.spy = { mode, options: null, target: null }
    refreshSpyeesOf(state, ch.uniqueid, at)
  }
  touch(state, ch)
}
