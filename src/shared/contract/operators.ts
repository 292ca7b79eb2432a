/** Operators and sign-in: who is at this machine, first run, and managing operator profiles. */
import { z } from 'zod'
import { OperatorPreferences, PreferencesPatch } from '../preferences'
import { AlertThresholds, Scope, Team, WallboardSettings } from '../settings'
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

/**
 * An operator's own choices, with what the admin decided for this machine that shapes them: the
 * alert thresholds they start from, the teams they can filter by, what the wallboard may show.
 */
export const PreferencesView = z.object({
  preferences: OperatorPreferences,
  machine: z.object({ alerts: AlertThresholds, teams: z.array(Team), wallboard: WallboardSettings })
})
export type PreferencesView = z.infer<typeof PreferencesView>

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
  /** The signed-in operator's own preferences; saving replaces the sections given, each whole. */
  'preferences:get': { access: 'operator', request: Empty, response: PreferencesView },
  'preferences:save': { access: 'operator', request: PreferencesPatch, response: PreferencesView },
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
  'session:state': SignInState,
  /** Sent when the operator's preferences or the machine's alert, team or wallboard settings change. */
  'preferences:view': PreferencesView
} as const
