import type { AgentRow } from '../../shared/floor'
import { rosterOf } from './roster'

/** How the floor orders names: case and accents aside, digits as numbers ("Agent 2" before "Agent 10"). */
export const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true })

/**
 * The agents' order by name, then extension, kept as a rank per agent across renders. A busy floor
 * re-sorts its rows on every change (dozens a second) while names hardly ever change, and comparing
 * names with the collator at each of the ~10,000 comparisons of a 1,000-row sort was most of the
 * page's script time. The ranks are worked out again only when an agent appears or is renamed.
 */
export class NameOrder {
  /** By extension: the name it was ranked under, and its rank. */
  private ranks = new Map<string, { name: string; rank: number }>()
  /** The ranked extensions in order (null: rank again first). */
  private order: string[] | null = null
  /** The rows `order` was last found right for. */
  private orderedFor: ReadonlyMap<string, AgentRow> | null = null
  /** The floor store's roster (roster.ts) `order` was last found right for, if it was one of its maps. */
  private orderedRoster: number | null = null

  /** A comparator by name then extension for these rows (ranks them again first if one is new or renamed). */
  comparator(rows: Iterable<AgentRow>): (a: AgentRow, b: AgentRow) => number {
    const list = [...rows]
    if (list.some((row) => this.ranks.get(row.extension)?.name !== row.name)) this.rank(list)
    const ranks = this.ranks
    return (a, b) => (ranks.get(a.extension)?.rank ?? 0) - (ranks.get(b.extension)?.rank ?? 0)
  }

  /**
   * The extensions of `rows` by name then extension: the rows sorted by agent without sorting them
   * (5,000 rows, re-sorted for every frame's changes, were the page's largest cost). Worked out
   * again only when an agent comes, goes or is renamed.
   */
  ordered(rows: ReadonlyMap<string, AgentRow>): readonly string[] {
    // The same rows again (a render for the clock, a page turn): nothing to check.
    if (rows === this.orderedFor && this.order !== null) return this.order
    // Another map of the store with the same agents under the same names.
    const roster = rosterOf(rows)
    if (roster !== null && roster === this.orderedRoster && this.order !== null) {
      this.orderedFor = rows
      return this.order
    }
    let same = this.order !== null && this.ranks.size === rows.size
    if (same) {
      for (const row of rows.values()) {
        if (this.ranks.get(row.extension)?.name !== row.name) {
          same = false
          break
        }
      }
    }
    if (!same || this.order === null) {
      this.rank([...rows.values()])
      this.order = [...this.ranks.keys()]
    }
    this.orderedFor = rows
    this.orderedRoster = roster
    return this.order
  }

  private rank(rows: readonly AgentRow[]): void {
    const sorted = [...rows].sort((a, b) => collator.compare(a.name, b.name) || collator.compare(a.extension, b.extension))
    this.ranks = new Map(sorted.map((row, rank) => [row.extension, { name: row.name, rank }]))
    this.order = null
    this.orderedFor = null
    this.orderedRoster = null
  }
}
