import { describe, expect, it } from 'vitest'
import { countOf, partOf } from '../../../src/renderer/shell/pure/words'

describe('counts in words (issue 13.13: "1 agents")', () => {
  it('one is singular, everything else plural', () => {
    expect(countOf(1, 'agent')).toBe('1 agent')
    expect(countOf(0, 'agent')).toBe('0 agents')
    expect(countOf(2, 'agent')).toBe('2 agents')
    expect(countOf(1, 'match', 'matches')).toBe('1 match')
    expect(countOf(3, 'match', 'matches')).toBe('3 matches')
  })

  it('a part agrees with its whole', () => {
    expect(partOf(1, 1, 'agent')).toBe('1 of 1 agent')
    expect(partOf(0, 12, 'agent')).toBe('0 of 12 agents')
  })
})
