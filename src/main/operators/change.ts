import type { Scope } from '../../shared/settings'
import type { Operator, Operators } from './repository'

/** One `operators:update`: each given field through the repository's own checked setter. */
export async function operatorChange(
  operators: Operators,
  change: { id: string; name?: string; extension?: string; scopes?: Scope[]; pin?: string }
): Promise<Operator> {
  const { id } = change
  if (change.name !== undefined) operators.rename(id, change.name)
  if (change.extension !== undefined) operators.setExtension(id, change.extension)
  if (change.scopes !== undefined) operators.setScopes(id, change.scopes)
  if (change.pin !== undefined) await operators.setPin(id, change.pin)
  const operator = operators.get(id)
  if (operator === null) throw new Error('This operator no longer exists; someone may have removed them.')
  return operator
}
