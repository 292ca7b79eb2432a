/** Sign-in and operator profiles over IPC (the router checks who may call each channel). */
import type { InvokeHandlers } from '../ipc'
import type { PreferencesView } from '../../shared/contract'
import type { MachineSettings } from '../../shared/settings'
import type { OperatorPreferencesRepository } from './preferences'
import type { Operators } from './repository'
import { operatorView, type OperatorSignIn } from './sign-in'

type OperatorsChannel =
  | 'session:current'
  | 'session:sign-in'
  | 'session:sign-out'
  | 'setup:first-admin'
  | 'operators:list'
  | 'operators:create'
  | 'operators:update'
  | 'operators:remove'
  | 'preferences:get'
  | 'preferences:save'

export interface OperatorsDeps {
  signIn: OperatorSignIn
  operators: Operators
  /** Asks the keychain again whether it can hold the passwords (the sign-in state reports it). */
  probeKeychain: () => Promise<unknown>
  preferences: OperatorPreferencesRepository
  settings: () => MachineSettings
  /** After an operator saved their preferences (main tells the window). */
  preferencesChanged: (view: PreferencesView) => void
}

/** An operator's preferences with the machine settings that shape them. */
export function preferencesView(preferences: OperatorPreferencesRepository, settings: MachineSettings, operatorId: string): PreferencesView {
  return {
    preferences: preferences.get(operatorId),
    machine: { alerts: settings.alerts, teams: settings.teams.teams, wallboard: settings.wallboard }
  }
}

export function operatorsHandlers({ signIn, operators, probeKeychain, preferences, settings, preferencesChanged }: OperatorsDeps): Pick<InvokeHandlers, OperatorsChannel> {
  return {
    'session:current': async () => {
      await probeKeychain()
      return signIn.state()
    },
    'session:sign-in': ({ operatorId, pin }) => signIn.signIn(operatorId, pin),
    'session:sign-out': () => signIn.signOut(),
    'setup:first-admin': (request) => signIn.firstAdmin(request),
    'preferences:get': (_, caller) => preferencesView(preferences, settings(), signedIn(caller.operator).id),
    'preferences:save': (patch, caller) => {
      const { id } = signedIn(caller.operator)
      preferences.save(id, patch)
      const view = preferencesView(preferences, settings(), id)
      preferencesChanged(view)
      return view
    },
    'operators:list': () => ({ operators: operators.list().map(operatorView) }),
    'operators:create': async (request) => {
      const created = operatorView(await operators.create(request))
      signIn.changed()
      return created
    },
    'operators:update': async (request) => {
      const updated = await operators.change(request.id, request)
      signIn.changed()
      return operatorView(updated)
    },
    'operators:remove': ({ id }) => {
      operators.remove(id)
      signIn.changed()
      return { ok: true as const }
    }
  }
}

/** The router lets 'operator' channels through only for a signed-in caller; this says so to the types. */
function signedIn<T>(operator: T | null): T {
  if (operator === null) throw new Error('Sign in first.')
  return operator
}
