import type { AgentCall, AgentRow } from '../../shared/floor'
import type { SupervisionMode, SupervisionSession } from '../../shared/supervision'
import { primaryCall } from '../floor/labels'
import { type RegistrationState, notRegisteredReason } from '../softphone/pure/registration'

export const SUPERVISION_MODES: readonly SupervisionMode[] = ['listen', 'whisper', 'barge']

export const MODE_LABEL: Readonly<Record<SupervisionMode, string>> = {
  listen: 'Listen',
  whisper: 'Whisper',
  barge: 'Barge'
}

/** The mode as an ongoing activity ("Listening"), for the call bar and the pressed button. */
export const MODE_ACTIVE: Readonly<Record<SupervisionMode, string>> = {
  listen: 'Listening',
  whisper: 'Whispering',
  barge: 'Barged in'
}

/** The keyboard shortcut of each mode (on the selected row). */
export const MODE_KEY: Readonly<Record<SupervisionMode, string>> = { listen: 'L', whisper: 'W', barge: 'B' }

/**
 * What main says about supervision on this PBX. Settings wires this (feature codes configured, or
 * ChanSpy allowed directly); until then supervision counts as available. `hidden: true` hides the
 * buttons altogether (e.g. no feature codes are configured and ChanSpy is not allowed).
 */
export type PbxSupervision = { available: true } | { available: false; reason: string; hidden: boolean }

export const PBX_SUPERVISION_AVAILABLE: PbxSupervision = { available: true }

/** Everything besides the row that decides whether a mode can be used. */
export interface SupervisionContext {
  /** The softphone's registration: a new leg needs it registered. */
  softphone: RegistrationState
  /** The hook for "supervision is (not) possible on this PBX": see PbxSupervision. */
  pbx: PbxSupervision
  /** This machine's supervision sessions (main's `supervision:sessions`). */
  sessions: readonly SupervisionSession[]
  /** The softphone has an ordinary call in progress or ringing. */
  onOrdinaryCall: boolean
  /** Why the floor is not live (its rows are last known: the call may be gone), null while live. */
  floorNotLive: string | null
}

/** The supervisor's live (ringing or connected) session on this call, if any. */
export function sessionOnCall(sessions: readonly SupervisionSession[], call: AgentCall | null): SupervisionSession | null {
  if (call === null) return null
  return sessions.find((s) => s.phase !== 'ended' && s.callId === call.id) ?? null
}

/** The supervisor's live session on another call, if any (one supervision at a time). */
function sessionElsewhere(sessions: readonly SupervisionSession[], call: AgentCall): SupervisionSession | null {
  return sessions.find((s) => s.phase !== 'ended' && s.callId !== call.id) ?? null
}

/** Whether the buttons are shown at all (not when the PBX hook says supervision is hidden). */
export function supervisionVisible(row: AgentRow, context: SupervisionContext): boolean {
  return row.status === 'talking' && !(!context.pbx.available && context.pbx.hidden)
}

export type SupervisionPlan =
  /** Start a new leg (supervision:start). */
  | { action: 'start'; call: AgentCall }
  /** Switch the supervisor's leg on this call to `mode` (supervision:switch). */
  | { action: 'switch'; session: SupervisionSession }
  /** Already in this mode on this call: nothing to do. */
  | { action: 'current'; session: SupervisionSession }
  | { action: 'refuse'; reason: string }

/** What pressing `mode` on `row` does. Pure: the row buttons, the keys and the tests share it. */
export function planSupervision(row: AgentRow, mode: SupervisionMode, context: SupervisionContext): SupervisionPlan {
  const call = primaryCall(row)
  if (row.status !== 'talking' || call === null || call.state !== 'talking') {
    return { action: 'refuse', reason: `${MODE_LABEL[mode]} needs a call in progress: ${row.name} is not talking` }
  }
  if (context.floorNotLive !== null) return { action: 'refuse', reason: context.floorNotLive }
  if (!context.pbx.available) return { action: 'refuse', reason: context.pbx.reason }
  const mine = sessionOnCall(context.sessions, call)
  if (mine !== null) {
    if (mine.mode === mode) return { action: 'current', session: mine }
    if (mine.phase !== 'connected') return { action: 'refuse', reason: 'Wait until your softphone has answered, then switch' }
    return { action: 'switch', session: mine }
  }
  if (context.softphone.state !== 'registered') {
    return { action: 'refuse', reason: `Your softphone is not registered: ${notRegisteredReason(context.softphone)}` }
  }
  const other = sessionElsewhere(context.sessions, call)
  if (other !== null) return { action: 'refuse', reason: `End your supervision of ${other.agentName}’s call first` }
  if (context.onOrdinaryCall) return { action: 'refuse', reason: 'Finish the call on your softphone first' }
  return { action: 'start', call }
}

export type SupervisionOutcome = { ok: true } | { ok: false; reason: string }

/** Does a plan; the desk (supervision/desk.ts) implements it with the API and the softphone. */
export interface SupervisionRuntime {
  context(): SupervisionContext
  start(row: AgentRow, call: AgentCall, mode: SupervisionMode): Promise<SupervisionOutcome>
  switchMode(session: SupervisionSession, mode: SupervisionMode): Promise<SupervisionOutcome>
}

let runtime: SupervisionRuntime | null = null

/** The app installs its desk here on start (and removes it on stop). */
export function installSupervisionRuntime(next: SupervisionRuntime): () => void {
  runtime = next
  return () => {
    if (runtime === next) runtime = null
  }
}

/**
 * The one path every Listen/Whisper/Barge request takes — the row's buttons and the L/W/B keys:
 * start the supervisor's leg (`supervision:start`), or switch the leg already on this call.
 */
export function requestSupervision(row: AgentRow, mode: SupervisionMode): Promise<SupervisionOutcome> {
  if (runtime === null) return Promise.resolve({ ok: false, reason: 'Supervision is not available in this window' })
  const plan = planSupervision(row, mode, runtime.context())
  switch (plan.action) {
    case 'refuse':
      return Promise.resolve({ ok: false, reason: plan.reason })
    case 'current':
      return Promise.resolve({ ok: true })
    case 'switch':
      return runtime.switchMode(plan.session, mode)
    case 'start':
      return runtime.start(row, plan.call, mode)
  }
}
