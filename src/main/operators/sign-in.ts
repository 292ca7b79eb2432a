/**
 * Who is signed in on this machine. Earshot starts signed out; signing in (or switching) takes the
 * operator's PIN. Repeated wrong PINs slow further tries down, so a PIN cannot be guessed quickly.
 */
import { EventEmitter } from 'node:events'
import type { Operator as OperatorView, SignInState } from '../../shared/contract'
import type { Operator, Operators } from './repository'

/** After this many wrong PINs in a row, each further try must wait LOCKOUT_MS. */
const FREE_TRIES = 5
const LOCKOUT_MS = 30_000

export class SignInError extends Error {
  override readonly name = 'SignInError'
}

export function operatorView(operator: Operator): OperatorView {
  return { id: operator.id, name: operator.name, extension: operator.extension, scopes: [...operator.scopes] }
}

export class OperatorSignIn extends EventEmitter<{ change: [SignInState] }> {
  private currentId: string | null = null
  private failures = 0
  private lockedUntil = 0

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

  async signIn(operatorId: string, pin: string): Promise<SignInState> {
    const wait = this.lockedUntil - this.now()
    if (wait > 0) throw new SignInError(`Too many wrong PINs: try again in ${Math.ceil(wait / 1000)} s.`)
    if (!(await this.operators.verifyPin(operatorId, pin))) {
      this.failures++
      if (this.failures >= FREE_TRIES) this.lockedUntil = this.now() + LOCKOUT_MS
      throw new SignInError('Wrong PIN, or no such operator.')
    }
    this.failures = 0
    this.currentId = operatorId
    return this.changed()
  }

  signOut(): SignInState {
    this.currentId = null
    return this.changed()
  }

  /** First run only: the first operator holds both scopes, and is signed in at once. */
  async firstAdmin(input: { name: string; extension: string; pin: string }): Promise<SignInState> {
    if (!this.operators.isFirstRun()) throw new SignInError('This machine already has operators: sign in instead.')
    const admin = await this.operators.create({ ...input, scopes: ['see-everyone', 'configure-everything'] })
    this.currentId = admin.id
    return this.changed()
  }

  /** Operators or scopes changed: tell the renderer (its menus follow the scopes). */
  changed(): SignInState {
    const state = this.state()
    this.emit('change', state)
    return state
  }
}
