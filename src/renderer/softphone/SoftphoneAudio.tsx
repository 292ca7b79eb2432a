import { type JSX, useCallback } from 'react'
import { useSoftphoneController } from './useSoftphone'

/**
 * The softphone's two audio elements: the remote party on the headset output (its `srcObject` is
 * the call's remote MediaStream) and the ring of ordinary calls on the ring output. No controls,
 * so nothing shows.
 */
export function SoftphoneAudio(): JSX.Element {
  const softphone = useSoftphoneController()
  const remote = useCallback((el: HTMLAudioElement | null) => softphone.attachRemoteAudio(el), [softphone])
  const ring = useCallback((el: HTMLAudioElement | null) => softphone.attachRingAudio(el), [softphone])
  return (
    <>
      <audio data-testid="remote-audio" autoPlay ref={remote} />
      <audio data-testid="ring-audio" ref={ring} />
    </>
  )
}
