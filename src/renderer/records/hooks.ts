import { useEffect, useState } from 'react'
import type { FloorStore } from '../floor/store'

/**
 * A number that goes up each time a kept-mounted page is shown again (not the first time), so
 * its list can refresh then.
 */
export function useShownAgain(active: boolean): number {
  const [state, setState] = useState({ active, count: 0 })
  if (state.active !== active) setState({ active, count: active ? state.count + 1 : state.count })
  return state.count
}

/** `value`, once it has stopped changing for `ms` (typed filters ask main once typing pauses). */
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value)
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms)
    return () => clearTimeout(timer)
  }, [value, ms])
  return settled
}

export interface AgentChoice {
  extension: string
  name: string
}

/** The agents on the floor now, by extension (for agent filters); read when needed, not followed. */
export function agentChoices(store: FloorStore): AgentChoice[] {
  return [...store.getSnapshot().rows.values()]
    .map((row) => ({ extension: row.extension, name: row.name }))
    .sort((a, b) => a.extension.localeCompare(b.extension, undefined, { numeric: true }))
}

type Answer<T> = { key: string; ok: true; value: T } | { key: string; ok: false; message: string }

/**
 * A list asked of main whenever `key` changes (the filter, the page, a retry, the page shown
 * again). While a new answer is on its way the last good one stays on screen (marked `loading`)
 * rather than flashing empty; an answer to an older key is dropped.
 */
export function useRemoteList<T>(key: string, load: () => Promise<T>, describe: (failure: unknown) => string): { loading: boolean; failed: string | null; shown: T | null } {
  const [answer, setAnswer] = useState<Answer<T> | null>(null)
  const [lastGood, setLastGood] = useState<T | null>(null)
  useEffect(() => {
    let live = true
    load().then(
      (value) => {
        if (!live) return
        setAnswer({ key, ok: true, value })
        setLastGood(value)
      },
      (failure: unknown) => {
        if (live) setAnswer({ key, ok: false, message: describe(failure) })
      }
    )
    return () => {
      live = false
    }
    // `load` and `describe` are read for the key they were given with: the key is what changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key])
  const loading = answer === null || answer.key !== key
  const failed = !loading && !answer.ok ? answer.message : null
  return { loading, failed, shown: failed !== null ? null : lastGood }
}
