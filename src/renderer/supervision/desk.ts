/**
 * The supervisor's desk: this machine's supervision sessions (main's `supervision:sessions`, read
 * once and then streamed), and the actions on them — start a leg, switch its mode, end it — done
 * with the API and the softphone. It is the runtime behind `requestSupervision` (supervise.ts), and
 * the store the call bar and the row buttons read. Framework-free; React reads it through
 * useStoreSlice (useDesk.ts).
 */
import type { EarshotApi, SupervisionSessions, SupervisionSwitch } from '../../shared/contract'
import type { AgentCall, AgentRow } from '../../shared/floor'
import type { SupervisionMode, SupervisionSession } from '../../shared/supervision'
import type { Softphone } from '../softphone/phone'
import { ExternalStore } from '../store/external-store'
import {
  MODE_LABEL,
  PBX_SUPERVISION_AVAILABLE,
  type PbxSupervision,
  type SupervisionContext,
  type SupervisionOutcome,
  type SupervisionRuntime,
  installSupervisionRuntime
} from './supervise'
import { errorText } from '../../shared/error-text'

export type PendingAction = { action: 'starting' } | { action: 'switching'; mode: SupervisionMode } | { action: 'ending' }

export interface DeskState {
  sessions: readonly SupervisionSession[]
  pbx: PbxSupervision
  /** What the supervisor asked for and is waiting on, per session id. */
  pending: Readonly<Record<string, PendingAction>>
  /** The last mode switch per session, in words ("Switched to Whisper (DTMF)"). */
  notes: Readonly<Record<string, string>>
  /** The session that just ended (shown briefly on the call bar when no other is live). */
  justEnded: SupervisionSession | null
}

/** How long the call bar keeps showing a session that ended. */
const ENDED_SHOWN_MS = 3000

const PHASE_RANK: Readonly<Record<SupervisionSession['phase'], number>> = { ringing: 0, connected: 1, ended: 2 }

/**
 * Of two copies of one session, the one further along, so a late answer does not undo a stream
 * update: ended is final; otherwise more mode changes is newer (a re-originate takes a connected
 * session back to ringing, with one more mode change); then the phase.
 */
export function newerSession(a: SupervisionSession, b: SupervisionSession): SupervisionSession {
  if (a.phase === 'ended' || b.phase === 'ended') return b.phase === 'ended' ? b : a
  if (a.modes.length !== b.modes.length) return b.modes.length > a.modes.length ? b : a
  return PHASE_RANK[b.phase] >= PHASE_RANK[a.phase] ? b : a
}

/** Main's availability as the PbxSupervision hook: not available means the buttons are hidden. */
export function pbxSupervisionOf(availability: SupervisionSessions['availability']): PbxSupervision {
  if (availability.available) return PBX_SUPERVISION_AVAILABLE
  return { available: false, reason: availability.reason ?? 'Supervision is not available on this PBX', hidden: true }
}

const VERB: Readonly<Record<SupervisionMode, (agent: string) => string>> = {
  listen: (agent) => `listen to ${agent}’s call`,
  whisper: (agent) => `whisper to ${agent}`,
  barge: (agent) => `barge in on ${agent}’s call`
}

/** An ended session's error, in words for a toast (null when it ended without one). */
export function endedSessionWords(session: SupervisionSession): string | null {
  if (session.phase !== 'ended' || session.error === null) return null
  if (session.answeredAt === null) return `Could not ${VERB[session.mode](session.agentName)}: ${session.error}`
  return `Supervision of ${session.agentName}’s call ended: ${session.error}`
}

/** The session the call bar shows: the newest live one, else the one that just ended. */
export function callBarSession(state: DeskState): SupervisionSession | null {
  let live: SupervisionSession | null = null
  for (const session of state.sessions) {
    if (session.phase === 'ended') continue
    if (live === null || session.startedAt >= live.startedAt) live = session
  }
  return live ?? state.justEnded
}

/** The desk before main has answered: no sessions, supervision available. */
export const EMPTY_DESK: DeskState = { sessions: [], pbx: PBX_SUPERVISION_AVAILABLE, pending: {}, notes: {}, justEnded: null }

