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
  return [...store.getState().rows.values()]
    .map((row) => ({ extension: row.extension, name: row.name }))
    .sort((a, b) => a.extension.localeCompare(b.extension, undefined, { numeric: true }))
}
