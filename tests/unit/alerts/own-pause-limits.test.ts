import { describe, expect, it } from 'vitest'
import { pauseLimitRows, withPauseLimit } from '../../../src/renderer/alerts/pure/own-pause-limits'

const machine = [
  { reason: 'lunch', seconds: 3600 },
  { reason: 'break', seconds: 900 }
]

describe("Your limits' pause reasons", () => {
  it("lists the machine's reasons with the operator's figure matched ignoring case, then the operator's other reasons with the general limit behind them", () => {
    const rows = pauseLimitRows(machine, 1200, [
      { reason: 'coaching', seconds: 60 },
      { reason: 'LUNCH', seconds: 600 }
    ])
    expect(rows).toEqual([
      { reason: 'lunch', machineSeconds: 3600, machineHas: true, ownSeconds: 600 },
      { reason: 'break', machineSeconds: 900, machineHas: true, ownSeconds: null },
      { reason: 'coaching', machineSeconds: 1200, machineHas: false, ownSeconds: 60 }
    ])
    expect(pauseLimitRows(machine, null, undefined).map((r) => r.ownSeconds)).toEqual([null, null])
  })

  it('sets a figure in place (keeping how the operator spelt the reason), adds a new reason trimmed, and drops one; none left is no list', () => {
    const own = [
      { reason: 'Lunch', seconds: 600 },
      { reason: 'coaching', seconds: 60 }
    ]
    expect(withPauseLimit(own, 'lunch', 300)).toEqual([
      { reason: 'Lunch', seconds: 300 },
      { reason: 'coaching', seconds: 60 }
    ])
    expect(withPauseLimit(own, ' training ', 120)).toEqual([...own, { reason: 'training', seconds: 120 }])
    expect(withPauseLimit(own, 'COACHING', null)).toEqual([{ reason: 'Lunch', seconds: 600 }])
    expect(withPauseLimit([{ reason: 'lunch', seconds: 1 }], 'lunch', null)).toBeUndefined()
    expect(withPauseLimit(undefined, 'break', 60)).toEqual([{ reason: 'break', seconds: 60 }])
  })
})
