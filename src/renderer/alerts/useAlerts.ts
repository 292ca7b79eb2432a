import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react'
import type { AgentRow, QueueView } from '../../shared/floor'
import type { AlertPreferences } from '../../shared/preferences'
import { effectiveThresholds } from '../../shared/preferences'
import { useFloorNow } from '../floor/clock'
import { usePreferences } from '../operators/preferences'
import { useRecordsApi } from '../records/context'
import { type Alert, evaluateAlerts } from './pure/evaluate'
import { AlertMarksStore, type AlertMarks } from './marks-store'
import { noticeText, playAlertSound, showNotification } from './notify'

export interface AlertsModel extends AlertMarks {
  alerts: readonly Alert[]
  acknowledge: (key: string) => void
  snooze: (key: string, minutes: number) => void
  preferences: AlertPreferences | null
  savePreferences: (alerts: AlertPreferences) => Promise<void>
  /** The PBX-clock time the alerts were judged at. */
  now: number
}

/**
 * The floor's alerts for the signed-in operator: judged each second from the floor (frozen with the
 * floor's clock while it is not live), with what the operator did about each, and their sound and
 * notification.
 */
export function useAlerts(rows: ReadonlyMap<string, AgentRow>, queues: readonly QueueView[], clockOffset: number, focus: (extension: string) => void): AlertsModel {
  const api = useRecordsApi()
  const { view, save } = usePreferences(api)
  const { now: localNow } = useFloorNow()
  const now = localNow + clockOffset
  const thresholds = useMemo(() => (view === null ? null : effectiveThresholds(view.machine.alerts, view.preferences.alerts.thresholds)), [view])
  const alerts = useMemo(() => (thresholds === null ? [] : evaluateAlerts(rows, queues, thresholds, now)), [rows, queues, thresholds, now])
  const prefs = view?.preferences.alerts ?? null

  const [store] = useState(() => new AlertMarksStore())
  const marks = useSyncExternalStore(store.subscribe, store.getSnapshot)
  const focusRef = useRef(focus)
  useEffect(() => {
    focusRef.current = focus
  }, [focus])

  useEffect(() => {
    const notice = store.judge(alerts, Date.now())
    if (notice === null || prefs === null) return
    if (prefs.sound) playAlertSound()
    if (prefs.notifications) {
      const text = noticeText(notice)
      void showNotification(api, text, () => {
        if (text.extension !== null) focusRef.current(text.extension)
      })
    }
  }, [alerts, store, prefs, api])

  const acknowledge = useCallback((key: string) => store.acknowledge(key, Date.now()), [store])
  const snooze = useCallback((key: string, minutes: number) => store.snooze(key, Date.now() + minutes * 60_000, Date.now()), [store])
  const savePreferences = useCallback((alertsPrefs: AlertPreferences) => save({ alerts: alertsPrefs }), [save])
  return { ...marks, alerts, acknowledge, snooze, preferences: prefs, savePreferences, now }
}
