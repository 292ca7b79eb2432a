import { useCallback } from 'react'
import type { AgentRow } from '../../shared/floor'
import { showToast } from '../shell/toasts'
import type { SupervisionMode } from '../../shared/supervision'
import { requestSupervision } from './supervise'

/** Starts, switches (or explains why it cannot) supervision of a row's call: buttons and keys alike. */
export function useSupervise(): (row: AgentRow, mode: SupervisionMode) => void {
  return useCallback((row: AgentRow, mode: SupervisionMode) => {
    void requestSupervision(row, mode).then((outcome) => {
      if (!outcome.ok) showToast(outcome.reason)
    })
  }, [])
}
