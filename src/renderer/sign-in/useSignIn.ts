import { useCallback, useEffect, useRef, useState } from 'react'
import type { EarshotApi, SignInState } from '../../shared/contract'
import { errorText } from '../../shared/error-text'

export type SignInStatus =
  | { phase: 'loading' }
  | { phase: 'failed'; error: string }
  | { phase: 'ready'; state: SignInState }

export interface SignInHandle {
  status: SignInStatus
  /** Asks main again (after a failure). */
  retry: () => void
  /** Takes a state main answered with (sign-in, sign-out, first admin). */
  apply: (state: SignInState) => void
}

/**
 * The machine's sign-in state: `session:current` once, then every `session:state` main pushes.
 * A pushed state is newer than an answer to a request made before it, so such an answer is dropped.
 */
export function useSignIn(api: EarshotApi): SignInHandle {
  const [status, setStatus] = useState<SignInStatus>({ phase: 'loading' })
  const [attempt, setAttempt] = useState(0)
  const pushedSince = useRef(false)

  useEffect(() => {
    return api.on('session:state', (state) => {
      pushedSince.current = true
      setStatus({ phase: 'ready', state })
    })
  }, [api])

  useEffect(() => {
    let live = true
    pushedSince.current = false
    api.invoke('session:current', {}).then(
      (state) => {
        if (live && !pushedSince.current) setStatus({ phase: 'ready', state })
      },
      (error: unknown) => {
        if (live && !pushedSince.current) setStatus({ phase: 'failed', error: errorText(error) })
      }
    )
    return () => {
      live = false
    }
  }, [api, attempt])

  const retry = useCallback(() => {
    setStatus({ phase: 'loading' })
    setAttempt((n) => n + 1)
  }, [])
  const apply = useCallback((state: SignInState) => setStatus({ phase: 'ready', state }), [])
  return { status, retry, apply }
}
