import { describe, expect, it } from 'vitest'
import { ALWAYS_SHOWN, COLUMNS, sortInForce, visibleColumns } from '../../../src/renderer/floor/columns'

describe('the columns an operator sees', () => {
  it('keeps table order and drops the hidden ones', () => {
    expect(visibleColumns(['direction', 'status'])).toEqual(COLUMNS.map((c) => c.id).filter((id) => id !== 'direction' && id !== 'status'))
  })

  it('never hides Agent or Controls, and ignores ids it does not know', () => {
    const shown = visibleColumns(['agent', 'controls', 'no-such-column'])
    for (const id of ALWAYS_SHOWN) expect(shown).toContain(id)
    expect(shown).toHaveLength(COLUMNS.length)
  })

  it('a sort on a hidden column falls back; a sort on a shown one stays', () => {
    const fallback = { column: 'agent', direction: 'ascending' } as const
    const byTime = { column: 'time', direction: 'descending' } as const
    expect(sortInForce(byTime, visibleColumns(['time']), fallback)).toEqual(fallback)
    expect(sortInForce(byTime, visibleColumns([]), fallback)).toEqual(byTime)
  })
})
