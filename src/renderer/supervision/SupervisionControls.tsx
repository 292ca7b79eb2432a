import { memo, type JSX } from 'react'
import type { AgentRow } from '../../shared/floor'
import { BargeIcon, HeadphonesIcon, WhisperIcon } from '../shell/icons'
import { MODE_ACTIVE, MODE_KEY, MODE_LABEL, SUPERVISION_MODES, planSupervision, sessionOnCall, supervisionVisible } from './supervise'
import type { SupervisionMode } from '../../shared/supervision'
import { primaryCall } from '../floor/labels'
import { useSupervisionContext } from './useDesk'

const MODE_ICON: Readonly<Record<SupervisionMode, (props: { className?: string }) => JSX.Element>> = {
  listen: HeadphonesIcon,
  whisper: WhisperIcon,
  barge: BargeIcon
}

/**
 * Listen / Whisper / Barge for a talking call; where the floor is narrow, icons with the mode's
 * name in the tooltip and for screen readers (floor.css). Unavailable modes stay visible and focusable
 * (aria-disabled, not `disabled`) so the tooltip and a click both explain why. While this
 * supervisor is on the call, the buttons are toggles (aria-pressed): the current mode is pressed
 * and the others switch the leg instead of starting a second one.
 */
export const SupervisionControls = memo(function SupervisionControls({
  row,
  modes,
  onSupervise
}: {
  row: AgentRow
  /** The modes this operator may use: the others get no button. */
  modes: readonly SupervisionMode[]
  onSupervise: (row: AgentRow, mode: SupervisionMode) => void
}): JSX.Element | null {
  const context = useSupervisionContext()
  if (!supervisionVisible(row, context)) return null
  const mine = sessionOnCall(context.sessions, primaryCall(row))
  return (
    <div className={mine === null ? 'controls' : 'controls is-supervising'} role="group" aria-label={`Supervise ${row.name}`}>
      {SUPERVISION_MODES.filter((mode) => modes.includes(mode)).map((mode) => {
        const plan = planSupervision(row, mode, context)
        const ModeIcon = MODE_ICON[mode]
        let title: string
        switch (plan.action) {
          case 'refuse':
            // The mode's name first: where the buttons are icons only, the tooltip is their label.
            title = plan.reason.startsWith(MODE_LABEL[mode]) ? plan.reason : `${MODE_LABEL[mode]}\n${plan.reason}`
            break
          case 'current':
            title = `${MODE_ACTIVE[mode]}: you are on this call`
            break
          case 'switch':
            title = `Switch to ${MODE_LABEL[mode]} (${MODE_KEY[mode]})`
            break
          case 'start':
            title = `${MODE_LABEL[mode]} (${MODE_KEY[mode]})`
            break
        }
        return (
          <button
            key={mode}
            type="button"
            className={`control control-${mode}`}
            aria-disabled={plan.action === 'refuse' ? true : undefined}
            aria-pressed={mine === null ? undefined : mine.mode === mode}
            aria-keyshortcuts={MODE_KEY[mode]}
            title={title}
            onClick={(event) => {
              event.stopPropagation()
              onSupervise(row, mode)
            }}
          >
            <ModeIcon />
            <span className="control-label">{MODE_LABEL[mode]}</span>
          </button>
        )
      })}
    </div>
  )
})
