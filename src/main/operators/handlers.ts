/** Sign-in and operator profiles over IPC (the router checks who may call each channel). */
import type { InvokeHandlers } from '../ipc'
import { operatorChange } from './change'
import type { Operators } from './repository'
import { operatorView, type OperatorSession } from './session'

type OperatorsChannel =
  | 'session:current'
  | 'session:sign-in'
  | 'session:sign-out'
  | 'setup:first-admin'
  | 'operators:list'
  | 'operators:create'
  | 'operators:update'
  | 'operators:remove'

export interface OperatorsDeps {
  session: OperatorSession
  operators: Operators
  /** Asks the keychain again whether it can hold the passwords (the session state reports it). */
  probeKeychain: () => Promise<unknown>
}

export function operatorsHandlers({ session, operators, probeKeychain }: OperatorsDeps): Pick<InvokeHandlers, OperatorsChannel> {
  return {
    'session:current': async () => {
      await probeKeychain()
      return session.state()
    },
    'session:sign-in': ({ operatorId, pin }) => session.signIn(operatorId, pin),
    'session:sign-out': () => session.signOut(),
    'setup:first-admin': (request) => session.firstAdmin(request),
    'operators:list': () => ({ operators: operators.list().map(operatorView) }),
    'operators:create': async (request) => {
      const created = operatorView(await operators.create(request))
      session.changed()
      return created
    },
    'operators:update': async (request) => {
      const updated = await operatorChange(operators, request)
      session.changed()
      return operatorView(updated)
    },
    'operators:remove': ({ id }) => {
      operators.remove(id)
      session.changed()
      return { ok: true as const }
    }
  }
}
