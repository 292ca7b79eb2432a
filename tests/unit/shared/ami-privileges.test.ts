import { describe, expect, it } from 'vitest'
import { ACTION_WRITE_CLASSES, AMI_CLASSES, EARSHOT_PRIVILEGES, EVENT_READ_CLASSES, leastWriteClasses, managerConfUser, neededReadClasses } from '../../../src/shared/ami-privileges'

const covers = (classes: readonly string[], table: Readonly<Record<string, readonly string[]>>): boolean =>
  Object.values(table).every((allowed) => allowed.length === 0 || allowed.some((c) => classes.includes(c)))

/** Every subset of `items`. */
function subsets<T>(items: readonly T[]): T[][] {
  return items.reduce<T[][]>((all, item) => [...all, ...all.map((s) => [...s, item])], [[]])
}

describe('the least AMI privileges', () => {
  it('allow every action Earshot sends, and no set of fewer classes does', () => {
    const chosen = leastWriteClasses()
    expect(covers(chosen, ACTION_WRITE_CLASSES)).toBe(true)
    const candidates = [...new Set(Object.values(ACTION_WRITE_CLASSES).flat())]
    for (const smaller of subsets(candidates).filter((s) => s.length < chosen.length)) expect(covers(smaller, ACTION_WRITE_CLASSES)).toBe(false)
    // Each class chosen is needed: without it some action is refused.
    for (const c of chosen) expect(covers(chosen.filter((x) => x !== c), ACTION_WRITE_CLASSES)).toBe(false)
  })

  it('never ask for command (any CLI command) nor classes no action Earshot sends is registered with', () => {
    const used = new Set(Object.values(ACTION_WRITE_CLASSES).flat())
    expect(EARSHOT_PRIVILEGES.write).not.toContain('command')
    expect(EARSHOT_PRIVILEGES.read).not.toContain('command')
    for (const c of EARSHOT_PRIVILEGES.write) expect(used.has(c)).toBe(true)
  })

  it('prefer the least reaching class when several would do', () => {
    // Either call or system would do for A; B forces originate: call is chosen, not system.
    expect(leastWriteClasses({ A: ['system', 'call'], B: ['originate'] }).sort()).toEqual(['call', 'originate'])
    // One class covering two actions beats two: reporting covers both.
    expect(leastWriteClasses({ A: ['call', 'reporting'], B: ['config', 'reporting'] })).toEqual(['reporting'])
    expect(leastWriteClasses({ A: [] })).toEqual([])
  })

  it('read every class the folded events come under, and only those', () => {
    expect(new Set(neededReadClasses())).toEqual(new Set(Object.values(EVENT_READ_CLASSES)))
    expect(neededReadClasses({ Hangup: 'call' })).toEqual(['call'])
    for (const c of [...EARSHOT_PRIVILEGES.read, ...EARSHOT_PRIVILEGES.write]) expect(AMI_CLASSES).toContain(c)
  })

  it('write the manager.conf user from the derivation', () => {
    const text = managerConfUser()
    expect(text).toContain(`read = ${EARSHOT_PRIVILEGES.read.join(',')}\n`)
    expect(text).toContain(`write = ${EARSHOT_PRIVILEGES.write.join(',')}\n`)
  })
})
