import { randomBytes } from 'node:crypto'
import { SUPERVISION_TOKEN } from '../../shared/supervision'

/** A fresh caller ID tag for one leg: unguessable, so no other call can pass for Earshot's leg. */
export function newLegToken(): string {
  const token = `es${randomBytes(6).toString('hex')}`
  if (!SUPERVISION_TOKEN.test(token)) throw new Error('leg token does not match its own pattern')
  return token
}
