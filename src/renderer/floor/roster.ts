import type { AgentRow } from '../../shared/floor'

/**
 * The rows maps the floor store made, each with its roster: a number that changes whenever an
 * agent comes, goes or is renamed. Two maps with the same roster hold the same agents under the
 * same names, so the name order (NameOrder) of one is the order of the other: 5,000 rows need not
 * be looked at again for every delta. Any other map (a scope's subset, a test's) has none.
 */
const rosters = new WeakMap<ReadonlyMap<string, AgentRow>, number>()
/** One count for every store, so two stores' maps never share a roster by chance. */
let lastRoster = 0

/** Gives `rows` the roster of `samePeopleAs` (a map it was made from with nobody come, gone or renamed), or a new one. */
export function setRoster(rows: ReadonlyMap<string, AgentRow>, samePeopleAs: ReadonlyMap<string, AgentRow> | null): void {
  rosters.set(rows, (samePeopleAs === null ? undefined : rosters.get(samePeopleAs)) ?? ++lastRoster)
}

export function rosterOf(rows: ReadonlyMap<string, AgentRow>): number | null {
  return rosters.get(rows) ?? null
}
