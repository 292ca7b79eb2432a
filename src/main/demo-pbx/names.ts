/** People on the demo floor and the customers who call it. */
import type { Random } from './random'

const FIRST = [
  'Ava', 'Liam', 'Sofia', 'Noah', 'Maya', 'Ethan', 'Chloe', 'Lucas', 'Amara', 'Oliver', 'Priya', 'Mateo',
  'Hannah', 'Jonas', 'Leila', 'Samuel', 'Grace', 'Tomás', 'Ingrid', 'Kwame', 'Yuki', 'Daniel', 'Nadia', 'Felix'
]
const LAST = [
  'Thompson', 'Okafor', 'Rossi', 'Nguyen', 'Patel', 'Schmidt', 'García', 'Kowalski', 'Haddad', 'Murphy', 'Silva', 'Johansson',
  'Mensah', 'Tanaka', 'Dubois', 'Novak', 'Ahmed', 'Fischer', 'Costa', 'Reyes', 'Lindqvist', 'Brennan', 'Chen', 'Adeyemi'
]

/** The i-th agent's name ("Ava Thompson", "Liam Okafor", ...): stable, whatever the seed. */
export function agentName(i: number): string {
  const first = FIRST[i % FIRST.length] ?? 'Agent'
  const last = LAST[(i + Math.floor(i / FIRST.length) * 5) % LAST.length] ?? String(i)
  return `${first} ${last}`
}

const CUSTOMER_FIRST = ['Alice', 'Bob', 'Carol', 'Dave', 'Erin', 'Frank', 'Gita', 'Hugo', 'Iris', 'Jamal', 'Kate', 'Luis', 'Mei', 'Nico', 'Olga', 'Pete']
const CUSTOMER_LAST = ['Customer', 'Prospect', 'Baker', 'Carter', 'Evans', 'Foster', 'Hughes', 'Jensen', 'Khan', 'Lopez', 'Moreau', 'Walsh']

export function customerName(random: Random): string {
  return `${random.pick(CUSTOMER_FIRST)} ${random.pick(CUSTOMER_LAST)}`
}

/** An inbound caller's number, E.164 as a trunk would present it (`+442070001111`). */
export function inboundNumber(random: Random): string {
  return random.chance(0.6) ? `+44207${String(random.int(0, 9_999_999)).padStart(7, '0')}` : `+1555${String(random.int(0, 9_999_999)).padStart(7, '0')}`
}

/** A number an agent dials out (after the 9 prefix), like the lab's `15551230000`. */
export function outboundNumber(random: Random): string {
  return random.chance(0.5) ? `1555${String(random.int(0, 9_999_999)).padStart(7, '0')}` : `44207${String(random.int(0, 9_999_999)).padStart(7, '0')}`
}
