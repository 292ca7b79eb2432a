import type { JSX } from 'react'
import type { SupervisionMode, SupervisionSession } from '../../shared/supervision'
import { elapsedSeconds, formatDuration, useNow } from '../floor/clock'
import { selectClockOffset, useFloor } from '../floor/useFloor'
import { BargeIcon, HangUpIcon, HeadphonesIcon, WhisperIcon } from '../shell/icons'
import { MuteButton } from '../softphone/MuteButton'
import { showToast } from '../shell/toasts'
import { useSoftphone, useSoftphoneController } from '../softphone/useSoftphone'
import { callBarSession, type PendingAction } from './desk'
import { MODE_ACTIVE, MODE_LABEL, SUPERVISION_MODES } from './supervise'
import { useDesk, useDeskController } from './useDesk'
import { useAccess } from '../sign-in/access'
import '../softphone/softphone.css'

const MODE_ICON: Readonly<Record<SupervisionMode, (props: { className?: string }) => JSX.Element>> = {
  listen: HeadphonesIcon,
  whisper: WhisperIcon,
  barge: BargeIcon
}

/** Who hears the supervisor in each mode. */
const MODE_HINT: Readonly<Record<SupervisionMode, string>> = {
  listen: 'Neither the agent nor the customer hears you',
  whisper: 'Only the agent hears you',
  barge: 'The agent and the customer both hear you'
}

const END_REASON: Readonly<Record<NonNullable<SupervisionSession['endReason']>, string>> = {
  'supervisor-hung-up': 'You left the call',
  'call-ended': 'The agent’s call ended',
  'not-answered': 'Your softphone did not answer',
  'originate-failed': 'The PBX could not call your softphone',
  're-originated': 'Replaced by a new call',
  'wrong-call': 'The PBX joined another call, so Earshot hung up',
  'switch-unconfirmed': 'The PBX did not confirm the switch, so Earshot hung up',
  'connection-lost': 'The connection to the PBX was lost',
  'operator-changed': 'The operator at this desk changed, so Earshot hung up'
}

export const END_TOOLTIP = 'Leaves the call; the agent and customer stay connected'

/**
 * The supervisor's own call: which agent and customer, the mode (Listen / Whisper / Barge, the
 * current one pressed), time on the call, Mute and End. Shown while a supervision session rings
 * or is connected, and for a moment after it ended.
 */
const ENDING: PendingAction = { action: 'ending' }

