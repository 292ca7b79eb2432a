import { useSyncExternalStore } from 'react'

export interface Toast {
  id: number
  text: string
}

const SHOW_MS = 4000
const MAX = 3

let toasts: readonly Toast[] = []
let nextId = 1
const timers = new Map<number, ReturnType<typeof setTimeout>>()
const listeners = new Set<() => void>()

function emit(next: readonly Toast[]): void {
  toasts = next
  for (const listener of listeners) listener()
}

export function dismissToast(id: number): void {
  clearTimeout(timers.get(id))
  timers.delete(id)
  emit(toasts.filter((t) => t.id !== id))
}

/** Shows a short message; the same text again restarts its timer instead of stacking. */
export function showToast(text: string): void {
  const existing = toasts.find((t) => t.text === text)
  const toast = existing ?? { id: nextId++, text }
  clearTimeout(timers.get(toast.id))
  timers.set(
    toast.id,
    setTimeout(() => dismissToast(toast.id), SHOW_MS)
  )
  if (existing === undefined) {
    const next = [...toasts, toast]
    for (const dropped of next.slice(0, Math.max(0, next.length - MAX))) dismissToast(dropped.id)
    emit(next.slice(-MAX))
  }
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
  }
}

export function useToasts(): readonly Toast[] {
  return useSyncExternalStore(subscribe, () => toasts)
}
