import { randomUUID } from 'node:crypto'
import type { Database } from 'better-sqlite3'
import { z } from 'zod'
import { issueSentence, Scope, SipExtension } from '../../shared/settings'
import { hashPin, PIN_FORMAT, verifyPinHash } from './pin-hash'

/** An operator as the app sees it: never with the PIN hash. */
export interface Operator {
  readonly id: string
  readonly name: string
  readonly extension: string
  readonly scopes: readonly Scope[]
  readonly createdAt: number
  readonly updatedAt: number
}

const OperatorName = z
  .string()
  .trim()
  .min(1, { error: 'Enter a name for the operator.' })
  .max(60, { error: 'Keep the name to 60 characters.' })
  .regex(/^[^\p{Cc}]*$/u, { error: 'The name cannot contain control characters.' })
const Pin = z.string().regex(PIN_FORMAT, { error: 'The PIN must be 4 to 12 digits.' })
const Scopes = z.array(Scope, { error: `Scopes are a list of ${Scope.options.map((s) => `'${s}'`).join(', ')}.` })

export const NewOperator = z.strictObject({ name: OperatorName, extension: SipExtension, scopes: Scopes, pin: Pin })
export interface NewOperator {
  name: string
  extension: string
  scopes: readonly Scope[]
  /** 4 to 12 digits; only its hash is kept. */
  pin: string
}

export type OperatorErrorKind = 'invalid' | 'not-found' | 'duplicate-name' | 'last-admin'

/** Why an operator change was refused; `field` names the input field at fault, when one is. */
export class OperatorError extends Error {
  override readonly name = 'OperatorError'
  constructor(
    readonly kind: OperatorErrorKind,
    message: string,
    readonly field: string | null = null
  ) {
    super(message)
  }
}

const ADMIN: Scope = 'configure-everything'

/** A hash of a PIN nobody has, checked when the operator is unknown so that case takes as long as a wrong PIN. */
let unknownOperatorHash: Promise<string> | undefined

interface Row {
  id: string
  name: string
  extension: string
  scopes: string
  created_at: number
  updated_at: number
}

function parse<T>(schema: z.ZodType<T>, value: unknown, field: string): T {
  const result = schema.safeParse(value, { error: issueSentence })
  if (result.success) return result.data
  const issue = result.error.issues[0]
  const path = [field, ...(issue?.path ?? [])].join('.')
  throw new OperatorError('invalid', issue?.message ?? 'This value is not valid.', path)
}

/** In the enum's order, without duplicates or unknown names: so scopes compare equal however they were given. */
function normalScopes(scopes: readonly string[]): Scope[] {
  return Scope.options.filter((s) => scopes.includes(s))
}

function toOperator(row: Row): Operator {
  return {
    id: row.id,
    name: row.name,
    extension: row.extension,
    scopes: normalScopes(z.array(z.string()).catch([]).parse(JSON.parse(row.scopes))),
    createdAt: row.created_at,
    updatedAt: row.updated_at
  }
}

/**
 * The people who may use this console, each with a PIN. There is always at least one operator who
 * can configure everything once any exist: the first must, and the last such one cannot be removed
 * or lose that scope, or nobody could change the settings again.
 */
export class Operators {
  private readonly now: () => number

  constructor(
    private readonly db: Database,
    options: { now?: () => number } = {}
  ) {
    this.now = options.now ?? Date.now
  }

  isFirstRun(): boolean {
    return this.db.prepare('SELECT 1 FROM operators LIMIT 1').get() === undefined
  }

  list(): Operator[] {
    const rows = this.db.prepare('SELECT id, name, extension, scopes, created_at, updated_at FROM operators ORDER BY name, id').all() as Row[]
    return rows.map(toOperator)
  }

  get(id: string): Operator | null {
    const row = this.db.prepare('SELECT id, name, extension, scopes, created_at, updated_at FROM operators WHERE id = ?').get(id) as Row | undefined
    return row === undefined ? null : toOperator(row)
  }

