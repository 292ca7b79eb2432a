/**
 * Who is signed in on this machine. Earshot starts signed out; signing in (or switching) takes the
 * operator's PIN. Repeated wrong PINs slow further tries down, so a PIN cannot be guessed quickly.
 */
import { EventEmitter } from 'node:events'
import type { Operator as OperatorView, SignInState } from '../../shared/contract'
import type { Operator, Operators } from './repository'

/**
 * Each operator has FREE_TRIES wrong PINs; after that each wrong PIN locks them out for longer:
 * 30 s, 60 s, 120 s... up to an hour. A 4-digit PIN then takes months to guess.
 */
const FREE_TRIES = 5
const FIRST_LOCK_MS = 30_000
const LONGEST_LOCK_MS = 60 * 60_000

function lockedUntil(now: number, failures: number): number {
  if (failures < FREE_TRIES) return 0
  return now + Math.min(LONGEST_LOCK_MS, FIRST_LOCK_MS * 2 ** Math.min(failures - FREE_TRIES, 20))
}

export class SignInError extends Error {
  override readonly name = 'SignInError'
}

export function operatorView(operator: Operator): OperatorView {
  return { id: operator.id, name: operator.name, extension: operator.extension, scopes: [...operator.scopes] }
}

export class OperatorSignIn extends EventEmitter<{ change: [SignInState] }> {
  private currentId: string | null = null
  /** Sign-ins run one at a time, so a burst of guesses cannot all be checked before the count locks them out. */
  private signingIn: Promise<unknown> = Promise.resolve()

  constructor(
    private readonly operators: Operators,
    private readonly keychain: () => { available: boolean; message: string | null },
    private readonly now: () => number = Date.now
  ) {
    super()
  }

  /** The signed-in operator as stored now (scope changes apply at once; a removed operator is signed out). */
  current(): OperatorView | null {
    if (this.currentId === null) return null
    const operator = this.operators.get(this.currentId)
    if (operator === null) this.currentId = null
    return operator === null ? null : operatorView(operator)
  }

  state(): SignInState {
    return {
      firstRun: this.operators.isFirstRun(),
      operator: this.current(),
      operators: this.operators.list().map((o) => ({ id: o.id, name: o.name })),
      keychain: this.keychain()
    }
  }

  signIn(operatorId: string, pin: string): Promise<SignInState> {
    const attempt = this.signingIn.then(() => this.checkPin(operatorId, pin))
    this.signingIn = attempt.catch(() => undefined)
    return attempt
  }

  private async checkPin(operatorId: string, pin: string): Promise<SignInState> {
    // The count lives in the store (per operator), so a restart does not clear it.
    const wait = this.operators.signInFailures(operatorId).lockedUntil - this.now()
    if (wait > 0) {
      const name = this.operators.get(operatorId)?.name ?? 'this operator'
      throw new SignInError(`Too many wrong PINs for ${name}: try again in ${Math.ceil(wait / 1000)} s.`)
    }
    if (!(await this.operators.verifyPin(operatorId, pin))) {
      this.operators.recordSignInFailure(operatorId, (failures) => lockedUntil(this.now(), failures))
      throw new SignInError('Wrong PIN, or no such operator.')
    }
    this.operators.clearSignInFailures(operatorId)
    this.currentId = operatorId
    return this.changed()
  }

  signOut(): SignInState {
    this.currentId = null
    return this.changed()
  }

  /** First run only: the first operator holds both scopes, and is signed in at once. */
  async firstAdmin(input: { name: string; extension: string; pin: string }): Promise<SignInState> {
    // One at a time, with sign-ins: two requests at once would both find the machine without operators.
    const attempt = this.signingIn.then(async () => {
      if (!this.operators.isFirstRun()) throw new SignInError('This machine already has operators: sign in instead.')
      const admin = await this.operators.create({ ...input, scopes: ['see-everyone', 'configure-everything'] })
      this.currentId = admin.id
      return this.changed()
    })
    this.signingIn = attempt.catch(() => undefined)
    return attempt
  }

  /** Operators or scopes changed: tell the renderer (its menus follow the scopes). */
  changed(): SignInState {
    const state = this.state()
    this.emit('change', state)
    return state
  }
}
