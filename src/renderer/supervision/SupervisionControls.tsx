import { memo, type JSX } from 'react'
import type { AgentRow } from '../../shared/floor'
import { BargeIcon, HeadphonesIcon, WhisperIcon } from '../shell/icons'
import { MODE_KEY, MODE_LABEL, SUPERVISION_MODES, type SupervisionMode, supervisionAvailability } from './supervise'

const MODE_ICON: Readonly<Record<SupervisionMode, (props: { className?: string }) => JSX.Element>> = {
  listen: HeadphonesIcon,
  whisper: WhisperIcon,
  barge: BargeIcon
}

/**
 * Listen / Whisper / Barge for a talking call. Unavailable modes stay visible and focusable
 * (aria-disabled, not `disabled`) so the tooltip and a click both explain why.
 */
export const SupervisionControls = memo(function SupervisionControls({
  row,
  onSupervise
}: {
  row: AgentRow
  onSupervise: (row: AgentRow, mode: SupervisionMode) => void
}): JSX.Element | null {
  if (row.status !== 'talking') return null
  return (
    <div className="controls" role="group" aria-label={`Supervise ${row.name}`}>
      {SUPERVISION_MODES.map((mode) => {
        const availability = supervisionAvailability(row, mode)
        const ModeIcon = MODE_ICON[mode]
        return (
          <button
            key={mode}
            type="button"
            className={`control control-${mode}`}
            aria-disabled={availability.available ? undefined : true}
            aria-keyshortcuts={MODE_KEY[mode]}
            title={availability.available ? `${MODE_LABEL[mode]} (${MODE_KEY[mode]})` : availability.reason}
            onClick={(event) => {
              event.stopPropagation()
              onSupervise(row, mode)
            }}
          >
            <ModeIcon />
            {MODE_LABEL[mode]}
          </button>
        )
      })}
    </div>
  )
})
