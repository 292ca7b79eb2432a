import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react'
import type { AgentRow, QueueView } from '../../shared/floor'
import type { AlertPreferences } from '../../shared/preferences'
import type { AlertThresholds } from '../../shared/settings'
import { effectiveThresholds } from '../../shared/preferences'
import { useFloorNow } from '../floor/clock'
import { usePreferences } from '../operators/preferences'
import { useRecordsApi } from '../records/context'
import { type Alert, evaluateAlerts, queueMemberships } from './pure/evaluate'
import { AlertMarksStore, type AlertMarks } from './marks-store'
import { noticeText, playAlertSound, showNotification } from './notify'

export interface AlertsModel extends AlertMarks {
  alerts: readonly Alert[]
  acknowledge: (key: string) => void
  snooze: (key: string, minutes: number) => void
  preferences: AlertPreferences | null
  /** This computer's thresholds (an admin's), which the operator's own replace where set. */
  machine: AlertThresholds | null
  savePreferences: (alerts: AlertPreferences) => Promise<void>
  /** The PBX-clock time the alerts were judged at. */
  now: number
}


/** The ledger's clock: monotonic, so a step of the wall clock neither silences notices nor stretches a snooze. */
const sinceStart = (): number => performance.now()

/**
 * The floor's alerts for the signed-in operator: judged once a second from the floor as it is then
 * (frozen with the floor's clock while it is not live), with what the operator did about each, and their sound and
 * notification.
 */
export function useAlerts(rows: ReadonlyMap<string, AgentRow>, queues: readonly QueueView[], clockOffset: number, focus: (extension: string) => void): AlertsModel {
  const api = useRecordsApi()
  const { view, save } = usePreferences(api)
  // Judged half a second after the times on screen tick: two shorter tasks instead of one long one.
  const { now: localNow } = useFloorNow({ unwatched: true })
  const now = localNow + clockOffset
  const thresholds = useMemo(() => (view === null ? null : effectiveThresholds(view.machine.alerts, view.preferences.alerts.thresholds)), [view])
  // Worked out again only when a queue's members change (a delta keeps their array otherwise), not at every delta.
  const [members, setMembers] = useState<{ lists: readonly (readonly string[])[]; byAgent: ReadonlyMap<string, readonly string[]> }>(() => ({ lists: [], byAgent: new Map() }))
  const lists = queues.map((q) => q.members)
  let byAgent = members.byAgent
  if (lists.length !== members.lists.length || lists.some((list, i) => list !== members.lists[i])) {
    byAgent = queueMemberships(queues)
    setMembers({ lists, byAgent })
  }
  // The floor as it was at this second: alerts are about seconds, and judging every agent at each
  // delta (60 a second on a 5,000-agent floor) would cost the page a frame's worth each time.
  const [judged, setJudged] = useState({ now, rows, queues })
  if (judged.now !== now) setJudged({ now, rows, queues })
  const alerts = useMemo(
    () => (thresholds === null ? [] : evaluateAlerts(judged.rows, judged.queues, thresholds, judged.now, byAgent)),
    [judged, thresholds, byAgent]
  )
  const prefs = view?.preferences.alerts ?? null

  const [store] = useState(() => new AlertMarksStore())
  const marks = useSyncExternalStore(store.subscribe, store.getSnapshot)
  const focusRef = useRef(focus)
  useEffect(() => {
    focusRef.current = focus
  }, [focus])

  useEffect(() => {
    const notice = store.judge(alerts, sinceStart())
    if (notice === null || prefs === null) return
    if (prefs.sound) playAlertSound()
    if (prefs.notifications) {
      const text = noticeText(notice)
      void showNotification(api, text, () => {
        if (text.extension !== null) focusRef.current(text.extension)
      })
    }
  }, [alerts, store, prefs, api])

  const acknowledge = useCallback((key: string) => store.acknowledge(key, sinceStart()), [store])
  const snooze = useCallback((key: string, minutes: number) => store.snooze(key, sinceStart() + minutes * 60_000, sinceStart()), [store])
  const savePreferences = useCallback((alertsPrefs: AlertPreferences) => save({ alerts: alertsPrefs }), [save])
  const machine = view?.machine.alerts ?? null
  // One object while nothing in it changed: the screens that read it re-render when it does.
  return useMemo(
    () => ({ ...marks, alerts, acknowledge, snooze, preferences: prefs, machine, savePreferences, now: judged.now }),
    [marks, alerts, acknowledge, snooze, prefs, machine, savePreferences, judged.now]
  )
}
