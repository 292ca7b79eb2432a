import { type JSX, type ReactNode, useCallback, useState } from 'react'
import type { EarshotApi, Operator, SessionState } from '../../shared/contract'
import { EmptyState } from '../shell/EmptyState'
import { StatusBar } from '../shell/StatusBar'
import { Toasts } from '../shell/Toasts'
import { showToast } from '../shell/toasts'
import { Topbar } from '../shell/Topbar'
import { FirstRun } from './FirstRun'
import { SignIn } from './SignIn'
import { errorMessage, useSession } from './useSession'

export interface SignedIn {
  state: SessionState
  operator: Operator
  /** Shows the sign-in screen for another operator (Cancel comes back). */
  switchOperator: () => void
  signOut: () => void
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
export function SessionRoot({ api, children }: { api: EarshotApi; children: (signedIn: SignedIn) => ReactNode }): JSX.Element {
  const { status, retry, apply } = useSession(api)
  const [wizard, setWizard] = useState(false)
  const [switching, setSwitching] = useState(false)

  // The wizard outlives first run: creating the admin ends `firstRun`, and the steps go on.
  const firstRun = status.phase === 'ready' && status.state.firstRun
  if (firstRun && !wizard) setWizard(true)

  const signOut = useCallback(() => {
    api.invoke('session:sign-out', {}).then(apply, (failure: unknown) => showToast(`Could not sign out: ${errorMessage(failure)}`))
  }, [api, apply])
  const switchOperator = useCallback(() => setSwitching(true), [])

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
        <FirstRun api={api} session={state} onSession={apply} onFinish={() => setWizard(false)} />
      </Frame>
    )
  }

  const operator = state.operator
  if (operator === null || switching) {
    return (
      <Frame labelledBy={`sign-in-title`}>
        <SignIn
          key={switching ? 'switch' : 'sign-in'}
          api={api}
          state={state}
          onSignedIn={(next) => {
            setSwitching(false)
            apply(next)
          }}
          onCancel={operator !== null ? () => setSwitching(false) : undefined}
        />
      </Frame>
    )
  }

  return <>{children({ state, operator, switchOperator, signOut })}</>
}