export class SupervisionDesk extends ExternalStore<DeskState> implements SupervisionRuntime {
  private readonly stopFns: Array<() => void> = []
  /** Sessions seen live, and ended ones already reported (each error is told once). */
  private readonly seenLive = new Set<string>()
  private readonly announced = new Set<string>()
  private loaded = false
  private streamSinceRequest = false
  private endedTimer: ReturnType<typeof setTimeout> | null = null
  /** Bumped by run() and stop(): answers to requests made before are ignored. */
  private generation = 0
  /**
   * Starts main has not answered yet, by call id, with their mode. Until it answers, the session is
   * unknown here, so a second press (a double click) would plan a second start, which main refuses
   * ("you are already on this call"): an error for a Listen that works.
   */
  private readonly starting = new Map<string, SupervisionMode>()

  constructor(
    private readonly api: EarshotApi,
    private readonly softphone: Softphone,
    private readonly notify: (text: string) => void,
    /** Why the floor is not live now (null while it is): the L/W/B keys ask it as the buttons do. */
    private readonly floorNotLive: () => string | null = () => null
  ) {
    super(EMPTY_DESK)
  }

  /** Follows the sessions and becomes the runtime of requestSupervision. Returns stop(). */
  run(): () => void {
    this.stop()
    try {
      this.stopFns.push(
        this.api.on('supervision:sessions', (payload) => {
          this.streamSinceRequest = true
          this.receive(payload)
        })
      )
    } catch (error) {
      console.warn(`[supervision] no supervision:sessions stream: ${errorText(error)}`)
    }
    this.streamSinceRequest = false
    const generation = ++this.generation
    this.api.invoke('supervision:sessions', {}).then(
      (payload) => {
        if (generation === this.generation && !this.streamSinceRequest) this.receive(payload)
      },
      (error: unknown) => console.warn(`[supervision] sessions: ${errorText(error)}`)
    )
    this.stopFns.push(installSupervisionRuntime(this))
    return () => this.stop()
  }

  stop(): void {
    this.generation++
    for (const stop of this.stopFns.splice(0)) stop()
    if (this.endedTimer !== null) clearTimeout(this.endedTimer)
    this.endedTimer = null
  }

  /**
   * Whether supervision is possible on this PBX (feature codes configured, or ChanSpy allowed),
   * and whether to hide the buttons when it is not. Main's `availability` (on every sessions
   * payload) sets it; this is the hook for anything else that knows better.
   */
  setPbxSupervision(pbx: PbxSupervision): void {
    this.set({ ...this.state, pbx })
  }

  context(): SupervisionContext {
    const phone = this.softphone.getSnapshot()
    return {
      softphone: phone.registration,
      pbx: this.state.pbx,
      sessions: this.state.sessions,
      onOrdinaryCall: phone.calls.some((c) => c.kind === 'ordinary'),
      floorNotLive: this.floorNotLive()
    }
  }

  async start(row: AgentRow, call: AgentCall, mode: SupervisionMode): Promise<SupervisionOutcome> {
    const inFlight = this.starting.get(call.id)
    if (inFlight !== undefined) return inFlight === mode ? { ok: true } : { ok: false, reason: 'Wait until your softphone has answered, then switch' }
    this.starting.set(call.id, mode)
    try {
      const session = await this.api.invoke('supervision:start', { agentExtension: row.extension, callId: call.id, mode })
      this.upsert(session)
      return { ok: true }
    } catch (error) {
      return { ok: false, reason: `Could not ${VERB[mode](row.name)}: ${errorText(error)}` }
    } finally {
      this.starting.delete(call.id)
    }
  }

