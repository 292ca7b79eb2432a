import { type JSX, type ReactNode, useCallback, useState } from 'react'
import { flushSync } from 'react-dom'
import type { EarshotApi, Operator, SignInState } from '../../shared/contract'
import { EmptyState } from '../shell/EmptyState'
import { StatusBar } from '../shell/StatusBar'
import { Toasts } from '../shell/Toasts'
import { showToast } from '../shell/toasts'
import { Topbar } from '../shell/Topbar'
import { FirstRun } from './FirstRun'
import { SignIn } from './SignIn'
import { useSignIn } from './useSignIn'
import { errorText } from '../../shared/error-text'

export interface SignedIn {
  state: SignInState
  operator: Operator
  /** Shows the sign-in screen for another operator (Cancel comes back). */
  switchOperator: () => void
  /** Signs out; resolves true once signed out, false when main refused (a toast said why). */
  signOut: () => Promise<boolean>
}

/** The screens before the console: loading, first run, sign-in. No floor is asked for before someone signs in. */
function Frame({ labelledBy, children }: { labelledBy: string; children: ReactNode }): JSX.Element {
  return (
    <div className="shell">
      <Topbar />
      <main className="content session-content" aria-labelledby={labelledBy}>
        {children}
      </main>
      <StatusBar />
      <Toasts />
    </div>
  )
}

/**
 * Who is at the console: first run (the wizard), nobody (sign-in), or an operator (the console,
 * from `children`). Follows `session:state`, so a sign-out or a scope change elsewhere shows at once.
 */
export function SignInGate({ api, children }: { api: EarshotApi; children: (signedIn: SignedIn) => ReactNode }): JSX.Element {
  const { status, retry, apply } = useSignIn(api)
  const [wizard, setWizard] = useState(false)
  const [switching, setSwitching] = useState(false)

  // The wizard outlives first run: creating the admin ends `firstRun`, and the steps go on.
  const firstRun = status.phase === 'ready' && status.state.firstRun
  if (firstRun && !wizard) setWizard(true)

  const signOut = useCallback(
    () =>
      api.invoke('session:sign-out', {}).then(
        (next) => {
          apply(next)
          return true
        },
        (failure: unknown) => {
          showToast(`Could not sign out: ${errorText(failure)}`)
          return false
        }
      ),
    [api, apply]
  )
  // Cancel puts the focus back where the operator was (the Switch operator button).
  const [returnTo, setReturnTo] = useState<HTMLElement | null>(null)
  const switchOperator = useCallback(() => {
    setReturnTo(document.activeElement instanceof HTMLElement ? document.activeElement : null)
    setSwitching(true)
  }, [])
  const cancelSwitch = (): void => {
    flushSync(() => setSwitching(false))
    if (returnTo?.isConnected === true) returnTo.focus()
    setReturnTo(null)
  }

  if (status.phase === 'loading') {
    return (
      <Frame labelledBy="empty-title">
        <EmptyState title="Starting Earshot…" text="Asking who is signed in at this computer." busy />
      </Frame>
    )
  }
  if (status.phase === 'failed') {
    return (
      <Frame labelledBy="empty-title">
        <EmptyState title="Earshot could not start" text={status.error} action={{ label: 'Try again', onClick: retry }} />
      </Frame>
    )
  }

  const { state } = status
  if (wizard || state.firstRun) {
    return (
      <Frame labelledBy="wizard-title">
        <FirstRun api={api} signIn={state} onSignIn={apply} onFinish={() => setWizard(false)} />
      </Frame>
    )
  }

  const operator = state.operator
  if (operator === null) {
    return (
      <Frame labelledBy="sign-in-title">
        <SignIn key="sign-in" api={api} state={state} onSignedIn={apply} />
      </Frame>
    )
  }

  // Switching operator covers the console (inert, hidden) rather than closing it: Cancel returns to
  // it as it was, and a supervisor's call in progress is not dropped just by opening this screen.
  return (
    <>
      <div className="console-host" inert={switching}>
        {children({ state, operator, switchOperator, signOut })}
      </div>
      {switching && (
        <div
          className="switch-overlay"
          role="dialog"
          aria-modal="true"
          aria-labelledby="sign-in-title"
          onKeyDown={(event) => {
            if (event.key === 'Escape') cancelSwitch()
          }}
        >
          <SignIn
            key="switch"
            api={api}
            state={state}
            onSignedIn={(next) => {
              setSwitching(false)
              apply(next)
            }}
            onCancel={cancelSwitch}
          />
        </div>
      )}
    </>
  )
}
