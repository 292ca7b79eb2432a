import { createContext, useContext } from 'react'
import { useStoreSlice } from '../store/useStoreSlice'
import { DEFAULT_CHOICES, resolveDevices } from './pure/devices'
import type { Softphone, SoftphoneState } from './phone'

export const SoftphoneContext = createContext<Softphone | null>(null)

export function useSoftphoneController(): Softphone {
  const softphone = useContext(SoftphoneContext)
  if (softphone === null) throw new Error('useSoftphoneController outside <SoftphoneContext.Provider>')
  return softphone
}

/** What a screen outside the console's provider sees: no softphone yet. */
const NO_SOFTPHONE: SoftphoneState = {
  config: null,
  registration: { state: 'loading' },
  calls: [],
  audio: { devices: [], choices: DEFAULT_CHOICES, resolved: resolveDevices(DEFAULT_CHOICES, []), labelsKnown: false, outputsSelectable: false }
}

/** A slice of the softphone state; re-renders only when the slice changes (by identity). */
export function useSoftphone<T>(select: (state: SoftphoneState) => T): T {
  return useStoreSlice(useContext(SoftphoneContext), NO_SOFTPHONE, select)
}

export const selectRegistration = (state: SoftphoneState): SoftphoneState['registration'] => state.registration
export const selectCalls = (state: SoftphoneState): SoftphoneState['calls'] => state.calls
export const selectAudio = (state: SoftphoneState): SoftphoneState['audio'] => state.audio
export const selectConfig = (state: SoftphoneState): SoftphoneState['config'] => state.config