export function CallBar(): JSX.Element | null {
  const desk = useDeskController()
  const softphone = useSoftphoneController()
  const session = useDesk(callBarSession)
  const asked = useDesk((s) => (session === null ? undefined : s.pending[session.id]))
  const note = useDesk((s) => (session === null ? undefined : s.notes[session.id]))
  const leg = useSoftphone((s) => (session === null ? undefined : s.calls.find((c) => c.sessionId === session.id)))
  const now = useNow()
  const clockOffset = useFloor(selectClockOffset)
  // Only the modes this operator may switch to (main refuses the others).
  const allowed = useAccess().modes
  if (session === null) return null
  // End asked for in main too (here before, in another window, at an operator change): the leg is
  // being hung up and the microphone is off, so the bar says so and offers no more switching.
  const pending: PendingAction | undefined = asked ?? (session.ending === true && session.phase !== 'ended' ? ENDING : undefined)

  const phase = session.phase
  const live = phase !== 'ended'
  const connected = phase === 'connected'
  const customer = session.customerName ?? session.customer ?? 'Unknown caller'
  const customerNumber = session.customerName !== null ? session.customer : null
  const elapsed = connected && session.answeredAt !== null ? formatDuration(elapsedSeconds(session.answeredAt, now + clockOffset)) : null
  const legConnected = leg?.phase === 'connected'
  const muted = leg?.muted === true

  let title: string
  let detail: string
  /** How the mode last switched ("Switched to Whisper (DTMF)"): a tooltip, never instead of who hears you. */
  let how: string | undefined
  if (phase === 'ringing') {
    title = 'Calling your softphone…'
    detail = `${MODE_LABEL[session.mode]} starts when it answers`
  } else if (phase === 'ended') {
    title = 'Call ended'
    detail = session.error ?? (session.endReason === null ? 'The supervision is over' : END_REASON[session.endReason])
  } else {
    title = MODE_ACTIVE[session.mode]
    detail = MODE_HINT[session.mode]
    how = note
  }
  if (pending?.action === 'switching') detail = `Switching to ${MODE_LABEL[pending.mode]}…`
  else if (pending?.action === 'ending') detail = 'Leaving the call…'

  const switchTo = (mode: SupervisionMode): void => {
    if (!connected || pending !== undefined || mode === session.mode) return
    void desk.switchMode(session, mode).then((outcome) => {
      if (!outcome.ok) showToast(outcome.reason)
    })
  }

  const ModeIcon = MODE_ICON[session.mode]
  return (
    <section
      className={`call-bar mode-${session.mode} phase-${phase}`}
      data-testid="call-bar"
      data-mode={session.mode}
      data-phase={phase}
      aria-label="Your supervision call"
    >
      <div className="call-bar-state" role="status" aria-live="polite">
        <span className="call-bar-badge" aria-hidden="true">
          {phase === 'ringing' ? <span className="spinner" /> : <ModeIcon />}
        </span>
        <span className="call-bar-words">
          <strong className="call-bar-title">{title}</strong>
          <span className="call-bar-detail" title={how}>
            {detail}
          </span>
        </span>
      </div>

      <dl className="call-bar-parties">
        <div>
          <dt>Agent</dt>
          <dd>
            <span className="call-bar-name">{session.agentName}</span>
            <span className="call-bar-number">{session.agentExtension}</span>
          </dd>
        </div>
        <div>
          <dt>Customer</dt>
          <dd>
            <span className="call-bar-name">{customer}</span>
            {customerNumber !== null && <span className="call-bar-number">{customerNumber}</span>}
          </dd>
        </div>
      </dl>

      <div className="call-bar-time" title="Time on the call">
        <span className="call-sr-only">Time on the call </span>
        <span data-testid="call-bar-elapsed">{elapsed ?? '--:--'}</span>
      </div>

      <div className="call-bar-actions">
        <div className="call-bar-modes" role="group" aria-label="Mode">
          {SUPERVISION_MODES.filter((mode) => allowed.includes(mode) || mode === session.mode).map((mode) => {
            const Icon = MODE_ICON[mode]
            const current = mode === session.mode
            const blocked = !connected || pending !== undefined
            return (
              <button
                key={mode}
                type="button"
                className="call-bar-mode"
                aria-pressed={current}
                aria-disabled={!current && blocked ? true : undefined}
                title={
                  current
                    ? `${MODE_ACTIVE[mode]} now`
                    : !live
                      ? 'The call has ended'
                      : phase === 'ringing'
                        ? 'Wait until your softphone has answered'
                        : `Switch to ${MODE_LABEL[mode]}: ${MODE_HINT[mode].toLowerCase()}`
                }
                onClick={() => switchTo(mode)}
              >
                <Icon />
                {MODE_LABEL[mode]}
              </button>
            )
          })}
        </div>
        <MuteButton
          muted={muted}
          enabled={leg !== undefined && legConnected}
          disabledTitle="Your softphone has no audio on this call yet"
          onToggle={() => {
            if (leg !== undefined) softphone.setMuted(leg.id, !muted)
          }}
        />
        <button
          type="button"
          className="call-bar-button call-bar-end"
          aria-disabled={live && pending?.action !== 'ending' ? undefined : true}
          title={END_TOOLTIP}
          onClick={() => {
            if (live) void desk.end(session.id)
          }}
        >
          <HangUpIcon />
          End
        </button>
      </div>
    </section>
  )
}
