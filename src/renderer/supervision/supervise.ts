import type { AgentRow } from '../../shared/floor'
import { primaryCall } from '../floor/labels'

export type SupervisionMode = 'listen' | 'whisper' | 'barge'

export const SUPERVISION_MODES: readonly SupervisionMode[] = ['listen', 'whisper', 'barge']

export const MODE_LABEL: Readonly<Record<SupervisionMode, string>> = {
  listen: 'Listen',
  whisper: 'Whisper',
  barge: 'Barge'
}

/** The keyboard shortcut of each mode (on the selected row). */
export const MODE_KEY: Readonly<Record<SupervisionMode, string>> = { listen: 'L', whisper: 'W', barge: 'B' }

export const SOFTPHONE_PENDING = 'Supervision arrives with the softphone'

export type Availability = { available: true } | { available: false; reason: string }

/** Whether `mode` can be started on `row` right now, and if not, why (shown as the tooltip). */
export function supervisionAvailability(row: AgentRow, mode: SupervisionMode): Availability {
  const call = primaryCall(row)
  if (row.status !== 'talking' || call === null || call.state !== 'talking') {
    return { available: false, reason: `${MODE_LABEL[mode]} needs a call in progress: ${row.name} is not talking` }
  }
  // The softphone issue fills this in: originate ChanSpy on call.channel, in `mode`.
  return { available: false, reason: SOFTPHONE_PENDING }
}

export type SupervisionOutcome = { ok: true } | { ok: false; reason: string }

/**
 * The one path every Listen/Whisper/Barge request takes — the row's buttons and the L/W/B keys.
 * Today it always declines with the reason; the softphone will start the supervisor's leg here.
 */
export function requestSupervision(row: AgentRow, mode: SupervisionMode): Promise<SupervisionOutcome> {
  const availability = supervisionAvailability(row, mode)
  if (!availability.available) return Promise.resolve({ ok: false, reason: availability.reason })
  return Promise.resolve({ ok: true })
}
