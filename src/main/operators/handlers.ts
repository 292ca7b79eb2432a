/** Sign-in and operator profiles over IPC (the router checks who may call each channel). */
import type { InvokeHandlers } from '../ipc'
import { operatorChange } from './change'
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

export interface OperatorsDeps {
  signIn: OperatorSignIn
  operators: Operators
  /** Asks the keychain again whether it can hold the passwords (the sign-in state reports it). */
  probeKeychain: () => Promise<unknown>
}

export function operatorsHandlers({ signIn, operators, probeKeychain }: OperatorsDeps): Pick<InvokeHandlers, OperatorsChannel> {
  return {
    'session:current': async () => {
      await probeKeychain()
      return signIn.state()
    },
    'session:sign-in': ({ operatorId, pin }) => signIn.signIn(operatorId, pin),
    'session:sign-out': () => signIn.signOut(),
    'setup:first-admin': (request) => signIn.firstAdmin(request),
    'operators:list': () => ({ operators: operators.list().map(operatorView) }),
    'operators:create': async (request) => {
      const created = operatorView(await operators.create(request))
      signIn.changed()
      return created
    },
    'operators:update': async (request) => {
      const updated = await operatorChange(operators, request)
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
