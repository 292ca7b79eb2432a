/** Operators and sign-in: who is at this machine, first run, and managing operator profiles. */
import { z } from 'zod'
import { Scope } from '../settings'
import { Empty, type InvokeSpec, Ok } from './common'

/** A local operator profile (never its PIN hash). */
export const Operator = z.object({ id: z.string(), name: z.string(), extension: z.string(), scopes: z.array(Scope) })
export type Operator = z.infer<typeof Operator>

/** The machine's sign-in state, and whether its keychain can hold the passwords. */
export const SignInState = z.object({
  /** No operator exists yet: the first-run wizard creates the admin. */
  firstRun: z.boolean(),
  operator: Operator.nullable(),
  /** Whom the sign-in screen offers (names only). */
  operators: z.array(z.object({ id: z.string(), name: z.string() })),
  keychain: z.object({ available: z.boolean(), message: z.string().nullable() })
})
export type SignInState = z.infer<typeof SignInState>

const Pin = z.string().regex(/^\d{4,12}$/)

export const operatorsInvoke = {
  'session:current': { access: 'public', request: Empty, response: SignInState },
  /** Signs in (or switches to) an operator with their PIN. */
  'session:sign-in': { access: 'public', demo: 'refused', request: z.object({ operatorId: z.string().min(1).max(64), pin: Pin }).strict(), response: SignInState },
  'session:sign-out': { access: 'operator', request: Empty, response: SignInState },
  /** First run only: creates the first operator, who holds both scopes, and signs them in. */
  'setup:first-admin': {
    access: 'public',
    demo: 'refused',
    request: z.object({ name: z.string().min(1).max(60), extension: z.string().min(1).max(40), pin: Pin }).strict(),
    response: SignInState
  },
  'operators:list': { access: 'configure-everything', request: Empty, response: z.object({ operators: z.array(Operator) }) },
  'operators:create': {
    access: 'configure-everything',
    demo: 'refused',
    request: z.object({ name: z.string().max(60), extension: z.string().max(40), scopes: z.array(Scope), pin: Pin }).strict(),
    response: Operator
  },
  'operators:update': {
    access: 'configure-everything',
    demo: 'refused',
    request: z
      .object({ id: z.string().min(1).max(64), name: z.string().max(60).optional(), extension: z.string().max(40).optional(), scopes: z.array(Scope).optional(), pin: Pin.optional() })
      .strict(),
    response: Operator
  },
  'operators:remove': { access: 'configure-everything', demo: 'refused', request: z.object({ id: z.string().min(1).max(64) }).strict(), response: Ok }
} as const satisfies Record<string, InvokeSpec>

export const operatorsStreams = {
  'session:state': SignInState
} as const