  async create(input: NewOperator): Promise<Operator> {
    const { name, extension, scopes, pin } = parse(NewOperator, input, 'operator')
    const pinHash = await hashPin(pin)
    const at = this.now()
    const operator: Operator = { id: randomUUID(), name, extension, scopes: normalScopes(scopes), createdAt: at, updatedAt: at }
    this.db.transaction(() => {
      if (this.isFirstRun() && !operator.scopes.includes(ADMIN)) {
        throw new OperatorError('invalid', 'The first operator must be able to configure everything, or nobody could change the settings.', 'scopes')
      }
      this.assertNameFree(name, null)
      this.db
        .prepare('INSERT INTO operators (id, name, extension, scopes, pin_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(operator.id, name, extension, JSON.stringify(operator.scopes), pinHash, at, at)
    }).immediate()
    return operator
  }

  /** False for a wrong PIN, a PIN of the wrong form or an unknown operator. */
  async verifyPin(id: string, pin: string): Promise<boolean> {
    if (!PIN_FORMAT.test(pin)) return false
    const row = this.db.prepare('SELECT pin_hash FROM operators WHERE id = ?').get(id) as { pin_hash: string } | undefined
    if (row === undefined) {
      await verifyPinHash(pin, await (unknownOperatorHash ??= hashPin('unknown operator')))
      return false
    }
    return verifyPinHash(pin, row.pin_hash)
  }

  /** The operator's wrong PINs since their last sign-in, and until when they may not try again (0: they may). */
  signInFailures(id: string): { failures: number; lockedUntil: number } {
    const row = this.db.prepare('SELECT failures, locked_until FROM sign_in_failures WHERE operator_id = ?').get(id) as
      | { failures: number; locked_until: number }
      | undefined
    return { failures: row?.failures ?? 0, lockedUntil: row?.locked_until ?? 0 }
  }

  /** Counts one more wrong PIN for an existing operator (unknown ids are not counted: they cannot sign in). */
  recordSignInFailure(id: string, lockedUntil: (failures: number) => number): void {
    this.db.transaction(() => {
      const failures = this.signInFailures(id).failures + 1
      this.db
        .prepare(
          `INSERT INTO sign_in_failures (operator_id, failures, locked_until) SELECT id, ?, ? FROM operators WHERE id = ?
           ON CONFLICT (operator_id) DO UPDATE SET failures = excluded.failures, locked_until = excluded.locked_until`
        )
        .run(failures, lockedUntil(failures), id)
    }).immediate()
  }

  clearSignInFailures(id: string): void {
    this.db.prepare('DELETE FROM sign_in_failures WHERE operator_id = ?').run(id)
  }

  /**
   * A new PIN (an admin's reset, or the operator's own change). The wrong PINs counted against the
   * old one go with it: they guessed at a PIN that no longer exists, and an operator locked out
   * who is given a new PIN can use it at once.
   */
  async setPin(id: string, pin: string): Promise<void> {
    const pinHash = await hashPin(parse(Pin, pin, 'pin'))
    this.db.transaction(() => {
      this.update(id, 'pin_hash = ?', pinHash)
      this.clearSignInFailures(id)
    }).immediate()
  }

  /**
   * One edit of an operator (`operators:update`): every given field through its own checked
   * setter, all or nothing — a refused scope change leaves the new name and extension unsaved too.
   */
  async change(id: string, change: { name?: string; extension?: string; scopes?: Scope[]; pin?: string }): Promise<Operator> {
    // The one slow step, before the transaction (it must not wait inside one).
    const pinHash = change.pin === undefined ? null : await hashPin(parse(Pin, change.pin, 'pin'))
    return this.db.transaction(() => {
      if (change.name !== undefined) this.rename(id, change.name)
      if (change.extension !== undefined) this.setExtension(id, change.extension)
      if (change.scopes !== undefined) this.setScopes(id, change.scopes)
      if (pinHash !== null) {
        this.update(id, 'pin_hash = ?', pinHash)
        this.clearSignInFailures(id)
      }
      const operator = this.get(id)
      if (operator === null) throw new OperatorError('not-found', 'This operator no longer exists; someone may have removed them.')
      return operator
    }).immediate()
  }

  rename(id: string, name: string): Operator {
    const trimmed = parse(OperatorName, name, 'name')
    return this.db.transaction(() => {
      this.assertNameFree(trimmed, id)
      return this.update(id, 'name = ?', trimmed)
    }).immediate()
  }

  setExtension(id: string, extension: string): Operator {
    return this.update(id, 'extension = ?', parse(SipExtension, extension, 'extension'))
  }

  setScopes(id: string, scopes: readonly Scope[]): Operator {
    const wanted = normalScopes(parse(Scopes, scopes, 'scopes'))
    return this.db.transaction(() => {
      if (!wanted.includes(ADMIN)) this.assertNotLastAdmin(id, 'lose')
      return this.update(id, 'scopes = ?', JSON.stringify(wanted))
    }).immediate()
  }

  remove(id: string): void {
    this.db.transaction(() => {
      this.assertNotLastAdmin(id, 'remove')
      this.db.prepare('DELETE FROM operators WHERE id = ?').run(id)
    }).immediate()
  }

  private update(id: string, assignment: string, value: string): Operator {
    const changed = this.db.prepare(`UPDATE operators SET ${assignment}, updated_at = ? WHERE id = ?`).run(value, this.now(), id).changes
    const operator = changed === 0 ? null : this.get(id)
    if (operator === null) throw new OperatorError('not-found', 'This operator no longer exists; someone may have removed them.')
    return operator
  }

  private assertNameFree(name: string, exceptId: string | null): void {
    const clash = this.db.prepare('SELECT id FROM operators WHERE name = ? AND id IS NOT ?').get(name, exceptId)
    if (clash !== undefined) throw new OperatorError('duplicate-name', `There is already an operator called ${name}; choose another name.`, 'name')
  }

  private assertNotLastAdmin(id: string, action: 'lose' | 'remove'): void {
    const operator = this.get(id)
    if (operator === null) throw new OperatorError('not-found', 'This operator no longer exists; someone may have removed them.')
    if (!operator.scopes.includes(ADMIN)) return
    const others = this.list().filter((o) => o.id !== id && o.scopes.includes(ADMIN))
    if (others.length > 0) return
    const what = action === 'remove' ? `before removing ${operator.name}` : `before taking it from ${operator.name}`
    throw new OperatorError(
      'last-admin',
      `${operator.name} is the only operator who can configure everything. Give that to another operator ${what}, or nobody could change the settings.`,
      'scopes'
    )
  }
}