  async switchMode(session: SupervisionSession, mode: SupervisionMode): Promise<SupervisionOutcome> {
    if (this.state.pending[session.id] !== undefined) return { ok: true }
    this.setPending(session.id, { action: 'switching', mode })
    let result: SupervisionSwitch
    try {
      result = await this.api.invoke('supervision:switch', { sessionId: session.id, mode, canSendDtmf: this.softphone.canSendDtmf(session.id) })
    } catch (error) {
      this.setPending(session.id, null)
      return { ok: false, reason: `Could not switch to ${MODE_LABEL[mode]}: ${errorText(error)}` }
    }
    this.setPending(session.id, null)
    this.upsert(result.session)
    if (result.how === 'dtmf') {
      if (!this.softphone.sendDtmf(result.session.id, result.digit)) {
        this.setNote(result.session.id, `Could not send the digit for ${MODE_LABEL[mode]}`)
        return { ok: false, reason: `Could not switch to ${MODE_LABEL[mode]}: the softphone could not send the DTMF digit ${result.digit}` }
      }
      this.setNote(result.session.id, `Switched to ${MODE_LABEL[mode]} (DTMF)`)
    } else {
      this.setNote(result.session.id, `Switched to ${MODE_LABEL[mode]} by calling again`)
    }
    return { ok: true }
  }

  /** End: the supervisor's leg only (BYE here, and main ends the session); the call goes on. */
  async end(sessionId: string): Promise<void> {
    if (this.state.pending[sessionId]?.action === 'ending') return
    this.setPending(sessionId, { action: 'ending' })
    this.softphone.hangUpSession(sessionId)
    try {
      this.upsert(await this.api.invoke('supervision:end', { sessionId }))
    } catch (error) {
      this.notify(`Could not end the supervision: ${errorText(error)}`)
    } finally {
      this.setPending(sessionId, null)
    }
  }

  private receive(payload: SupervisionSessions): void {
    const pbx = pbxSupervisionOf(payload.availability)
    if (JSON.stringify(pbx) !== JSON.stringify(this.state.pbx)) this.set({ ...this.state, pbx })
    this.replace(payload.sessions)
  }

  private replace(sessions: readonly SupervisionSession[]): void {
    const current = new Map(this.state.sessions.map((s) => [s.id, s]))
    this.apply(sessions.map((s) => {
      const known = current.get(s.id)
      return known === undefined ? s : newerSession(known, s)
    }))
  }

  private upsert(session: SupervisionSession): void {
    const known = this.state.sessions.find((s) => s.id === session.id)
    const merged = known === undefined ? session : newerSession(known, session)
    this.apply(known === undefined ? [...this.state.sessions, merged] : this.state.sessions.map((s) => (s.id === session.id ? merged : s)))
  }

  private apply(sessions: readonly SupervisionSession[]): void {
    const initial = !this.loaded
    this.loaded = true
    let justEnded = this.state.justEnded
    for (const session of sessions) {
      if (session.phase !== 'ended') {
        this.seenLive.add(session.id)
        continue
      }
      if (this.announced.has(session.id)) continue
      this.announced.add(session.id)
      // Sessions that ended before this window opened are history, not news.
      if (initial && !this.seenLive.has(session.id)) continue
      const words = endedSessionWords(session)
      if (words !== null) this.notify(words)
      if (session.endReason !== 're-originated') justEnded = session
    }
    if (sessions.some((s) => s.phase !== 'ended')) justEnded = null
    if (justEnded !== this.state.justEnded) this.scheduleEndedClear(justEnded)
    this.set({ ...this.state, sessions, justEnded })
    this.softphone.setSessions(sessions)
  }

  private scheduleEndedClear(session: SupervisionSession | null): void {
    if (this.endedTimer !== null) clearTimeout(this.endedTimer)
    this.endedTimer = null
    if (session === null) return
    this.endedTimer = setTimeout(() => {
      this.endedTimer = null
      if (this.state.justEnded === session) this.set({ ...this.state, justEnded: null })
    }, ENDED_SHOWN_MS)
  }

  private setPending(sessionId: string, pending: PendingAction | null): void {
    const next = { ...this.state.pending }
    if (pending === null) delete next[sessionId]
    else next[sessionId] = pending
    this.set({ ...this.state, pending: next })
  }

  private setNote(sessionId: string, note: string): void {
    this.set({ ...this.state, notes: { ...this.state.notes, [sessionId]: note } })
  }
}
